using IcpKit.Metrics;
using IcpKit.Model;

namespace IcpKit.Tests.Metrics;

public class SalesCycleTests
{
    private static Deal D(string id, DateOnly created, DealOutcome outcome, DateOnly? closed, string account = "a") =>
        new() { DealId = id, AccountId = account, CreatedOn = created, Outcome = outcome, ClosedOn = closed, Stage = "lead" };

    [Fact]
    public void Of_LostAndOpenDeals_AreCensoredAtCloseDateAndAsOf()
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
        var result = SalesCycle.Of(deals, accounts, asOf, Segmentation.Of("industry", a => a.Industry));
        var curve = result["saas"];

        Assert.Equal(4, curve.N); // the deal of an account not in accounts.csv has no group
        Assert.Equal(2, curve.Events);
        var steps = curve.Steps.ToDictionary(s => s.Time);
        Assert.Equal(1, steps[20].NCensor);
        Assert.Equal(1, steps[asOf.DayNumber - start.DayNumber].NCensor);
        // KM by hand: S(10) = 3/4; at 40 two at risk (won40, open): S(40) = 3/4 * 1/2 = 3/8, so the median is 40 days.
        Assert.Equal(0.375, curve.SurvivalAt(40), 12);
        Assert.Equal(40, curve.Median.Estimate);
    }

    [Fact]
    public void Of_Ungrouped_KeepsEveryDeal()
    {
        var start = new DateOnly(2025, 1, 1);
        var deals = new[] { D("x", start, DealOutcome.Won, start.AddDays(3), account: "not-in-accounts") };
        Assert.Equal(1, SalesCycle.Of(deals, [], new DateOnly(2025, 2, 1)).N);
    }
}
