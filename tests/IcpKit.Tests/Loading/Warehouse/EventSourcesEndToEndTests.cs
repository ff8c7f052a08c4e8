using System.Text;
using IcpKit.Loading;
using IcpKit.Loading.Warehouse;
using IcpKit.TestServers;
using IcpKit.Tests.Generation;
using Npgsql;

namespace IcpKit.Tests.Loading.Warehouse;

/// <summary>
/// A user points icpkit.yaml at a Parquet file, a JSON file, a PostgreSQL table or a two-shard ClickHouse table of
/// the sample quarter's events (200,000 rows) and gets the same export as from its events.csv.
/// </summary>
[Collection("warehouse")]
public sealed class EventSourcesEndToEndTests(WarehouseFixture servers) : IDisposable
{
    private static readonly string Sample = Path.Combine(DataSamplesTests.RepoRoot(), "data-samples", "2026Q3");
    private readonly ExportFolder _folder = new();

    /// <summary>The sample quarter with its events.csv replaced by an icpkit.yaml events block.</summary>
    private string FolderWith(string eventsBlock)
    {
        foreach (var f in new[] { "accounts.csv", "deals.csv", "surveys.csv" })
        {
            File.Copy(Path.Combine(Sample, f), Path.Combine(_folder.Path, f), overwrite: true);
        }
        var yaml = File.ReadAllText(Path.Combine(Sample, "icpkit.yaml")) + "\n" + eventsBlock;
        File.WriteAllText(Path.Combine(_folder.Path, "icpkit.yaml"), yaml);
        return _folder.Path;
    }

    private static ExportData FromCsv() => Export.Load(Sample);

    private static void AssertSameExport(ExportData expected, ExportData actual, string source)
    {
        Assert.Equal(FoldEquivalenceTests.Describe(expected.Usage), FoldEquivalenceTests.Describe(actual.Usage));
        Assert.Equal(expected.AsOf, actual.AsOf);
        Assert.Equal(expected.Accounts.Length, actual.Accounts.Length);
        var csv = expected.Report.Files.Single(f => f.File == "events.csv");
        var other = actual.Report.Files.Single(f => f.File == source);
        Assert.Equal((csv.RowsRead, csv.Accepted, csv.Rejected), (other.RowsRead, other.Accepted, other.Rejected));
        Assert.Equal(expected.Report.HasErrors, actual.Report.HasErrors);
    }

    private static void DuckDb(string sql)
    {
        using var duck = new DuckDbEngine();
        foreach (var _ in duck.Query(sql))
        {
        }
    }

    private static string CsvEvents => SqlDialect.DuckDb.Literal(Path.Combine(Sample, "events.csv"));

    [Fact]
    public void Parquet_EventsFile_GivesTheCsvExport()
    {
        var folder = FolderWith("events:\n  file: events.parquet\n");
        DuckDb($"COPY (SELECT * FROM read_csv({CsvEvents}, types = {{'occurred_at': 'TIMESTAMP'}})) TO {SqlDialect.DuckDb.Literal(Path.Combine(folder, "events.parquet"))} (FORMAT parquet)");
        var export = Export.Load(folder);
        AssertSameExport(FromCsv(), export, "events.parquet");
        Assert.Equal("duckdb", Assert.Single(export.Engines).Engine);
    }

    [Theory]
    // DuckDB reads occurred_at as a TIMESTAMP.
    [InlineData("select * from read_csv('events.csv')")]
    // All text: the kit casts the timestamps (UTC) before the fold.
    [InlineData("select * from read_csv('events.csv', all_varchar = true)")]
    public void Sql_QueryOverTheFolder_FoldsInDuckDbAndGivesTheCsvExport(string query)
    {
        var folder = FolderWith($"events:\n  sql: \"{query}\"\n");
        File.Copy(Path.Combine(Sample, "events.csv"), Path.Combine(folder, "events.csv"), overwrite: true);

        var export = Export.Load(folder);

        AssertSameExport(FromCsv(), export, "events");
        // One path with the warehouses: the engine folded the rows and sent back per-account records.
        var engine = Assert.Single(export.Engines);
        Assert.Equal("duckdb", engine.Engine);
        Assert.Equal(export.Report.Files.Single(f => f.File == "events").RowsRead, engine.Rows);
        Assert.True(engine.ResultRows < engine.Rows / 10, $"{engine.ResultRows} result rows for {engine.Rows} events");
    }

    [Fact]
    public void Json_EventsFileWithRenamedColumns_GivesTheCsvExport()
    {
        var folder = FolderWith("events:\n  file: events.jsonl\n  columns: {account_id: Account, event: Event Name}\n");
        DuckDb($"COPY (SELECT account_id AS \"Account\", user_id, occurred_at, event AS \"Event Name\" FROM read_csv({CsvEvents}, types = {{'occurred_at': 'TIMESTAMP'}})) " +
            $"TO {SqlDialect.DuckDb.Literal(Path.Combine(folder, "events.jsonl"))} (FORMAT json)");
        AssertSameExport(FromCsv(), Export.Load(folder), "events.jsonl");
    }

