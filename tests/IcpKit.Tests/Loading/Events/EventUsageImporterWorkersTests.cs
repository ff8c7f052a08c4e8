using System.Globalization;
using System.Text;
using IcpKit.Loading.Events;
using Xunit.Abstractions;
using static IcpKit.Tests.Loading.Events.EventTestFiles;

namespace IcpKit.Tests.Loading.Events;

/// <summary>The result must not depend on how many worker threads share the accounts.</summary>
public sealed class EventUsageImporterWorkersTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("icpkit-events-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>
    /// A few MB of events over a few hundred accounts with the awkward cases mixed in: quoted user ids with
    /// delimiters, doubled quotes and line breaks, offsets, CRLF and LF, blank lines and rows breaking each rule.
    /// </summary>
    private string Write(int seed, int rows, bool strayQuote = false)
    {
        var random = new Random(seed);
        var path = Path.Combine(_dir, $"events-{seed}.csv");
        using var w = new StreamWriter(path, false, new UTF8Encoding(false));
        w.Write("account_id,user_id,occurred_at,event\n");
        string[] events = ["login", "view", "create_report", "export_report", "invite"];
        var start = new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < rows; i++)
        {
            var account = $"A{random.Next(400):D4}";
            var user = random.Next(20) switch
            {
                0 => $"\"u{random.Next(9)}, \"\"x\"\"\r\nline\"",
                1 => $"\"u{random.Next(9)},y\"",
                _ => $"u{random.Next(30)}",
            };
            var at = start.AddSeconds(random.NextInt64(3L * 365 * 86400));
            var time = random.Next(10) == 0
                ? at.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "+05:30"
                : at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            var ev = events[random.Next(events.Length)];
            switch (random.Next(200))
            {
                case 0: account = ""; break;
                case 1: time = "yesterday"; break;
                case 2: ev = ""; break;
                case 3: account = "UNKNOWN"; break;
                case 4: time = "2027-01-01T00:00:00Z"; break;
                case 5: w.Write("\n"); break;
            }

            if (strayQuote && i == rows / 3)
            {
                user = "u\"stray";
            }

            w.Write($"{account},{user},{time},{ev}{(random.Next(2) == 0 ? "\r\n" : "\n")}");
        }

        return path;
    }

    private static IReadOnlySet<string> Known => Enumerable.Range(0, 400).Select(i => $"A{i:D4}").ToHashSet();

    [Theory]
    [InlineData(20261126)]
    [InlineData(7)]
    public void Import_GeneratedFile_SameResultOnAnyNumberOfWorkers(int seed)
    {
        output.WriteLine($"seed {seed}");
        var path = Write(seed, 60_000);
        // A small issue cap, so the file-order choice of kept issues across workers is exercised.
        var options = Options(path, known: Known, maxIssuesPerRule: 5);
        var reference = ImportFingerprint.Of(EventUsageImporter.Import(options, workers: 1));

        foreach (var workers in new[] { 2, 3, 8 })
        {
            var result = EventUsageImporter.Import(options, workers);
            Assert.True(reference == ImportFingerprint.Of(result), $"seed {seed}: {workers} workers differ from one");
            Assert.Equal(result.RowsRead, result.Accepted + result.Rejected);
        }
    }

    [Fact]
    public void Import_GeneratedFile_DefaultWorkersMatchOneAndBalance()
    {
        const int seed = 11;
        output.WriteLine($"seed {seed}");
        var options = Options(Write(seed, 60_000), known: Known);

        var result = EventUsageImporter.Import(options);

        Assert.Equal(ImportFingerprint.Of(EventUsageImporter.Import(options, 1)), ImportFingerprint.Of(result));
        // Blank lines are not rows: every generated record is read once, whichever worker owns it.
        Assert.Equal(60_000, result.RowsRead);
        Assert.Equal(result.RowsRead, result.Accepted + result.Rejected);
        Assert.True(result.IssueCountsByRule["required"] > 0 && result.IssueCountsByRule["unknown-account"] > 0);
    }

    [Fact]
    public void Import_StrayQuote_SameResultOnAnyNumberOfWorkers()
    {
        // CsvHelper keeps a quote inside an unquoted field as text; every worker must read it the same way.
        const int seed = 12;
        output.WriteLine($"seed {seed}");
        var options = Options(Write(seed, 20_000, strayQuote: true), known: Known);

        var reference = ImportFingerprint.Of(EventUsageImporter.Import(options, 1));

        Assert.Equal(reference, ImportFingerprint.Of(EventUsageImporter.Import(options, 2)));
    }
}
