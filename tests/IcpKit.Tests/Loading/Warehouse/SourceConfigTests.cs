using IcpKit.Loading;
using IcpKit.Loading.Warehouse;

namespace IcpKit.Tests.Loading.Warehouse;

/// <summary>icpkit.yaml's events source keys (source, connection_env, table) and the SQL the fold sends.</summary>
public sealed class SourceConfigTests
{
    [Fact]
    public void Parse_PostgresEventsTable_ReadsSourceVariableAndTable()
    {
        var config = ProjectConfigReader.Parse("events:\n  source: postgres\n  connection_env: ICPKIT_EVENTS_PG\n  table: analytics.events\n");
        Assert.Equal((TableSource.Postgres, "ICPKIT_EVENTS_PG", "analytics.events"), (config.Events.Source, config.Events.ConnectionEnv, config.Events.Table));
        Assert.Equal("events (postgres: analytics.events)", config.Events.DisplayName(ExportFile.Events));
    }

    [Theory]
    // A literal connection string would land in version control: the file names a variable instead.
    [InlineData("events:\n  source: postgres\n  connection_env: Host=db;Username=me;Password=secret\n  table: events\n", 3, "events.connection_env", "looks like a connection string")]
    [InlineData("events:\n  source: clickhouse\n  connection_env: http://me:secret@ch:8123/\n  table: events\n", 3, "events.connection_env", "looks like a connection string")]
    [InlineData("events:\n  source: postgres\n  table: events\n", 2, "events.connection_env", "needs connection_env")]
    [InlineData("events:\n  source: postgres\n  connection_env: PG\n", 2, "events.table", "exactly one of table: (the events table) or sql:")]
    [InlineData("events:\n  source: postgres\n  connection_env: PG\n  file: events.csv\n  table: events\n", 4, "events.file", "has no file")]
    [InlineData("deals:\n  source: postgres\n  connection_env: PG\n  table: deals\n", 2, "deals.source", "supported for events only")]
    [InlineData("events:\n  table: events\n", 2, "events.table", "only a database source has this")]
    [InlineData("events:\n  source: mysql\n", 2, "events.source", "expected one of files, postgres, clickhouse")]
    public void Parse_BadSource_NamesLineKeyAndFix(string yaml, int line, string key, string fragment)
    {
        var e = Assert.Throws<ProjectConfigException>(() => ProjectConfigReader.Parse(yaml));
        Assert.Equal((line, key), (e.Line, e.Key));
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    // ClickHouse reads backslash escapes inside quotes; the standard dialects only double the quote.
    [InlineData("duckdb", "it's \\ done", "'it''s \\ done'")]
    [InlineData("postgres", "x'); DROP TABLE events; --", "'x''); DROP TABLE events; --'")]
    [InlineData("clickhouse", "it's \\ done", "'it\\'s \\\\ done'")]
    [InlineData("clickhouse", "x'); DROP TABLE events; --", "'x\\'); DROP TABLE events; --'")]
    public void Literal_QuotesAndBackslashes_AreEscapedForTheDialect(string dialect, string value, string literal)
    {
        var d = new[] { SqlDialect.DuckDb, SqlDialect.Postgres, SqlDialect.ClickHouse }.Single(x => x.Name == dialect);
        Assert.Equal(literal, d.Literal(value));
    }

    [Fact]
    public void AccountsSql_OnClickHouse_AggregatesTheTableDirectly()
    {
        // A subquery would make the initiator pull every row off the shards; the GROUP BY must read the table itself.
        var fold = new UsageFold(SqlDialect.ClickHouse, new EventRelation("analytics.events", false, "account_id", "user_id", "occurred_at", "event"),
            ["create_report"], [], null);
        Assert.Contains("FROM `analytics`.`events`\nGROUP BY", fold.AccountsSql, StringComparison.Ordinal);
        Assert.Contains("uniqExactIf(", fold.AccountsSql, StringComparison.Ordinal);
        Assert.DoesNotContain("toStartOfWeek", fold.AccountsSql, StringComparison.Ordinal);
    }
}
