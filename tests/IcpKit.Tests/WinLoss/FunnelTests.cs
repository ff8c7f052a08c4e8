using IcpKit.Metrics;
using IcpKit.Model;
using IcpKit.WinLoss;
using static IcpKit.Tests.WinLoss.Deals;

namespace IcpKit.Tests.WinLoss;

/// <summary>The funnel from each deal's furthest stage: the worked example of <see cref="Funnel"/>'s remarks, and open deals kept apart.</summary>
public class FunnelTests
{
    private static Deal[] Example() =>
    [
        .. Repeat(4, () => Make("A1", DealOutcome.Lost, stage: 0)),
        .. Repeat(3, () => Make("A1", DealOutcome.Lost, stage: 2)),
        .. Repeat(3, () => Make("A1", DealOutcome.Won, stage: 2)),
    ];

    [Fact]
    public void By_WorkedExample_ReachedAndConversions()
    {
        var all = Funnel.By(Example(), Deals.Stages).All;
        Assert.Equal([10, 6, 6], all.Reached.ToArray());
        Assert.Equal(0.6, all.ToNext(0), 12);
        Assert.Equal(1.0, all.ToNext(1), 12);
        Assert.Equal(0.5, all.ToNext(2), 12); // the last stage's next is "won"
        Assert.Equal(0.3, all.ToWon(0), 12);
        Assert.Equal([4, 0, 3], all.LostAt.ToArray());
        Assert.Equal(4.0 / 7, all.LossShare(0), 12);
    }

    [Fact]
    public void By_OpenDeals_AreCountedApartNeverAsLosses()
    {
        Deal[] deals = [.. Example(), Make("A1", DealOutcome.Open, stage: 1), Make("A1", DealOutcome.Open, stage: 2)];
        var all = Funnel.By(deals, Deals.Stages).All;
        Assert.Equal([10, 6, 6], all.Reached.ToArray());
        Assert.Equal(7, all.Lost);
        Assert.Equal([0, 1, 1], all.OpenAt.ToArray());
        Assert.Equal(2, all.Open);
    }

    [Fact]
    public void By_StageOutsideTheOrder_ClosedCountsAtTheFirstStage_OpenIsUnknown()
    {
        // A terminal value in the stage column ("Closed Lost"): the deal is lost at the first stage, the only one it is
        // known to have reached, never dropped (dropping every such loss showed 100% conversion); a won one went through all.
        Deal[] deals = [.. Example(), Make("A1", DealOutcome.Lost, stage: 9), Make("A1", DealOutcome.Won, stage: 9), Make("A1", DealOutcome.Open, stage: 9)];
        var funnel = Funnel.By(deals, Deals.Stages);
        var all = funnel.All;
        Assert.Equal(12, all.Closed);
        Assert.Equal([5, 0, 3], all.LostAt.ToArray());
        Assert.Equal(4, all.Won);
        Assert.Equal((2, 1), (all.UnknownStageClosed, all.UnknownStageOpen));
        Assert.Contains("mystery (3 deals)", funnel.Warning, StringComparison.Ordinal);
    }

    [Fact]
    public void By_Segments_EachSegmentsFunnelAndSumToAll()
    {
        Account[] accounts = [Account("A1", "fintech"), Account("A2", "software"), Account("A3", "government")];
        Deal[] deals = [.. Example(), .. Repeat(5, () => Make("A2", DealOutcome.Lost, stage: 1)), Make("A2", DealOutcome.Won, stage: 2)];
        var funnel = Funnel.By(deals, Deals.Stages, DealSegmentation.ByAccount(Segmentation.Of("industry", a => a.Industry), accounts));
        Assert.Equal([6, 6, 1], funnel["software"].Reached.ToArray());
        Assert.Equal(0, funnel["government"].Closed);
        Assert.True(double.IsNaN(funnel["government"].ToNext(0)));
        for (int i = 0; i < Deals.Stages.Length; i++)
            Assert.Equal(funnel.All.Reached[i], funnel.Segments.Sum(s => s.Reached[i]));
        Assert.Equal(funnel.Segments.Length * Deals.Stages.Length, funnel.Summary.Rows.Count - Deals.Stages.Length);
    }

    [Fact]
    public void By_NoFunnelOrder_SaysSoAndCountsEveryDealAsUnknownStage()
    {
        var result = Funnel.By(Example(), []);
        Assert.Equal(10, result.All.UnknownStageClosed);
        Assert.Contains("No funnel order", result.ToText(), StringComparison.Ordinal);
    }
}
