using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using IcpKit.Loading.Events;
using IcpKit.Model;

namespace IcpKit.Loading.Warehouse;

/// <summary>What an engine returned for the usage fold, as validation reports it.</summary>
/// <param name="Source">How the source is named in issues, e.g. "events (postgres: analytics.events)".</param>
/// <param name="Engine">The dialect's name: duckdb, postgres or clickhouse.</param>
/// <param name="Rows">Event rows the engine folded (accepted and rejected).</param>
/// <param name="Accounts">Distinct non-blank account ids among them.</param>
/// <param name="AccountsWithoutCrmRecord">Of those, ids with no record in the accounts file; their rows are rejected.</param>
/// <param name="ResultRows">Rows the engine sent back (per account, then per account and event name): what crossed the wire instead of the events.</param>
/// <param name="Elapsed">Wall time of the two queries.</param>
public sealed record EngineSummary(string Source, string Engine, long Rows, int Accounts, int AccountsWithoutCrmRecord, long ResultRows, TimeSpan Elapsed)
{
    /// <summary>One line: "events (postgres: analytics.events): 1,234 rows, 56 accounts, 2 without a CRM record (58 result rows, 0.4 s)".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Source}: {Rows:N0} rows, {Accounts:N0} accounts, {AccountsWithoutCrmRecord:N0} without a CRM record ({ResultRows:N0} result rows from {Engine}, {Elapsed.TotalSeconds:0.0} s)");
}

/// <summary>Runs the usage fold on an engine and turns its per-account rows into the same result a CSV import gives.</summary>
public static class WarehouseUsage
{
    /// <summary>Folds the events where they are.</summary>
    /// <param name="engine">The engine holding the events.</param>
    /// <param name="fold">The fold (its dialect must be the engine's).</param>
    /// <param name="sourceName">Names the source in issues and the summary.</param>
    /// <param name="knownAccounts">Account ids of the CRM export; rows of other accounts are rejected. Null accepts every account.</param>
    /// <param name="maxIssuesPerRule">Issues kept per rule (all are counted).</param>
    /// <returns>Usage per known account, the row balance and issues (as from <see cref="EventUsageImporter"/>, without line numbers), and the engine's summary.</returns>
    /// <exception cref="WarehouseException">The engine failed; the message names the source and the engine's error.</exception>
    public static (EventImportResult Result, EngineSummary Summary) Fold(IEventEngine engine, UsageFold fold, string sourceName,
        IReadOnlySet<string>? knownAccounts, int maxIssuesPerRule = 50)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(fold);
        if (engine.Dialect != fold.Dialect)
        {
            throw new ArgumentException($"the fold is written for {fold.Dialect.Name}, the engine speaks {engine.Dialect.Name}", nameof(fold));
        }
        var clock = Stopwatch.StartNew();
        var records = new Dictionary<string, AccountUsage>(StringComparer.Ordinal);
        var unknown = new List<(string Id, long Rows)>();
        long rows = 0, accepted = 0, resultRows = 0, blankAccountRows = 0, missing = 0, late = 0;
        var accounts = 0;
        try
        {
            foreach (var r in engine.Query(fold.AccountsSql))
            {
                resultRows++;
                var row = new FoldRow(r, UsageFold.AccountColumns.Length, sourceName);
                var id = r[0] ?? "";
                var count = row.Long(1);
                rows += count;
                missing += row.Long(3) + row.Long(4);
                late += row.Long(5);
                if (id.Length == 0)
                {
                    blankAccountRows += count;
                    continue;
                }
                accounts++;
                if (knownAccounts is not null && !knownAccounts.Contains(id))
                {
                    unknown.Add((id, count));
                    continue;
                }
                var events = row.Long(2);
                accepted += events;
                if (events == 0)
                {
                    continue;
                }
                records[id] = new AccountUsage
                {
                    AccountId = id,
                    EventCount = events,
                    FirstEventAt = row.Time(6),
                    LastEventAt = row.Time(7),
                    FirstActivationAt = row.Long(8) > 0 ? row.Time(9) : null,
                    HighValueCount = row.Long(10),
                    FirstHighValueAt = row.Long(10) > 0 ? row.Time(11) : null,
                    ActiveDays = checked((int)row.Long(12)),
                    ActiveWeeks = checked((int)row.Long(13)),
                    DistinctUsers = checked((int)row.Long(14)),
                };
            }

            var counts = new Dictionary<string, ImmutableDictionary<string, long>.Builder>(StringComparer.Ordinal);
            foreach (var r in engine.Query(fold.EventCountsSql))
            {
                resultRows++;
                var row = new FoldRow(r, UsageFold.EventCountColumns.Length, sourceName);
                var id = r[0] ?? "";
                if (!records.ContainsKey(id))
                {
                    continue;
                }
                if (!counts.TryGetValue(id, out var perEvent))
                {
                    counts[id] = perEvent = ImmutableDictionary.CreateBuilder<string, long>(StringComparer.Ordinal);
                }
                perEvent[r[1] ?? ""] = row.Long(2);
            }
            foreach (var (id, perEvent) in counts)
            {
                records[id] = records[id] with { EventCounts = perEvent.ToImmutable() };
            }
        }
        catch (WarehouseException e)
        {
            throw new WarehouseException($"{sourceName}: {e.Message}", e);
        }

