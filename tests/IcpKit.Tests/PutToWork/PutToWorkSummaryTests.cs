using System.Collections.Immutable;
using IcpKit.Icp;
using IcpKit.Model;
using IcpKit.PutToWork;
using IcpKit.Statistics;
using static IcpKit.Tests.Architecture.SummaryFrame;

namespace IcpKit.Tests.PutToWork;

/// <summary>The Summary DataFrames of the step-5 results: sample sizes, the experiment's grade, personas, quarters, target lists.</summary>
public sealed class PutToWorkSummaryTests
{
    [Fact]
    public void ExperimentSize_Summary_MatchesRPowerPropTest()
    {
        // R: power.prop.test(p1 = 0.2, p2 = 0.3, sig.level = 0.05, power = 0.8)$n = 293.1512855065 (Reference/power_prop_test.csv).
        var s = ExperimentSize.PerArm(0.2, 0.5).Summary;
        Assert.Equal(["baseline_rate", "minimum_lift", "target_rate", "alpha", "power", "n_per_arm_exact", "per_arm", "both_arms"], Columns(s));
        Assert.Equal(0.3, Number(s, "target_rate"), 1e-12);
        Assert.Equal(293.1512855065, Number(s, "n_per_arm_exact"), 293.15 * 1e-6);
        Assert.Equal(294, Cell(s, "per_arm"));
        Assert.Equal(588, Cell(s, "both_arms"));
    }

    [Fact]
    public void ExperimentSizes_Summary_LeavesOutTheLiftTheBaselineCannotTake()
    {
        // A lift of 1 on 63% would need 126%: not sized, so one row (lift 0.5, target 94.5%).
        var sizes = ExperimentSize.ForLifts(0.63, [0.5, 1.0]);
        var s = sizes.Summary;
        Assert.Equal(1, s.Rows.Count);
        Assert.Equal(0.5, Number(s, "minimum_lift"));
        Assert.Equal(0.945, Number(s, "target_rate"), 1e-12);
        Assert.Equal(1.0, Assert.Single(sizes.Unreachable));
    }

    [Fact]
    public void ExperimentVerdict_Summary_OneRowWithTheIntervalAndTheWords()
    {
        var experiment = new IcpExperiment("ICP accounts win more", "win_rate_difference", 0.1, new DateOnly(2026, 9, 30));
        var verdict = new ExperimentVerdict(experiment, "Data teams v2", new DateOnly(2026, 7, 1), new DateOnly(2026, 9, 30), new DateOnly(2026, 10, 5),
            ExperimentOutcome.Met, 0.38, new ConfidenceInterval(0.21, 0.55, 0.95), 64, 80, "ICP 40/64 won");
        var s = verdict.Summary;
        Assert.Equal("Data teams v2", Cell(s, "icp"));
        Assert.Equal(0.1, Number(s, "success_threshold"));
        Assert.Equal(new DateTime(2026, 7, 1), Cell(s, "window_start"));
        Assert.Equal(0.38, Number(s, "value"));
        Assert.Equal((0.21, 0.55), (Number(s, "lower"), Number(s, "upper")));
        Assert.Equal((64, 80), (Cell(s, "icp_count"), Cell(s, "other_count")));
        Assert.Equal("met", Cell(s, "verdict"));

        var unmeasured = (verdict with { Outcome = ExperimentOutcome.NotEnoughData, Value = double.NaN, Interval = null }).Summary;
        Assert.Equal("not enough data", Cell(unmeasured, "verdict"));
        Assert.True(double.IsNaN(Number(unmeasured, "lower")));
    }

    private static QuarterSummary Quarter(string quarter, QuarterCoverage? coverage, params QuarterOutcome[] outcomes) =>
        new(QuarterSummary.CurrentSchema, quarter, new DateOnly(2026, 9, 30), "1.0.0", coverage is null ? null : "Data teams v2", coverage,
            [.. outcomes], [], ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, double>>.Empty);

