using System.Globalization;
using System.Text;

namespace IcpKit.Loading.Warehouse;

/// <summary>
/// The few pieces of SQL that differ between engines, so the usage fold (<see cref="UsageFold"/>) is written once.
/// </summary>
/// <remarks>
/// Everything else the fold uses is standard SQL: <c>GROUP BY</c>, <c>count(*)</c>, <c>min/max(CASE WHEN ... END)</c>,
/// <c>count(DISTINCT CASE WHEN ... END)</c>. Snowflake, BigQuery or Spark SQL need only a new instance: their
/// epoch function (<c>DATE_PART(EPOCH_MICROSECOND, t)</c>, <c>UNIX_MICROS(t)</c>, <c>unix_micros(t)</c>), identifier
/// quote and text cast. Days and ISO weeks are integer arithmetic on epoch microseconds, so no engine's time-zone
/// setting or week function (ClickHouse 18.16 has no <c>toStartOfWeek</c>) can move an event to another day.
/// </remarks>
public abstract record SqlDialect(string Name)
{
    /// <summary>DuckDB (embedded; Parquet and JSON files).</summary>
    public static SqlDialect DuckDb { get; } = new StandardDialect("duckdb", t => $"epoch_us({t})", "VARCHAR",
        "chr(32) || chr(9) || chr(13) || chr(10)", (a, b) => $"CAST(floor(({a}) / {b}.0) AS BIGINT)", UnionOfGroupBys: true);

    /// <summary>PostgreSQL (9.4 on; tested on 15).</summary>
    public static SqlDialect Postgres { get; } = new StandardDialect("postgres",
        // extract(epoch) is numeric from PostgreSQL 14 on, so microseconds stay exact.
        t => $"CAST(EXTRACT(EPOCH FROM {t}) * 1000000 AS BIGINT)", "text",
        "E' \\t\\r\\n'", (a, b) => $"CAST(floor(CAST({a} AS numeric) / {b}) AS BIGINT)");

    /// <summary>ClickHouse over HTTP (tested on 18.16.1): its conditional aggregates push down to every shard of a Distributed table.</summary>
    public static SqlDialect ClickHouse { get; } = new ClickHouseDialect();

    /// <summary>
    /// True when the fold computes each row's values once in a subquery and aggregates over it (every engine but
    /// ClickHouse, whose Distributed tables aggregate on the shards only when the GROUP BY reads the table itself).
    /// </summary>
    public virtual bool AggregatesOverSubquery => true;

    /// <summary>
    /// True when the fold counts distinct days, weeks and users by plain GROUP BYs and an outer count rather than by
    /// DISTINCT aggregates: DuckDB's DISTINCT aggregates must fit in its memory_limit, a plain GROUP BY spills to
    /// disk. PostgreSQL 15 keeps DISTINCT (its sort-based DISTINCT aggregates spill already).
    /// </summary>
    public virtual bool DistinctCountsByGroupBys => false;

    /// <summary>A string literal holding <paramref name="value"/> exactly.</summary>
    public abstract string Literal(string value);

    /// <summary>A quoted identifier (a column or one part of a table name).</summary>
    public virtual string Identifier(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>A dotted table name (schema.table) with every part quoted.</summary>
    public string Table(string dottedName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dottedName);
        return string.Join(".", dottedName.Split('.').Select(p => Identifier(p.Trim())));
    }

    /// <summary>Microseconds since 1970-01-01 UTC of a timestamp expression, as a 64-bit integer.</summary>
    public abstract string EpochMicros(string timestamp);

    /// <summary>The expression as text, with leading and trailing spaces, tabs and line breaks removed (as the CSV reader trims).</summary>
    public abstract string TrimmedText(string expression);

    /// <summary>The dialect's text type, for casts (VARCHAR, text, String).</summary>
    public abstract string TextTypeName { get; }

    /// <summary><c>floor(a / b)</c> in integers (b a positive constant).</summary>
    public abstract string FloorDiv(string a, long b);

