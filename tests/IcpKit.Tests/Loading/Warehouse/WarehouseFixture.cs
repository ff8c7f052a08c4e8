using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using IcpKit.Loading.Warehouse;
using IcpKit.TestServers;
using Npgsql;

namespace IcpKit.Tests.Loading.Warehouse;

/// <summary>One event as every engine stores it; null fields are NULL in a database and empty in the CSV.</summary>
/// <param name="CsvTime">How the CSV writes the time (an offset form of the same instant, say); null writes it as ISO UTC.</param>
public sealed record RawEvent(string? Account, string? User, DateTime? Time, string? Event, string? CsvTime = null);

/// <summary>
/// The same events in every source the fold reads: a CSV file, Parquet and JSON files, a PostgreSQL table and a
/// Distributed table over two ClickHouse shards. Servers start once for the test collection and stop at its end;
/// when one cannot start, every test needing it fails with the reason (never skipped).
/// </summary>
public sealed class WarehouseFixture : IDisposable
{
    public static readonly DateOnly AsOf = new(2025, 3, 31);
    public static readonly ImmutableArray<string> Activation = ["create_report", "it's \\ \"done\""];
    // A name that would end the literal and run a statement if it were not escaped.
    public static readonly ImmutableArray<string> HighValue = ["export_report", "x'); DROP TABLE events; --", "back\\'slash"];

    private readonly Lazy<PostgresServer> _postgres;
    private readonly Lazy<ClickHouseCluster> _clickHouse;
    private readonly Task<PostgresServer> _pgStart;
    private readonly Task<ClickHouseCluster> _chStart;

    public WarehouseFixture()
    {
        Folder = Directory.CreateTempSubdirectory("icpkit-warehouse-").FullName;
        Events = Build(seed: 20261201);
        Known = [.. Enumerable.Range(1, 40).Select(i => $"acc-{i:00}"), "edge-week", "edge-year", "edge-users", "edge-late", "edge-names"];
        WriteCsv(Path.Combine(Folder, "events.csv"));
        WriteFiles();
        // Both servers start in parallel with the file work above; a test that needs one waits for it.
        _pgStart = Task.Run(() => Load(PostgresServer.Start()));
        _chStart = Task.Run(() => Load(ClickHouseCluster.Start()));
        _postgres = new Lazy<PostgresServer>(() => Await(_pgStart, "PostgreSQL"));
        _clickHouse = new Lazy<ClickHouseCluster>(() => Await(_chStart, "ClickHouse"));
    }

    public string Folder { get; }
    public ImmutableArray<RawEvent> Events { get; }
    public ImmutableHashSet<string> Known { get; }
    public static long AsOfEndMicros => (AsOf.AddDays(1).DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber) * 86_400_000_000L;

    /// <summary>The PostgreSQL server holding table <c>events</c>; throws (failing the test) when it could not start.</summary>
    public PostgresServer Postgres => _postgres.Value;

    /// <summary>The two-shard ClickHouse cluster holding Distributed table <c>events</c> over <c>events_local</c>.</summary>
    public ClickHouseCluster ClickHouse => _clickHouse.Value;

    private static T Await<T>(Task<T> start, string what)
    {
        try
        {
            return start.GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            throw new ServerStartException($"{what} could not be started for the warehouse tests: {e.Message}");
        }
    }

    /// <summary>Edge cases first, then seeded random events.</summary>
    private static ImmutableArray<RawEvent> Build(int seed)
    {
        static DateTime U(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) => new(y, mo, d, h, mi, s, DateTimeKind.Utc);
        var list = new List<RawEvent>
        {
            // ISO week boundary: Sunday 2024-12-29 23:59:59 and Monday 00:00:00 are two days and two weeks; the
            // +02:00 row is Sunday 23:30 UTC although its local date is Monday.
            new("edge-week", "u1", U(2024, 12, 29, 23, 59, 59), "login"),
            new("edge-week", "u1", U(2024, 12, 30), "create_report"),
            new("edge-week", "u2", U(2024, 12, 29, 23, 30), "login", "2024-12-30T01:30:00+02:00"),
            // Year boundary inside ISO week 53 of 2020 (Thu 2020-12-31, Fri 2021-01-01): two days, one week.
            new("edge-year", "u1", U(2020, 12, 31, 12), "login"),
            new("edge-year", "u1", U(2021, 1, 1, 0, 0, 1), "export_report"),
            new("edge-year", "u1", U(2021, 1, 3, 23, 59, 59), "export_report"),
            // Users: padded ids trim to one user; blank and missing users count no one.
            new("edge-users", "ann", U(2025, 1, 6, 9), "login"),
            new("edge-users", "  ann ", U(2025, 1, 6, 10), "login"),
            new("edge-users", "", U(2025, 1, 7, 9), "login"),
            new("edge-users", null, U(2025, 1, 7, 10), "login"),
            new("edge-users", "bob", U(2025, 1, 8, 9), "create_report"),
            // After as_of (2025-03-31): the last second of the day counts, the next day's first does not.
            new("edge-late", "u1", U(2025, 3, 31, 23, 59, 59), "login"),
            new("edge-late", "u1", U(2025, 4, 1), "login"),
            // Event names that need escaping are matched exactly.
            new("edge-names", "u1", U(2025, 2, 1, 8), "it's \\ \"done\""),
            new("edge-names", "u1", U(2025, 2, 2, 8), "x'); DROP TABLE events; --"),
            new("edge-names", "u1", U(2025, 2, 3, 8), "back\\'slash"),
            new("edge-names", "u1", U(2025, 2, 4, 8), "create_report "),
            // Rejected rows: no account, no time, no event, unknown accounts (one only late).
            new(null, "u1", U(2025, 1, 1), "login"),
            new("  ", "u1", U(2025, 1, 1), "login"),
            new("acc-01", "u1", null, "login"),
            new("acc-01", "u1", U(2025, 1, 2), null),
            new("acc-01", "u1", U(2025, 1, 2), "  "),
            new("ghost-1", "u9", U(2025, 1, 5), "login"),
            new("ghost-1", "u9", U(2025, 1, 6), "create_report"),
            new("ghost-2", null, U(2025, 5, 1), "login"),
        };
        var random = new Random(seed);
        string[] names = ["login", "view_dashboard", "create_report", "export_report", "invite_user", "integration_connected"];
        var start = U(2024, 1, 1);
        for (var i = 0; i < 4000; i++)
        {
            var account = random.Next(50) switch { < 44 => $"acc-{random.Next(1, 41):00}", < 47 => $"ghost-{random.Next(3, 6)}", _ => $"acc-{random.Next(1, 41):00} " };
            var user = random.Next(10) == 0 ? "" : $"user-{random.Next(1, 9)}";
            var time = start.AddSeconds(random.NextInt64(0, 460L * 86400));
            list.Add(new RawEvent(account, user, time, names[random.Next(names.Length)]));
        }
        return [.. list];
    }

