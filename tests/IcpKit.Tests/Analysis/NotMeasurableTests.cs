using IcpKit.Analysis;
using IcpKit.Customers;
using IcpKit.Icp;
using IcpKit.Testing;
using IcpKit.Loading;
using IcpKit.Outcomes;
using IcpKit.PutToWork;

namespace IcpKit.Tests.Analysis;

/// <summary>
/// An absent input makes a result not measurable, in words naming the mapping field, never a zero: the fixtures share one
/// world where 2 of 8 customers churned (A03, A06), so a churn rate of 0 can only come from a missing churned_on column.
/// </summary>
public class NotMeasurableTests
{
    private const string IcpYaml = """
        name: Data-heavy verticals
        version: 1
        date: 2026-06-01
        has:
          - field: industry
            in: [saas, fintech]
        """;

    [Fact]
    public void QuarterSummary_NoChurnColumn_RetentionIsNotMeasurableNotHundredPercent()
    {
        var export = FixtureExports.Load("no-churn-dates");

        var summary = QuarterSummary.Build(export, null);

        var churn = summary.Outcome("retention")!;
        Assert.Null(churn.Value);
        Assert.Contains("no churn dates mapped", churn.NotMeasurable, StringComparison.Ordinal);
        Assert.Contains("accounts.columns.churned_on", churn.NotMeasurable, StringComparison.Ordinal);
        Assert.Contains("not measurable", summary.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void QuarterSummary_ChurnColumnMapped_RetentionIsKaplanMeierOfEightCustomers()
    {
        var summary = QuarterSummary.Build(FixtureExports.Load("no-surveys"), null);

        // By hand, as_of 2026-05-01 (the latest date): days followed A06 198 (churned), A08 199, A07 238, A03 278 (churned),
        // A05 324, A04 346, A02 394, A01 417. S(198) = 7/8; S(278) = 7/8 x 4/5 (five still followed) = 0.7, kept to day 365.
        var churn = summary.Outcome("retention")!;
        Assert.Equal(0.7, churn.Value!.Value, 6);
        Assert.Equal(8, churn.N);
        Assert.Null(churn.NotMeasurable);
        Assert.Equal(8.0 / 15, summary.Outcome("win_rate")!.Value!.Value, 6); // D01-D08 won, D09-D15 lost
    }

    [Fact]
    public void QuarterSummary_NoDeals_WinRateIsNotMeasurable()
    {
        var summary = QuarterSummary.Build(FixtureExports.Load("accounts-only"), null);

        var win = summary.Outcome("win_rate")!;
        Assert.Null(win.Value);
        Assert.Contains("no deals in this export", win.NotMeasurable, StringComparison.Ordinal);
    }

    [Fact]
    public void IcpTest_NoChurnColumn_RetentionIsNotMeasurableInsteadOfNotProvenYet()
    {
        var export = FixtureExports.Load("no-churn-dates");
        var icp = IcpDefinition.Parse(IcpYaml, IcpTest.FieldsOf(export));

        var retention = IcpTest.Run(export, icp)[IcpOutcomes.Retention];

        Assert.Equal(Verdict.NotMeasurable, retention.Verdict);
        Assert.Contains("no churn dates mapped", retention.Reason, StringComparison.Ordinal);
        Assert.Null(retention.MoreNeeded);
    }

    [Fact]
    public void CustomerOverview_NoChurnColumn_SaysNotMeasurableForChurned()
    {
        var overview = CustomerOverview.Of(FixtureExports.Load("no-churn-dates"));

        Assert.NotNull(overview.NoChurnDates);
        Assert.Contains("not measurable: no churn dates mapped", overview.ToText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("accounts-only", Need.Deals, "no deals in this export (add deals.csv")]
    [InlineData("no-churn-dates", Need.ChurnDates, "accounts.columns.churned_on")]
    [InlineData("hubspot", Need.Mrr, "no MRR mapped (map accounts.columns.mrr")]
    [InlineData("no-amounts", Need.Amounts, "deals.columns.amount")]
    [InlineData("no-events", Need.Events, "no product events in this export")]
    [InlineData("no-events", Need.ActivationEvents, "no product events in this export")]
    [InlineData("no-surveys", Need.Surveys, "no survey answers in this export")]
    [InlineData("pipedrive", Need.LossReasons | Need.Mrr, "no MRR mapped")] // the first missing input in Need order
    public void Inputs_Missing_NamesWhatIsMissingAndTheMappingField(string fixture, Need need, string expected)
    {
        var missing = Inputs.Missing(FixtureExports.Load(fixture), need);

        Assert.NotNull(missing);
        Assert.Contains(expected, missing.Sentence, StringComparison.Ordinal);
        Assert.StartsWith("Not measurable: ", missing.Sentence, StringComparison.Ordinal);
    }

    [Fact]
    public void Inputs_Missing_AllPresent_IsNull() =>
        Assert.Null(Inputs.Missing(FixtureExports.Load("no-surveys"),
            Need.ClosedDeals | Need.WonDeals | Need.LostDeals | Need.Customers | Need.ChurnDates | Need.Mrr | Need.Amounts | Need.Events | Need.ActivationEvents | Need.Funnel));

    [Fact]
    public void Measured_ChainsTheReasonAndAlsoStaysQuiet()
    {
        Measured<int> missing = new NotMeasurable("no deals in this export");

        var next = missing.Then(n => n * 2);
        var chart = missing.Also(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal("Not measurable: no deals in this export.", next.ToText());
        Assert.Equal("", chart.ToHtml());
        Assert.Equal(6, Measure.Of(3).Then(n => n * 2).Value);
    }
}
