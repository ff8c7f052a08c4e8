using System.Security.Cryptography;
using IcpKit.Generation;

namespace IcpKit.Tests.Generation;

public class SampleExportDeterminismTests
{
    private static readonly SampleExportOptions Small = new() { Accounts = 400, Seed = 11, EventsPerAccount = 40 };

    private static Dictionary<string, string> Hashes(string dir) =>
        Directory.GetFiles(dir).Order(StringComparer.Ordinal)
            .ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    private static Dictionary<string, string> GenerateHashes(SampleExportOptions options)
    {
        using var dir = new TempDir();
        new SampleExportGenerator(options).Generate(dir.Path);
        return Hashes(dir.Path);
    }

    [Fact]
    public void Generate_SameOptions_WritesIdenticalBytes()
    {
        var first = GenerateHashes(Small);
        var second = GenerateHashes(Small);
        Assert.Equal(["accounts.csv", "deals.csv", "events.csv", "icpkit.yaml", "interviews.csv", "mrr_history.csv", "spend.csv", "surveys.csv"], first.Keys);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Generate_DifferentSeed_WritesDifferentData()
    {
        var a = GenerateHashes(Small);
        var b = GenerateHashes(Small with { Seed = 12 });
        foreach (var file in new[] { "accounts.csv", "deals.csv", "events.csv", "interviews.csv", "surveys.csv" })
            Assert.NotEqual(a[file], b[file]);
    }

    [Fact]
    public void Generate_OtherEventsVolume_KeepsAccountsDealsAndSurveys()
    {
        // Each purpose draws from its own per-account stream, so the events volume changes only events.csv.
        var a = GenerateHashes(Small);
        var b = GenerateHashes(Small with { EventsPerAccount = 5 });
        Assert.Equal(a["accounts.csv"], b["accounts.csv"]);
        Assert.Equal(a["deals.csv"], b["deals.csv"]);
        Assert.Equal(a["surveys.csv"], b["surveys.csv"]);
        Assert.Equal(a["interviews.csv"], b["interviews.csv"]); // its own stream (6), like the surveys'
        Assert.NotEqual(a["events.csv"], b["events.csv"]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(12_345)]
    public void Generate_ExactEvents_WritesExactlyThatMany(long events)
    {
        var (tables, export) = ExportTables.Generate(Small with { Events = events });
        Assert.Equal(events, export.Events);
        Assert.Equal(events, tables.Events.Count);
    }

    [Fact]
    public void Generate_ValueFiles_LeaveEveryOtherFileAsItWas()
    {
        // spend.csv and mrr_history.csv draw from streams of their own: with or without them, the other files are the same
        // bytes (icpkit.yaml only gains its value: section).
        var with = GenerateHashes(Small);
        var without = GenerateHashes(Small with { ValueFiles = false });
        Assert.Equal(["accounts.csv", "deals.csv", "events.csv", "icpkit.yaml", "interviews.csv", "surveys.csv"], without.Keys);
        foreach (var file in new[] { "accounts.csv", "deals.csv", "events.csv", "interviews.csv", "surveys.csv" })
            Assert.Equal(without[file], with[file]);
    }
}