        var issues = ImmutableArray.CreateBuilder<ValidationIssue>();
        var byRule = ImmutableDictionary.CreateBuilder<string, long>(StringComparer.Ordinal);
        void Count(string rule, long n)
        {
            if (n > 0)
            {
                byRule[rule] = byRule.GetValueOrDefault(rule) + n;
            }
        }
        // A row the engine folded has no line: the issue names the source, the column and, for accounts, the id.
        Count("required", blankAccountRows + missing);
        if (blankAccountRows > 0)
        {
            issues.Add(new ValidationIssue(Severity.Error, sourceName, 0, fold.Source.AccountId, null,
                string.Create(CultureInfo.InvariantCulture, $"a value in {fold.Source.AccountId} ({blankAccountRows:N0} rows have none)"), "required"));
        }
        if (missing > 0)
        {
            issues.Add(new ValidationIssue(Severity.Error, sourceName, 0, $"{fold.Source.OccurredAt}, {fold.Source.Event}", null,
                string.Create(CultureInfo.InvariantCulture, $"a timestamp and an event name on every row ({missing:N0} missing)"), "required"));
        }
        Count("after-as-of", late);
        if (late > 0 && fold.AsOfEndMicros is { } end)
        {
            var asOf = DateOnly.FromDateTime(DateTime.UnixEpoch.AddTicks(end * 10).AddDays(-1));
            issues.Add(new ValidationIssue(Severity.Error, sourceName, 0, fold.Source.OccurredAt, null,
                string.Create(CultureInfo.InvariantCulture, $"a time on or before as_of {asOf:yyyy-MM-dd} ({late:N0} rows after it)"), "after-as-of"));
        }
        Count("unknown-account", unknown.Sum(u => u.Rows));
        foreach (var (id, n) in unknown.OrderBy(u => u.Id, StringComparer.Ordinal).Take(maxIssuesPerRule))
        {
            issues.Add(new ValidationIssue(Severity.Error, sourceName, 0, fold.Source.AccountId, id,
                string.Create(CultureInfo.InvariantCulture, $"an account_id listed in the accounts file ({n:N0} rows)"), "unknown-account"));
        }

        var result = new EventImportResult(records.ToImmutableDictionary(StringComparer.Ordinal), rows, accepted, rows - accepted, 0,
            issues.ToImmutable(), byRule.ToImmutable());
        return (result, new EngineSummary(sourceName, engine.Dialect.Name, rows, accounts, unknown.Count, resultRows, clock.Elapsed));
    }

    /// <summary>One result row, read by position, with errors that say which value was not what the fold writes.</summary>
    private readonly struct FoldRow
    {
        private readonly string?[] _values;
        private readonly string _source;

        public FoldRow(string?[] values, int width, string source)
        {
            if (values.Length != width)
            {
                throw new WarehouseException($"{source}: the engine returned {values.Length} columns where the fold selects {width}");
            }
            _values = values;
            _source = source;
        }

        public long Long(int i) => _values[i] is not { } v ? 0
            : long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n
            : decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) && d == decimal.Truncate(d) ? (long)d
            : throw new WarehouseException($"{_source}: the engine returned '{v}' in {UsageFold.AccountColumns[i]} where a whole number belongs");

        public DateTime? Time(int i) => _values[i] is null ? null : DateTime.UnixEpoch.AddTicks(checked(Long(i) * 10));
    }
}
