using System.Collections.Immutable;
using IcpKit.Analysis;
using IcpKit.Customers;
using IcpKit.Statistics;
using IcpKit.Statistics.Survival;
using static IcpKit.Tests.Architecture.SummaryFrame;

namespace IcpKit.Tests.Customers;

/// <summary>The Summary DataFrames of the step-1 results carry the figures a reader would slice, in named columns.</summary>
public sealed class CustomerSummaryTests
{
    [Fact]
    public void RevenueConcentration_Summary_OneToTen_HasHandComputedShares()
    {
        // 1..10 sums to 55: the top account brings 10/55, the top two 19/55;
        // Gini = sum (2i - 11) i / (10 * 55) = (2 * 385 - 11 * 55) / 550 = 0.3.
        var s = RevenueConcentration.Of(Enumerable.Range(1, 10).Select(i => (double)i)).Summary;
        Assert.Equal(["accounts", "total_mrr", "top_10pct_share", "top_20pct_share", "gini"], Columns(s));
        Assert.Equal(10, Cell(s, "accounts"));
        Assert.Equal(55, Number(s, "total_mrr"), 1e-12);
        Assert.Equal(10.0 / 55, Number(s, "top_10pct_share"), 1e-12);
        Assert.Equal(19.0 / 55, Number(s, "top_20pct_share"), 1e-12);
        Assert.Equal(0.3, Number(s, "gini"), 1e-12);
    }

    [Fact]
    public void CustomerOverview_Summary_ChurnedShare_IsChurnedOverCustomers_AndNaNWithoutChurnDates()
    {
        var o = new CustomerOverview(new DateOnly(2026, 6, 30), 40, 8, 6, 2, 1234.5m, 100, 14.5, []);
        var s = o.Summary;
        Assert.Equal(new DateTime(2026, 6, 30), Cell(s, "as_of"));
        Assert.Equal(40, Cell(s, "accounts"));
        Assert.Equal(8, Cell(s, "customers"));
        Assert.Equal(6, Number(s, "active"));
        Assert.Equal(2, Number(s, "churned"));
        Assert.Equal(0.25, Number(s, "churned_share"), 1e-12); // 2 of 8
        Assert.Equal(1234.5, Number(s, "active_mrr"), 1e-12);
        Assert.Equal(100, Number(s, "median_mrr"));
        Assert.Equal(14.5, Number(s, "median_tenure_months"));

        var noChurn = (o with { NoChurnDates = "no churn dates mapped" }).Summary;
        Assert.True(double.IsNaN(Number(noChurn, "churned")));
        Assert.True(double.IsNaN(Number(noChurn, "churned_share")));
        Assert.True(double.IsNaN(Number(noChurn, "median_tenure_months")));
        Assert.Equal(1234.5, Number(noChurn, "active_mrr"), 1e-12);
    }

    [Fact]
    public void SpendBySegment_Summary_OneRowPerSegment_WithIqr()
    {
        var spend = new SpendBySegment("industry", [new SegmentSpend("fintech", 4, 400, 90, 80, 120, 0.8), new SegmentSpend("retail", 2, 100, 50, 40, 60, 0.2)], 6);
        var s = spend.Summary;
        Assert.Equal(2, s.Rows.Count);
        Assert.Equal("retail", Cell(s, "segment", 1));
        Assert.Equal(40, Number(s, "iqr"), 1e-12); // 120 - 80
        Assert.Equal(0.2, Number(s, "share_of_mrr", 1));
        Assert.Equal(4, Cell(s, "customers"));
    }

    [Fact]
    public void AdoptionDepth_Summary_CarriesTheMedians()
    {
        var s = new AdoptionDepth("industry", [new SegmentAdoption("fintech", 5, 12, 0.75, 300, 20.5, 4)], true).Summary;
        Assert.Equal(["segment", "active_customers", "median_seats", "median_active_share", "median_events", "median_events_per_active_week", "with_events"], Columns(s));
        Assert.Equal(5, Cell(s, "active_customers"));
        Assert.Equal(0.75, Number(s, "median_active_share"));
        Assert.Equal(20.5, Number(s, "median_events_per_active_week"));
        Assert.Equal(4, Cell(s, "with_events"));
    }

    [Fact]
    public void CrossTable_Summary_IsLongForm_WithTheWilsonRateAndNaNForEmptyCells()
    {
        // 3 customers of 4 accounts: Wilson 95% [0.3006, 0.9544] (R: prop.test(3, 4, correct = FALSE)$conf.int).
        var rate = Proportions.Wilson(3, 4);
        ImmutableArray<ImmutableArray<CrossCell>> cells = [[new CrossCell("1-10", "B2B", 4, 3, rate), new CrossCell("1-10", "B2C", 0, 0, null)]];
        var s = new CrossTable("employees", "business_model", ["1-10"], ["B2B", "B2C"], cells, 10).Summary;
        Assert.Equal(["employees", "business_model", "accounts", "customers", "customer_rate", "rate_lower", "rate_upper"], Columns(s));
        Assert.Equal(2, s.Rows.Count);
        Assert.Equal(0.75, Number(s, "customer_rate"), 1e-12);
        Assert.Equal(0.3006, Number(s, "rate_lower"), 1e-4);
        Assert.Equal(0.9544, Number(s, "rate_upper"), 1e-4);
        Assert.Equal("B2C", Cell(s, "business_model", 1));
        Assert.True(double.IsNaN(Number(s, "customer_rate", 1)));
    }

