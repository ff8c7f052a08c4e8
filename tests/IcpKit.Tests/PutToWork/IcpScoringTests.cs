using IcpKit.Icp;
using IcpKit.Model;
using IcpKit.PutToWork;
using IcpKit.Tests.Icp;
using static IcpKit.Tests.Icp.IcpTestData;

namespace IcpKit.Tests.PutToWork;

public class IcpScoringTests
{
    internal static readonly IcpDefinition Icp = new("Data teams", 2, new DateOnly(2026, 10, 1),
    [
        IcpRule.Between("employees", 51, 500),
        IcpRule.Contains("tech_stack", ["snowflake"]),
        IcpRule.AtLeast("usage.events.connect_integration", 1, RuleGroup.Needs),
        IcpRule.In("industry", ["Government"], RuleGroup.DoesntNeed),
    ]);

    internal static readonly Account[] Accounts =
    [
        Account("a1", b => b.With(a => a with { Name = "Match Co", Employees = 100, TechStack = ["snowflake"], Industry = "Fintech" })),
        Account("a2", b => b.With(a => a with { Name = "=HYPERLINK(\"http://x\")", Employees = 20, TechStack = ["snowflake"], Industry = "Fintech" })),
        Account("a3", b => b.With(a => a with { Name = "Far Off", Employees = 20, Industry = "Retail" })),
        Account("a4", b => b.With(a => a with { Name = "Gov", Employees = 100, TechStack = ["snowflake"], Industry = "Government" })),
    ];

    internal static readonly Dictionary<string, AccountUsage> UsageById = new()
    {
        ["a1"] = Usage("a1", ("connect_integration", 1)),
        ["a2"] = Usage("a2", ("connect_integration", 5)),
        ["a4"] = Usage("a4", ("connect_integration", 1)),
        // a3 has no usage record: it reads as zero events.
    };

    private static Deal OpenDeal(string id, string account, decimal? amount) => new()
    {
        DealId = id, AccountId = account, CreatedOn = new DateOnly(2026, 9, 1), Stage = "demo", Outcome = DealOutcome.Open, Amount = amount,
    };

    internal static readonly Deal[] Deals =
    [
        OpenDeal("d1", "a1", 1000m), OpenDeal("d2", "a2", 500m), OpenDeal("d3", "a4", 200m), OpenDeal("d4", "zz", 50m),
        new() { DealId = "d5", AccountId = "a1", CreatedOn = new DateOnly(2025, 1, 1), Stage = "won", Outcome = DealOutcome.Won, Amount = 9m },
    ];

    internal static IcpScores Scores => IcpScoring.Score(Icp, Accounts, Deals, UsageById);

    [Fact]
    public void Score_Accounts_GradedAToD()
    {
        var scores = Scores;

        Assert.Equal([FitGrade.A, FitGrade.B, FitGrade.C, FitGrade.D], scores.Accounts.Select(a => a.Grade));
        Assert.Equal(0.25, scores.Coverage);
        // a3 fails employees, tech_stack (missing) and the usage need (no usage record = 0 events).
        Assert.Equal(3, scores.Accounts[2].Match.FailedRules.Length);
        Assert.Equal("usage.events.connect_integration is 0, not at least 1", scores.Accounts[2].Match.FailedRules[2].Reason);
    }

    [Fact]
    public void Score_OpenDeals_JoinedToTheirAccountsAndClosedOnesLeftOut()
    {
        var scores = Scores;

        Assert.Equal(["d1", "d2", "d3"], scores.OpenDeals.Select(d => d.Deal.DealId));
        Assert.Equal([FitGrade.A, FitGrade.B, FitGrade.D], scores.OpenDeals.Select(d => d.Grade));
        Assert.Equal("d4", Assert.Single(scores.UnscoredDeals).DealId);
    }

    [Fact]
    public void Summary_OneRowPerGrade_CountsAndPipeline()
    {
        var summary = Scores.Summary;

        Assert.Equal(4, summary.Rows.Count);
        Assert.Equal(["A", "B", "C", "D"], summary.Columns["grade"].Cast<string>());
        Assert.Equal([1, 1, 1, 1], summary.Columns["accounts"].Cast<int?>().Select(v => v!.Value));
        Assert.Equal([1000m, 500m, 0m, 200m], summary.Columns["open_pipeline"].Cast<decimal?>().Select(v => v!.Value));
    }

    [Fact]
    public void Frames_ChangingOne_DoesNotChangeTheResult()
    {
        var scores = Scores;
        var frame = scores.AccountsFrame();
        frame.Columns["grade"][0] = "Z";

        Assert.Equal("A", scores.AccountsFrame().Columns["grade"][0]);
        Assert.Equal(9, scores.OpenDealsFrame().Columns.Count);
        Assert.Equal(3, scores.OpenDealsFrame().Rows.Count);
    }

    [Fact]
    public void AccountsWithGrade_AddsTheGradeAsATrait()
    {
        var accounts = Scores.AccountsWithGrade();

        Assert.Equal(["A", "B", "C", "D"], accounts.Select(a => a.Trait(IcpScores.GradeField).ToString()));
        // The input accounts are left as they were.
        Assert.True(Accounts[0].Trait(IcpScores.GradeField).IsMissing);
    }

    [Fact]
    public void ToString_ListsGrades()
    {
        var text = Scores.ToString();

        Assert.Contains("Data teams (version 2): 4 accounts, 25.0% in the ICP; 3 open deals", text, StringComparison.Ordinal);
        Assert.Contains("1 open deals have an account_id not among the accounts", text, StringComparison.Ordinal);
    }
}
