using System.Collections.Immutable;
using IcpKit.Generation;
using IcpKit.Icp;
using IcpKit.PutToWork;

namespace IcpKit.Tests.PutToWork;

public class QuarterSummaryTests(QuarterExports quarters) : IClassFixture<QuarterExports>
{
    private static readonly DateOnly Registered = new(2026, 7, 1), EndsOn = new(2026, 9, 30);

    private QuarterSummary Q3Summary() => QuarterSummary.Build(quarters.Q3.Export,
        QuarterExports.Icp(quarters.Q3.Export, ExperimentMetrics.WinRateDifference, 0.10, Registered, EndsOn));

    [Fact]
    public void SaveLoad_RoundTrip_KeepsEveryValue()
    {
        var summary = Q3Summary();
        var folder = Path.Combine(quarters.Root, "round-trip");

        var loaded = QuarterSummary.Load(summary.Save(folder));

        // Records holding immutable collections compare by reference, so compare the written JSON and a few values.
        Assert.Equal(summary.ToJson(), loaded.ToJson());
        Assert.Equal(summary.AsOf, loaded.AsOf);
        Assert.Equal(summary.Coverage!.IcpAccounts, loaded.Coverage!.IcpAccounts);
        Assert.Equal(summary.TraitShares["industry"]["fintech"], loaded.TraitShares["industry"]["fintech"]);
        Assert.Equal(summary.Verdicts.Single().Outcome, loaded.Verdicts.Single().Outcome);
    }

    [Fact]
    public void Build_Coverage_CountsThePlantedIcp()
    {
        var summary = Q3Summary();

        // The ICP file is the planted rule, so its coverage is exactly the planted truth's count.
        var planted = quarters.Q3.Export.Accounts.Count(PlantedTruth.IsIcp);
        Assert.Equal(planted, summary.Coverage!.IcpAccounts);
        Assert.Equal("2026Q3", summary.Quarter);
        Assert.Equal(new DateOnly(2026, 9, 30), summary.AsOf);
        Assert.Equal(QuarterSummary.CurrentKitVersion, summary.KitVersion);
        // The planted ICP wins more: the summary's two win rates must say so.
        Assert.True(summary.Outcome("win_rate_icp")!.Value > summary.Outcome("win_rate_non_icp")!.Value);
        Assert.Equal("met", summary.Verdicts.Single().Outcome);
    }

    [Fact]
    public void Build_WithoutIcp_LeavesIcpPartsOut()
    {
        var summary = QuarterSummary.Build(quarters.Q3.Export, icp: null);

        Assert.Null(summary.Coverage);
        Assert.Null(summary.Icp);
        Assert.Empty(summary.Verdicts);
        Assert.Null(summary.Outcome("win_rate_icp"));
        Assert.NotNull(summary.Outcome("win_rate"));
    }

