using IcpKit.Metrics;
using IcpKit.Model;
using IcpKit.Statistics;
using static IcpKit.Tests.Architecture.SummaryFrame;

namespace IcpKit.Tests.Metrics;

public sealed class UsageIntensitySummaryTests
{
    [Fact]
    public void Summary_FourCustomers_HasHandComputedMediansAndPowerShare()
    {
        // Events per active week: a 10/2 = 5, b 20/2 = 10, c 30/1 = 30, d no events = 0; median of [0, 5, 10, 30] = 7.5.
        // Power threshold (R type 7, 75%): 10 + 0.25 x (30 - 10) = 15, so only c: 1 of 4.
        // Users per seat (customers with seats): a 2/4 = 0.5, b 3/2 = 1.5; median 1.
        var since = new DateOnly(2025, 1, 1);
        Account C(string id, int? seats) => new() { AccountId = id, CustomerSince = since, Seats = seats };
        var accounts = new[] { C("a", 4), C("b", 2), C("c", null), C("d", null) };
        var usage = new Dictionary<string, AccountUsage>
        {
            ["a"] = new() { AccountId = "a", EventCount = 10, ActiveWeeks = 2, DistinctUsers = 2 },
            ["b"] = new() { AccountId = "b", EventCount = 20, ActiveWeeks = 2, DistinctUsers = 3 },
            ["c"] = new() { AccountId = "c", EventCount = 30, ActiveWeeks = 1, DistinctUsers = 1 },
        };
        var result = UsageIntensity.Of(accounts, usage, new DateOnly(2025, 12, 31), options: new BootstrapOptions { Resamples = 200 });
        Assert.Equal(15, result.PowerThreshold, 1e-12);

        var s = result.Summary;
        Assert.Equal(["measure", "group", "n", "estimate", "lower", "upper", "p_value"], Columns(s));
        Assert.Equal(3, s.Rows.Count);
        Assert.Equal("events per active week (median)", Cell(s, "measure", 0));
        Assert.Equal(4, Cell(s, "n", 0));
        Assert.Equal(7.5, Number(s, "estimate", 0), 1e-12);
        Assert.Equal(2, Cell(s, "n", 1));
        Assert.Equal(1.0, Number(s, "estimate", 1), 1e-12);
        Assert.Equal("power accounts (share)", Cell(s, "measure", 2));
        Assert.Equal(0.25, Number(s, "estimate", 2), 1e-12);
        Assert.True(double.IsNaN(Number(s, "p_value", 2))); // one group: nothing to compare
    }
}
