using IcpKit.Metrics;
using IcpKit.Model;
using IcpKit.Statistics;
using IcpKit.WinLoss;
using static IcpKit.Tests.WinLoss.Deals;

namespace IcpKit.Tests.WinLoss;

/// <summary>Win rates on hand-made deals: closed deals only, joins, list traits, and the statistics engine's numbers.</summary>
public class WinRatesTests
{
    private static readonly Account[] Accounts =
    [
        Account("A1", "fintech", "snowflake", "dbt"), Account("A2", "fintech", "aws"), Account("A3", "software", "snowflake"),
        Account("A4", "education"), Account("A5", "government"),
    ];

    private static DealSegmentation ByIndustry => DealSegmentation.ByAccount(Segmentation.Of("industry", a => a.Industry), Accounts);

    private static Deal[] Sample() =>
    [
        .. Repeat(12, () => Make("A1", DealOutcome.Won)), .. Repeat(18, () => Make("A1", DealOutcome.Lost)),
        .. Repeat(5, () => Make("A2", DealOutcome.Won)), .. Repeat(25, () => Make("A2", DealOutcome.Lost)),
        .. Repeat(20, () => Make("A3", DealOutcome.Won)), .. Repeat(20, () => Make("A3", DealOutcome.Lost)),
        .. Repeat(15, () => Make("A4", DealOutcome.Lost)), .. Repeat(4, () => Make("A4", DealOutcome.Open)),
        Make("A9", DealOutcome.Won), // account not in the export
    ];

    [Fact]
    public void By_DealJoinsItsAccountsSegment_OpenDealsApart()
    {
        var table = WinRates.By(Sample(), ByIndustry);
        // fintech = A1 + A2: 17 won of 60 closed.
        Assert.Equal((17, 43, 0), (table["fintech"].Won, table["fintech"].Lost, table["fintech"].Open));
        Assert.Equal((0, 15, 4), (table["education"].Won, table["education"].Lost, table["education"].Open));
        Assert.Equal(1, table[Segmentation.MissingGroup].Won);
        // Government has accounts but no deals: listed, with no rate.
        Assert.Equal(0, table["government"].Deals);
        Assert.Null(table["government"].Rate);
        Assert.Equal("no deals", table["government"].Status);
        // Overall: 38 won of 116 closed; the 4 open deals are not in the denominator.
        Assert.Equal((38, 116), (table.Overall!.Successes, table.Overall.N));
        Assert.Equal(4, table.OpenDeals);
    }

    [Fact]
    public void By_Rates_AreTheStatisticsEnginesWilsonShrinkageAndScan()
    {
        var table = WinRates.By(Sample(), ByIndustry);
        var counts = table.Segments.Where(s => s.Closed > 0).Select(s => new SegmentCount(s.Segment, s.Won, s.Closed)).ToArray();
        var scan = SegmentScan.AgainstRest(counts);
        var shrink = RateShrinkage.Fit(counts);
        foreach (var s in table.Segments.Where(s => s.Closed > 0))
        {
            Assert.Equal(Proportions.Wilson(s.Won, s.Closed).Interval, s.Rate!.Interval);
            Assert.Equal(scan.Segments.Single(x => x.Segment == s.Segment).AdjustedPValue, s.AdjustedP);
            Assert.Equal(shrink.Segments.Single(x => x.Segment == s.Segment).Shrunk, s.Shrunk!.Shrunk);
        }
    }

    [Fact]
    public void By_ListTrait_ComparesEachMemberWithTheDealsOutsideIt()
    {
        // A1 uses snowflake and dbt: its deals count under both, so "the rest" of snowflake is A2 only, not total minus snowflake.
        var byStack = DealSegmentation.ByAccount(new Segmentation("tech_stack", a => a.TechStack.IsEmpty ? [Segmentation.MissingGroup] : a.TechStack), Accounts);
        var deals = Sample().Where(d => d.AccountId is "A1" or "A2" or "A3").ToArray();
        var table = WinRates.By(deals, byStack);
        var snowflake = table["snowflake"];
        Assert.Equal((32, 70), (snowflake.Won, snowflake.Closed));
        var expected = Proportions.CompareTwo(32, 70, 5, 30);
        Assert.Equal(expected.PValue, snowflake.VsRest!.Test!.PValue, 12);
        Assert.Equal((37, 100), (table.Overall!.Successes, table.Overall.N));
    }

    [Fact]
    public void WithoutSources_DropsOnlyThoseSources_CaseInsensitive()
    {
        Deal[] deals = [Make("A1", DealOutcome.Won, source: "Warm_Intro"), Make("A1", DealOutcome.Lost, source: "outbound"), Make("A1", DealOutcome.Lost, source: null)];
        var kept = WinRates.WithoutSources(deals, "warm_intro");
        Assert.Equal(2, kept.Length);
        Assert.DoesNotContain(kept, d => d.Source == "Warm_Intro");
    }

    [Fact]
    public void BySource_BlankSource_IsMissingGroup()
    {
        Deal[] deals = [Make("A1", DealOutcome.Won, source: ""), Make("A1", DealOutcome.Lost, source: "inbound")];
        var table = WinRates.BySource(deals);
        Assert.Equal(1, table[Segmentation.MissingGroup].Won);
        Assert.Equal(1, table["inbound"].Lost);
    }

    [Fact]
    public void Table_RendersEscapedHtmlAndChart()
    {
        var table = WinRates.By([Make("A1", DealOutcome.Won), Make("A3", DealOutcome.Lost)],
            DealSegmentation.ByAccount(Segmentation.Of("name", a => a.AccountId == "A1" ? "<b>x</b>" : "y"), Accounts));
        var html = table.ToHtml();
        Assert.Contains("&lt;b&gt;x&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>x</b>", html, StringComparison.Ordinal);
        Assert.Contains("error_y", table.Chart().ToJson(), StringComparison.Ordinal);
    }
}
