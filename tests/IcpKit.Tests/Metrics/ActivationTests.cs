using System.Collections.Immutable;
using IcpKit.Metrics;
using IcpKit.Model;
using IcpKit.Statistics;

namespace IcpKit.Tests.Metrics;

public class ActivationTests
{
    private static readonly DateOnly AsOf = new(2025, 6, 30);

    private static Account Customer(string id, DateOnly since, string? plan = null, DateOnly? churned = null) =>
        new() { AccountId = id, CustomerSince = since, Plan = plan, ChurnedOn = churned };

    private static AccountUsage Usage(string id, DateOnly? activated = null, DateOnly? highValue = null) => new()
    {
        AccountId = id,
        FirstActivationAt = activated?.ToDateTime(new TimeOnly(13, 30)),
        FirstHighValueAt = highValue?.ToDateTime(new TimeOnly(13, 30)),
    };

    [Fact]
    public void Rate_RecentCustomers_AreLeftOutOfTheDenominator()
    {
        var accounts = new[]
        {
            Customer("early", new(2025, 1, 1)),      // activated on day 30: in
            Customer("late", new(2025, 1, 1)),       // activated on day 31: not within 30
            Customer("never", new(2025, 1, 1)),      // no usage at all: not activated
            Customer("recent", new(2025, 6, 10)),    // only 20 days of follow-up: not in n
            Customer("edge", new(2025, 5, 31)),      // exactly 30 days of follow-up: in n
        };
        var usage = new Dictionary<string, AccountUsage>
        {
            ["early"] = Usage("early", new(2025, 1, 31)),
            ["late"] = Usage("late", new(2025, 2, 1)),
            ["recent"] = Usage("recent", new(2025, 6, 11)),
            ["edge"] = Usage("edge", new(2025, 6, 1)),
        };
        var rate = Activation.Rate(accounts, usage, AsOf);

        var all = Assert.Single(rate.Groups);
        Assert.Equal(4, all.N);
        Assert.Equal(2, all.Rate.Successes);
        Assert.Contains("followed at least 30 days", rate.Denominator, StringComparison.Ordinal);
        // A 31-day window counts "late" as activated, and "edge" (30 days of follow-up) drops out of n.
        var wider = Activation.Rate(accounts, usage, AsOf, withinDays: 31).Groups[0].Rate;
        Assert.Equal((2, 3), (wider.Successes, wider.N));
    }

    [Fact]
    public void Rate_TwoSmallGroups_SaysInsufficientDataInsteadOfCallingADifference()
    {
        // 3 of 3 against 0 of 3: expected counts 1.5 < 5.
        var accounts = Enumerable.Range(0, 6).Select(i => Customer($"a{i}", new(2025, 1, 1), i < 3 ? "pro" : "basic")).ToArray();
        var usage = accounts.Take(3).ToDictionary(a => a.AccountId, a => Usage(a.AccountId, new(2025, 1, 2)));
        var rate = Activation.Rate(accounts, usage, AsOf, Segmentation.Of("plan", a => a.Plan));

        Assert.NotNull(rate.Pair);
        Assert.False(rate.Pair.Check.IsSufficient);
        Assert.True(double.IsNaN(rate.Pair.PValue));
        Assert.False(rate.Differs());
        Assert.StartsWith("insufficient data", rate.Verdict, StringComparison.Ordinal);
        Assert.Contains("n = 6", rate.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void Rate_ThreeGroupsWithAListTrait_ComparesEachWithTheDistinctRest()
    {
        // x sits in both "a" and "b": "the rest" of "a" is {y, z...} without x counted twice.
        var stack = new Segmentation("stack", a => a.TechStack);
        var accounts = Enumerable.Range(0, 60).Select(i => new Account
        {
            AccountId = $"x{i}", CustomerSince = new(2025, 1, 1),
            TechStack = i % 3 == 0 ? ["a", "b"] : i % 3 == 1 ? ["b"] : ["c"],
        }).ToArray();
        var usage = accounts.Where((_, i) => i % 2 == 0).ToDictionary(a => a.AccountId, a => Usage(a.AccountId, new(2025, 1, 5)));
        var rate = Activation.Rate(accounts, usage, AsOf, stack, guard: SampleGuard.None);

        Assert.NotNull(rate.Scan);
        Assert.Equal(60, rate.Scan.N); // distinct accounts, not 80 memberships
        var a = rate.Scan.Segments.Single(s => s.Segment == "a").Test!;
        Assert.Equal(20, a.N1);
        Assert.Equal(40, a.N2);
    }

    [Fact]
    public void TimeToHighValue_NeverReached_IsCensoredAtAsOfOrChurnNotDropped()
    {
        var accounts = new[]
        {
            Customer("fast", new(2025, 1, 1)),
            Customer("never", new(2025, 1, 1)),
            Customer("left", new(2025, 1, 1), churned: new(2025, 2, 1)),
            Customer("trial", new(2025, 3, 1)),
        };
        var usage = new Dictionary<string, AccountUsage>
        {
            ["fast"] = Usage("fast", highValue: new(2025, 1, 11)),
            ["trial"] = Usage("trial", highValue: new(2025, 2, 20)), // before customer_since: reached at day 0
        };
        var result = Activation.TimeToHighValue(accounts, usage, AsOf);
        var curve = result["all"];

        Assert.Equal(4, curve.N);
        Assert.Equal(2, curve.Events);
        var steps = curve.Steps.ToDictionary(s => s.Time);
        Assert.Equal(1, steps[0].NEvent);
        Assert.Equal(1, steps[10].NEvent);
        Assert.Equal(1, steps[31].NCensor);                            // churned without reaching it: censored at churn
        Assert.Equal(1, steps[AsOf.DayNumber - new DateOnly(2025, 1, 1).DayNumber].NCensor); // still waiting at as_of
    }
}
