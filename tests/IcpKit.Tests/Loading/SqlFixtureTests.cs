using IcpKit.Loading;
using IcpKit.Model;
using IcpKit.Tests.Generation;

namespace IcpKit.Tests.Loading;

/// <summary>
/// The worked examples of docs/sql-tables.md, as fixture folders under tests/Fixtures/exports/: each loads with its own
/// icpkit.yaml, and its key counts are the ones worked out by hand from the files (the comments show the working).
/// </summary>
public class SqlFixtureTests
{
    private static ExportData Load(string name) =>
        Export.Load(Path.Combine(DataSamplesTests.RepoRoot(), "tests", "Fixtures", "exports", name));

    private static FileSummary File(ExportData export, string name) => Assert.Single(export.Report.Files, f => f.File == name);

    [Fact]
    public void CrmOpportunities_JoinsLookups_KeepsOpenDealsWithoutEngageDate()
    {
        var export = Load("crm-opportunities");

        // accounts.csv: 6 companies, a plain mapping; the file has CRLF line ends.
        Assert.Equal(new FileSummary("accounts.csv", true, 6, 6, 0, 0, "utf-8", ","), File(export, "accounts.csv"));
        // 16 opportunities; OPP10 and OPP11 have no account (rejected). OPP11, OPP13 and OPP14 are Prospecting
        // without an engage date: OPP13 and OPP14 are kept (open deals need no created_on), with a warning each.
        var deals = File(export, "deals");
        Assert.Equal((16L, 14L, 2L), (deals.RowsRead, deals.Accepted, deals.Rejected));
        Assert.Equal(["OPP10", "OPP11"], export.Report.Issues.Where(i => i.File == "deals" && i.Severity == Severity.Error).Select(i => i.Key));
        Assert.Equal(["OPP13", "OPP14"], export.Deals.Where(d => d.CreatedOn is null).Select(d => d.DealId));

        // Won: OPP01, 02, 03, 06, 09, 16; lost: OPP04, 05, 07, 08.
        Assert.Equal(6, export.Deals.Count(d => d.Outcome == DealOutcome.Won));
        Assert.Equal(4, export.Deals.Count(d => d.Outcome == DealOutcome.Lost));
        // Customers from their first won deal: Acme 2025-03-01, Betatech 2025-03-11, Cancity 2025-03-07 (not OPP16's 03-30), Finjob 2025-02-02.
        Assert.Equal(
            [("Acme Corp", new DateOnly(2025, 3, 1)), ("Betatech", new DateOnly(2025, 3, 11)), ("Cancity", new DateOnly(2025, 3, 7)), ("Finjob", new DateOnly(2025, 2, 2))],
            export.Accounts.Where(a => a.IsCustomer).Select(a => (a.AccountId, a.CustomerSince!.Value)));
        // The latest date anywhere: OPP09 closed 2025-04-02.
        Assert.Equal(new DateOnly(2025, 4, 2), export.AsOf);
    }

    [Fact]
    public void MarketingFunnel_TwoFiles_OutcomeFromWhetherTheJoinMatched()
    {
        var export = Load("marketing-funnel");

        // 8 MQLs, each an account and a deal. Closed deals match M1, M3, M5, M6: won. Of the rest, M2 (12 Jan) and
        // M4 (2 Feb, written yyyy-mm-dd by a spreadsheet) are past 60 days at as_of 2025-04-30: lost; M7 and M8 are open.
        Assert.Equal((8L, 8L, 0L), Counts(File(export, "accounts")));
        Assert.Equal((8L, 8L, 0L), Counts(File(export, "deals")));
        Assert.Equal(["M1", "M3", "M5", "M6"], export.Deals.Where(d => d.Outcome == DealOutcome.Won).Select(d => d.DealId));
        Assert.Equal(["M2", "M4"], export.Deals.Where(d => d.Outcome == DealOutcome.Lost).Select(d => d.DealId));
        // M4's lost date: 2 Feb + 60 days = 3 Apr.
        Assert.Equal(new DateOnly(2025, 4, 3), export.Deals.Single(d => d.DealId == "M4").ClosedOn);
        // Customer dates: "20-02-2025 14:05:00" keeps its date; " 30-03-2025 " is trimmed. "1,000.00" is 1000.
        Assert.Equal(
            [("M1", new DateOnly(2025, 2, 20)), ("M3", new DateOnly(2025, 3, 1)), ("M5", new DateOnly(2025, 3, 30)), ("M6", new DateOnly(2025, 4, 15))],
            export.Accounts.Where(a => a.IsCustomer).Select(a => (a.AccountId, a.CustomerSince!.Value)));
        Assert.Equal(1000m, export.Accounts.Single(a => a.AccountId == "M3").Mrr);
        Assert.Equal(TraitValue.Of("industry"), export.Accounts.Single(a => a.AccountId == "M3").Extras["lead_type"]);
    }

