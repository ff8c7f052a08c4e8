using System.Text;
using IcpKit.Loading;

namespace IcpKit.Tests.Loading;

public class SniffingTests
{
    private const string Accounts = "account_id,name,country\nA1,Müller GmbH,DE\nA2,Société Générale,FR\n";

    private static ExportData LoadAccounts(byte[] bytes)
    {
        using var folder = new ExportFolder().WithBytes("accounts.csv", bytes);
        return Export.Load(folder.Path);
    }

    private static void AssertNamesSurvive(ExportData export, string encodingName)
    {
        Assert.Equal(["Müller GmbH", "Société Générale"], export.Accounts.Select(a => a.Name));
        Assert.Equal(encodingName, export.Report.Files[0].Encoding);
        Assert.Equal("A1", export.Accounts[0].AccountId);
    }

    [Fact]
    public void Load_Utf8WithoutBom_ReadsAccents() =>
        AssertNamesSurvive(LoadAccounts(new UTF8Encoding(false).GetBytes(Accounts)), "utf-8");

    [Fact]
    public void Load_Utf8WithBom_StripsTheBomFromTheFirstHeader() =>
        // A BOM left in front of "account_id" would make the required column unfindable.
        AssertNamesSurvive(LoadAccounts([.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(Accounts)]), "utf-8-bom");

    [Fact]
    public void Load_Utf16LittleEndianWithBom_ReadsAccents() =>
        AssertNamesSurvive(LoadAccounts([.. Encoding.Unicode.Preamble, .. Encoding.Unicode.GetBytes(Accounts)]), "utf-16le");

    [Fact]
    public void Load_Utf16BigEndianWithBom_ReadsAccents() =>
        AssertNamesSurvive(LoadAccounts([.. Encoding.BigEndianUnicode.Preamble, .. Encoding.BigEndianUnicode.GetBytes(Accounts)]), "utf-16be");

    [Fact]
    public void Load_Windows1252_ReadsAccentsWithoutMojibake()
    {
        // Excel on Windows writes "ü" as the single byte 0xFC, which is not valid UTF-8.
        var bytes = Sniffer.Windows1252.GetBytes(Accounts);
        Assert.Contains((byte)0xFC, bytes);
        AssertNamesSurvive(LoadAccounts(bytes), "windows-1252");
    }

    [Fact]
    public void Load_EncodingForcedInYaml_OverridesDetection()
    {
        using var folder = new ExportFolder()
            .WithBytes("accounts.csv", Encoding.Latin1.GetBytes(Accounts))
            .With("icpkit.yaml", "encoding: iso-8859-1\n");
        var export = Export.Load(folder.Path);
        Assert.Equal("Société Générale", export.Accounts[1].Name);
        Assert.Equal("iso88591", export.Report.Files[0].Encoding);
    }

    [Theory]
    [InlineData(';', ";")]
    [InlineData('\t', "tab")]
    [InlineData(',', ",")]
    public void Load_Delimiter_IsDetected(char delimiter, string shown)
    {
        // Semicolon files carry decimal commas; tab files are what "Export as TSV" gives.
        var text = $"account_id{delimiter}name{delimiter}mrr\nA1{delimiter}Acme, Inc{delimiter}10\n";
        using var folder = new ExportFolder().With("accounts.csv", delimiter == ',' ? text.Replace("Acme, Inc", "\"Acme, Inc\"", StringComparison.Ordinal) : text);
        var export = Export.Load(folder.Path);
        Assert.Equal(shown, export.Report.Files[0].Delimiter);
        Assert.Equal("Acme, Inc", export.Accounts[0].Name);
    }

    [Fact]
    public void Load_SemicolonsWithDecimalComma_ParsesMoney()
    {
        using var folder = new ExportFolder()
            .With("accounts.csv", "account_id;mrr\nA1;1.234,50\nA2;99,9\n")
            .With("icpkit.yaml", "decimal_separator: \",\"\n");
        var export = Export.Load(folder.Path);
        Assert.Equal([1234.50m, 99.9m], export.Accounts.Select(a => a.Mrr!.Value));
    }

    [Fact]
    public void Load_CrlfAndEmbeddedNewlinesAndQuotes_KeepPhysicalLineNumbers()
    {
        // Line 2 holds a quoted name spanning lines 2-3, so A2 starts on line 4; line 5 is blank; A3 is on line 6.
        const string text = "account_id,name,employees\r\nA1,\"Acme\r\n\"\"The\"\" Company\",10\r\nA2,Beta,x\r\n\r\nA3,Gamma,5\r\n\r\n\r\n";
        using var folder = new ExportFolder().With("accounts.csv", text);
        var export = Export.Load(folder.Path);
        Assert.Equal("Acme\r\n\"The\" Company", export.Accounts[0].Name);
        Assert.Equal([2, 4, 6], export.Accounts.Select(a => a.SourceLine));
        var typeIssue = Assert.Single(export.Report.Issues, i => i.Rule == "type.int");
        Assert.Equal(4, typeIssue.Line);
        // Blank lines (in the middle and trailing) are not rows.
        Assert.Equal(3, export.Report.Files[0].RowsRead);
    }

    [Fact]
    public void Load_LinesOfEmptyFields_AreSkippedNotCounted()
    {
        // Excel writes blank rows as a run of separators.
        using var folder = new ExportFolder().With("accounts.csv", "account_id,name\nA1,x\n,\n ,  \nA2,y\n,\n");
        var summary = Export.Load(folder.Path).Report.Files[0];
        Assert.Equal(2, summary.RowsRead);
        Assert.True(summary.Balances);
    }
}
