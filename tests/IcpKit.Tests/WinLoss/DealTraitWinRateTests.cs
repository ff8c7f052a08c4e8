using IcpKit.Customers;
using IcpKit.Loading;
using IcpKit.Tests.Analysis;
using IcpKit.WinLoss;

namespace IcpKit.Tests.WinLoss;

/// <summary>
/// Win rates by a deal's own traits, on tests/Fixtures/exports/crm-opportunities (16 opportunities, OPP10 and OPP11 rejected
/// for a blank account; the product and the sales agent's regional office joined by its sql: deals table).
/// </summary>
public class DealTraitWinRateTests
{
    private static readonly ExportData Crm = FixtureExports.Load("crm-opportunities");

    [Fact]
    public void ByTraits_NoSegmentDiffers_SaysSoInASentenceInsteadOfAnEmptyTable()
    {
        // 10 closed opportunities: no segment can differ from the rest after adjustment.
        var byTrait = WinRates.ByTraits(Crm);
        Assert.Empty(byTrait.Significant().Rows);
        var html = byTrait.ToHtml();
        Assert.StartsWith("<p>No segment&#39;s win rate differs from the rest&#39;s", html, StringComparison.Ordinal);
        Assert.Equal(byTrait.Tables.Length, html.Split("<table").Length - 1);
        Assert.StartsWith("No segment's win rate differs", byTrait.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public void ByDealTrait_Product_CountsEachDealByItsOwnProduct_WilsonMatchesStatsmodels()
    {
        var table = WinRates.By(Crm, "deal.product");
        // By hand from sales_pipeline.csv: GTK 500 OPP05 lost, OPP09 and OPP16 won; GTX Basic OPP01 won, OPP04 and OPP08
        // lost, OPP13 open; GTX Pro OPP02 and OPP06 won, OPP12 and OPP15 open; MG Special OPP03 won, OPP07 lost, OPP14 open.
        // Acme Corp's deals sit in two products: GTX Basic (OPP01, OPP04) and GTX Pro (OPP15).
        Assert.Equal([("GTK 500", 2, 1, 0), ("GTX Basic", 1, 2, 1), ("GTX Pro", 2, 0, 2), ("MG Special", 1, 1, 1)],
            table.Segments.Select(s => (s.Segment, s.Won, s.Lost, s.Open)));
        Assert.Equal((6, 10), (table.Overall!.Successes, table.Overall.N));
        // statsmodels 0.13.5: proportion_confint(1, 3, method='wilson') = (0.061492, 0.79234);
        // proportion_confint(2, 3, method='wilson') = (0.20766, 0.938508).
        var basic = table["GTX Basic"].Rate!.Interval;
        Assert.Equal(0.061492, basic.Lower, 5);
        Assert.Equal(0.79234, basic.Upper, 5);
        var gtk = table["GTK 500"].Rate!.Interval;
        Assert.Equal(0.20766, gtk.Lower, 5);
        Assert.Equal(0.938508, gtk.Upper, 5);
        // Reports say it in words: before, the caption and the chart read "Win rate by deal.product".
        Assert.StartsWith("Win rate by product (deal): overall 6 / 10", table.ToHtml().Split("<caption>")[1], StringComparison.Ordinal);
        Assert.Contains("Win rate by product (deal) (closed deals", table.Chart().ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void ByDealTrait_JoinedRegionalOffice_GroupsBySalesTeam()
    {
        // Moses Frase (West): OPP01 won, OPP04 lost, OPP09 won, OPP13 open; Darcel Schlecht (East): OPP02, OPP03 won, OPP14
        // open; Anna Snelling and Cecily Lampkin (Central): OPP06, OPP16 won, OPP05, OPP07, OPP08 lost, OPP12, OPP15 open.
        var table = WinRates.By(Crm, "deal.regional_office");
        Assert.Equal([("Central", 2, 5, 2), ("East", 2, 2, 1), ("West", 2, 3, 1)],
            table.Segments.Select(s => (s.Segment, s.Won, s.Closed, s.Open)));
        // statsmodels 0.13.5: proportion_confint(2, 5, method='wilson') = (0.117621, 0.769276).
        Assert.Equal(0.117621, table["Central"].Rate!.Interval.Lower, 5);
        Assert.Equal(0.769276, table["Central"].Rate!.Interval.Upper, 5);
    }

    [Fact]
    public void ByTraits_ListsDealTraitsAfterAccountTraits()
    {
        var byTrait = WinRates.ByTraits(Crm);
        Assert.Equal(["deal.product", "deal.product_series", "deal.manager", "deal.regional_office"],
            byTrait.Tables.Select(t => t.By).Where(b => b.StartsWith("deal.", StringComparison.Ordinal)));
        Assert.Equal(byTrait.Tables.Length - 4, byTrait.Tables.Count(t => !t.By.StartsWith("deal.", StringComparison.Ordinal)));
        Assert.Equal(2, byTrait["deal.product"]["GTX Pro"].Won);
    }

    [Fact]
    public void ByTrait_UnknownDealTrait_SaysWhichTheDealsHave()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => WinRates.By(Crm, "deal.team_size"));
        Assert.Equal("no deal trait 'deal.team_size'; the deals have deal.product, deal.product_series, deal.manager, deal.regional_office", e.Message);
    }

    [Fact]
    public void AnalysisPlan_DealTrait_ParameterThenYamlThenExport()
    {
        Assert.Equal("deal.regional_office", AnalysisPlan.For(Crm, dealTrait: "regional_office").DealTrait.Trait.Value);
        var configured = Crm with { Config = Crm.Config with { Analysis = Crm.Config.Analysis with { DealTrait = "deal.manager" } } };
        Assert.Equal(("deal.manager", "analysis.deal_trait in icpkit.yaml"),
            (AnalysisPlan.For(configured).DealTrait.Trait.Value, AnalysisPlan.For(configured).DealTrait.How));
        // No segment has enough deals for a test, so none differs: the first deal trait of the catalog.
        Assert.Equal("deal.product", AnalysisPlan.For(Crm).DealTrait.Trait.Value);
        var missing = AnalysisPlan.For(Crm, dealTrait: "team_size").DealTrait.Trait;
        Assert.False(missing.IsMeasured);
        Assert.StartsWith("no deal trait 'deal.team_size' in this export (set by the notebook parameter); the deals have: deal.product",
            missing.Missing!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AnalysisPlan_DealsWithoutExtraColumns_SayWhatWouldSupplyOne()
    {
        var export = FixtureExports.Load("accounts-deals");
        var choice = AnalysisPlan.For(export).DealTrait.Trait;
        Assert.False(choice.IsMeasured);
        Assert.Contains("the deals have no column outside the contract", choice.Missing!.Sentence, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("deal.product")]
    [InlineData("product")]
    [InlineData("Product")]
    public void Yaml_DealTrait_NamesTheDealTraitWithOrWithoutItsPrefix(string written) =>
        Assert.Equal("deal.product", ProjectConfigReader.Parse($"analysis:\n  deal_trait: {written}\n").Analysis.DealTrait);
}
