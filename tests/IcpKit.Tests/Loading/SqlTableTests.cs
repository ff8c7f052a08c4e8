using IcpKit.Loading;
using IcpKit.Model;

namespace IcpKit.Tests.Loading;

/// <summary>SQL-defined contract tables (icpkit.yaml <c>sql:</c>), run on embedded DuckDB over the export folder.</summary>
public class SqlTableTests
{
    private const string Opportunities =
        "id,company,created,closed,stage,value\n" +
        "O1,Acme,2025-01-05,2025-02-01,Won,1000\n" +
        "O2,Beta,2025-01-10,2025-01-02,Lost,0\n" +      // closes before it opens
        "O3,Gamma,2025-02-01,,Engaging,\n" +            // Gamma is not an account
        "O4,Acme,2025-03-01,2025-03-20,Lost,abc\n";     // amount is not a number

    private const string DealsSql =
        "deals:\n  sql: |\n" +
        "    select o.id as deal_id, a.account_id, o.created as created_on, o.closed as closed_on, o.stage,\n" +
        "           case o.stage when 'Won' then 'won' when 'Lost' then 'lost' else 'open' end as outcome, o.value as amount\n" +
        "    from read_csv('opps.csv', all_varchar = true) o left join 'companies.csv' c on c.name = o.company\n" +
        "    left join (select account_id, name from read_csv('accounts.csv', all_varchar = true)) a on a.name = c.name\n";

    private static ExportFolder Folder() => new ExportFolder().WithAccounts(0)
        .With("accounts.csv", ExportFolder.AccountsHeader + "\nA1,Acme,SaaS,10,DE,,,,\nA2,Beta,SaaS,20,DE,,,,\n")
        .With("companies.csv", "name\nAcme\nBeta\nGamma\n")
        .With("opps.csv", Opportunities);

    [Fact]
    public void SqlDeals_AreValidatedLikeAFile_AndCountedPerTable()
    {
        using var folder = Folder().With("icpkit.yaml", DealsSql);
        var export = Export.Load(folder.Path);

        var deals = Assert.Single(export.Report.Files, f => f.File == "deals");
        // O2 (date order) and O3 (no account) are rejected; O4 is kept with its amount missing.
        Assert.Equal(new FileSummary("deals", true, 4, 2, 2, 1, "duckdb", "sql"), deals);
        // A join does not keep file order in DuckDB; a query that cares says ORDER BY.
        Assert.Equal([("O1", 1000m), ("O4", (decimal?)null)], export.Deals.OrderBy(d => d.DealId).Select(d => (d.DealId, d.Amount)));
        Assert.Equal(
        [
            "deals:O2:closed_on = '2025-01-02': expected a close date on or after created_on 2025-01-10",
            "deals:O3:account_id (empty): expected a value for account_id (required)",
            "deals:O4:amount = 'abc': expected a number (decimal separator '.'); kept as missing",
        ], export.Report.Issues.Where(i => i.File == "deals").Select(ValidationText.Describe).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void SqlError_IsAnExportError_NamingTheTable()
    {
        using var folder = Folder().With("icpkit.yaml", "deals:\n  sql: select * from read_csv('nope.csv')\n");
        var e = Assert.Throws<ExportLoadException>(() => Export.Load(folder.Path));
        Assert.StartsWith("deals.sql in icpkit.yaml failed in DuckDB:", e.Message, StringComparison.Ordinal);
        Assert.Contains("nope.csv", e.Message, StringComparison.Ordinal);
    }
}
