using IcpKit.Metrics;
using IcpKit.Model;
using static IcpKit.Tests.WinLoss.Deals;

namespace IcpKit.Tests.WinLoss;

/// <summary>Time to win, as step 2 reads it: won deals are events, lost deals censored at close, open deals at as_of.</summary>
public class SalesCycleTests
{
    private static readonly DateOnly AsOf = new(2026, 12, 31);

    [Fact]
    public void Of_HandComputedKaplanMeier_Median()
    {
        // Lost at 5 (censored), won at 10, 20, 30: S(10) = 2/3, S(20) = 1/3, so the median is 20 days.
        Deal[] deals = [Make("A1", DealOutcome.Lost, days: 5), Make("A1", DealOutcome.Won, days: 10), Make("A1", DealOutcome.Won, days: 20), Make("A1", DealOutcome.Won, days: 30)];
        var result = SalesCycle.Of(deals, [Account("A1", "x")], AsOf);
        var all = result.Curves.Fits.Single();
        Assert.Equal(2.0 / 3, all.SurvivalAt(10), 12);
        Assert.Equal(1.0 / 3, all.SurvivalAt(20), 12);
        Assert.Equal(20, all.Median.Estimate);
        Assert.Equal(3, all.Events);
    }

    [Fact]
    public void Of_OpenDeal_IsCensoredAtAsOf()
    {
        // Open since 2026-01-01: followed up to the as-of date, 364 days, never an event.
        Deal[] deals = [Make("A1", DealOutcome.Open, days: null), Make("A1", DealOutcome.Won, days: 100)];
        var all = SalesCycle.Of(deals, [Account("A1", "x")], AsOf).Curves.Fits.Single();
        Assert.Equal(1, all.Events);
        Assert.Equal(364, all.Steps[^1].Time);
        Assert.Equal(1, all.Steps[^1].NCensor);
    }

    [Fact]
    public void Of_Segments_FastSegmentHasShorterMedianAndNeverWonIsNotReached()
    {
        Account[] accounts = [Account("A1", "fast"), Account("A2", "slow"), Account("A3", "never")];
        Deal[] deals =
        [
            .. Enumerable.Range(1, 8).Select(i => Make("A1", DealOutcome.Won, days: 10 * i)),
            .. Enumerable.Range(1, 8).Select(i => Make("A2", DealOutcome.Won, days: 40 * i)),
            .. Repeat(6, () => Make("A3", DealOutcome.Lost, days: 20)),
        ];
        var result = SalesCycle.Of(deals, accounts, AsOf, Segmentation.Of("speed", a => a.Industry));
        Assert.True(result["fast"].Median.Estimate < result["slow"].Median.Estimate);
        Assert.Null(result["never"].Median.Estimate); // never won: the median is not reached
    }
}
