using IcpKit.Icp;
using IcpKit.PutToWork;



namespace IcpKit.Tests.PutToWork;

/// <summary>An experiment pre-registered at the end of Q2 (window: Q3), graded on each quarter's export.</summary>
public class ExperimentGradingTests(QuarterExports quarters) : IClassFixture<QuarterExports>
{
    private static readonly DateOnly Registered = new(2026, 7, 1);
    private static readonly DateOnly EndsOn = new(2026, 9, 30);

    private static string Seed => $"(generator seed {QuarterExports.Seed})";

    [Fact]
    public void Grade_OnTheQuarterItWasWrittenIn_IsNotEnoughData()
    {
        // Graded on Q2 (as of 2026-06-30), the experiment has not even started: no verdict yet.
        var icp = QuarterExports.Icp(quarters.Q2.Export, ExperimentMetrics.WinRateDifference, 0.10, Registered, EndsOn);

        var verdict = ExperimentGrading.Grade(icp, quarters.Q2.Export)!;

        Assert.Equal(ExperimentOutcome.NotEnoughData, verdict.Outcome);
        Assert.Contains("2026-09-30", verdict.Reason, StringComparison.Ordinal);
        Assert.True(double.IsNaN(verdict.Value));
    }

    [Fact]
    public void Grade_PlantedLiftAboveThreshold_IsMet()
    {
        // The planted ICP wins about 0.6 against 0.2: a difference of 10 points is comfortably met.
        var icp = QuarterExports.Icp(quarters.Q3.Export, ExperimentMetrics.WinRateDifference, 0.10, Registered, EndsOn);

        var verdict = ExperimentGrading.Grade(icp, quarters.Q3.Export)!;

        Assert.True(verdict.Outcome == ExperimentOutcome.Met, $"{verdict} {Seed}");
        Assert.True(verdict.IcpCount >= ExperimentGrading.DefaultMinimumPerArm && verdict.OtherCount >= ExperimentGrading.DefaultMinimumPerArm);
        Assert.True(verdict.Interval!.Value.Contains(verdict.Value));
    }

    [Fact]
    public void Grade_WinRate_IsTheIcpDealsWonInTheWindowAndMetFromTheThresholdOn()
    {
        // Oracle by hand: the ICP's deals (of known accounts) closed from the file's date to ends_on, both inclusive, won / closed.
        var export = quarters.Q3.Export;
        var icp = QuarterExports.Icp(export, ExperimentMetrics.WinRate, 0.5, Registered, EndsOn);
        var inIcp = export.Accounts.Where(a => icp.Match(a, export.Usage.GetValueOrDefault(a.AccountId) ?? IcpFields.NoUsage(a.AccountId)).InIcp)
            .Select(a => a.AccountId).ToHashSet();
        var closed = export.Deals.Where(d => d.IsClosed && inIcp.Contains(d.AccountId) && d.ClosedOn >= Registered && d.ClosedOn <= EndsOn).ToList();
        var expected = (double)closed.Count(d => d.Outcome == IcpKit.Model.DealOutcome.Won) / closed.Count;

        var measured = ExperimentGrading.Grade(icp, export)!;
        Assert.Equal(expected, measured.Value, 12);
        Assert.Equal(closed.Count, measured.IcpCount);

        // On the threshold: met ("at or above"); a hair above it: not met.
        var at = ExperimentGrading.Grade(icp with { Experiment = icp.Experiment! with { SuccessThreshold = expected } }, export)!;
        Assert.Equal(ExperimentOutcome.Met, at.Outcome);
        var above = ExperimentGrading.Grade(icp with { Experiment = icp.Experiment! with { SuccessThreshold = expected + 1e-9 } }, export)!;
        Assert.Equal(ExperimentOutcome.NotMet, above.Outcome);
    }

    [Fact]
    public void Grade_ThresholdAboveThePlantedLift_IsNotMet()
    {
        var icp = QuarterExports.Icp(quarters.Q3.Export, ExperimentMetrics.WinRateDifference, 0.90, Registered, EndsOn);

        var verdict = ExperimentGrading.Grade(icp, quarters.Q3.Export)!;

        Assert.True(verdict.Outcome == ExperimentOutcome.NotMet, $"{verdict} {Seed}");
        Assert.True(verdict.Value < 0.90);
    }