    /// <summary>How many rows satisfy the condition.</summary>
    public virtual string CountIf(string condition) => $"count(CASE WHEN {condition} THEN 1 END)";

    /// <summary>The least value among rows satisfying the condition; NULL when none does.</summary>
    public virtual string MinIf(string value, string condition) => $"min(CASE WHEN {condition} THEN {value} END)";

    /// <summary>The greatest value among rows satisfying the condition; NULL when none does.</summary>
    public virtual string MaxIf(string value, string condition) => $"max(CASE WHEN {condition} THEN {value} END)";

    /// <summary>Exactly how many distinct values rows satisfying the condition have.</summary>
    public virtual string CountDistinctIf(string value, string condition) => $"count(DISTINCT CASE WHEN {condition} THEN {value} END)";

    /// <summary>Standard single-quoted literal: a quote doubles, nothing else is special (PostgreSQL with standard_conforming_strings, DuckDB).</summary>
    protected static string StandardLiteral(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("a SQL text value cannot hold a NUL character", nameof(value));
        }
        return "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    private sealed record StandardDialect(string DialectName, Func<string, string> Epoch, string TextType, string TrimChars, Func<string, string, string> Div,
        bool UnionOfGroupBys = false)
        : SqlDialect(DialectName)
    {
        public override bool DistinctCountsByGroupBys => UnionOfGroupBys;
        public override string TextTypeName => TextType;
        public override string Literal(string value) => StandardLiteral(value);
        public override string EpochMicros(string timestamp) => Epoch(timestamp);
        public override string TrimmedText(string expression) => $"trim(BOTH {TrimChars} FROM CAST({expression} AS {TextType}))";
        public override string FloorDiv(string a, long b) => Div(a, b.ToString(CultureInfo.InvariantCulture));
    }

    private sealed record ClickHouseDialect() : SqlDialect("clickhouse")
    {
        public override string TextTypeName => "String";

        // ClickHouse reads backslash escapes inside quotes, so a backslash must be escaped as well as the quote.
        public override string Literal(string value)
        {
            ArgumentNullException.ThrowIfNull(value);
            var sb = new StringBuilder("'");
            foreach (var c in value)
            {
                sb.Append(c switch
                {
                    '\\' => "\\\\",
                    '\'' => "\\'",
                    '\0' => "\\0",
                    '\n' => "\\n",
                    '\r' => "\\r",
                    '\t' => "\\t",
                    _ => c.ToString(),
                });
            }
            return sb.Append('\'').ToString();
        }

        public override string Identifier(string name)
        {
            ArgumentNullException.ThrowIfNull(name);
            return "`" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("`", "\\`", StringComparison.Ordinal) + "`";
        }

        // DateTime is whole seconds since the epoch (unsigned in 18.16, so never before 1970).
        public override string EpochMicros(string timestamp) => $"(toInt64(toUInt32({timestamp})) * 1000000)";

        // 18.16 has no trimBoth.
        public override string TrimmedText(string expression) =>
            $"replaceRegexpAll(toString({expression}), '^[ \\\\t\\\\r\\\\n]+|[ \\\\t\\\\r\\\\n]+$', '')";

        // intDiv truncates; adding a multiple of b first keeps the operand positive for any time after year 1.
        public override string FloorDiv(string a, long b) =>
            string.Create(CultureInfo.InvariantCulture, $"(intDiv(({a}) + {b * (100_000_000_000_000_000 / b)}, {b}) - {100_000_000_000_000_000 / b})");

        public override bool AggregatesOverSubquery => false;

        public override string CountIf(string condition) => $"countIf({condition})";
        public override string MinIf(string value, string condition) => $"if(countIf({condition}) = 0, NULL, minIf({value}, {condition}))";
        public override string MaxIf(string value, string condition) => $"if(countIf({condition}) = 0, NULL, maxIf({value}, {condition}))";
        public override string CountDistinctIf(string value, string condition) => $"uniqExactIf({value}, {condition})";
    }
}
