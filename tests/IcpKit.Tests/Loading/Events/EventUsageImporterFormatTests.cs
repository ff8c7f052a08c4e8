using System.Text;
using IcpKit.Loading.Events;
using static IcpKit.Tests.Loading.Events.EventTestFiles;

namespace IcpKit.Tests.Loading.Events;

/// <summary>Quoting, line endings, byte order marks and encodings of real files.</summary>
public class EventUsageImporterFormatTests
{
    static EventUsageImporterFormatTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Fact]
    public void Import_QuotedCrlfFileWithBom_ReadsEmbeddedDelimitersQuotesAndNewlines()
    {
        var result = EventUsageImporter.Import(Options(PathOf("events-quoted-crlf-bom.csv")));

        var a1 = result.Usage["A1"];
        // Users "u,1", 'u "quoted"<CRLF>second line' and "u2": the BOM did not leak into the first column name either.
        Assert.Equal(3, a1.DistinctUsers);
        Assert.Equal(3, a1.EventCount);
        Assert.Equal(Utc(2025, 1, 7, 10), a1.FirstActivationAt);
        Assert.Equal(1, a1.EventCounts["login"]);
        Assert.Equal(4, result.RowsRead);
        var bad = Assert.Single(result.Issues);
        // The record with the quoted newline spans lines 3-4 and line 5 is blank, so the bad row is on line 7.
        Assert.Equal((7, "occurred_at", "not-a-date"), (bad.Line, bad.Column, bad.Value));
    }

    [Fact]
    public void Import_QuotedCrlfFile_SameLinesAndUsageOnAnyNumberOfWorkers()
    {
        var path = PathOf("events-quoted-crlf-bom.csv");
        var one = ImportFingerprint.Of(EventUsageImporter.Import(Options(path), workers: 1));

        foreach (var workers in new[] { 2, 3, 4 })
        {
            Assert.Equal(one, ImportFingerprint.Of(EventUsageImporter.Import(Options(path), workers)));
        }
    }

    [Fact]
    public void Import_Windows1252_DecodesWithoutMojibake()
    {
        var result = EventUsageImporter.Import(Options(PathOf("events-cp1252.csv"), Encoding.GetEncoding(1252)));

        var usage = Assert.Single(result.Usage).Value;
        Assert.Equal("Société Générale", usage.AccountId);
        Assert.Equal(2, usage.DistinctUsers);
        Assert.Equal(2, usage.EventCounts["connexion"]);
    }

    [Fact]
    public void Import_Utf16WithBom_ReadsTabSeparatedAndCountsLines()
    {
        var result = EventUsageImporter.Import(Options(PathOf("events-utf16.csv"), Encoding.Unicode, '\t'));

        Assert.Equal("Müller GmbH", Assert.Single(result.Usage).Key);
        var bad = Assert.Single(result.Issues);
        Assert.Equal((4, "bad"), (bad.Line, bad.Value));
        Assert.Equal(2, result.RowsRead);
    }

    [Fact]
    public void Import_Utf8FileDeclaredUtf8ButUtf16Bom_FollowsTheBom()
    {
        // A mapping that says UTF-8 for a file saved as UTF-16: the byte order mark wins.
        var result = EventUsageImporter.Import(Options(PathOf("events-utf16.csv"), Encoding.UTF8, '\t'));

        Assert.Equal("Müller GmbH", Assert.Single(result.Usage).Key);
    }
}
