using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using IcpKit.Loading.Events;
using IcpKit.Loading.Warehouse;
using IcpKit.Model;
using IcpKit.TestServers;

namespace IcpKit.Tests.Loading.Warehouse;

/// <summary>
/// The usage fold gives the same per-account records on every path: the CSV importer, DuckDB over Parquet and JSON,
/// PostgreSQL 15 and a Distributed table over two ClickHouse 18.16 shards (rows spread at random, so one account's
/// distinct days and users are merged across shards).
/// </summary>
[Collection("warehouse")]
public sealed class FoldEquivalenceTests(WarehouseFixture data)
{
    private static readonly EventRelation Table = new("events", false, "account_id", "user_id", "occurred_at", "event");

    private static UsageFold Fold(SqlDialect dialect, EventRelation source) =>
        new(dialect, source, WarehouseFixture.Activation, WarehouseFixture.HighValue, WarehouseFixture.AsOfEndMicros);

    private EventImportResult Csv() => EventUsageImporter.Import(new EventImportOptions(
        Path.Combine(data.Folder, "events.csv"), "events.csv", Encoding.UTF8, ',', 0, 1, 2, 3,
        [.. WarehouseFixture.Activation], [.. WarehouseFixture.HighValue], [], WarehouseFixture.AsOf, data.Known));

    private (EventImportResult Result, EngineSummary Summary) Run(IEventEngine engine, EventRelation source)
    {
        using (engine)
        {
            return WarehouseUsage.Fold(engine, Fold(engine.Dialect, source), "events", data.Known);
        }
    }

    private (EventImportResult, EngineSummary) Parquet() =>
        Run(new DuckDbEngine(), Table with { Relation = $"read_parquet({SqlDialect.DuckDb.Literal(Path.Combine(data.Folder, "events.parquet"))})", IsQuery = true });

    private (EventImportResult, EngineSummary) Json() =>
        Run(new DuckDbEngine(), Table with { Relation = $"read_json({SqlDialect.DuckDb.Literal(Path.Combine(data.Folder, "events.jsonl"))})", IsQuery = true });

    private (EventImportResult, EngineSummary) Postgres() => Run(new PostgresEngine(data.Postgres.ConnectionString), Table);

    private (EventImportResult, EngineSummary) ClickHouse() => Run(new ClickHouseEngine(data.ClickHouse.Url), Table);

