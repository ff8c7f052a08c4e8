using IcpKit.Metrics;
using IcpKit.Model;
using IcpKit.Statistics;
using IcpKit.WinLoss;
using static IcpKit.Tests.WinLoss.Deals;
using static IcpKit.Tests.Architecture.SummaryFrame;

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

    [Theory]
    // R (Reference/win_rates_reference.R): prop.test(correct = FALSE)$conf.int; each segment vs the rest by prop.test
    // (correct = TRUE) where every expected count is at least 5, then p.adjust("BH"); beta-binomial shrinkage by maximum
    // marginal likelihood (alpha 0.876118, beta 1.885070). Education (15 x 38/116 = 4.9 expected wins) and the one
    // unknown-account deal are too small to test.
    [InlineData("fintech", 0.185068284284327, 0.407672851643912, 0.3935381444750389, 0.2848275930197084)]
    [InlineData("software", 0.351995269334654, 0.648004730665346, 0.0155217303451533, 0.4882024813077274)]
    [InlineData("education", 0.0, 0.203883301035849, double.NaN, 0.0493276770295324)]
    [InlineData(Segmentation.MissingGroup, 0.206549314377238, 1.0, double.NaN, 0.4988099727571758)]
    public void By_RatesIntervalsTestsAndShrinkage_MatchR(string segment, double lower, double upper, double adjustedP, double shrunk)
    {
        var row = WinRates.By(Sample(), ByIndustry)[segment];
        Assert.Equal(lower, row.Rate!.Interval.Lower, 1e-9);
        Assert.Equal(upper, row.Rate.Interval.Upper, 1e-9);
        if (double.IsNaN(adjustedP)) Assert.True(double.IsNaN(row.AdjustedP), $"{segment} should be too small to test");
        else Assert.Equal(adjustedP, row.AdjustedP, 1e-9);
        Assert.Equal(shrunk, row.Shrunk!.Shrunk, 1e-6);
    }

    [Fact]
    public void ByTrait_Summary_StacksEachTraitsSegments_WithTheRIntervals()
    {
        var byTrait = new WinRatesByTrait([WinRates.By(Sample(), ByIndustry)], [], []);
        var s = byTrait.Summary;
        Assert.Equal("trait", Columns(s)[0]);
        var fintech = Enumerable.Range(0, (int)s.Rows.Count).Single(i => (string)Cell(s, "segment", i)! == "fintech");
        Assert.Equal("industry", Cell(s, "trait", fintech));
        Assert.Equal((17, 60, 0), (Cell(s, "won", fintech), Cell(s, "closed", fintech), Cell(s, "open", fintech)));
        Assert.Equal(17.0 / 60, Number(s, "win_rate", fintech), 12);
        Assert.Equal(0.185068284284327, Number(s, "lower", fintech), 1e-9); // R, as above
        Assert.Equal(0.3935381444750389, Number(s, "p_adjusted", fintech), 1e-9);
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
