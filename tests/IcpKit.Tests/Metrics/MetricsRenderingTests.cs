using IcpKit.Metrics;
using IcpKit.Model;
using IcpKit.Statistics;
using IcpKit.Statistics.Survival;

namespace IcpKit.Tests.Metrics;

public class MetricsRenderingTests
{
    private static readonly DateOnly AsOf = new(2025, 12, 31);

    // Group names come from the customer's data: one that looks like markup must show as text.
    private static Account[] Accounts() =>
    [
        .. Enumerable.Range(0, 30).Select(i => new Account
        {
            AccountId = $"a{i}", Industry = i % 2 == 0 ? "<b>saas</b>" : "retail",
            CustomerSince = new DateOnly(2025, 1 + i % 6, 3), ChurnedOn = i % 5 == 0 ? new DateOnly(2025, 9, 1) : null,
        }),
    ];

    private static readonly Segmentation Industry = Segmentation.Of("industry", a => a.Industry);

    [Fact]
    public void ToHtml_GroupNameWithMarkup_IsEscapedInEveryMetric()
    {
        var accounts = Accounts();
        var usage = accounts.ToDictionary(a => a.AccountId, a => new AccountUsage { AccountId = a.AccountId, EventCount = 10, ActiveWeeks = 2 });
        string[] html =
        [
            Retention.Survival(accounts, AsOf, Industry).ToHtml(),
            Retention.Matrices(accounts, AsOf, CohortPeriod.Month, Industry, RetentionMeasure.Logo).ToHtml(),
            Retention.Matrices(accounts, AsOf, CohortPeriod.Month, Industry, RetentionMeasure.Logo)["<b>saas</b>"].ToHtml(),
            Cohorts.Signups(accounts, AsOf, CohortPeriod.Quarter, Industry).ToHtml(),
            Activation.Rate(accounts, usage, AsOf, Industry).ToHtml(),
            UsageIntensity.Of(accounts, usage, AsOf, Industry, new BootstrapOptions { Resamples = 200 }).ToHtml(),
        ];
        foreach (var h in html)
        {
            Assert.DoesNotContain("<b>saas", h, StringComparison.Ordinal);
            Assert.Contains("&lt;b&gt;saas", h, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void SurvivalComparison_ToHtml_HasChartRiskTableAndVerdict()
    {
        var result = Retention.Survival(Accounts(), AsOf, Industry);
        var html = result.ToHtml();

        Assert.Contains("icpkit-figure", html, StringComparison.Ordinal);
        Assert.Contains("Number at risk", html, StringComparison.Ordinal);
        Assert.Contains(HtmlEscaped(result.Verdict), html, StringComparison.Ordinal);
    }

    [Fact]
    public void KaplanMeierChart_TwoGroups_HasABandAndAStepLinePerGroupStartingAtOne()
    {
        var data = SurvivalData.Create([1, 2, 3, 4, 2, 5], [true, false, true, true, true, false], ["a", "a", "a", "b", "b", "b"]);
        var figure = KaplanMeier.FitGroups(data).Chart();

        Assert.Equal(4, figure.Traces.Length);
        var line = Assert.IsType<IcpKit.Charts.ScatterTrace>(figure.Traces[1]);
        Assert.Equal(IcpKit.Charts.LineShape.StepAfter, line.Shape);
        Assert.Equal(0.0, line.X[0]);
        Assert.Equal(1.0, line.Y[0]);
        Assert.Equal("toself", Assert.IsType<IcpKit.Charts.ScatterTrace>(figure.Traces[0]).Fill);
    }

    [Fact]
    public void RetentionMatrix_Chart_IsAHeatmapWithBlankUnobservedCells()
    {
        var matrix = Retention.Matrices(Accounts(), AsOf, CohortPeriod.Month, null, RetentionMeasure.Logo)["all"];
        var heat = Assert.IsType<IcpKit.Charts.HeatmapTrace>(Assert.Single(matrix.Chart().Traces));

        Assert.Equal(matrix.Rows.Length, heat.Z.Length);
        Assert.True(double.IsNaN(heat.Z[^1][^1])); // the youngest cohort has not reached the last offset
    }

    [Fact]
    public void RateComparison_Chart_DrawsErrorBarsAndTheBenchmarkLine()
    {
        var surveys = Enumerable.Range(0, 40).Select(i => new SurveyResponse
        {
            AccountId = "a", RespondedOn = AsOf, Role = i % 2 == 0 ? "user" : "buyer", Pmf = i % 3 == 0 ? PmfAnswer.VeryDisappointed : PmfAnswer.NotDisappointed,
        });
        var export = new IcpKit.Loading.ExportData([new Account { AccountId = "a" }], [], [.. surveys],
            System.Collections.Immutable.ImmutableDictionary<string, AccountUsage>.Empty, new IcpKit.Loading.TraitCatalog([]),
            IcpKit.Loading.ProjectConfig.Canonical, AsOf, [],
            new IcpKit.Loading.ValidationReport([], [], System.Collections.Immutable.ImmutableDictionary<(string, string, IcpKit.Loading.Severity), long>.Empty));
        var figure = SurveyMetrics.PmfByRole(export).Chart();

        var bars = Assert.IsType<IcpKit.Charts.BarTrace>(Assert.Single(figure.Traces));
        Assert.Equal(2, bars.ErrorPlus.Length);
        Assert.Contains(figure.Layout.Lines, l => l.Value == SurveyMetrics.PmfBenchmark);
    }

    [Fact]
    public void StatisticsResults_ToHtml_ShowInsufficientDataInsteadOfAPValue()
    {
        var test = Proportions.CompareTwo(3, 4, 40, 100);
        Assert.Contains("insufficient data", test.ToHtml(), StringComparison.Ordinal);
        Assert.Equal(test.ToString(), test.ToText());
        var logRank = LogRank.Test(SurvivalData.Create([1, 2, 3, 4], [true, true, true, true], ["a", "a", "b", "b"]));
        Assert.Contains("insufficient data", logRank.ToHtml(), StringComparison.Ordinal);
    }

    private static string HtmlEscaped(string s) => System.Net.WebUtility.HtmlEncode(s);
}
