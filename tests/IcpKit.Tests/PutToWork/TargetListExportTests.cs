using System.Text.Json;
using System.Text;
using IcpKit.Icp;
using IcpKit.Model;
using IcpKit.PutToWork;
using IcpKit.Tests.Generation;

namespace IcpKit.Tests.PutToWork;

/// <summary>CSV injection through the path notebook 05 uses: score, TargetLists.Save, open the files written.</summary>
public sealed class TargetListExportTests : IDisposable
{
    private readonly TempDir temp = new();

    private string folder => temp.Path;

    public void Dispose() => temp.Dispose();

    private static readonly IcpDefinition Icp = IcpDefinition.Parse(
        "name: t\nversion: 1\ndate: 2026-01-01\nhas:\n  - field: employees\n    at_least: 10\n",
        IcpFields.Catalog([new Account { AccountId = "x", Employees = 1, Industry = "a" }]));

    [Theory]
    // Each OWASP starter in an account name or industry reaches the file neutralised.
    [InlineData("=HYPERLINK(\"http://evil.example\",\"x\")", "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"")]
    [InlineData("+SUM(1,2)", "\"'+SUM(1,2)\"")]
    [InlineData("-1+2", "\"'-1+2\"")]
    [InlineData("@cmd", "\"'@cmd\"")]
    [InlineData("\t=1", "\"'\t=1\"")]
    [InlineData("\r=1", "\"'\r=1\"")]
    public void Save_FormulaLikeNameAndTrait_NeutralisedInCsvKeptInJson(string hostile, string expectedCell)
    {
        var accounts = new[] { new Account { AccountId = "A1", Name = hostile, Employees = 50, Industry = hostile } };
        var deals = new[] { new Deal { DealId = "D1", AccountId = "A1", CreatedOn = new DateOnly(2026, 1, 1), Stage = hostile, Outcome = DealOutcome.Open, Amount = -5m } };
        var scores = IcpScoring.Score(Icp, accounts, deals);

        var saved = TargetLists.Save(scores, folder, traits: ["industry", "employees"]);

        var accountsCsv = File.ReadAllText(saved.Lists[0].CsvPath, Encoding.UTF8);
        var dealsCsv = File.ReadAllText(saved.Lists[1].CsvPath, Encoding.UTF8);
        // Name and industry in the accounts list; stage, account name and industry in the open deals list: every one
        // neutralised, none written raw (the importer may trim a category, so its trimmed form is checked too).
        foreach (var csv in new[] { accountsCsv, dealsCsv })
        {
            Assert.Contains(expectedCell, csv, StringComparison.Ordinal);
            Assert.DoesNotContain("\"" + hostile.Replace("\"", "\"\"", StringComparison.Ordinal), csv, StringComparison.Ordinal);
            Assert.DoesNotContain("\"" + hostile.Trim().Replace("\"", "\"\"", StringComparison.Ordinal), csv, StringComparison.Ordinal);
        }
        // The deal's negative amount is a number the kit wrote: it stays bare.
        Assert.Contains(",-5,", dealsCsv, StringComparison.Ordinal);
        // The file starts with a byte order mark so spreadsheets read UTF-8.
        Assert.Equal([0xEF, 0xBB, 0xBF], File.ReadAllBytes(saved.Lists[0].CsvPath)[..3]);
        // JSON is not opened by spreadsheets: the value is kept as it was.
        using var json = JsonDocument.Parse(File.ReadAllText(saved.Lists[0].JsonPath));
        Assert.Equal(hostile, json.RootElement.GetProperty("rows")[0].GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData(" ")]
    public void Save_StemThatIsNotAFileName_Throws(string stem)
    {
        var list = new TargetList("t", ["c"], []);

        Assert.ThrowsAny<ArgumentException>(() => list.Save(folder, stem));
    }
}
