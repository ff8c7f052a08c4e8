using System.Globalization;
using System.Text;
using IcpKit.Loading.Events;
using Xunit.Abstractions;
using static IcpKit.Tests.Loading.Events.EventTestFiles;

namespace IcpKit.Tests.Loading.Events;

/// <summary>
/// The importer against a plain LINQ fold of the same rows, on ids of every length the tables treat differently:
/// short ids held in a table slot (up to 15 bytes), longer ones in its arena, ones too long to queue (over 64
/// bytes), and user ids numbered per account, so most users are shared across accounts.
/// </summary>
public sealed class EventUsageImporterOracleTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("icpkit-oracle-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(31, 1)]
    [InlineData(31, 2)]
    [InlineData(32, 3)]
    public void Import_IdsOfEveryLength_MatchLinqFold(int seed, int workers)
    {
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        // 15 and 16 bytes straddle the slot's limit; 70 and 90 bytes exceed the queue's.
        var accounts = Enumerable.Range(0, 300).Select(i => (i % 5) switch
        {
            0 => $"A{i}",
            1 => $"B{i:D14}",
            2 => $"C{i:D15}",
            3 => $"D{i}-" + new string('x', 65),
            _ => $"É{i}-" + new string('y', 85),
        }).ToArray();
        string[] events = ["login", "create_report", "export_report", "view", "invite"];
        var rows = new List<(string Account, string User, DateTime At, string Event)>();
        var start = new DateTime(2023, 1, 2, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < 20_000; i++)
        {
            var account = accounts[random.Next(accounts.Length)];
            var user = random.Next(10) switch
            {
                0 => "",
                1 => $"someone.with.a.long.address.{random.Next(4)}@{new string('z', 70)}.example",
                _ => random.Next(6).ToString(CultureInfo.InvariantCulture),
            };
            rows.Add((account, user, start.AddSeconds(random.NextInt64(2L * 365 * 86400)), events[random.Next(events.Length)]));
        }

        var path = Path.Combine(_dir, $"events-{seed}.csv");
        File.WriteAllLines(path, rows.Select(r => $"{r.Account},{r.User},{r.At:yyyy-MM-dd'T'HH:mm:ss'Z'},{r.Event}").Prepend("account_id,user_id,occurred_at,event"),
            new UTF8Encoding(false));

        var result = EventUsageImporter.Import(Options(path), workers);

        var expected = rows.GroupBy(r => r.Account, StringComparer.Ordinal).ToDictionary(g => g.Key, g => Describe(
            g.Count(), g.Min(r => r.At), g.Max(r => r.At),
            g.Where(r => Activation.Contains(r.Event)).Select(r => (DateTime?)r.At).Min(),
            g.Where(r => HighValue.Contains(r.Event)).Select(r => (DateTime?)r.At).Min(),
            g.Count(r => HighValue.Contains(r.Event)),
            g.Select(r => DateOnly.FromDateTime(r.At).DayNumber).Distinct().Count(),
            g.Select(r => DateOnly.FromDateTime(r.At).DayNumber / 7).Distinct().Count(),
            g.Where(r => r.User.Length > 0).Select(r => r.User).Distinct(StringComparer.Ordinal).Count(),
            g.GroupBy(r => r.Event).Select(e => (e.Key, (long)e.Count()))), StringComparer.Ordinal);
        Assert.Equal(expected.Count, result.Usage.Count);
        foreach (var (id, want) in expected)
        {
            var u = result.Usage[id];
            Assert.True(want == Describe(u.EventCount, u.FirstEventAt!.Value, u.LastEventAt!.Value, u.FirstActivationAt, u.FirstHighValueAt,
                u.HighValueCount, u.ActiveDays, u.ActiveWeeks, u.DistinctUsers, u.EventCounts.Select(kv => (kv.Key, kv.Value))), $"seed {seed}, account {id}");
        }
    }

    private static string Describe(long events, DateTime first, DateTime last, DateTime? activation, DateTime? highValue, long highValueCount,
        int days, int weeks, int users, IEnumerable<(string Name, long Count)> counts)
    {
        var perEvent = string.Join(",", counts.OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => $"{c.Name}={c.Count}"));
        return string.Create(CultureInfo.InvariantCulture,
            $"{events} {first:O} {last:O} {activation:O} {highValue:O} {highValueCount} {days} {weeks} {users} {perEvent}");
    }
}