    private void WriteCsv(string path)
    {
        static string Field(string? v) => v is null ? "" : v.IndexOfAny([',', '"', '\n', '\r']) >= 0 || v != v.Trim() ? "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : v;
        var sb = new StringBuilder("account_id,user_id,occurred_at,event\n");
        foreach (var e in Events)
        {
            var time = e.CsvTime ?? e.Time?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            sb.Append(Field(e.Account)).Append(',').Append(Field(e.User)).Append(',').Append(time).Append(',').Append(Field(e.Event)).Append('\n');
        }
        File.WriteAllText(path, sb.ToString(), new UTF8Encoding(false));
    }

    /// <summary>INSERT ... VALUES rows in a dialect (literals escaped by the dialect under test).</summary>
    private IEnumerable<string> ValueRows(SqlDialect d, Func<DateTime, string> time) => Events.Select(e =>
        $"({(e.Account is null ? "NULL" : d.Literal(e.Account))}, {(e.User is null ? "NULL" : d.Literal(e.User))}, " +
        $"{(e.Time is { } t ? time(t) : "NULL")}, {(e.Event is null ? "NULL" : d.Literal(e.Event))})");

    private static string Iso(DateTime t) => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private void WriteFiles()
    {
        using var duck = new DuckDbEngine();
        Exec(duck, "CREATE TABLE events (account_id VARCHAR, user_id VARCHAR, occurred_at TIMESTAMP, event VARCHAR)");
        Exec(duck, "INSERT INTO events VALUES " + string.Join(",\n", ValueRows(SqlDialect.DuckDb, t => $"TIMESTAMP '{Iso(t)}'")));
        Exec(duck, $"COPY events TO {SqlDialect.DuckDb.Literal(Path.Combine(Folder, "events.parquet"))} (FORMAT parquet)");
        Exec(duck, $"COPY events TO {SqlDialect.DuckDb.Literal(Path.Combine(Folder, "events.jsonl"))} (FORMAT json)");
    }

    private static void Exec(DuckDbEngine engine, string sql)
    {
        foreach (var _ in engine.Query(sql))
        {
        }
    }

    private PostgresServer Load(PostgresServer server)
    {
        try
        {
            using var c = new NpgsqlConnection(server.ConnectionString);
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "CREATE TABLE events (account_id text, user_id text, occurred_at timestamptz, event text);\n" +
                "INSERT INTO events VALUES " + string.Join(",\n", ValueRows(SqlDialect.Postgres, t => $"TIMESTAMPTZ '{Iso(t)}+00'"));
            cmd.ExecuteNonQuery();
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    private ClickHouseCluster Load(ClickHouseCluster cluster)
    {
        try
        {
            for (var i = 0; i < 2; i++)
            {
                ClickHouseCluster.Execute(cluster.Shard(i),
                    "CREATE TABLE events_local (account_id Nullable(String), user_id Nullable(String), occurred_at Nullable(DateTime), event Nullable(String)) " +
                    "ENGINE = MergeTree() ORDER BY tuple()");
                ClickHouseCluster.Execute(cluster.Shard(i),
                    $"CREATE TABLE events AS events_local ENGINE = Distributed({ClickHouseCluster.Cluster}, default, events_local, rand())");
            }
            // Synchronous, so both shards hold their part when the tests read.
            ClickHouseCluster.Execute(cluster.Url + "?insert_distributed_sync=1",
                "INSERT INTO events VALUES " + string.Join(",\n", ValueRows(SqlDialect.ClickHouse, t => $"toDateTime('{Iso(t)}', 'UTC')")));
            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        // Stop whatever did start, even if no test asked for it.
        Stop(_pgStart);
        Stop(_chStart);
        PostgresServer.TryDelete(Folder);
    }

    private static void Stop<T>(Task<T> start)
        where T : IDisposable
    {
        try
        {
            start.Wait(TimeSpan.FromMinutes(2));
        }
        catch (AggregateException)
        {
            // It never started: nothing to stop.
        }
        if (start.IsCompletedSuccessfully)
        {
            start.Result.Dispose();
        }
    }
}

[CollectionDefinition("warehouse")]
public sealed class WarehouseServersDefinition : ICollectionFixture<WarehouseFixture>;
