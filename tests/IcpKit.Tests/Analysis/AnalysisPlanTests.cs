using IcpKit.Customers;
using IcpKit.Loading;

namespace IcpKit.Tests.Analysis;

/// <summary>The traits notebooks break results down by come from a parameter, then icpkit.yaml's analysis section, then the export.</summary>
public class AnalysisPlanTests
{
    [Fact]
    public void For_NoIndustryColumn_ChoosesFromTheExportAndNeverNamesAMissingTrait()
    {
        var export = FixtureExports.Load("no-industry");

        var plan = AnalysisPlan.For(export);

        Assert.True(plan.Focus.Trait.IsMeasured);
        Assert.NotNull(export.Traits.Find(plan.Focus.Trait.Value));
        Assert.Equal("employees", plan.Size.Trait.Value);
        Assert.NotEqual(plan.Rows.Trait.Value, plan.Columns.Trait.Value);
        Assert.DoesNotContain("mrr", plan.Ranked); // customer-only: it would predict customers by construction
    }

    [Fact]
    public void For_ParameterNamesAnAbsentTrait_IsNotMeasurableNamingWhatTheExportHas()
    {
        var plan = AnalysisPlan.For(FixtureExports.Load("no-industry"), columnTrait: "team_size");

        Assert.False(plan.Columns.Trait.IsMeasured);
        Assert.Contains("no trait 'team_size' in this export (set by the notebook parameter); it has: employees", plan.Columns.Trait.Missing!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void For_AnalysisSection_WinsOverTheExportAndLosesToAParameter()
    {
        var export = FixtureExports.Load("no-surveys");
        var configured = export with
        {
            Config = export.Config with { Analysis = ProjectConfigReader.Parse("analysis:\n  focus_trait: Country\n  cross_traits: [country, industry]\n").Analysis },
        };

        var plan = AnalysisPlan.For(configured);
        var overridden = AnalysisPlan.For(configured, focusTrait: "industry");

        Assert.Equal("country", plan.Focus.Trait.Value); // snake_cased like extra columns
        Assert.Equal("analysis.focus_trait in icpkit.yaml", plan.Focus.How);
        Assert.Equal(("country", "industry"), (plan.Rows.Trait.Value, plan.Columns.Trait.Value));
        Assert.Equal("industry", overridden.Focus.Trait.Value);
    }

    [Fact]
    public void Parse_AnalysisCrossTraits_MoreThanTwo_NamesTheLine()
    {
        var e = Assert.Throws<ProjectConfigException>(() => ProjectConfigReader.Parse("analysis:\n  cross_traits: [a, b, c]\n"));
        Assert.Equal(2, e.Line);
        Assert.Contains("at most two traits", e.Message, StringComparison.Ordinal);
    }
}