    [Fact]
    public void FromJson_NewerLayout_IsRefused()
    {
        var json = Q3Summary().ToJson().Replace($"\"schema\": {QuarterSummary.CurrentSchema}", "\"schema\": 99", StringComparison.Ordinal);

        var e = Assert.Throws<InvalidDataException>(() => QuarterSummary.FromJson(json));
        Assert.Contains("newer", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_NotASummary_SaysSo() =>
        Assert.Throws<InvalidDataException>(() => QuarterSummary.FromJson("[1, 2]"));

    [Theory]
    [InlineData("2026-09-30", "2026Q3")]
    [InlineData("2026-01-01", "2026Q1")]
    [InlineData("2025-12-31", "2025Q4")]
    public void QuarterOf_Date_GivesItsQuarter(string day, string expected) =>
        Assert.Equal(expected, QuarterSummary.QuarterOf(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));
}

public class QuarterComparisonTests(QuarterExports quarters) : IClassFixture<QuarterExports>
{
    private static readonly DateOnly Registered = new(2026, 7, 1), EndsOn = new(2026, 9, 30);

    private (QuarterSummary Q2, QuarterSummary Q3) Summaries()
    {
        QuarterSummary Of(IcpKit.Loading.ExportData e) => QuarterSummary.Build(e, QuarterExports.Icp(e, ExperimentMetrics.WinRateDifference, 0.10, Registered, EndsOn));
        return (Of(quarters.Q2.Export), Of(quarters.Q3.Export));
    }

    [Fact]
    public void Of_TwoQuarters_OrdersByAsOfAndReportsTheVerdictChange()
    {
        var (q2, q3) = Summaries();

        // Given newest first, the comparison still reads oldest to newest.
        var comparison = QuarterComparison.Of([q3, q2]);

        Assert.Equal(["2026Q2", "2026Q3"], comparison.Quarters.Select(q => q.Quarter));
        // Q2 cannot grade an experiment ending in Q3; Q3 can, and the planted lift meets it.
        var verdict = Assert.Single(comparison.Verdicts);
        Assert.Equal(["not enough data", "met"], verdict.Outcomes.ToArray());
        Assert.True(verdict.Changed);
        var text = comparison.ToText();
        Assert.Contains("2026Q2", text, StringComparison.Ordinal);
        Assert.Contains("share in the ICP", text, StringComparison.Ordinal);
        Assert.Contains("1 verdict(s) changed", comparison.Headline(), StringComparison.Ordinal);
    }

    [Fact]
    public void Of_ShiftedTraitShare_IsReportedAsDrift()
    {
        var (q2, q3) = Summaries();
        // Fintech grows by 10 points in Q3: the one drift above the 2-point threshold we put there.
        var industry = q3.TraitShares["industry"];
        var moved = q3 with { TraitShares = q3.TraitShares.SetItem("industry", industry.SetItem("fintech", industry["fintech"] + 0.10)) };

        var comparison = QuarterComparison.Of([q2, moved]);

        var top = comparison.Drift[0];
        Assert.Equal(("industry", "fintech"), (top.Trait, top.Group));
        Assert.True(top.Change > 0.09, $"change {top.Change}");
        Assert.Contains("fintech", comparison.DriftTable().ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Save_WritesSelfContainedEscapedHtml()
    {
        var (q2, q3) = Summaries();
        // A hostile ICP name must come out as text, not markup.
        var comparison = QuarterComparison.Of([q2 with { Icp = "<script>alert(1)</script>" }, q3]);

        var html = File.ReadAllText(comparison.Save(Path.Combine(quarters.Root, "compare")));

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("src=\"http", html, StringComparison.Ordinal);
        Assert.Contains("Plotly.newPlot", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ForFolder_WithoutSummary_BuildsFromTheExport_ThenPrefersTheFile()
    {
        var icpPath = Path.Combine(quarters.Root, "planted-icp.yaml");
        File.WriteAllText(icpPath, QuarterExports.Icp(quarters.Q3.Export, ExperimentMetrics.WinRate, 0.5, Registered, EndsOn).ToYaml());

        var (built, source) = QuarterSummary.ForFolder(quarters.Q3.Folder, icpPath);
        Assert.StartsWith("built from the export", source, StringComparison.Ordinal);

        var report = Path.Combine(quarters.Root, "report-q3");
        built.Save(report);
        var (read, readSource) = QuarterSummary.ForFolder(report);
        Assert.StartsWith("read ", readSource, StringComparison.Ordinal);
        Assert.Equal(built.ToJson(), read.ToJson());
    }
}

public class IcpPersonasTests(QuarterExports quarters) : IClassFixture<QuarterExports>
{
    [Fact]
    public void Of_PlantedIcp_CountsOnlyIcpAnswersByRole()
    {
        var export = quarters.Q3.Export;
        var icp = QuarterExports.Icp(export, ExperimentMetrics.WinRate, 0.5, new DateOnly(2026, 7, 1), new DateOnly(2026, 9, 30));

        var personas = IcpPersonas.Of(export, icp);

        // Only answers of accounts the planted rule lets in count, and each role present among them is a group.
        var expected = export.Surveys.Where(s => export.Accounts.Any(a => a.AccountId == s.AccountId && IcpKit.Generation.PlantedTruth.IsIcp(a))).ToList();
        Assert.Equal(expected.Count, personas.Answers);
        Assert.True(personas.WithRole > 0, $"no roles among {personas.Answers} answers (seed {QuarterExports.Seed})");
        var roles = expected.Where(s => s.Pmf is not null).Select(s => string.IsNullOrWhiteSpace(s.Role) ? IcpKit.Metrics.SurveyMetrics.NoRole : s.Role.Trim()).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(roles, personas.Pmf.Groups.Select(g => g.Group).Order(StringComparer.Ordinal));
        Assert.Contains("survey answers from ICP accounts", personas.ToHtml(), StringComparison.Ordinal);

        // Summary: PMF rows then NPS rows; each role's PMF share counted by hand from the answers.
        var summary = personas.Summary;
        var pmfRows = Enumerable.Range(0, (int)summary.Rows.Count).Where(i => ((string)summary["measure"][i]!).StartsWith("product-market fit", StringComparison.Ordinal)).ToList();
        Assert.Equal(roles.Count(), pmfRows.Count);
        foreach (var i in pmfRows)
        {
            var role = (string)summary["group"][i]!;
            var answered = expected.Where(s => s.Pmf is not null && (string.IsNullOrWhiteSpace(s.Role) ? IcpKit.Metrics.SurveyMetrics.NoRole : s.Role.Trim()) == role).ToList();
            Assert.Equal(answered.Count, summary["n"][i]);
            Assert.Equal((double)answered.Count(s => s.Pmf == IcpKit.Model.PmfAnswer.VeryDisappointed) / answered.Count, (double)summary["estimate"][i]!, 1e-12);
        }
        Assert.Equal(personas.Nps.Groups.Length, (int)summary.Rows.Count - pmfRows.Count);
    }
}
