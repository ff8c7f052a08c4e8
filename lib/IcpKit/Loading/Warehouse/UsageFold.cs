using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace IcpKit.Loading.Warehouse;

/// <summary>Where the raw event rows are, for the fold: a table name or a query returning them.</summary>
/// <param name="Relation">A table name (dotted, quoted part by part) or, when <paramref name="IsQuery"/>, a query or table function.</param>
/// <param name="IsQuery">True when <paramref name="Relation"/> is SQL to wrap as a subquery (or a DuckDB table function) rather than a name.</param>
/// <param name="AccountId">The source's column holding the account id.</param>
/// <param name="UserId">The source's user id column; null when it has none.</param>
/// <param name="OccurredAt">The source's timestamp column (a timestamp type: UTC when it has no zone).</param>
/// <param name="Event">The source's event name column.</param>
public sealed record EventRelation(string Relation, bool IsQuery, string AccountId, string? UserId, string OccurredAt, string Event);

/// <summary>
/// The per-account usage fold as SQL: one definition, generated for each engine's dialect, so an engine holding the
/// events returns one row per account (and one per account and event name) instead of the events themselves.
/// </summary>
/// <remarks>
/// <para>
/// It computes exactly what <see cref="Events.EventUsageImporter"/> folds from a CSV, with the same rules: ids, user
/// ids and event names are trimmed; a row needs an account, a timestamp and an event name; a row after
/// <c>as_of</c> is rejected; a blank user id counts no user; days are UTC days and weeks ISO weeks (Monday to
/// Sunday). Unknown accounts are not filtered by the engine: their rows come back, and the kit rejects them
/// against the CRM accounts it holds.
/// </para>
/// <para>
/// Days are <c>floor(us / 86,400,000,000)</c> of the epoch microseconds, weeks <c>floor((us + 3 days) / 7 days)</c>,
/// because 1970-01-01 was a Thursday: an event at Sunday 2024-12-29 23:59:59 and one at Monday 2024-12-30
/// 00:00:00 fall on two days and two weeks on every engine.
/// </para>
/// </remarks>
/// <param name="Dialect">The engine's SQL dialect.</param>
/// <param name="Source">Where the raw rows are.</param>
/// <param name="ActivationEvents">Event names that count as activation (sent as escaped literals).</param>
/// <param name="HighValueEvents">Event names that count as high-value use.</param>
/// <param name="AsOfEndMicros">Microseconds since the epoch at which as_of's day ends; null for no limit.</param>
public sealed record UsageFold(SqlDialect Dialect, EventRelation Source, ImmutableArray<string> ActivationEvents,
    ImmutableArray<string> HighValueEvents, long? AsOfEndMicros)
{
    private const long MicrosPerDay = 86_400_000_000;

    // ClickHouse lets an alias shadow a column everywhere in the query ("... AS account_id" would make GROUP BY
    // refer to itself), so output names carry a prefix no source column is likely to have.
    private const string OutputPrefix = "fold_";

    /// <summary>The output columns of <see cref="AccountsSql"/>, in order (each prefixed with <c>fold_</c> in the SQL).</summary>
    public static ImmutableArray<string> AccountColumns { get; } =
    [
        "account_id", "row_count", "event_count", "missing_time", "missing_event", "after_as_of", "first_us", "last_us",
        "activation_count", "first_activation_us", "high_value_count", "first_high_value_us", "active_days", "active_weeks", "distinct_users",
    ];

    /// <summary>The output columns of <see cref="EventCountsSql"/>, in order.</summary>
    public static ImmutableArray<string> EventCountColumns { get; } = ["account_id", "event", "event_count"];

    /// <summary>One row per trimmed account id (blank ids fold into one row with an empty or NULL id): every row counted, and the usage of the accepted ones.</summary>
    public string AccountsSql => Dialect.DistinctCountsByGroupBys ? AccountsByGroupBys() : AccountsByDistinctAggregates();

    /// <summary>
    /// The per-row figures of <see cref="AccountColumns"/> 1-11, each as its aggregate over an account's rows and as the
    /// aggregate that merges partial results of it (sum of counts, min or max of times).
    /// </summary>
    private static (string Sql, string Merge)[] RowFigures(Expressions e, SqlDialect d) =>
    [
        ("count(*)", "sum"),
        (d.CountIf(e.Ok), "sum"),
        (d.CountIf(e.MissingTime), "sum"),
        (d.CountIf(e.MissingEvent), "sum"),
        (d.CountIf(e.Late), "sum"),
        (d.MinIf(e.Micros, e.Ok), "min"),
        (d.MaxIf(e.Micros, e.Ok), "max"),
        (d.CountIf($"{e.Ok} AND {e.Activation}"), "sum"),
        (d.MinIf(e.Micros, $"{e.Ok} AND {e.Activation}"), "min"),
        (d.CountIf($"{e.Ok} AND {e.HighValue}"), "sum"),
        (d.MinIf(e.Micros, $"{e.Ok} AND {e.HighValue}"), "min"),
    ];

    private string AccountsByDistinctAggregates()
    {
        var e = new Expressions(this);
        var d = Dialect;
        string[] columns =
        [
            e.Account,
            .. RowFigures(e, d).Select(f => f.Sql),
            d.CountDistinctIf(e.Day, e.Ok),
            d.CountDistinctIf(e.Week, e.Ok),
            d.CountDistinctIf(e.User, $"{e.Ok} AND {e.User} <> ''"),
        ];
        return Select(columns, AccountColumns, e, where: null, groupBy: e.Account);
    }

    /// <summary>
    /// The same figures without DISTINCT aggregates: the rows grouped by (account, day), by (account, ISO week) and by
    /// (account, user), three plain GROUP BYs under UNION ALL, and an outer query that counts each account's groups
    /// and merges its (account, day) groups. DuckDB keeps a DISTINCT aggregate's values in memory (100 million events
    /// over 100,000 accounts stopped at its 1 GiB memory_limit, and so did GROUPING SETS), while a plain GROUP BY
    /// spills to its temp_directory.
    /// </summary>
    private string AccountsByGroupBys()
    {
        var e = new Expressions(this);
        var d = Dialect;
        string Q(string name) => d.Identifier("fold_g_" + name);
        var (account, key, set) = (Q("account"), Q("key"), Q("set"));
        var figures = RowFigures(e, d);
        // Day and week numbers, and users, are NULL for rows that are not accepted (and users for blank ids): such rows
        // still count in the day grouping's NULL group, so that grouping alone carries every row's counts.
        string Grouping(int number, string keyExpression, bool withFigures) =>
            $"  SELECT {e.Account} AS {account}, {keyExpression} AS {key}, {number} AS {set}, " +
            string.Join(", ", figures.Select((f, i) => $"{(withFigures ? f.Sql : "NULL")} AS {Q(AccountColumns[i + 1])}")) +
            $"\n  FROM {e.From}\n  GROUP BY {e.Account}, {keyExpression}";
        var day = $"CASE WHEN {e.Ok} THEN CAST({e.Day} AS {d.TextTypeName}) END";
        var week = $"CASE WHEN {e.Ok} THEN CAST({e.Week} AS {d.TextTypeName}) END";
        var user = $"CASE WHEN {e.Ok} AND {e.User} <> '' THEN {e.User} END";
        string[] outer =
        [
            account,
            .. figures.Select((f, i) => $"{f.Merge}(CASE WHEN {set} = 1 THEN {Q(AccountColumns[i + 1])} END)"),
            d.CountIf($"{set} = 1 AND {key} IS NOT NULL"),
            d.CountIf($"{set} = 2 AND {key} IS NOT NULL"),
            d.CountIf($"{set} = 3 AND {key} IS NOT NULL"),
        ];
        var from = $"(\n{Grouping(1, day, true)}\n  UNION ALL\n{Grouping(2, week, false)}\n  UNION ALL\n{Grouping(3, user, false)}\n) AS fold_groups";
        return Select(outer, AccountColumns, from, where: null, groupBy: account);
    }

    /// <summary>One row per account and event name, counting the accepted rows.</summary>
    public string EventCountsSql
    {
        get
        {
            var e = new Expressions(this);
            return Select([e.Account, e.Event, "count(*)"], EventCountColumns, e, where: e.Ok, groupBy: $"{e.Account}, {e.Event}");
        }
    }

    private string Select(string[] expressions, ImmutableArray<string> names, Expressions e, string? where, string groupBy) =>
        Select(expressions, names, e.From, where, groupBy);

    private string Select(string[] expressions, ImmutableArray<string> names, string from, string? where, string groupBy)
    {
        var sb = new StringBuilder("SELECT\n");
        for (var i = 0; i < expressions.Length; i++)
        {
            sb.Append("  ").Append(expressions[i]).Append(" AS ").Append(Dialect.Identifier(OutputPrefix + names[i])).Append(i < expressions.Length - 1 ? ",\n" : "\n");
        }
        sb.Append("FROM ").Append(from).Append('\n');
        if (where is not null)
        {
            sb.Append("WHERE ").Append(where).Append('\n');
        }
        return sb.Append("GROUP BY ").Append(groupBy).ToString();
    }

    /// <summary>
    /// The row-level expressions. Where the dialect allows, each is computed once in a subquery (a row's trimmed id is
    /// read by five aggregates); on ClickHouse they are repeated inline, which it evaluates once per row anyway.
    /// </summary>
    private sealed class Expressions
    {
        public Expressions(UsageFold fold)
        {
            var d = fold.Dialect;
            var s = fold.Source;
            var from = s.IsQuery ? (s.Relation.TrimStart().StartsWith("read_", StringComparison.OrdinalIgnoreCase) ? s.Relation + " AS src" : $"({s.Relation}) AS src") : d.Table(s.Relation);
            var account = d.TrimmedText(d.Identifier(s.AccountId));
            var eventName = d.TrimmedText(d.Identifier(s.Event));
            var user = s.UserId is null ? "''" : $"coalesce({d.TrimmedText(d.Identifier(s.UserId))}, '')";
            var time = d.Identifier(s.OccurredAt);
            var micros = d.EpochMicros(time);
            if (d.AggregatesOverSubquery)
            {
                string Col(string name) => d.Identifier("fold_row_" + name);
                From = $"(SELECT {account} AS {Col("account")}, {eventName} AS {Col("event")}, {user} AS {Col("user")}, " +
                    $"{time} IS NULL AS {Col("no_time")}, {micros} AS {Col("us")} FROM {from}) AS fold_rows";
                (Account, Event, User, Micros, MissingTime) = (Col("account"), Col("event"), Col("user"), Col("us"), Col("no_time"));
            }
            else
            {
                From = from;
                (Account, Event, User, Micros, MissingTime) = (account, eventName, user, micros, $"{time} IS NULL");
            }
            var accountPresent = $"coalesce({Account}, '') <> ''";
            var eventPresent = $"coalesce({Event}, '') <> ''";
            MissingEvent = $"NOT ({eventPresent})";
            var wellFormed = $"{accountPresent} AND NOT ({MissingTime}) AND {eventPresent}";
            var limit = fold.AsOfEndMicros is { } end ? end.ToString(CultureInfo.InvariantCulture) : null;
            Ok = limit is null ? $"({wellFormed})" : $"({wellFormed} AND {Micros} < {limit})";
            Late = limit is null ? "(1 = 0)" : $"({wellFormed} AND {Micros} >= {limit})";
            Day = d.FloorDiv(Micros, MicrosPerDay);
            Week = d.FloorDiv($"{Micros} + {3 * MicrosPerDay}", 7 * MicrosPerDay);
            Activation = In(d, Event, fold.ActivationEvents);
            HighValue = In(d, Event, fold.HighValueEvents);
        }

        public string From { get; }
        public string Account { get; }
        public string Event { get; }
        public string User { get; }
        public string Micros { get; }
        public string MissingTime { get; }
        public string MissingEvent { get; }
        public string Ok { get; }
        public string Late { get; }
        public string Activation { get; }
        public string Day { get; }
        public string Week { get; }
        public string HighValue { get; }

        private static string In(SqlDialect d, string expression, ImmutableArray<string> values) =>
            values.IsDefaultOrEmpty ? "(1 = 0)" : $"{expression} IN ({string.Join(", ", values.Select(d.Literal))})";
    }
}
