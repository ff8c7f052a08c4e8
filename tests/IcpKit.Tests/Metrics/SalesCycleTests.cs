using IcpKit.Metrics;
using IcpKit.Model;
using IcpKit.Statistics;

namespace IcpKit.Tests.Metrics;

/// <summary>The sales cycle as competing risks: won and lost deals are events of their own, open deals censored at as_of.</summary>
public class SalesCycleTests
{
    private static Deal D(string id, DateOnly created, DealOutcome outcome, DateOnly? closed, string account = "a") =>
        new() { DealId = id, AccountId = account, CreatedOn = created, Outcome = outcome, ClosedOn = closed, Stage = "lead" };

    private static readonly BootstrapOptions FewResamples = new() { Resamples = 200 };

    [Fact]
    public void Of_LostDealsCannotWinLater_CumulativeIncidenceByHand()
    {
        var asOf = new DateOnly(2025, 6, 30);
        var start = new DateOnly(2025, 1, 1);
        var deals = new[]
        {
            D("won10", start, DealOutcome.Won, start.AddDays(10)),
            D("lost20", start, DealOutcome.Lost, start.AddDays(20)),
            D("won40", start, DealOutcome.Won, start.AddDays(40)),
            D("open", start, DealOutcome.Open, null),
            D("unknown-account", start, DealOutcome.Won, start.AddDays(5), account: "zzz"),
        };
        var accounts = new[] { new Account { AccountId = "a", Industry = "saas" } };
        var result = SalesCycle.Of(deals, accounts, asOf, Segmentation.Of("industry", a => a.Industry), bootstrap: FewResamples);
        var won = result.Won.Single();
        var lost = result.Lost.Single();

        Assert.Equal(4, won.N); // the deal of an account not in accounts.csv has no group
        // By hand: 4 at risk; won at 10 -> F_won = 1/4, S = 3/4; lost at 20 -> F_lost = 3/4 * 1/3 = 1/4, S = 1/2;
        // won at 40 with 2 at risk -> F_won = 1/4 + 1/2 * 1/2 = 1/2. The old curve censored the lost deal and said 5/8.
        Assert.Equal(0.25, won.IncidenceAt(39), 12);
        Assert.Equal(0.5, won.IncidenceAt(40), 12);
        Assert.Equal(0.25, lost.IncidenceAt(180), 12);
        Assert.Equal(asOf.DayNumber - start.DayNumber, won.LastTime); // the open deal is followed up to as_of
        var days = result.Days.Single();
        Assert.Equal(25, days.Won.Estimate); // won after 10 and 40 days
        Assert.Equal(20, days.Lost.Estimate);
    }

    [Fact]
    public void Of_Ungrouped_KeepsEveryDeal()
    {
        var start = new DateOnly(2025, 1, 1);
        var deals = new[] { D("x", start, DealOutcome.Won, start.AddDays(3), account: "not-in-accounts") };
        var result = SalesCycle.Of(deals, [], new DateOnly(2025, 2, 1), bootstrap: FewResamples);
        Assert.Equal(1, result.N);
        Assert.Empty(result.WonCycle);
        Assert.Null(result.WonTest);
    }

    [Fact]
    public void Of_ClosedAfterAsOf_CountsAsOpen()
    {
        var start = new DateOnly(2025, 1, 1);
        var deals = new[] { D("late", start, DealOutcome.Won, new DateOnly(2025, 3, 1)) };
        var result = SalesCycle.Of(deals, [], new DateOnly(2025, 2, 1), bootstrap: FewResamples);
        Assert.Equal(0, result.Won.Single().Events);
        Assert.Equal(31, result.Won.Single().LastTime);
    }
}