    /// <summary>A record as comparable text: every field, event counts sorted by name.</summary>
    internal static string Describe(AccountUsage u) => string.Create(CultureInfo.InvariantCulture,
        $"{u.AccountId}: n={u.EventCount} first={u.FirstEventAt:O} last={u.LastEventAt:O} act={u.FirstActivationAt:O} hv={u.FirstHighValueAt:O}/{u.HighValueCount} " +
        $"days={u.ActiveDays} weeks={u.ActiveWeeks} users={u.DistinctUsers} [{string.Join(", ", u.EventCounts.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"))}]");

    internal static string[] Describe(ImmutableDictionary<string, AccountUsage> usage) =>
        [.. usage.Values.OrderBy(u => u.AccountId, StringComparer.Ordinal).Select(Describe)];

    private static void AssertSameAs(EventImportResult expected, EventImportResult actual)
    {
        Assert.Equal(Describe(expected.Usage), Describe(actual.Usage));
        Assert.Equal((expected.RowsRead, expected.Accepted, expected.Rejected), (actual.RowsRead, actual.Accepted, actual.Rejected));
        Assert.Equal(expected.IssueCountsByRule.OrderBy(kv => kv.Key), actual.IssueCountsByRule.OrderBy(kv => kv.Key));
    }

    [Fact]
    public void CsvImporter_EdgeAccounts_MatchHandComputedRecords()
    {
        var usage = Csv().Usage;
        // Sun 23:30 (written +02:00), Sun 23:59:59, Mon 00:00: two UTC days, two ISO weeks, users u1 and u2.
        Assert.Equal("edge-week: n=3 first=2024-12-29T23:30:00.0000000Z last=2024-12-30T00:00:00.0000000Z act=2024-12-30T00:00:00.0000000Z hv=/0 " +
            "days=2 weeks=2 users=2 [create_report=1, login=2]", Describe(usage["edge-week"]));
        // Thu 2020-12-31, Fri 2021-01-01 and Sun 2021-01-03 are three days of ISO week 2020-W53.
        Assert.Equal("edge-year: n=3 first=2020-12-31T12:00:00.0000000Z last=2021-01-03T23:59:59.0000000Z act= hv=2021-01-01T00:00:01.0000000Z/2 " +
            "days=3 weeks=1 users=1 [export_report=2, login=1]", Describe(usage["edge-year"]));
        // "ann" and "  ann " are one user; a blank and a missing user are none.
        Assert.Equal(2, usage["edge-users"].DistinctUsers);
        Assert.Equal(5, usage["edge-users"].EventCount);
        // The row on 2025-04-01 is after as_of and rejected.
        Assert.Equal(1, usage["edge-late"].EventCount);
        // Escaped names match exactly; "create_report " trims to the activation event.
        var names = usage["edge-names"];
        Assert.Equal((4, 2L), (names.EventCount, names.HighValueCount));
        Assert.Equal(new DateTime(2025, 2, 1, 8, 0, 0, DateTimeKind.Utc), names.FirstActivationAt);
        Assert.False(usage.ContainsKey("ghost-1"));
    }

    [Fact]
    public void DuckDb_OverParquet_GivesTheCsvImportersRecords() => AssertSameAs(Csv(), Parquet().Item1);

    [Fact]
    public void DuckDb_OverJson_GivesTheCsvImportersRecords() => AssertSameAs(Csv(), Json().Item1);

    [Fact]
    public void Postgres_Table_GivesTheCsvImportersRecords() => AssertSameAs(Csv(), Postgres().Item1);

    [Fact]
    public void ClickHouse_DistributedOverTwoShards_GivesTheCsvImportersRecords()
    {
        // Both shards hold rows, so the fold really merged partial aggregates.
        for (var i = 0; i < 2; i++)
        {
            var n = long.Parse(ClickHouseCluster.Execute(data.ClickHouse.Shard(i), "SELECT count() FROM events_local").Trim(), CultureInfo.InvariantCulture);
            Assert.InRange(n, 1, data.Events.Length - 1);
        }
        AssertSameAs(Csv(), ClickHouse().Item1);
    }

    [Fact]
    public void EngineSummary_CountsRowsAccountsAndAccountsWithoutCrmRecord()
    {
        var (_, summary) = Postgres();
        var rows = data.Events.Length;
        var accounts = data.Events.Select(e => e.Account?.Trim()).Where(a => !string.IsNullOrEmpty(a)).Distinct().ToList();
        Assert.Equal(rows, summary.Rows);
        Assert.Equal(accounts.Count, summary.Accounts);
        Assert.Equal(accounts.Count(a => !data.Known.Contains(a!)), summary.AccountsWithoutCrmRecord);
        Assert.Equal(5, summary.AccountsWithoutCrmRecord); // ghost-1 .. ghost-5
    }

    [Fact]
    public void Postgres_UnknownTable_NamesTheSourceAndTheServersMessage()
    {
        using var engine = new PostgresEngine(data.Postgres.ConnectionString);
        var e = Assert.Throws<WarehouseException>(() =>
            WarehouseUsage.Fold(engine, Fold(engine.Dialect, Table with { Relation = "analytics.nope" }), "events (postgres: analytics.nope)", data.Known));
        Assert.Equal("events (postgres: analytics.nope): PostgreSQL: relation \"analytics.nope\" does not exist", e.Message);
    }

    [Fact]
    public void ClickHouse_UnknownColumn_NamesTheSourceAndTheServersMessage()
    {
        using var engine = new ClickHouseEngine(data.ClickHouse.Url);
        var e = Assert.Throws<WarehouseException>(() =>
            WarehouseUsage.Fold(engine, Fold(engine.Dialect, Table with { Event = "event_name" }), "events (clickhouse: events)", data.Known));
        Assert.StartsWith("events (clickhouse: events): ClickHouse: Code: 47", e.Message, StringComparison.Ordinal);
        Assert.Contains("event_name", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", e.Message, StringComparison.Ordinal);
    }
}
