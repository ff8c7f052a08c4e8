using CsCheck;
using IcpKit.Statistics;
using static IcpKit.Tests.Statistics.ReferenceValues;

namespace IcpKit.Tests.Statistics;

/// <summary>Empirical-Bayes beta-binomial shrinkage against R (optim + Newton polish, qbeta) and its invariants.</summary>
public class RateShrinkageTests
{
    private const double Tol = 1e-6;

    // R: optim(BFGS) on -sum(lbeta(x + a, n - x + b) - lbeta(a, b)) over log a, log b, polished with Newton
    // steps to |gradient| < 1e-9; shrunk = (x + a)/(n + a + b), qbeta(0.025/0.975, x + a, n - x + b).
    // 24 seeded segments (set.seed(2024), rates ~ Beta(8, 24)) plus 3/3 and 80/100.
    [Fact]
    public void Fit_MatchesROptimBetaBinomial_OnSeededSegments()
    {
        var r = RateShrinkage.Fit(SeededSegments());
        AssertClose(FromR("shrink_seeded", "alpha"), r.Alpha, Tol, "alpha");
        AssertClose(FromR("shrink_seeded", "beta"), r.Beta, Tol, "beta");
        for (var i = 0; i < r.Segments.Count; i++)
        {
            var q = $"{i + 1:00}";
            AssertClose(FromR("shrink_seeded", "shrunk_" + q), r.Segments[i].Shrunk, Tol, "shrunk " + q);
            AssertClose(FromR("shrink_seeded", "lower_" + q), r.Segments[i].Interval.Lower, Tol, "lower " + q);
            AssertClose(FromR("shrink_seeded", "upper_" + q), r.Segments[i].Interval.Upper, Tol, "upper " + q);
        }
    }

    [Fact]
    public void Fit_ThreeOfThree_DoesNotOutrankEightyOfHundred()
    {
        // Raw 100% against 80%: with the other segments near 25-30%, the small one shrinks well below.
        var r = RateShrinkage.Fit(SeededSegments());
        var ranked = r.Ranked.Select(s => s.Segment).ToList();
        Assert.True(ranked.IndexOf("s02") < ranked.IndexOf("s01"), string.Join(", ", ranked));
        Assert.Equal(24, r.Summary.Rows.Count);
        Assert.Contains("maximum marginal likelihood", r.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_NoExcessVariation_PoolsEverySegment()
    {
        // Identical 20% rates: the likelihood grows with the prior strength, which runs to its bound.
        var r = RateShrinkage.Fit(Enumerable.Range(0, 6).Select(i => new SegmentCount($"s{i}", 20, 100)));
        Assert.All(r.Segments, s => Assert.Equal(0.2, s.Shrunk, 4));
        Assert.Contains("pooled", r.Fit, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_NoSuccessesAnywhere_UsesJeffreysPrior()
    {
        var r = RateShrinkage.Fit([new("a", 0, 10), new("b", 0, 30), new("c", 0, 0)]);
        Assert.Equal((0.5, 0.5), (r.Alpha, r.Beta));
        Assert.True(double.IsNaN(r.Segments[2].RawRate));
        Assert.Equal(0.5, r.Segments[2].Shrunk);
    }

    // Every shrunk rate lies between its raw rate and the prior mean, and its credible interval lies in [0, 1].
    // The interval contains the shrunk rate (the posterior mean) unless a posterior parameter is tiny: all-or-nothing
    // segments can fit a prior like Beta(3, 0.0003), whose posterior for 339611/339611 piles 97.5% of its mass
    // within 1e-300 of 1 while the mean sits at 1 - 1e-9, outside the equal-tailed interval (seed 43TqP16m9z02).
    [Fact]
    public void Fit_AnySegments_PullsEveryRateTowardTheOverallRate()
    {
        var rate = Gen.Frequency((1, Gen.Const(0.0)), (1, Gen.Const(1.0)), (1, Gen.Double[0, 0.001]), (4, Gen.Double[0, 1]));
        var segment = Gen.Select(Gen.Frequency((3, Gen.Int[1, 300]), (1, Gen.Int[1, 2_000_000])), rate)
            .Select((n, p) => (x: (int)Math.Round(n * p), n));
        segment.Array[2, 60].Sample(data =>
        {
            var r = RateShrinkage.Fit(data.Select((d, i) => new SegmentCount($"s{i}", d.x, d.n)));
            foreach (var s in r.Segments)
            {
                var (lo, hi) = (Math.Min(s.RawRate, r.PriorMean), Math.Max(s.RawRate, r.PriorMean));
                Assert.InRange(s.Shrunk, lo - 1e-12, hi + 1e-12);
                Assert.True(s.Interval.Lower >= 0 && s.Interval.Upper <= 1 && s.Interval.Lower <= s.Interval.Upper, $"{s}");
                if (Math.Min(r.Alpha + s.Successes, r.Beta + s.N - s.Successes) >= 0.05)
                    Assert.True(s.Interval.Contains(s.Shrunk), $"{s} with prior Beta({r.Alpha}, {r.Beta})");
            }
        }, iter: 300);
    }
}