    [Fact]
    public void QuarterSummary_Summary_CoverageSharesThenOutcomes_AndNotInTheJson()
    {
        var coverage = new QuarterCoverage(200, 50, 0.25, ImmutableSortedDictionary<string, int>.Empty, 40, 10);
        var q = Quarter("2026Q3", coverage,
            new QuarterOutcome("win_rate_icp", "win rate, ICP", 0.4, 0.3, 0.5, 60, Unit: "share"),
            new QuarterOutcome("retention_icp", "retention, ICP", null, null, null, 0, NotMeasurable: "no churn dates mapped"));
        var s = q.Summary;
        Assert.Equal(["quarter", "figure", "label", "value", "lower", "upper", "n", "unit", "not_measurable"], Columns(s));
        Assert.Equal(["icp_share", "icp_open_deal_share", "win_rate_icp", "retention_icp"], Enumerable.Range(0, 4).Select(i => Cell(s, "figure", i)));
        Assert.Equal(0.25, Number(s, "value", 0)); // 50 of 200 accounts
        Assert.Equal(200, Cell(s, "n", 0));
        Assert.Equal(0.25, Number(s, "value", 1)); // 10 of 40 open deals
        Assert.Equal((0.4, 0.3, 0.5), (Number(s, "value", 2), Number(s, "lower", 2), Number(s, "upper", 2)));
        Assert.True(double.IsNaN(Number(s, "value", 3)));
        Assert.Equal("no churn dates mapped", Cell(s, "not_measurable", 3));
        Assert.DoesNotContain("\"summary\"", q.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void QuarterComparison_Summary_StacksTheQuartersOldestFirst()
    {
        var q2 = Quarter("2026Q2", null, new QuarterOutcome("win_rate", "win rate", 0.3, 0.2, 0.4, 50, Unit: "share"));
        var q3 = Quarter("2026Q3", null, new QuarterOutcome("win_rate", "win rate", 0.35, 0.25, 0.45, 70, Unit: "share"));
        var s = QuarterComparison.Of([q3, q2]).Summary;
        Assert.Equal(2, s.Rows.Count); // no ICP: no coverage rows
        Assert.Equal(("2026Q2", 0.3), (Cell(s, "quarter", 0), Number(s, "value", 0)));
        Assert.Equal(("2026Q3", 70), (Cell(s, "quarter", 1), Cell(s, "n", 1)));
    }

    [Fact]
    public void TargetLists_Summary_OneRowPerFileWritten()
    {
        var folder = Path.Combine(Path.GetTempPath(), "icpkit-targets-" + Guid.NewGuid().ToString("N"));
        try
        {
            var accounts = new[] { new Account { AccountId = "A1", Employees = 50 }, new Account { AccountId = "A2", Employees = 5 } };
            var icp = IcpDefinition.Parse("name: t\nversion: 1\ndate: 2026-01-01\nhas:\n  - field: employees\n    at_least: 10\n", IcpFields.Catalog(accounts));
            var deals = new[] { new Deal { DealId = "D1", AccountId = "A1", CreatedOn = new DateOnly(2026, 1, 1), Stage = "demo", Outcome = DealOutcome.Open } };
            var saved = TargetLists.Save(IcpScoring.Score(icp, accounts, deals), folder, grades: [FitGrade.A]);
            var s = saved.Summary;
            Assert.Equal(["list", "rows", "csv_path", "json_path"], Columns(s));
            Assert.Equal(2, s.Rows.Count);
            Assert.Equal(1, Cell(s, "rows", 0)); // A1 only: the one account graded A
            Assert.Equal(1, Cell(s, "rows", 1)); // its open deal
            Assert.Equal(saved.Lists[0].CsvPath, Cell(s, "csv_path", 0));
            Assert.True(File.Exists((string)Cell(s, "json_path", 1)!));
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, true);
        }
    }
}
