using System.Collections.Immutable;
using System.Globalization;
using IcpKit.Model;

namespace IcpKit.Loading.Warehouse;

/// <summary>
/// Events that the kit does not read row by row: Parquet and JSON files and <c>sql:</c> queries over the export
/// folder (folded by embedded DuckDB), and database tables (<c>source: postgres</c> or <c>source: clickhouse</c>).
/// The engine runs <see cref="UsageFold"/> and the kit receives per-account rows only.
/// </summary>
internal static class WarehouseEvents
{
    private static readonly string[] DuckDbFileTypes = [".parquet", ".json", ".jsonl", ".ndjson"];

    /// <summary>True when the events mapping sends the fold to an engine (a database source, a <c>sql:</c> query, or a Parquet/JSON file).</summary>
    public static bool Applies(FileMapping mapping) =>
        mapping.Source != TableSource.Files || mapping.Sql is not null || DuckDbFileTypes.Contains(Path.GetExtension(mapping.FileName).ToLowerInvariant());

    /// <summary>Runs the fold where the events are.</summary>
    /// <returns>The summary line of the events table, usage per known account, and what the engine returned.</returns>
    /// <exception cref="ExportLoadException">The connection variable is unset, or the engine failed (the message names the source and quotes the engine).</exception>
    public static (FileSummary Summary, ImmutableDictionary<string, AccountUsage> Usage, EngineSummary Engine) Import(
        string folder, ProjectConfig config, IReadOnlySet<string> known, IssueLog log)
    {
        var mapping = config.Events;
        var name = mapping.DisplayName(ExportFile.Events);
        try
        {
            using var engine = Open(mapping, name, folder);
            var d = engine.Dialect;
            string relation;
            bool isQuery;
            if (mapping.Source == TableSource.Files && mapping.Sql is { } folderSql)
            {
                // A query over the folder's files: DuckDB folds its rows where they are, as for a Parquet file.
                (relation, isQuery) = (folderSql.Trim().TrimEnd(';'), true);
            }
            else if (mapping.Source == TableSource.Files)
            {
                var path = Path.GetFullPath(Path.Combine(folder, mapping.FileName));
                relation = (Path.GetExtension(path).Equals(".parquet", StringComparison.OrdinalIgnoreCase) ? "read_parquet(" : "read_json(") + d.Literal(path) + ")";
                isQuery = true;
            }
            else
            {
                (relation, isQuery) = mapping.Sql is { } sql ? (sql.Trim().TrimEnd(';'), true) : (mapping.Table!, false);
            }
            var headers = engine.Columns(isQuery ? (relation.StartsWith("read_", StringComparison.Ordinal) ? $"SELECT * FROM {relation}" : relation) : $"SELECT * FROM {d.Table(relation)}");
            var columns = ColumnMap.Resolve(headers, ExportFile.Events, mapping, log, name);
            if (columns is null)
            {
                // A refused header rejects the table: its rows are still counted, as read and rejected, so none vanishes
                // (the engine counts them; a files' events.csv is counted the same way by reading it).
                var from = !isQuery ? d.Table(relation) : relation.StartsWith("read_", StringComparison.Ordinal) ? relation : $"({relation}) AS refused_rows";
                var refused = engine.Query($"SELECT count(*) FROM {from}").Select(r => long.Parse(r[0]!, CultureInfo.InvariantCulture)).Single();
                return (new FileSummary(name, true, refused, 0, refused, 0, d.Name, null), ImmutableDictionary<string, AccountUsage>.Empty,
                    new EngineSummary(name, d.Name, 0, 0, 0, 0, TimeSpan.Zero));
            }
            string Header(string contract) => headers[columns.IndexOf(contract)];
            if (mapping.Source == TableSource.Files && mapping.Sql is not null)
            {
                relation = WithTimestamp(engine, relation, Header("occurred_at"));
            }
            var source = new EventRelation(relation, isQuery, Header("account_id"), Header("user_id"), Header("occurred_at"), Header("event"));
            long? asOfEnd = config.AsOf is { } asOf
                ? (asOf.AddDays(1).DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber) * TimeSpan.TicksPerDay / 10
                : null;
            var fold = new UsageFold(d, source, config.ActivationEvents, config.HighValueEvents, asOfEnd);
            var (result, summary) = WarehouseUsage.Fold(engine, fold, name, known);
            var severityByRule = result.Issues.GroupBy(i => i.Rule).ToDictionary(g => g.Key, g => g.First().Severity);
            log.AddRange(result.Issues, result.IssueCountsByRule.Select(kv =>
                ((name, kv.Key, severityByRule.GetValueOrDefault(kv.Key, Severity.Error)), kv.Value)));
            return (new FileSummary(name, true, result.RowsRead, result.Accepted, result.Rejected, result.Warnings, d.Name, mapping.Sql is not null ? "sql" : "table"),
                result.Usage, summary);
        }
        catch (WarehouseException e)
        {
            throw new ExportLoadException(e.Message.StartsWith(name, StringComparison.Ordinal) ? e.Message : $"{name}: {e.Message}", e);
        }
    }

    /// <summary>
    /// A query whose timestamp column is text gets it cast to TIMESTAMP (an offset is applied, a bare time is UTC),
    /// since the fold reads epoch microseconds; a value DuckDB cannot read fails the load with its message and row.
    /// </summary>
    private static string WithTimestamp(IEventEngine engine, string query, string column)
    {
        var type = engine.Query($"SELECT typeof({engine.Dialect.Identifier(column)}) FROM ({query}) AS q LIMIT 1").FirstOrDefault()?[0];
        if (type is not ("VARCHAR" or "BLOB"))
        {
            return query;
        }
        var c = engine.Dialect.Identifier(column);
        return $"SELECT * REPLACE (CAST(CAST({c} AS TIMESTAMPTZ) AS TIMESTAMP) AS {c}) FROM ({query}) AS q";
    }

    private static IEventEngine Open(FileMapping mapping, string name, string folder)
    {
        if (mapping.Source == TableSource.Files)
        {
            // Relative file names in a sql: query are the export folder's files; spills go to the OS temp folder.
            return new DuckDbEngine(searchPath: Path.GetFullPath(folder));
        }
        var variable = mapping.ConnectionEnv!;
        var connection = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(connection))
        {
            throw new WarehouseException($"{name}: the environment variable {variable} (events.connection_env) is not set; " +
                (mapping.Source == TableSource.Postgres
                    ? "set it to an Npgsql connection string such as Host=db;Port=5432;Username=reader;Password=...;Database=analytics"
                    : "set it to the ClickHouse HTTP URL such as http://reader:password@clickhouse:8123/?database=analytics"));
        }
        return mapping.Source == TableSource.Postgres ? new PostgresEngine(connection) : new ClickHouseEngine(connection);
    }
}
