using IcpKit.Metrics;
using IcpKit.Model;
using IcpKit.WinLoss;
using static IcpKit.Tests.WinLoss.Deals;

namespace IcpKit.Tests.WinLoss;

/// <summary>The exclusion list's rules on the worked example of its remarks.</summary>
public class ExclusionListTests
{
    private static ExclusionListResult Example(int minClosed = ExclusionList.DefaultMinClosed)
    {
        Account[] accounts = [Account("N", "never"), Account("B", "below"), Account("F", "few"), Account("G", "good"), Account("U", "untried"), Account("O", "open-only")];
        Deal[] deals =
        [
            .. Repeat(25, () => Make("N", DealOutcome.Lost)),
            .. Repeat(4, () => Make("B", DealOutcome.Won)), .. Repeat(36, () => Make("B", DealOutcome.Lost)),
            Make("F", DealOutcome.Won), .. Repeat(5, () => Make("F", DealOutcome.Lost)),
            .. Repeat(60, () => Make("G", DealOutcome.Won)), .. Repeat(90, () => Make("G", DealOutcome.Lost)),
            Make("O", DealOutcome.Open),
        ];
        var rates = WinRates.By(deals, DealSegmentation.ByAccount(Segmentation.Of("industry", a => a.Industry), accounts));
        return ExclusionList.From([rates], minClosed);
    }

    [Fact]
    public void From_WorkedExample_EachVerdict()
    {
        var list = Example();
        Assert.Equal(ExclusionVerdict.NeverWon, list.VerdictFor("industry", "never"));      // 0 of 25
        Assert.Equal(ExclusionVerdict.CrediblyBelow, list.VerdictFor("industry", "below")); // 10% [4.0%, 23.1%] vs 29.0% overall
        Assert.Equal(ExclusionVerdict.TooFewToJudge, list.VerdictFor("industry", "few"));   // 1 of 6
        Assert.Equal(ExclusionVerdict.TooFewToJudge, list.VerdictFor("industry", "open-only"));
        Assert.Equal(ExclusionVerdict.NoDeals, list.VerdictFor("industry", "untried"));
        Assert.Null(list.VerdictFor("industry", "good"));
        Assert.Equal(["never", "below"], list.Excluded.Select(e => e.Segment));
        Assert.Equal(3, list.NotJudged.Length);
    }

    [Fact]
    public void From_NeverWonBelowTheMinimum_IsTooFewNotExcluded()
    {
        // 0 of 25 with a minimum of 30 closed deals: not enough to call it.
        Assert.Equal(ExclusionVerdict.TooFewToJudge, Example(minClosed: 30).VerdictFor("industry", "never"));
    }

    [Fact]
    public void From_Rendering_ShowsBothTables()
    {
        var text = Example().ToText();
        Assert.Contains("never won", text, StringComparison.Ordinal);
        Assert.Contains("no deals (never tried)", text, StringComparison.Ordinal);
    }
}
