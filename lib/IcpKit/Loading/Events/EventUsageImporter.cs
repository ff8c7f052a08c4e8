using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using CsvHelper;
using IcpKit.Model;

namespace IcpKit.Loading.Events;

/// <summary>How to read one events file (already mapped onto the data contract by the caller).</summary>
/// <param name="Path">Path of the file on disk.</param>
/// <param name="FileName">Name reported in issues (e.g. "events.csv").</param>
/// <param name="Encoding">Text encoding of the file; a UTF-16 byte order mark in the file wins.</param>
/// <param name="Delimiter">Field separator.</param>
/// <param name="AccountIdColumn">0-based index of the account id column.</param>
/// <param name="UserIdColumn">0-based index of the user id column; negative when the export has none.</param>
/// <param name="OccurredAtColumn">0-based index of the timestamp column.</param>
/// <param name="EventColumn">0-based index of the event name column.</param>
/// <param name="ActivationEvents">Event names that count as activation.</param>
/// <param name="HighValueEvents">Event names that count as high-value use.</param>
/// <param name="TimestampFormats">.NET exact formats tried, as UTC, after ISO 8601 with a zone.</param>
/// <param name="AsOf">The analysis date: events after it are kept with a warning.</param>
/// <param name="KnownAccounts">Account ids from accounts.csv; events of other accounts are rejected. Null skips the check.</param>
/// <param name="MaxIssuesPerRule">How many issues of each rule are kept in the result (all are counted).</param>
public sealed record EventImportOptions(string Path, string FileName, System.Text.Encoding Encoding, char Delimiter,
    int AccountIdColumn, int UserIdColumn, int OccurredAtColumn, int EventColumn,
    System.Collections.Immutable.ImmutableHashSet<string> ActivationEvents, System.Collections.Immutable.ImmutableHashSet<string> HighValueEvents,
    System.Collections.Immutable.ImmutableArray<string> TimestampFormats, DateOnly AsOf, IReadOnlySet<string>? KnownAccounts, int MaxIssuesPerRule = 50);

/// <summary>What an event import produced: usage per account, the row balance, and the problems found.</summary>
/// <param name="Usage">Usage per account id, for accounts with at least one accepted event.</param>
/// <param name="RowsRead">Data rows read (blank lines are not rows); always <paramref name="Accepted"/> + <paramref name="Rejected"/>.</param>
/// <param name="Accepted">Rows folded into usage (warnings included).</param>
/// <param name="Rejected">Rows with at least one error.</param>
/// <param name="Warnings">Warnings raised on accepted rows.</param>
/// <param name="Issues">The first <see cref="EventImportOptions.MaxIssuesPerRule"/> issues of each rule, in file order.</param>
/// <param name="IssueCountsByRule">Every issue counted, by rule.</param>
public sealed record EventImportResult(System.Collections.Immutable.ImmutableDictionary<string, IcpKit.Model.AccountUsage> Usage,
    long RowsRead, long Accepted, long Rejected, long Warnings, System.Collections.Immutable.ImmutableArray<IcpKit.Loading.ValidationIssue> Issues,
    System.Collections.Immutable.ImmutableDictionary<string, long> IssueCountsByRule);

/// <summary>
/// Folds an event log into per-account usage in one streaming pass, so memory grows with accounts, not events
/// (10 million events in well under 300 MB).
/// </summary>
/// <remarks>
/// <para>
/// Why a hand split over CsvHelper rather than <c>CsvReader.ParallelEnumerate</c>: the per-record work here is
/// tiny (a hash lookup and a few comparisons), so ParallelEnumerate's single reading thread and its ordered
/// hand-off of results become the bottleneck; it measured about DuckDB's time on 10M events on 2 cores, while
/// independent CsvHelper readers over byte ranges, each folding into its own aggregate, measured about 0.8x
/// (see /work/shared/notes/packages.md and the events benchmark).
/// </para>
/// <para>
/// The file is cut into byte ranges at line breaks and the ranges are read by one worker per core. A cut is a
/// record boundary only outside quotes; rather than a separate pass over the file to learn the quote parity,
/// each range's stream counts the quotes it passes, and the cut is checked afterwards (an even number of
/// quotes before it). A wrong guess (a quoted line break exactly at a cut) or malformed quoting re-runs the
/// import with exact cuts or on one thread, so the result never depends on the split. Line numbers of issues
/// are found from byte offsets at the end, by counting line breaks (LF, CRLF or CR) before each.
/// Non-UTF-8 input (UTF-16, Windows-1252) is transcoded by CsvHelper and read on one thread.
/// </para>
/// </remarks>
public static class EventUsageImporter
{
    private const long TargetChunkBytes = 16L << 20;

