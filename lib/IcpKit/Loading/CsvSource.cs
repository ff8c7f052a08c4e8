using System.Collections.Immutable;
using CsvHelper;

namespace IcpKit.Loading;

/// <summary>Collects the issues of one import, keeping full counts and at most a bounded number per (file, rule).</summary>
internal sealed class IssueLog(int maxPerRule = 10_000)
{
    private readonly List<ValidationIssue> _issues = [];
    private readonly Dictionary<(string File, string Rule, Severity Severity), long> _counts = [];

    public void Add(ValidationIssue issue)
    {
        var key = (issue.File, issue.Rule, issue.Severity);
        var n = _counts.GetValueOrDefault(key) + 1;
        _counts[key] = n;
        if (n <= maxPerRule)
        {
            _issues.Add(issue);
        }
    }

    /// <summary>Adds issues found elsewhere (the event importer) with their full counts.</summary>
    public void AddRange(IEnumerable<ValidationIssue> issues, IEnumerable<((string File, string Rule, Severity Severity) Key, long Count)> counts)
    {
        _issues.AddRange(issues);
        foreach (var (key, count) in counts)
        {
            _counts[key] = _counts.GetValueOrDefault(key) + count;
        }
    }

    public ImmutableArray<ValidationIssue> Issues => [.. _issues];
    public ImmutableDictionary<(string File, string Rule, Severity Severity), long> Counts => _counts.ToImmutableDictionary();
}

/// <summary>A file's header resolved against its mapping: where each contract column and each extra column is.</summary>
internal sealed record ColumnMap(ImmutableArray<string> Headers, ImmutableDictionary<string, int> Contract, ImmutableArray<int> Extras)
{
    public int IndexOf(string contractColumn) => Contract.TryGetValue(contractColumn, out var i) ? i : -1;

    public bool Has(string contractColumn) => Contract.ContainsKey(contractColumn);

    /// <summary>Matches headers ignoring case, spaces and punctuation; null (after logging one issue) when a required column is missing.</summary>
    /// <param name="headers">The source's column names.</param>
    /// <param name="file">The contract table.</param>
    /// <param name="mapping">Its mapping.</param>
    /// <param name="log">Where the missing-column error goes.</param>
    /// <param name="source">The source as reports name it; null for the mapped file (located at its header line).</param>
    public static ColumnMap? Resolve(IReadOnlyList<string> headers, ExportFile file, FileMapping mapping, IssueLog log, string? source = null)
    {
        var byKey = new Dictionary<string, int>();
        for (var i = 0; i < headers.Count; i++)
        {
            byKey.TryAdd(Names.Key(headers[i]), i);
        }
        var contract = ImmutableDictionary.CreateBuilder<string, int>();
        foreach (var column in Loading.Contract.Columns(file))
        {
            if (byKey.TryGetValue(Names.Key(mapping.HeaderFor(column)), out var index))
            {
                contract[column] = index;
            }
        }
        var flagsGiveOutcome = file == ExportFile.Deals && contract.ContainsKey("won") && contract.ContainsKey("closed");
        var missing = Loading.Contract.Required(file).Where(c => !contract.ContainsKey(c) && !(c == "outcome" && flagsGiveOutcome)).ToList();
        if (missing.Count > 0)
        {
            var key = Loading.Contract.Key(file);
            var wanted = string.Join(", ", missing.Select(c => $"{c} (header '{mapping.HeaderFor(c)}', icpkit.yaml key {key}.columns.{c})"));
            var fix = mapping.Sql is null
                ? "Rename the header in the file or map it in icpkit.yaml"
                : $"Name the column in {key}.sql (... AS {missing[0]}) or map it in icpkit.yaml";
            log.Add(new ValidationIssue(Severity.Error, source ?? mapping.FileName, source is null ? 1 : 0, null, null,
                $"required column(s) missing: {wanted}; columns found: {string.Join(", ", headers.Select(h => $"'{h}'"))}. " + fix,
                "missing-column"));
            return null;
        }
        var used = contract.Values.ToHashSet();
        var ignored = mapping.Ignore.Select(Names.Key).ToHashSet();
        var extras = Enumerable.Range(0, headers.Count)
            .Where(i => !used.Contains(i) && Names.Key(headers[i]).Length > 0 && !ignored.Contains(Names.Key(headers[i])))
            .ToImmutableArray();
        return new ColumnMap([.. headers], contract.ToImmutable(), extras);
    }
}

/// <summary>Opens export files with CsvHelper 34, sniffed first, and walks their non-blank records.</summary>
internal static class CsvSource
{
    /// <summary>Opens a sniffed file; with a log, records with broken quoting are reported (CsvHelper recovers them).</summary>
    public static CsvReader Open(string path, SniffResult sniff, IssueLog? log = null) => CsvReader.FromFile(path, new CsvReaderOptions
    {
        OnMalformedRecord = log is null ? null : m => log.Add(new ValidationIssue(Severity.Warning, Path.GetFileName(path), (int)m.LineNumber, null,
            m.RawRecord.Length > 80 ? m.RawRecord[..80] + "..." : m.RawRecord,
            $"well-formed CSV quoting ({m.Reason}); the record was read as best it could be", "malformed")),
        Separator = sniff.Delimiter,
        Encoding = sniff.Encoding,
        HasHeader = true,
        TrackLineNumbers = true,
        SkipEmptyLines = true,
        AllowLineBreaksInQuotes = true,
    });

    /// <summary>True when every field is empty or whitespace: such lines are skipped and not counted as rows.</summary>
    public static bool IsBlank(CsvReader reader)
    {
        for (var i = 0; i < reader.FieldCount; i++)
        {
            if (!reader.GetSpan(i).Trim(" \t"u8).IsEmpty)
            {
                return false;
            }
        }
        return true;
    }
}

