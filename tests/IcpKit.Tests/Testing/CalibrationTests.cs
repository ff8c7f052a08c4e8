using System.Collections.Concurrent;
using IcpKit.Generation;
using IcpKit.Statistics;
using IcpKit.Testing;
using Xunit.Abstractions;

namespace IcpKit.Tests.Testing;

/// <summary>
/// The verdict's calibration on the kit's own generator (<see cref="SampleScenario"/>, 3,000 accounts a world, fixed seeds):
/// a null ICP must not "hold" (nor its sales cycle hold or be wrong) more than 5% of the time, a planted one must hold,
/// a broad one must be "too broad". The benchmark command <c>calibration</c> runs many more seeds of both generators and
/// prints every rate with its interval (docs/icp-test.md, Calibration).
/// </summary>
/// <remarks>The bootstrap behind the sales-cycle interval uses 200 resamples here (1,000 by default) to keep the suite fast.</remarks>
public sealed class CalibrationTests(ITestOutputHelper output)
{
    private static readonly IcpTestOptions Options = IcpTestOptions.Default with { BootstrapResamples = 200 };

    private List<CalibrationRun> Runs(ScenarioKind kind, int seeds, int firstSeed = 1, WorldSource source = WorldSource.Sample, bool churnEffect = true)
    {
        var runs = new ConcurrentBag<CalibrationRun>();
        Parallel.For(firstSeed, firstSeed + seeds, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            seed => runs.Add(CalibrationRuns.Run(source, kind, seed, 3_000, Options, churnEffect: churnEffect)));
        var list = runs.OrderBy(r => r.Seed).ToList();
        foreach (var r in list) output.WriteLine(r.ToString());
        foreach (var line in CalibrationRuns.Summary(list)) output.WriteLine(line);
        return list;
    }

    /// <summary>One-sided 95% upper bound of a rate: the upper end of the two-sided 90% Wilson interval.</summary>
    private static double Upper95(int x, int n) => Proportions.Wilson(x, n, confidence: 0.90).Interval.Upper;

    [Fact]
    public void Null_FalseHoldsAndSalesCycleCalls_StayBelow5Percent()
    {
        // 60 seeds: zero false "holds" gives a one-sided 95% upper bound of 4.3%, so the claim "at most 5%" is tested, not
        // assumed; a single false "holds" would already fail it (upper bound 7.7%).
        var runs = Runs(ScenarioKind.Null, 60);
        int holds = runs.Count(r => r.Overall == Verdict.Holds);
        Assert.True(Upper95(holds, runs.Count) <= 0.05, $"null ICP holds in {CalibrationRuns.Rate(holds, runs.Count)}");
        int cycle = runs.Count(r => r.SalesCycle is Verdict.Holds or Verdict.Wrong);
        Assert.True(Upper95(cycle, runs.Count) <= 0.05, $"null sales cycle holds or is wrong in {CalibrationRuns.Rate(cycle, runs.Count)}");
    }

    [Fact]
    public void LeastFavourableNull_FalseHoldsIsNotAboveAlpha()
    {
        // The intersection-union test's false "holds" is largest where one primary is truly better and the other null: the
        // held-out planted funnel without its churn effect, so the win rate always holds and "holds" rests on retention's
        // one-sided test at 5% alone. Its rate should be about 5% (4.0% on 300 seeds in the benchmark); the suite asserts it
        // is not clearly above (the one-sided 95% Wilson lower bound at most 5%), which a test at 10% would fail.
        var runs = Runs(ScenarioKind.Planted, 100, firstSeed: 3001, WorldSource.HeldOut, churnEffect: false);
        Assert.All(runs, r => Assert.Equal(Verdict.Holds, r.WinRate));
        int holds = runs.Count(r => r.Overall == Verdict.Holds);
        Assert.True(Proportions.Wilson(holds, runs.Count, confidence: 0.90).Interval.Lower <= 0.05,
            $"planted funnel with no churn effect holds in {CalibrationRuns.Rate(holds, runs.Count)}");
    }

    [Theory]
    [InlineData(ScenarioKind.Planted)]
    [InlineData(ScenarioKind.Confounded)]
    public void PlantedIcp_HoldsInAtLeast70Percent_AndItsWonCycleMediansAreWithin15PercentOfTheTruth(ScenarioKind kind)
    {
        // Issue 13's targets: the true planted ICP "holds" in at least 70% of worlds; the won-deal cycle medians within 15% of
        // the truth (38 days for the ICP, 80 for the rest in the sample generator).
        var runs = Runs(kind, 12, firstSeed: 101);
        int holds = runs.Count(r => r.Overall == Verdict.Holds);
        Assert.True(holds >= 0.7 * runs.Count, $"{kind} ICP holds in {CalibrationRuns.Rate(holds, runs.Count)}");
        Assert.DoesNotContain(runs, r => r.Overall is Verdict.Wrong or Verdict.TooBroad);
        int within = runs.Count(r => r.CycleWithin15);
        Assert.True(within >= 0.9 * runs.Count, $"won-deal cycle medians within 15% of the truth in {CalibrationRuns.Rate(within, runs.Count)}");
    }

    [Fact]
    public void BroadIcp_IsTooBroadInAtLeast90Percent()
    {
        var runs = Runs(ScenarioKind.Broad, 12, firstSeed: 201);
        int broad = runs.Count(r => r.Overall == Verdict.TooBroad);
        Assert.True(broad >= 0.9 * runs.Count, $"broad ICP too broad in {CalibrationRuns.Rate(broad, runs.Count)}");
        Assert.DoesNotContain(runs, r => r.Overall == Verdict.Holds);
    }
}
