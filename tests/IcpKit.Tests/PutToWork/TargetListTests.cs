using System.Collections.Immutable;
using System.Text.Json;
using IcpKit.Icp;
using IcpKit.PutToWork;

namespace IcpKit.Tests.PutToWork;

public class TargetListTests
{
    private static TargetList Texts(params string[] values) =>
        new("t", ["value"], [.. values.Select(v => ImmutableArray.Create<ExportCell>(new ExportCell.TextCell(v)))]);

    private static string[] Lines(string csv) => csv.Split("\r\n");

    [Theory]
    // OWASP's CSV-injection starters each get a leading quote; every text cell is quoted, inner quotes doubled.
    [InlineData("=HYPERLINK(\"http://evil.example\",\"click\")", "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"")]
    [InlineData("+1+1", "\"'+1+1\"")]
    [InlineData("-2+3", "\"'-2+3\"")]
    [InlineData("@SUM(A1:A9)", "\"'@SUM(A1:A9)\"")]
    [InlineData("\tfoo", "\"'\tfoo\"")]
    [InlineData("\rbar", "\"'\rbar\"")]
    // Harmless text stays as it is, apart from the quotes.
    [InlineData("Acme, Inc.", "\"Acme, Inc.\"")]
    [InlineData("a=b", "\"a=b\"")]
    public void ToCsv_TextStartingLikeAFormula_IsNeutralised(string value, string expected)
    {
        var csv = Texts(value).ToCsv();

        Assert.Equal("\"value\"\r\n" + expected + "\r\n", csv);
    }

    [Fact]
    public void ToCsv_NumbersTheKitFormats_StayNumbers()
    {
        // A negative number the kit formats itself cannot be a formula: it is written bare, without a quote.
        var list = new TargetList("t", ["name", "growth", "since", "flag", "none"],
        [
            [new ExportCell.TextCell("-5"), new ExportCell.NumberCell(-2.5), new ExportCell.DateCell(new DateOnly(2026, 1, 2)), new ExportCell.FlagCell(true), ExportCell.Empty],
            [new ExportCell.TextCell("x"), new ExportCell.NumberCell(1234567.125), new ExportCell.DateCell(new DateOnly(2026, 1, 3)), new ExportCell.FlagCell(false), new ExportCell.NumberCell(double.NaN)],
        ]);

        Assert.Equal(["\"name\",\"growth\",\"since\",\"flag\",\"none\"", "\"'-5\",-2.5,2026-01-02,true,", "\"x\",1234567.125,2026-01-03,false,", ""], Lines(list.ToCsv()));
    }

    [Fact]
    public void ToCsv_HeaderStartingLikeAFormula_IsNeutralised()
    {
        var list = new TargetList("t", ["=cmd|' /C calc'!A0"], [[new ExportCell.NumberCell(1)]]);

        Assert.Equal("\"'=cmd|' /C calc'!A0\"", Lines(list.ToCsv())[0]);
    }

    [Fact]
    public void ForAccounts_DefaultGrades_MatchesAndNearMissesWithReasons()
    {
        var list = TargetList.ForAccounts(IcpScoringTests.Scores, traits: ["employees", "industry", "tech_stack"]);

        Assert.Equal("account_id,name,grade,status,failed_rules,employees,industry,tech_stack", string.Join(",", list.Columns));
        foreach (var l in Lines(list.ToCsv())) Console.Error.WriteLine("LINE " + l);
        Assert.Equal(
        [
            "\"account_id\",\"name\",\"grade\",\"status\",\"failed_rules\",\"employees\",\"industry\",\"tech_stack\"",
            "\"a1\",\"Match Co\",\"A\",\"match\",\"\",100,\"Fintech\",\"snowflake\"",
            // The account name planted as a formula is neutralised; the reason names the rule it fails.
            "\"a2\",\"'=HYPERLINK(\"\"http://x\"\")\",\"B\",\"near miss\",\"employees is 20, not between 51 and 500\",20,\"Fintech\",\"snowflake\"",
            "",
        ], Lines(list.ToCsv()));
    }

    [Fact]
    public void ForOpenDeals_ChosenGrades_BestFirst()
    {
        var list = TargetList.ForOpenDeals(IcpScoringTests.Scores, [FitGrade.D, FitGrade.A]);

        Assert.Equal("Data teams v2: open deals graded A, D", list.Title);
        Assert.Equal(["d1", "d3"], list.Rows.Select(r => ((ExportCell.TextCell)r[0]).Value));
        Assert.Equal(new ExportCell.NumberCell(1000), list.Rows[0][4]);
    }

    [Fact]
    public void ToJson_Shape_TypedValuesKeptAsTheyAre()
    {
        var list = TargetList.ForAccounts(IcpScoringTests.Scores, [FitGrade.B, FitGrade.C], ["employees", "region", "tech_stack"]);

        using var doc = JsonDocument.Parse(list.ToJson());
        var root = doc.RootElement;

        Assert.Equal("Data teams v2: accounts graded B, C", root.GetProperty("title").GetString());
        Assert.Equal(8, root.GetProperty("columns").GetArrayLength());
        var rows = root.GetProperty("rows");
        Assert.Equal(2, rows.GetArrayLength());
        var a2 = rows[0];
        // JSON is not read by spreadsheets: text stays exactly as it was, numbers are numbers, missing is null.
        Assert.Equal("=HYPERLINK(\"http://x\")", a2.GetProperty("name").GetString());
        Assert.Equal(20, a2.GetProperty("employees").GetDouble());
        Assert.Equal(JsonValueKind.Null, a2.GetProperty("region").ValueKind);
        Assert.Equal(JsonValueKind.Array, a2.GetProperty("tech_stack").ValueKind);
        Assert.Equal(["employees is 20, not between 51 and 500"], a2.GetProperty("failed_rules").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(3, rows[1].GetProperty("failed_rules").GetArrayLength());
    }

    [Fact]
    public void ForAccounts_UsageFields_ReadFromTheScoredUsage()
    {
        var list = TargetList.ForAccounts(IcpScoringTests.Scores, [FitGrade.A, FitGrade.C], ["usage.events.connect_integration"]);

        // a1 sent one connect_integration event; a3 has no usage record, which reads as zero.
        Assert.Equal([new ExportCell.NumberCell(1), new ExportCell.NumberCell(0)], list.Rows.Select(r => r[^1]));
    }

    [Fact]
    public void ToJson_DatesAndFlags_HaveTheirJsonTypes()
    {
        var list = new TargetList("t", ["d", "f", "n"], [[new ExportCell.DateCell(new DateOnly(2026, 1, 2)), new ExportCell.FlagCell(false), new ExportCell.NumberCell(-2)]]);

        using var doc = JsonDocument.Parse(list.ToJson());
        var row = doc.RootElement.GetProperty("rows")[0];

        Assert.Equal("2026-01-02", row.GetProperty("d").GetString());
        Assert.Equal(JsonValueKind.False, row.GetProperty("f").ValueKind);
        Assert.Equal(-2, row.GetProperty("n").GetInt32());
    }

    [Fact]
    public void WriteCsv_RowWithWrongCellCount_Throws()
    {
        var list = new TargetList("t", ["a", "b"], [[new ExportCell.NumberCell(1)]]);

        Assert.Throws<InvalidOperationException>(() => list.ToCsv());
    }

    [Fact]
    public void SaveCsv_File_StartsWithByteOrderMark()
    {
        var path = Path.Combine(Path.GetTempPath(), $"icpkit-{Guid.NewGuid():N}.csv");
        try
        {
            Texts("x").SaveCsv(path);
            var bytes = File.ReadAllBytes(path);
            Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF, (byte)'"' }, bytes[..4]);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
