using IcpKit.Loading;
using IcpKit.Model;

namespace IcpKit.Tests.Loading;

/// <summary>
/// The source layer: a new kind of source is one class, and the checks written once apply to its rows,
/// located as table:key:column where a file's rows are file:line:column.
/// </summary>
public class SourceLayerTests
{
    /// <summary>A whole new source in one class: rows held in memory, named by key like a SQL-defined table.</summary>
    private sealed class MemoryTable(string name, string[] headers, string[][] rows) : IRowSource
    {
        private int _next;
        public string Name => name;
        public bool HasLines => false;
        public IReadOnlyList<string> Headers => headers;
        public string? Encoding => null;
        public string? Delimiter => "memory";
        public int Line => _next;
        public bool Read() => ++_next <= rows.Length;
        public string Raw(int index) => index >= 0 && index < rows[_next - 1].Length ? rows[_next - 1][index].Trim() : "";
        public StructureProblem? ShapeProblem() => null;
        public void Dispose() { }
    }

    [Theory]
    [InlineData("deals.csv", 12, null, "Close Date", "deals.csv:12:Close Date")]
    [InlineData("deals", 3, "D-17", "closed_on", "deals:D-17:closed_on")]
    [InlineData("deals.csv", 1, null, null, "deals.csv:1")]
    [InlineData("events.csv", 0, null, null, "events.csv")]
    public void SourceLocation_PrintsFileLineColumn_OrTableKeyColumn(string source, int line, string? key, string? column, string expected) =>
        Assert.Equal(expected, new SourceLocation(source, line, key, column).ToString());

    [Fact]
    public void MemoryTable_GetsTheDealChecks_LocatedByKey()
    {
        string[] headers = ["deal_id", "account_id", "created_on", "closed_on", "stage", "outcome", "amount", "product"];
        string[][] rows =
        [
            ["D1", "A1", "2025-01-01", "2025-02-01", "proposal", "won", "1000", "gtx"],
            ["D2", "A1", "2025-02-01", "2025-01-01", "proposal", "lost", "500", "gtx"],   // closes before it opens
            ["D1", "A2", "2025-03-01", "", "demo", "open", "", "mg"],                    // a second D1
            ["", "A9", "2025-03-01", "", "demo", "open", "", "mg"],                      // no id, unknown account
            ["D4", "A2", "2025-03-01", "", "demo", "open", "lots", "mg"],                // amount kept as missing
        ];
        var log = new IssueLog();
        var config = ProjectConfig.Canonical with { Funnel = ["demo", "proposal"] };
        var (result, traits) = DealImporter.Import(new MemoryTable("deals", headers, rows), config, new HashSet<string> { "A1", "A2" }, log);

        Assert.Equal(new FileSummary("deals", true, 5, 2, 3, 1, null, "memory"), result.Summary);
        Assert.Equal(["D1", "D4"], result.Records.Select(d => d.DealId));
        Assert.Equal(
        [
            "deals:D2:closed_on = '2025-01-01': expected a close date on or after created_on 2025-02-01",
            "deals:D1:deal_id = 'D1': expected a unique deal_id; 'D1' is already on row 1",
            "deals:row 4:deal_id (empty): expected a value for deal_id (required)",
            "deals:row 4:account_id = 'A9': expected an account_id present in accounts.csv",
            "deals:D4:amount = 'lots': expected a number (decimal separator '.'); kept as missing",
        ], log.Issues.Select(ValidationText.Describe));
        // A memory table's extra column is a deal trait through the same path as a file's.
        Assert.Equal("deal.product", Assert.Single(traits.Traits).Name);
        Assert.Equal([TraitValue.Of("gtx"), TraitValue.Of("mg")], result.Records.Select(d => d.Trait("deal.product")));
    }

    [Fact]
    public void CsvFile_IsLocatedByLineAndHeader()
    {
        using var folder = new ExportFolder().WithAccounts()
            .With("deals.csv", "Deal ID,account_id,created_on,Close Date,stage,outcome\nD1,A1,2025-02-01,2025-01-01,demo,lost\n")
            .With("icpkit.yaml", "deals:\n  columns: {deal_id: Deal ID, closed_on: Close Date}\n");
        var issue = Assert.Single(Export.Load(folder.Path).Report.Issues, i => i.Rule == "date-order");
        Assert.Equal("deals.csv:2:Close Date", issue.Location.ToString());
        Assert.Null(issue.Key);
    }
}
