using IcpKit.Metrics;
using IcpKit.Model;
using IcpKit.Statistics.Survival;
using IcpKit.WinLoss;
using SalesCycle = IcpKit.WinLoss.SalesCycle;
using static IcpKit.Tests.WinLoss.Deals;

namespace IcpKit.Tests.WinLoss;

/// <summary>Time to win: won deals are events, lost deals censored at close, open deals censored at the as-of date.</summary>
public class SalesCycleTests
{
    private static readonly DateOnly AsOf = new(2026, 12, 31);

    [Fact]
    public void Observation_WonLostOpen_EventOrCensoredWhere()
    {
        Assert.Equal(new SurvivalObservation(60, true), SalesCycle.Observation(Make("A1", DealOutcome.Won, days: 60), AsOf));
        Assert.Equal(new SurvivalObservation(60, false), SalesCycle.Observation(Make("A1", DealOutcome.Lost, days: 60), AsOf));
        // Open since 2026-01-01: followed up to the as-of date, 364 days, not won yet.
        Assert.Equal(new SurvivalObservation(364, false), SalesCycle.Observation(Make("A1", DealOutcome.Open, days: null), AsOf));
    }

    [Fact]
    public void By_HandComputedKaplanMeier_Median()
    {
        // Lost at 5 (censored), won at 10, 20, 30: S(10) = 2/3, S(20) = 1/3, so the median is 20 days.
        Deal[] deals = [Make("A1", DealOutcome.Lost, days: 5), Make("A1", DealOutcome.Won, days: 10), Make("A1", DealOutcome.Won, days: 20), Make("A1", DealOutcome.Won, days: 30)];
        var result = SalesCycle.By(deals, AsOf);
        Assert.Equal(2.0 / 3, result.Overall.SurvivalAt(10), 12);
        Assert.Equal(1.0 / 3, result.Overall.SurvivalAt(20), 12);
        Assert.Equal(20, result.Overall.Median.Estimate);
        Assert.Equal(3, result.Overall.Events);
    }

    [Fact]
    public void By_Segments_LogRankLeavesOutSegmentsWithTooFewWins()
    {
        Account[] accounts = [Account("A1", "fast"), Account("A2", "slow"), Account("A3", "never")];
        Deal[] deals =
        [
            .. Enumerable.Range(1, 8).Select(i => Make("A1", DealOutcome.Won, days: 10 * i)),
            .. Enumerable.Range(1, 8).Select(i => Make("A2", DealOutcome.Won, days: 40 * i)),
            .. Repeat(6, () => Make("A3", DealOutcome.Lost, days: 20)),
        ];
        var result = SalesCycle.By(deals, AsOf, DealSegmentation.ByAccount(Segmentation.Of("speed", a => a.Industry), accounts));
        Assert.Equal(["never"], result.NotTested.ToArray());
        Assert.NotNull(result.LogRank);
        Assert.Equal(2, result.LogRank!.Groups.Length);
        Assert.True(result["fast"].Median.Estimate < result["slow"].Median.Estimate);
        Assert.Null(result["never"].Median.Estimate); // never won: the median is not reached
        Assert.Contains("not reached", result.ToText(), StringComparison.Ordinal);
    }
}