    [Fact]
    public void OrderLines_AggregatedIntoAccountsAndOrders_BomAndMonthFirstDates()
    {
        var export = Load("order-lines");

        // 9 lines, one exported twice: 8 distinct lines, 6 orders, 3 customers.
        Assert.Equal((3L, 3L, 0L), Counts(File(export, "accounts")));
        Assert.Equal((6L, 6L, 0L), Counts(File(export, "deals")));
        // Order 1001: 200 + 50; order 1004: 150 + 300 (the repeated line counted once).
        Assert.Equal([250m, 100m, 1200m, 450m, 100m, 300m], export.Deals.Select(d => d.Amount!.Value));
        // C1: first order 1/5/2025, lines 200 + 50 + 1200 + 300; C2: 2/14/2025, 100 + 100; C3: 3/10/2025, 150 + 300.
        Assert.Equal(
            [("C1", new DateOnly(2025, 1, 5), 1750.0), ("C2", new DateOnly(2025, 2, 14), 200.0), ("C3", new DateOnly(2025, 3, 10), 450.0)],
            export.Accounts.Select(a => (a.AccountId, a.CustomerSince!.Value, ((TraitValue.NumberValue)a.Extras["lifetime_sales"]).Value)));
        Assert.Equal("Acme", export.Accounts[0].Name);
        Assert.Equal(new DateOnly(2025, 12, 20), export.AsOf);
    }

    [Fact]
    public void Subscriptions_ChurnFromItsOwnFile_UsageKeyedBySubscription()
    {
        var export = Load("subscriptions");

        Assert.Equal((4L, 4L, 0L), Counts(File(export, "accounts")));
        // Customers from their first paid subscription: A1, A2, A3; A4 only had a free trial.
        Assert.Equal(["A1", "A2", "A3"], export.Accounts.Where(a => a.IsCustomer).Select(a => a.AccountId));
        // A2 churned on 2024-08-01 (churn_events.csv); A4's churn event is not a customer's churn.
        Assert.Equal([null, new DateOnly(2024, 8, 1), null, null], export.Accounts.Select(a => a.ChurnedOn));
        // Plan and seats of the latest subscription, MRR of the open ones: A3 moved from Basic to Pro (980).
        Assert.Equal([("Enterprise", 5000m), ("Basic", (decimal?)null), ("Pro", 980m), ("Basic", null)],
            export.Accounts.Select(a => (a.Plan!, a.Mrr)));

        // 7 usage rows; U7's subscription S9 does not exist, so it has no account: rejected.
        var events = File(export, "events");
        Assert.Equal((7L, 6L, 1L), Counts(events));
        Assert.Equal([("A1", 2), ("A2", 1), ("A3", 2), ("A4", 1)],
            export.Usage.OrderBy(u => u.Key, StringComparer.Ordinal).Select(u => (u.Key, (int)u.Value.EventCount)));
        // DuckDB folds the query's rows where they are (as for a warehouse), so the issue counts them instead of numbering a row.
        var rejected = Assert.Single(export.Report.Issues, i => i.File == "events" && i.Severity == Severity.Error);
        Assert.Equal("events:account_id", rejected.Location.ToString());
        Assert.Equal(("required", "a value in account_id (1 rows have none)"), (rejected.Rule, rejected.Expected));
        // The last usage, 2024-10-01, is the latest date.
        Assert.Equal(new DateOnly(2024, 10, 1), export.AsOf);
    }

    private static (long Read, long Accepted, long Rejected) Counts(FileSummary f) => (f.RowsRead, f.Accepted, f.Rejected);
}