    [Fact]
    public void Postgres_EventsTable_GivesTheCsvExport()
    {
        using (var c = new NpgsqlConnection(servers.Postgres.ConnectionString))
        {
            c.Open();
            using (var cmd = new NpgsqlCommand("DROP SCHEMA IF EXISTS analytics CASCADE; CREATE SCHEMA analytics; " +
                "CREATE TABLE analytics.events (account_id text, user_id text, occurred_at timestamptz, event text)", c))
            {
                cmd.ExecuteNonQuery();
            }
            using var writer = c.BeginTextImport("COPY analytics.events FROM STDIN (FORMAT csv, HEADER true)");
            writer.Write(File.ReadAllText(Path.Combine(Sample, "events.csv")));
        }
        Environment.SetEnvironmentVariable("ICPKIT_TEST_EVENTS_PG", servers.Postgres.ConnectionString);
        var folder = FolderWith("events:\n  source: postgres\n  connection_env: ICPKIT_TEST_EVENTS_PG\n  table: analytics.events\n");
        var export = Export.Load(folder);
        AssertSameExport(FromCsv(), export, "events (postgres: analytics.events)");
        var engine = Assert.Single(export.Engines);
        Assert.Equal((200_000L, 0), (engine.Rows, engine.AccountsWithoutCrmRecord));
        // Per-account rows, not events, crossed the wire.
        Assert.InRange(engine.ResultRows, engine.Accounts, engine.Accounts * 12L);
        Assert.Contains("folded by postgres: events (postgres: analytics.events): 200,000 rows", export.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ClickHouse_DistributedEventsTable_GivesTheCsvExport()
    {
        var ch = servers.ClickHouse;
        for (var i = 0; i < 2; i++)
        {
            ClickHouseCluster.Execute(ch.Shard(i), "DROP TABLE IF EXISTS sample_local");
            ClickHouseCluster.Execute(ch.Shard(i), "DROP TABLE IF EXISTS sample_events");
            ClickHouseCluster.Execute(ch.Shard(i),
                "CREATE TABLE sample_local (account_id String, user_id String, occurred_at DateTime, event String) ENGINE = MergeTree() ORDER BY (account_id, occurred_at)");
            ClickHouseCluster.Execute(ch.Shard(i),
                $"CREATE TABLE sample_events AS sample_local ENGINE = Distributed({ClickHouseCluster.Cluster}, default, sample_local, cityHash64(account_id))");
        }
        // The sample's timestamps are all yyyy-MM-ddTHH:mm:ssZ; 18.16 parses DateTime as "yyyy-MM-dd HH:mm:ss" (UTC server).
        var tsv = new StringBuilder();
        foreach (var line in File.ReadLines(Path.Combine(Sample, "events.csv")).Skip(1))
        {
            var f = line.Split(',');
            tsv.Append(f[0]).Append('\t').Append(f[1]).Append('\t').Append(f[2].Replace('T', ' ').TrimEnd('Z')).Append('\t').Append(f[3]).Append('\n');
        }
        ClickHouseCluster.Execute(ch.Url + "?insert_distributed_sync=1", "INSERT INTO sample_events FORMAT TabSeparated", tsv.ToString());
        Environment.SetEnvironmentVariable("ICPKIT_TEST_EVENTS_CH", ch.Url);
        var folder = FolderWith("events:\n  source: clickhouse\n  connection_env: ICPKIT_TEST_EVENTS_CH\n  table: sample_events\n");
        AssertSameExport(FromCsv(), Export.Load(folder), "events (clickhouse: sample_events)");
    }

    [Fact]
    public void Postgres_SqlQuery_FoldsTheQuerysRows()
    {
        // The query renames columns in PostgreSQL's dialect; the fold wraps it as a subquery.
        Environment.SetEnvironmentVariable("ICPKIT_TEST_EVENTS_PG3", servers.Postgres.ConnectionString);
        var folder = FolderWith("events:\n  source: postgres\n  connection_env: ICPKIT_TEST_EVENTS_PG3\n  sql: |\n" +
            "    SELECT account_id AS acct, user_id, occurred_at AT TIME ZONE 'UTC' AS occurred_at, event FROM events WHERE account_id LIKE 'acc-0%'\n" +
            "  columns: {account_id: acct}\n");
        var export = Export.Load(folder);
        var engine = Assert.Single(export.Engines);
        Assert.Equal("events (postgres: query)", engine.Source);
        // Rows of acc-01..acc-09 in the fixture's events: none of them is in the sample's accounts.csv.
        Assert.Equal(servers.Events.LongCount(e => e.Account?.StartsWith("acc-0", StringComparison.Ordinal) == true), engine.Rows);
        Assert.Equal(9, engine.AccountsWithoutCrmRecord);
        Assert.Empty(export.Usage);
    }

    [Fact]
    public void Postgres_ConnectionVariableUnset_FailsNamingTheVariable()
    {
        var folder = FolderWith("events:\n  source: postgres\n  connection_env: ICPKIT_TEST_UNSET_VARIABLE\n  table: analytics.events\n");
        var e = Assert.Throws<ExportLoadException>(() => Export.Load(folder));
        Assert.StartsWith("events (postgres: analytics.events): the environment variable ICPKIT_TEST_UNSET_VARIABLE (events.connection_env) is not set", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Postgres_MissingColumn_ReportsTheColumnsTheTableHas()
    {
        Environment.SetEnvironmentVariable("ICPKIT_TEST_EVENTS_PG2", servers.Postgres.ConnectionString);
        var folder = FolderWith("events:\n  source: postgres\n  connection_env: ICPKIT_TEST_EVENTS_PG2\n  table: events\n  columns: {event: event_name}\n");
        var export = Export.Load(folder);
        var issue = Assert.Single(export.Report.Issues, i => i.Rule == "missing-column");
        Assert.Equal("events (postgres: events)", issue.File);
        Assert.Contains("event (header 'event_name', icpkit.yaml key events.columns.event)", issue.Expected, StringComparison.Ordinal);
        Assert.Contains("'occurred_at'", issue.Expected, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