    [Fact]
    public void HistoricBias_Summary_VerdictInWords_AndNaNWinRateWithoutClosedDeals()
    {
        var rows = ImmutableArray.Create(
            new SegmentHistory("industry", "fintech", 20, 0.4, 30, 0.6, 1.5, 6, 0.6, Proportions.Wilson(6, 12), 0.25, 0.04, BiasVerdict.ExposureBias, "tried more"),
            new SegmentHistory("industry", "retail", 15, 0.3, 0, 0, 0, 0, 0, null, 0.5, double.NaN, BiasVerdict.NeverTried, "never tried"));
        var s = new HistoricBiasResult(rows, BiasOptions.Default).Summary;
        Assert.Equal(0.5, Number(s, "win_rate"), 1e-12); // 6 of 12
        Assert.Equal(1.5, Number(s, "exposure"));
        Assert.Equal("tried more than its size (exposure bias)", Cell(s, "verdict"));
        Assert.Equal("never tried", Cell(s, "verdict", 1));
        Assert.True(double.IsNaN(Number(s, "win_rate", 1)));
        Assert.Equal(30, Cell(s, "deals"));
    }

    [Fact]
    public void StayAndActivate_Summary_RetentionAndActivationAgainstTheRest()
    {
        var retained = new SurvivalAtTime(365.25, 10, 2, 1, 0.8, 0.1, 0.6, 0.9);
        var rows = ImmutableArray.Create(
            new TraitOutcome("industry", "fintech", 25, retained, 0.7, 0.03, Proportions.Wilson(10, 20), 0.3, 0.2),
            new TraitOutcome("industry", "retail", 21, retained with { Survival = 0.5 }, 0.75, 0.5, null, 0.4, double.NaN));
        var s = new StayAndActivate(rows, 12, 60, true).Summary;
        Assert.Equal(0.8, Number(s, "retention"));
        Assert.Equal(0.6, Number(s, "retention_lower"));
        Assert.Equal(0.7, Number(s, "rest_retention"));
        Assert.Equal(0.03, Number(s, "retention_p_adjusted"));
        Assert.Equal(0.5, Number(s, "activation"), 1e-12); // 10 of 20
        Assert.True(double.IsNaN(Number(s, "activation", 1)));
        Assert.Equal(0.4, Number(s, "rest_activation", 1));
    }

    [Fact]
    public void CustomerFindings_Summary_OneRowPerStandOutTrait()
    {
        var lift = new TraitLiftRow("industry", "fintech", 12, Proportions.Wilson(12, 40), 30, 200, 0.15, 2.0, new ConfidenceInterval(1.3, 2.9, 0.95),
            LiftTest.TwoProportion, 0.001, 0.004);
        var s = new CustomerFindings([new StandOutTrait(lift, true, "tried more")], ["check fintech"], 0.05).Summary;
        Assert.Equal(1, s.Rows.Count);
        Assert.Equal(2.0, Number(s, "lift"));
        Assert.Equal(1.3, Number(s, "lift_lower"));
        Assert.Equal(12, Cell(s, "customers"));
        Assert.Equal(true, Cell(s, "survives_adjustment"));
        Assert.Equal("tried more", Cell(s, "note"));
    }

    [Fact]
    public void AnalysisPlan_Summary_NamesEachRole_AndWhyATraitIsMissing()
    {
        var plan = new AnalysisPlan(new TraitChoice("focus trait", Measure.Of("industry"), "icpkit.yaml"),
            new TraitChoice("size trait", new NotMeasurable("no numeric trait"), "the export"),
            new TraitChoice("cross: rows", Measure.Of("industry"), "the export"), new TraitChoice("cross: columns", Measure.Of("country"), "the export"), ["industry", "country"]);
        var s = plan.Summary;
        Assert.Equal(["used_as", "trait", "not_measurable", "chosen_by"], Columns(s));
        Assert.Equal("focus trait", Cell(s, "used_as"));
        Assert.Equal("industry", Cell(s, "trait"));
        Assert.Equal("", Cell(s, "trait", 1));
        Assert.Equal("no numeric trait", Cell(s, "not_measurable", 1));
        Assert.Equal("deal trait", Cell(s, "used_as", 4)); // the default deal-trait choice
    }
}
