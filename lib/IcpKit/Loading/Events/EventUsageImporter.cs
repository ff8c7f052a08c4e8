using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using CsvHelper;
using IcpKit.Model;

namespace IcpKit.Loading.Events;

/// <summary>What the event importer needs: where the columns are (already resolved from the header) and what counts.</summary>
/// <param name="Path">The events file.</param>
/// <param name="FileName">The name issues carry.</param>
/// <param name="Encoding">The sniffed encoding.</param>
/// <param name="Delimiter">The sniffed delimiter.</param>
/// <param name="AccountIdColumn">0-based column of account_id.</param>
/// <param name="UserIdColumn">0-based column of user_id.</param>
/// <param name="OccurredAtColumn">0-based column of occurred_at.</param>
/// <param name="EventColumn">0-based column of the event name.</param>
/// <param name="ActivationEvents">Events that mark activation.</param>
/// <param name="HighValueEvents">Events that mark high-value use.</param>
/// <param name="TimestampFormats">Formats tried after ISO 8601.</param>
/// <param name="AsOf">Events after this day are rejected.</param>
/// <param name="KnownAccounts">Accounts in accounts.csv; events of others are rejected. Null skips the check.</param>
/// <param name="MaxIssuesPerRule">Issues kept per rule (counts are always complete).</param>
public sealed record EventImportOptions(string Path, string FileName, Encoding Encoding, char Delimiter,
    int AccountIdColumn, int UserIdColumn, int OccurredAtColumn, int EventColumn,
    ImmutableHashSet<string> ActivationEvents, ImmutableHashSet<string> HighValueEvents,
    ImmutableArray<string> TimestampFormats, DateOnly AsOf, IReadOnlySet<string>? KnownAccounts, int MaxIssuesPerRule = 50);

/// <summary>Per-account usage folded from an event log, and what happened to its rows.</summary>
public sealed record EventImportResult(ImmutableDictionary<string, AccountUsage> Usage,
    long RowsRead, long Accepted, long Rejected, long Warnings, ImmutableArray<ValidationIssue> Issues,
    ImmutableDictionary<string, long> IssueCountsByRule);

/// <summary>
/// Folds events.csv into per-account usage in one streaming pass: memory grows with accounts and their active
/// days, not with events.
/// </summary>
/// <remarks>A plain single-threaded reference implementation of the contract; a faster reader may replace it.</remarks>
public static class EventUsageImporter
{
    /// <summary>Imports an event log.</summary>
    public static EventImportResult Import(EventImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var parsing = new ValueParsing(options.TimestampFormats, '.', ';');
        var folds = new Dictionary<string, Fold>(StringComparer.Ordinal);
        var issues = ImmutableArray.CreateBuilder<ValidationIssue>();
        var counts = new Dictionary<string, long>();
        long read = 0, rejected = 0;

        void Reject(int line, string column, string? value, string expected, string rule)
        {
            var n = counts.GetValueOrDefault(rule) + 1;
            counts[rule] = n;
            if (n <= options.MaxIssuesPerRule)
            {
                issues.Add(new ValidationIssue(Severity.Error, options.FileName, line, column, value, expected, rule));
            }
        }

        using var reader = CsvReader.FromFile(options.Path, new CsvReaderOptions
        {
            Separator = options.Delimiter,
            Encoding = options.Encoding,
            HasHeader = true,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
        });
        reader.ReadHeader();
        var headers = reader.Headers;
        string Header(int i) => i < headers.Count ? headers[i] : i.ToString(CultureInfo.InvariantCulture);
        string Field(int i) => i < reader.FieldCount ? (reader.GetString(i) ?? "").Trim() : "";

        while (reader.Read())
        {
            if (Enumerable.Range(0, reader.FieldCount).All(i => reader.GetSpan(i).Trim(" \t"u8).IsEmpty))
            {
                continue;
            }
            read++;
            var line = (int)reader.LineNumber;
            var account = Field(options.AccountIdColumn);
            var user = Field(options.UserIdColumn);
            var at = Field(options.OccurredAtColumn);
            var name = Field(options.EventColumn);
            var errorsBefore = counts.Values.Sum();
            if (account.Length == 0)
            {
                Reject(line, Header(options.AccountIdColumn), null, "a value for account_id (required)", "required");
            }
            else if (options.KnownAccounts is { } known && !known.Contains(account))
            {
                Reject(line, Header(options.AccountIdColumn), account, "an account_id present in accounts.csv", "unknown-account");
            }
            if (name.Length == 0)
            {
                Reject(line, Header(options.EventColumn), null, "a value for event (required)", "required");
            }
            if (!parsing.TryTimestamp(at, out var when))
            {
                Reject(line, Header(options.OccurredAtColumn), at.Length == 0 ? null : at, "a timestamp (ISO 8601, e.g. 2026-03-01T14:05:00Z)", at.Length == 0 ? "required" : "type.timestamp");
            }
            else if (DateOnly.FromDateTime(when) > options.AsOf)
            {
                Reject(line, Header(options.OccurredAtColumn), at, $"a time on or before as_of {options.AsOf:yyyy-MM-dd}", "after-as-of");
            }
            if (counts.Values.Sum() != errorsBefore)
            {
                rejected++;
                continue;
            }
            if (!folds.TryGetValue(account, out var fold))
            {
                folds[account] = fold = new Fold();
            }
            fold.Add(when, user, name, options.ActivationEvents.Contains(name), options.HighValueEvents.Contains(name));
        }

        return new EventImportResult(
            folds.ToImmutableDictionary(kv => kv.Key, kv => kv.Value.ToUsage(kv.Key), StringComparer.Ordinal),
            read, read - rejected, rejected, 0, issues.ToImmutable(), counts.ToImmutableDictionary());
    }

    /// <summary>Running totals of one account.</summary>
    private sealed class Fold
    {
        private long _count;
        private long _highValue;
        private DateTime? _first, _last, _firstActivation, _firstHighValue;
        private readonly HashSet<int> _days = [];
        private readonly HashSet<int> _weeks = [];
        private readonly HashSet<string> _users = new(StringComparer.Ordinal);
        private readonly Dictionary<string, long> _events = new(StringComparer.Ordinal);

        public void Add(DateTime at, string user, string name, bool activation, bool highValue)
        {
            _count++;
            _first = _first is { } f && f <= at ? f : at;
            _last = _last is { } l && l >= at ? l : at;
            if (activation)
            {
                _firstActivation = _firstActivation is { } a && a <= at ? a : at;
            }
            if (highValue)
            {
                _highValue++;
                _firstHighValue = _firstHighValue is { } h && h <= at ? h : at;
            }
            _days.Add(DateOnly.FromDateTime(at).DayNumber);
            _weeks.Add(ISOWeek.GetYear(at) * 100 + ISOWeek.GetWeekOfYear(at));
            if (user.Length > 0)
            {
                _users.Add(user);
            }
            _events[name] = _events.GetValueOrDefault(name) + 1;
        }

        public AccountUsage ToUsage(string accountId) => new()
        {
            AccountId = accountId,
            EventCount = _count,
            FirstEventAt = _first,
            LastEventAt = _last,
            FirstActivationAt = _firstActivation,
            FirstHighValueAt = _firstHighValue,
            HighValueCount = _highValue,
            ActiveDays = _days.Count,
            ActiveWeeks = _weeks.Count,
            DistinctUsers = _users.Count,
            EventCounts = _events.ToImmutableDictionary(StringComparer.Ordinal),
        };
    }
}