    /// <summary>Imports an events file; see <see cref="EventImportOptions"/> for the rules applied.</summary>
    /// <returns>Usage per account, the row balance and the issues found.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static EventImportResult Import(EventImportOptions options) =>
        Import(options, chunkCount: null, workers: Math.Max(1, Environment.ProcessorCount));

    /// <summary>Imports with a chosen number of byte ranges and worker threads (tests check the split does not matter).</summary>
    internal static EventImportResult Import(EventImportOptions options, int? chunkCount, int workers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.AccountIdColumn);
        ArgumentOutOfRangeException.ThrowIfNegative(options.OccurredAtColumn);
        ArgumentOutOfRangeException.ThrowIfNegative(options.EventColumn);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);
        if (!File.Exists(options.Path))
        {
            throw new FileNotFoundException($"Events file not found: {options.Path}", options.Path);
        }

        var length = new FileInfo(options.Path).Length;
        var byteOffsets = options.Encoding.CodePage == Encoding.UTF8.CodePage && !StartsWithWideBom(options.Path);
        var chunks = byteOffsets ? chunkCount ?? DefaultChunkCount(length, workers) : 1;
        var headers = ReadHeaders(options);

        var plan = ChunkPlan.Guess(options.Path, length, chunks);
        var run = Run(options, plan, workers, byteOffsets);
        if (plan.Count > 1 && run.Malformed)
        {
            // Stray quotes make quote parity meaningless: only a single sequential read is well defined.
            plan = ChunkPlan.Single(length);
            run = Run(options, plan, workers, byteOffsets);
        }
        else if (!plan.CutsHold(run.QuotesPerChunk))
        {
            plan = ChunkPlan.Exact(options.Path, length, chunks);
            run = Run(options, plan, workers, byteOffsets);
        }

        return Assemble(options, headers, run, byteOffsets);
    }

    private static int DefaultChunkCount(long length, int workers) =>
        length < (1L << 20) ? 1 : (int)Math.Clamp(length / TargetChunkBytes, workers, 256);

    private static bool StartsWithWideBom(string path)
    {
        Span<byte> head = stackalloc byte[2];
        using var handle = File.OpenHandle(path);
        var n = RandomAccess.Read(handle, head, 0);
        return n == 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF));
    }

    private static IReadOnlyList<string> ReadHeaders(EventImportOptions options)
    {
        using var reader = CsvReader.FromFile(options.Path, ReaderOptions(options, hasHeader: true, transcode: true, malformed: null));
        reader.ReadHeader();
        return reader.Headers ?? [];
    }

    private static CsvReaderOptions ReaderOptions(EventImportOptions options, bool hasHeader, bool transcode, Action<CsvMalformedRecord>? malformed) => new()
    {
        Separator = options.Delimiter,
        HasHeader = hasHeader,
        Encoding = transcode ? options.Encoding : null,
        TrackLineNumbers = transcode,
        OnMalformedRecord = malformed,
        DetectSeparatorHint = false,
    };

    private static RunResult Run(EventImportOptions options, ChunkPlan plan, int workers, bool byteOffsets)
    {
        var results = new ChunkResult[plan.Count];
        var aggregators = new UsageAggregator[Math.Min(workers, plan.Count)];
        var next = -1;
        var asOfEnd = options.AsOf.AddDays(1).DayNumber * TimeSpan.TicksPerDay;
        var context = new RowContext(options, new Utf8Timestamp(options.TimestampFormats), asOfEnd, byteOffsets);

        var failures = new Exception?[aggregators.Length];
        void Work(int worker)
        {
            try
            {
                var aggregator = aggregators[worker] = new UsageAggregator(options);
                int chunk;
                while ((chunk = Interlocked.Increment(ref next)) < plan.Count)
                {
                    results[chunk] = ReadChunk(context, plan, chunk, aggregator);
                }
            }
            catch (Exception e)
            {
                // Stop the other workers early and rethrow on the caller's thread.
                Interlocked.Exchange(ref next, plan.Count);
                failures[worker] = e;
            }
        }

        var threads = new Thread[aggregators.Length - 1];
        for (var w = 0; w < threads.Length; w++)
        {
            var worker = w + 1;
            threads[w] = new Thread(() => Work(worker)) { IsBackground = true, Name = $"events-{worker}" };
            threads[w].Start();
        }

        Work(0);
        foreach (var t in threads)
        {
            t.Join();
        }

        if (failures.FirstOrDefault(f => f is not null) is { } failure)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }

        for (var w = 1; w < aggregators.Length; w++)
        {
            aggregators[0].MergeFrom(aggregators[w]);
        }

        return new RunResult(aggregators[0], results);
    }

    private static ChunkResult ReadChunk(RowContext context, ChunkPlan plan, int chunk, UsageAggregator aggregator)
    {
        var options = context.Options;
        var (start, end) = plan[chunk];
        var result = new ChunkResult(options.MaxIssuesPerRule);
        if (end <= start)
        {
            return result;
        }

        var stream = new QuoteCountingRangeStream(options.Path, start, end);
        var readerOptions = ReaderOptions(options, hasHeader: start == 0, transcode: !context.ByteOffsets, malformed: _ => result.Malformed = true);
        using (var reader = CsvReader.Create(stream, readerOptions, leaveOpen: false))
        {
            while (reader.Read())
            {
                ReadRow(context, reader, start, aggregator, result);
            }
        }

        result.Quotes = stream.Quotes;
        return result;
    }

    private static void ReadRow(RowContext context, CsvReader reader, long chunkStart, UsageAggregator aggregator, ChunkResult result)
    {
        var options = context.Options;
        result.Rows++;
        var accountId = Trim(reader.GetSpan(options.AccountIdColumn));
        var occurredAt = Trim(reader.GetSpan(options.OccurredAtColumn));
        var eventName = Trim(reader.GetSpan(options.EventColumn));
        var rejected = false;
        if (accountId.IsEmpty)
        {
            rejected = true;
            result.Add(Severity.Error, Position(context, reader, chunkStart), options.AccountIdColumn, null, "required");
        }

        long ticks = 0;
        if (occurredAt.IsEmpty)
        {
            rejected = true;
            result.Add(Severity.Error, Position(context, reader, chunkStart), options.OccurredAtColumn, null, "required");
        }
        else if (!context.Timestamps.TryParse(occurredAt, out ticks))
        {
            rejected = true;
            result.Add(Severity.Error, Position(context, reader, chunkStart), options.OccurredAtColumn, Encoding.UTF8.GetString(occurredAt), "type.timestamp");
        }

        if (eventName.IsEmpty)
        {
            rejected = true;
            result.Add(Severity.Error, Position(context, reader, chunkStart), options.EventColumn, null, "required");
        }

        AccountState? account = null;
        if (!accountId.IsEmpty)
        {
            account = aggregator.Account(accountId);
            if (!account.Known)
            {
                rejected = true;
                result.Add(Severity.Error, Position(context, reader, chunkStart), options.AccountIdColumn, Encoding.UTF8.GetString(accountId), "unknown-account");
            }
        }

        if (rejected)
        {
            result.Rejected++;
            return;
        }

        result.Accepted++;
        if (ticks >= context.AsOfEndTicks)
        {
            result.Warnings++;
            result.Add(Severity.Warning, Position(context, reader, chunkStart), options.OccurredAtColumn, Encoding.UTF8.GetString(occurredAt), "after-as-of");
        }

        var userId = options.UserIdColumn >= 0 ? Trim(reader.GetSpan(options.UserIdColumn)) : default;
        aggregator.Fold(account!, ticks, aggregator.Event(eventName), userId);
    }

    /// <summary>Where a record starts: a byte offset in the file (resolved to a line at the end) or, for transcoded input, its line.</summary>
    private static long Position(RowContext context, CsvReader reader, long chunkStart) =>
        context.ByteOffsets ? chunkStart + reader.ByteOffset : reader.LineNumber;

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> value) =>
        value.Length > 0 && (value[0] <= (byte)' ' || value[^1] <= (byte)' ') ? value.Trim(" \t\r\n"u8) : value;

    private static EventImportResult Assemble(EventImportOptions options, IReadOnlyList<string> headers, RunResult run, bool byteOffsets)
    {
        long rows = 0, accepted = 0, rejected = 0, warnings = 0;
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var kept = new Dictionary<string, int>(StringComparer.Ordinal);
        var pending = new List<PendingIssue>();
        foreach (var chunk in run.Chunks)
        {
            rows += chunk.Rows;
            accepted += chunk.Accepted;
            rejected += chunk.Rejected;
            warnings += chunk.Warnings;
            foreach (var (rule, count) in chunk.Counts)
            {
                counts[rule] = counts.GetValueOrDefault(rule) + count;
            }

            // Chunks are in file order and each keeps its first issues per rule, so this keeps the file's first.
            foreach (var issue in chunk.Issues)
            {
                var n = kept.GetValueOrDefault(issue.Rule);
                if (n < options.MaxIssuesPerRule)
                {
                    kept[issue.Rule] = n + 1;
                    pending.Add(issue);
                }
            }
        }

        var lines = byteOffsets ? LineBreaks.LinesAt(options.Path, [.. pending.Select(p => p.Position)]) : null;
        var issues = pending.Select(p => new ValidationIssue(
            p.Severity,
            options.FileName,
            checked((int)(lines is null ? p.Position : lines[p.Position])),
            p.Column < headers.Count ? headers[p.Column] : null,
            p.Value,
            Expected(options, p.Rule, headers, p.Column),
            p.Rule)).ToImmutableArray();

        return new EventImportResult(run.Usage.ToUsage(), rows, accepted, rejected, warnings, issues, counts.ToImmutableDictionary(StringComparer.Ordinal));
    }

    private static string Expected(EventImportOptions options, string rule, IReadOnlyList<string> headers, int column) => rule switch
    {
        "required" => $"a value in {(column < headers.Count ? headers[column] : $"column {column + 1}")}",
        "type.timestamp" => options.TimestampFormats.IsDefaultOrEmpty
            ? "an ISO 8601 timestamp with Z or an offset, e.g. 2025-03-01T14:05:00Z"
            : $"an ISO 8601 timestamp with Z or an offset, e.g. 2025-03-01T14:05:00Z, or one of: {string.Join(", ", options.TimestampFormats)}",
        "after-as-of" => string.Create(CultureInfo.InvariantCulture, $"a time on or before as_of {options.AsOf:yyyy-MM-dd} (row kept)"),
        "unknown-account" => "an account_id listed in the accounts file",
        _ => rule,
    };

    private sealed record RowContext(EventImportOptions Options, Utf8Timestamp Timestamps, long AsOfEndTicks, bool ByteOffsets);

    private sealed record RunResult(UsageAggregator Usage, ChunkResult[] Chunks)
    {
        public bool Malformed => Chunks.Any(c => c.Malformed);

        public long[] QuotesPerChunk => [.. Chunks.Select(c => c.Quotes)];
    }

    private readonly record struct PendingIssue(Severity Severity, long Position, int Column, string? Value, string Rule);

    /// <summary>What one byte range produced, apart from the usage (which its worker's aggregator holds).</summary>
    private sealed class ChunkResult(int maxIssuesPerRule)
    {
        public long Rows;
        public long Accepted;
        public long Rejected;
        public long Warnings;
        public long Quotes;
        public bool Malformed;
        public readonly Dictionary<string, long> Counts = new(StringComparer.Ordinal);
        public readonly List<PendingIssue> Issues = [];

        public void Add(Severity severity, long position, int column, string? value, string rule)
        {
            var count = Counts.GetValueOrDefault(rule);
            Counts[rule] = count + 1;
            if (count < maxIssuesPerRule)
            {
                Issues.Add(new PendingIssue(severity, position, column, value, rule));
            }
        }
    }
}
