using CsCheck;
using IcpKit.Statistics;

namespace IcpKit.Tests.Statistics;

/// <summary>Invariants of the proportion intervals, checked on random counts (CsCheck prints the seed on failure).</summary>
public class IntervalPropertyTests
{
    private static readonly Gen<(int X, int N)> Counts = Gen.Int[1, 5000].SelectMany(n => Gen.Int[0, n].Select(x => (x, n)));

    [Fact]
    public void Wilson_AnyCounts_ContainsEstimateWithinUnitInterval()
    {
        Gen.Select(Counts, Gen.Bool, Gen.Double[0.5, 0.999]).Sample((c, cc, level) =>
        {
            var r = Proportions.Wilson(c.X, c.N, level, cc);
            Assert.True(r.Interval.Contains(r.Estimate), r.ToString());
            Assert.True(r.Interval.Lower >= 0 && r.Interval.Upper <= 1, r.ToString());
        }, iter: 2000);
    }

    [Fact]
    public void Wilson_ContinuityCorrection_NeverNarrowsTheInterval()
    {
        // The correction widens each side by up to 0.5/n, except at x = n/2 exactly where R drops it.
        Counts.Sample(c =>
        {
            var plain = Proportions.Wilson(c.X, c.N);
            var corrected = Proportions.Wilson(c.X, c.N, continuityCorrection: true);
            Assert.True(corrected.Interval.Lower <= plain.Interval.Lower + 1e-15 && corrected.Interval.Upper >= plain.Interval.Upper - 1e-15,
                $"{c.X}/{c.N}: {plain.Interval} vs {corrected.Interval}");
        }, iter: 2000);
    }

    [Fact]
    public void CompareTwo_AnyCounts_DifferenceIntervalContainsEstimateWithinMinusOneToOne()
    {
        Gen.Select(Counts, Counts, Gen.Bool).Sample((a, b, cc) =>
        {
            var r = Proportions.CompareTwo(a.X, a.N, b.X, b.N, cc);
            Assert.True(r.Interval.Contains(r.Difference) && r.Interval.Lower >= -1 && r.Interval.Upper <= 1, r.ToString());
            Assert.Equal(r.Check.IsSufficient, !double.IsNaN(r.PValue));
            if (r.Check.IsSufficient) Assert.InRange(r.PValue, 0, 1);
        }, iter: 2000);
    }

    [Fact]
    public void FisherExact_AnyTable_IntervalContainsOddsRatioAndPIsAProbability()
    {
        var cell = Gen.Frequency((4, Gen.Int[0, 60]), (1, Gen.Int[0, 3000]));
        Gen.Select(cell, cell, cell, cell).Where((a, b, c, d) => a + b > 0 && c + d > 0 && a + c > 0 && b + d > 0)
            .Sample((a, b, c, d) =>
            {
                var r = FisherExact.Test(a, b, c, d, guard: SampleGuard.None);
                Assert.True(r.Interval.Lower <= r.OddsRatio && r.OddsRatio <= r.Interval.Upper, r.ToString());
                Assert.InRange(r.PValue, 0, 1);
            }, iter: 2000);
    }
}
