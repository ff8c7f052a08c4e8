using CsCheck;
using IcpKit.Statistics.Survival;

namespace IcpKit.Tests.Statistics.Survival;

/// <summary>Invariants of the survival engine on random data (CsCheck prints the seed of a failing sample).</summary>
public class SurvivalPropertyTests
{
    // Whole-number times 0..40 so that ties between events, and between events and censorings, are common;
    // up to 3 groups.
    private static readonly Gen<SurvivalObservation[]> Observations =
        Gen.Select(Gen.Int[0, 40], Gen.Bool, Gen.Int[0, 2], (t, e, g) => new SurvivalObservation(t, e, "g" + g)).Array[2, 120];

    private static readonly SurvivalConfidenceType[] AllTypes =
        [SurvivalConfidenceType.LogLog, SurvivalConfidenceType.Plain, SurvivalConfidenceType.Log];

    [Fact]
    public void KaplanMeier_AnyData_IsNonIncreasingWithinUnitInterval()
    {
        Observations.Sample(obs =>
        {
            var fit = KaplanMeier.Fit(SurvivalData.FromObservations(obs));
            double previous = 1;
            foreach (var s in fit.Steps)
            {
                Assert.InRange(s.Survival, 0, 1);
                Assert.True(s.Survival <= previous, $"S rose from {previous} to {s.Survival} at {s.Time}");
                previous = s.Survival;
            }
        }, iter: 300);
    }

    [Fact]
    public void KaplanMeier_AnyIntervalType_IntervalContainsEstimate()
    {
        Observations.Sample(obs =>
        {
            var data = SurvivalData.FromObservations(obs);
            foreach (var type in AllTypes)
            {
                foreach (var s in KaplanMeier.Fit(data, type).Steps)
                {
                    // NaN limits are R's NA (log-log at S = 0 or 1, any type once S = 0): nothing to contain.
                    if (double.IsNaN(s.Lower) || double.IsNaN(s.Upper)) continue;
                    Assert.True(s.Lower <= s.Survival && s.Survival <= s.Upper, $"{type} [{s.Lower}, {s.Upper}] misses {s.Survival} at {s.Time}");
                    Assert.InRange(s.Lower, 0, 1);
                    Assert.InRange(s.Upper, 0, 1);
                }
            }
        }, iter: 200);
    }

    // The log-rank statistic depends only on the order of times, so adding a constant or multiplying by a
    // positive one must give the same chi-square, expected counts and p-value (to rounding).
    [Fact]
    public void LogRank_ShiftedOrScaledTimes_GivesSameResult()
    {
        Gen.Select(Observations, Gen.Double[-1000, 1000], Gen.Double[0.01, 100]).Sample((obs, shift, scale) =>
        {
            var data = SurvivalData.FromObservations(obs);
            if (data.Groups.Count < 2) return;
            var baseline = LogRank.Test(data, minEventsPerGroup: 0);
            foreach (var transformed in new[]
            {
                obs.Select(o => o with { Time = o.Time + shift }),
                obs.Select(o => o with { Time = o.Time * scale }),
            })
            {
                var other = LogRank.Test(SurvivalData.FromObservations(transformed.ToArray()), minEventsPerGroup: 0);
                SameLogRank(baseline, other);
            }
        }, iter: 200);
    }

    [Fact]
    public void SurvivalData_PermutedInput_ChangesNothing()
    {
        Gen.Select(Observations, Gen.Int).Sample((obs, seed) =>
        {
            var shuffled = (SurvivalObservation[])obs.Clone();
            new Random(seed).Shuffle(shuffled);
            var a = SurvivalData.FromObservations(obs);
            var b = SurvivalData.FromObservations(shuffled);
            // Record-struct equality (NaN equals NaN there, unlike xunit's element comparison of doubles).
            Assert.True(KaplanMeier.Fit(a).Steps.SequenceEqual(KaplanMeier.Fit(b).Steps));
            Assert.Equal(KaplanMeier.Fit(a).Median, KaplanMeier.Fit(b).Median);
            Assert.Equal(a.ToObservations().Select(o => (o.Time, o.Event, o.Group)).Order(),
                b.ToObservations().Select(o => (o.Time, o.Event, o.Group)).Order());
            if (a.Groups.Count >= 2)
                SameLogRank(LogRank.Test(a, 0), LogRank.Test(b, 0));
        }, iter: 200);
    }

    private static void SameLogRank(LogRankResult expected, LogRankResult actual)
    {
        Assert.Equal(expected.DegreesOfFreedom, actual.DegreesOfFreedom);
        Assert.Equal(expected.Status, actual.Status);
        if (double.IsNaN(expected.ChiSquare))
        {
            // Not computed (no events, or events in one group only): must not be computed after the change either.
            Assert.True(double.IsNaN(actual.ChiSquare));
            return;
        }
        Assert.Equal(expected.ChiSquare, actual.ChiSquare, 1e-9 * Math.Max(1, Math.Abs(expected.ChiSquare)));
        Assert.Equal(expected.PValue, actual.PValue, 1e-12);
        for (int g = 0; g < expected.Groups.Length; g++)
        {
            Assert.Equal(expected.Groups[g].Observed, actual.Groups[g].Observed);
            Assert.Equal(expected.Groups[g].Expected, actual.Groups[g].Expected, 1e-9);
        }
    }
}
