using IcpKit.Icp;
using IcpKit.Loading;
using IcpKit.Tests.Loading;
using IcpKit.Voice;

namespace IcpKit.Tests.Voice;

/// <summary>The interview plan's ordering and example checks on a small export counted by hand.</summary>
public class InterviewPlanTests
{
    // ICP: industry SaaS. C1-C4 are active SaaS customers, N1 an active Retail customer, L1 and L2 never bought,
    // C5 churned (never on the plan). as_of 2025-12-31.
    private const string Accounts = """
        account_id,name,industry,customer_since,churned_on
        C1,C1 Acct,SaaS,2025-01-01,
        C2,C2 Acct,SaaS,2024-01-01,
        C3,"C3 Acct, Inc.",SaaS,2025-06-01,
        C4,C4 Acct,SaaS,2024-06-01,
        C5,C5 Acct,SaaS,2024-06-01,2025-03-01
        N1,N1 Acct,Retail,2025-02-01,
        L1,L1 Acct,SaaS,,
        L2,L2 Acct,Retail,,

        """;

    private const string Deals = """
        deal_id,account_id,created_on,closed_on,stage,outcome,loss_reason
        D1,L1,2025-03-01,2025-05-01,demo,lost,no_budget
        D2,L2,2025-01-01,2025-02-01,lead,lost,
        D3,L2,2025-08-01,2025-09-01,proposal,lost,competitor
        D4,C1,2024-10-01,2024-11-01,demo,lost,timing

        """;

    // NPS: C1 10 (promoter), C2 5, C3 first 4 then 9 (latest counts: promoter), C4 none.
    private const string Surveys = """
        account_id,responded_on,nps
        C1,2025-03-01,10
        C2,2025-03-01,5
        C3,2025-07-01,4
        C3,2025-08-01,9

        """;

    /// <summary>Events per active week, all within one ISO week: C1 1, C2 10, C3 4, C4 2, N1 3.</summary>
    private static string Events() =>
        "account_id,user_id,occurred_at,event\n" + string.Concat(new[] { ("C1", 1), ("C2", 10), ("C3", 4), ("C4", 2), ("N1", 3) }
            .SelectMany(x => Enumerable.Range(0, x.Item2).Select(k => $"{x.Item1},u1,2025-11-{3 + k % 5:00}T10:00:00Z,login\n")));

    private static InterviewPlan Plan(string examples = "")
    {
        using var folder = new ExportFolder().With("accounts.csv", Accounts).With("deals.csv", Deals).With("surveys.csv", Surveys)
            .With("events.csv", Events()).With("icpkit.yaml", "as_of: 2025-12-31\n")
            .With("icp.yaml", "name: SaaS\nversion: 1\ndate: 2025-12-01\nhas:\n  - field: industry\n    equals: SaaS\n" + examples);
        var export = Export.Load(folder.Path);
        return Interviews.Plan(export, IcpDefinition.Load(Path.Combine(folder.Path, "icp.yaml"), export), customers: 10, lost: 5);
    }

    [Fact]
    public void Build_IcpCustomers_StrongestFirstByTheDocumentedOrder()
    {
        // Medians: usage (2 + 4) / 2 = 3 events a week, so C2 and C3 are high; tenure (11.96 + 18.99) / 2 = 15.47 months
        // (364, 730, 213 and 578 days / 30.44), so C2 and C4 are long; promoters C1 and C3.
        // Strength: C2 2, C3 2, C1 1, C4 1; ties by usage: C2 (10) before C3 (4), C4 (2) before C1 (1).
        var rows = Plan().Of(PlanGroup.IcpCustomer);
        Assert.Equal(["C2", "C3", "C4", "C1"], rows.Select(r => r.AccountId));
        Assert.Equal([2, 2, 1, 1], rows.Select(r => r.Strength));
        Assert.Equal([1, 2, 3, 4], rows.Select(r => r.Rank));
        Assert.Equal("promoter (NPS 9); 4.0 events a week (high); customer for 6 months", rows[1].Why);
        Assert.Equal("no NPS answer; 2.0 events a week; customer for 18 months (long)", rows[2].Why);
        Assert.All(rows, r => Assert.Equal("matches", r.IcpCheck));
        // The Summary frame lists the same rows in the same order.
        var plan = Plan();
        var icpRows = plan.Summary["group"].Cast<string>().Select((g, i) => (g, i)).Where(x => x.g == rows[0].Group.ToString()).Select(x => x.i).ToList();
        Assert.Equal(["C2", "C3", "C4", "C1"], icpRows.Select(i => (string)plan.Summary["account_id"][i]!));
        Assert.Equal([2, 2, 1, 1], icpRows.Select(i => (int)plan.Summary["strength"][i]!));
        Assert.Equal(rows[1].Why, plan.Summary["why"][icpRows[1]]);
    }

    [Fact]
    public void Build_ContrastSets_NonIcpCustomersAndLatestLostDealsOfAccountsThatNeverBought()
    {
        var plan = Plan();
        var outside = Assert.Single(plan.Of(PlanGroup.NonIcpCustomer));
        Assert.Equal(("N1", "fails: industry is Retail, not is SaaS"), (outside.AccountId, outside.IcpCheck));
        // L2's latest loss (2025-09-01) before L1's (2025-05-01); C1 lost a deal but is a customer, so it is not here.
        var lost = plan.Of(PlanGroup.LostDeal);
        Assert.Equal(["L2", "L1"], lost.Select(r => r.AccountId));
        Assert.Equal("lost on 2025-09-01 at proposal (competitor)", lost[0].Why);
        Assert.Equal("matches", lost[1].IcpCheck);
    }

    [Fact]
    public void Build_Examples_MatchFailOrNotFound()
    {
        var rows = Plan("examples:\n  - c3 acct inc\n  - company: N1\n    note: the CEO's pick\n  - Nowhere Ltd\n").Of(PlanGroup.StakeholderExample);
        // Found by name ignoring case and punctuation, by id, and not at all.
        Assert.Equal(("C3", "matches"), (rows[0].AccountId, rows[0].IcpCheck));
        Assert.Equal(("N1", "fails: industry is Retail, not is SaaS", "named by a stakeholder: the CEO's pick"), (rows[1].AccountId, rows[1].IcpCheck, rows[1].Why));
        Assert.Null(rows[2].AccountId);
        Assert.Equal("not in this export: no account named or with the id 'Nowhere Ltd'", rows[2].IcpCheck);
    }

    [Fact]
    public void SaveCsv_WritesEveryRowSafeForSpreadsheets()
    {
        var plan = Plan("examples:\n  - \"=HYPERLINK(1)\"\n");
        using var folder = new ExportFolder();
        var path = plan.SaveCsv(folder.Path);
        Assert.Equal(InterviewPlan.FileName, Path.GetFileName(path));
        var lines = File.ReadAllLines(path);
        Assert.Equal("\"group\",\"rank\",\"account_id\",\"name\",\"strength\",\"why\",\"icp_check\"", lines[0]);
        Assert.Equal(1 + plan.Rows.Length, lines.Length);
        Assert.Equal("\"ICP customer\",1,\"C2\",\"C2 Acct\",2,\"NPS 5; 10.0 events a week (high); customer for 23 months (long)\",\"matches\"", lines[1]);
        // A formula in an example's name is written as text.
        Assert.StartsWith("\"stakeholder example\",1,,\"'=HYPERLINK(1)\"", lines[^1], StringComparison.Ordinal);
    }
}
