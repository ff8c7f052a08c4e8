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
}