    [Fact]
    public void Grade_CompanyWithoutPlantedEffect_IsNotMet()
    {
        // With EffectStrength 0 the "ICP" is an arbitrary slice: its lead of 30 points must not appear.
        var icp = QuarterExports.Icp(quarters.FlatQ3.Export, ExperimentMetrics.WinRateDifference, 0.30, Registered, EndsOn);

        var verdict = ExperimentGrading.Grade(icp, quarters.FlatQ3.Export)!;

        Assert.True(verdict.Outcome == ExperimentOutcome.NotMet, $"{verdict} {Seed}");
    }

    [Fact]
    public void Grade_WindowTooShortForEnoughDeals_IsNotEnoughData()
    {
        // One week holds a handful of closed ICP deals, below the minimum per arm.
        var icp = QuarterExports.Icp(quarters.Q3.Export, ExperimentMetrics.WinRate, 0.5, new DateOnly(2026, 9, 24), EndsOn);

        var verdict = ExperimentGrading.Grade(icp, quarters.Q3.Export)!;

        Assert.Equal(ExperimentOutcome.NotEnoughData, verdict.Outcome);
        Assert.True(verdict.IcpCount < ExperimentGrading.DefaultMinimumPerArm, $"{verdict} {Seed}");
        Assert.Contains("at least 20", verdict.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ExperimentMetrics.ActivationRateDifference, 0.05, ExperimentOutcome.Met)]   // planted: 0.92 vs 0.67 activate
    [InlineData(ExperimentMetrics.WinRate, 0.40, ExperimentOutcome.Met)]                    // planted ICP win rate about 0.6
    [InlineData(ExperimentMetrics.WinRateRatio, 2.0, ExperimentOutcome.Met)]                // about 3x
    [InlineData(ExperimentMetrics.IcpShareOfWins, 0.95, ExperimentOutcome.NotMet)]          // most wins still come from the rest
    public void Grade_OtherMetrics_FollowThePlantedTruth(string metric, double threshold, ExperimentOutcome expected)
    {
        // Activation is over new customers: a year's window so both arms have enough of them.
        var icp = QuarterExports.Icp(quarters.Q3.Export, metric, threshold, new DateOnly(2025, 10, 1), EndsOn);

        var verdict = ExperimentGrading.Grade(icp, quarters.Q3.Export)!;

        Assert.True(verdict.Outcome == expected, $"{verdict} {Seed}");
    }

    [Fact]
    public void Grade_WithoutExperimentBlock_IsNull()
    {
        var icp = QuarterExports.Icp(quarters.Q3.Export, ExperimentMetrics.WinRate, 0.5, Registered, EndsOn) with { Experiment = null };

        Assert.Null(ExperimentGrading.Grade(icp, quarters.Q3.Export));
    }

    [Fact]
    public void Parse_UnknownMetric_NamesTheLineAndTheKnownMetrics()
    {
        var yaml = "name: t\nversion: 1\ndate: 2026-01-01\nhas:\n  - field: industry\n    equals: a\nexperiment:\n  hypothesis: h\n  metric: win_rates\n  success_threshold: 0.1\n  ends_on: 2026-12-31\n";

        var e = Assert.Throws<IcpFileException>(() => IcpFile.Parse(yaml, IcpFields.Catalog([])));

        var error = Assert.Single(e.Errors);
        Assert.Equal(9, error.Line);
        Assert.Contains("unknown metric 'win_rates' (did you mean 'win_rate'?)", error.Message, StringComparison.Ordinal);
        Assert.Contains(ExperimentMetrics.ActivationRate, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Grade_UnknownMetricBuiltInCode_Throws()
    {
        // A definition made in code skips the file's check; grading still refuses to guess.
        var icp = QuarterExports.Icp(quarters.Q3.Export, ExperimentMetrics.WinRate, 0.5, Registered, EndsOn);
        icp = icp with { Experiment = icp.Experiment! with { Metric = "demo_rate" } };

        var e = Assert.Throws<ArgumentException>(() => ExperimentGrading.Grade(icp, quarters.Q3.Export));
        Assert.Contains("demo_rate", e.Message, StringComparison.Ordinal);
    }
}
