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
    public static ColumnMap? Resolve(IReadOnlyList<string> headers, ExportFile file, FileMapping mapping, IssueLog log)
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
            log.Add(new ValidationIssue(Severity.Error, mapping.FileName, 1, null, null,
                $"required column(s) missing: {wanted}; columns found: {string.Join(", ", headers.Select(h => $"'{h}'"))}. " +
                "Rename the header in the file or map it in icpkit.yaml", "missing-column"));
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

/// <summary>One record being validated: typed access to contract columns that logs what is wrong.</summary>
internal sealed class Row(CsvReader reader, ColumnMap columns, FileMapping mapping, ValueParsing parsing, IssueLog log)
{
    public string File => mapping.FileName;
    public int Line { get; private set; }
    public bool Rejected { get; private set; }
    public int WarningCount { get; private set; }

    /// <summary>Moves to the reader's current record.</summary>
    public void Reset()
    {
        Line = (int)reader.LineNumber;
        Rejected = false;
        WarningCount = 0;
    }

    public string Header(string column) => columns.IndexOf(column) is >= 0 and var i ? columns.Headers[i] : column;

    public string Raw(int index) => index < 0 || index >= reader.FieldCount ? "" : (reader.GetString(index) ?? "").Trim();

    /// <summary>The trimmed value with its value map applied; null when empty or the column is absent.</summary>
    public string? Text(string column)
    {
        var raw = Raw(columns.IndexOf(column));
        if (raw.Length == 0)
        {
            return null;
        }
        return mapping.Values.TryGetValue(column, out var map) ? map.Map(raw, out _) : raw;
    }

    /// <summary>Warns when the record has fewer fields than the header, or more that are not empty.</summary>
    public void CheckFieldCount()
    {
        var n = reader.FieldCount;
        var extraContent = false;
        for (var i = columns.Headers.Length; i < n && !extraContent; i++)
        {
            extraContent = !reader.GetSpan(i).Trim(" \t"u8).IsEmpty;
        }
        if (n < columns.Headers.Length || extraContent)
        {
            Warn(null, n.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"{columns.Headers.Length} fields like the header (missing fields read as empty, surplus ones are ignored)", "field-count");
        }
    }

    public void Error(string? column, string? value, string expected, string rule)
    {
        Rejected = true;
        log.Add(new ValidationIssue(Severity.Error, File, Line, column is null ? null : Header(column), value, expected, rule));
    }

    public void Warn(string? column, string? value, string expected, string rule)
    {
        WarningCount++;
        log.Add(new ValidationIssue(Severity.Warning, File, Line, column is null ? null : Header(column), value, expected, rule));
    }

    public string? Required(string column)
    {
        var v = Text(column);
        if (v is null)
        {
            Error(column, null, $"a value for {column} (required)", "required");
        }
        return v;
    }

    /// <summary>A date; a bad value rejects the row when required, else it is a warning and reads as missing.</summary>
    public DateOnly? Date(string column, bool required = false)
    {
        var v = required ? Required(column) : Text(column);
        if (v is null)
        {
            return null;
        }
        if (parsing.TryDate(v, out var d))
        {
            if (ValueParsing.InRange(d))
            {
                return d;
            }
            TypeProblem(column, v, required, ValueParsing.RangeExpected, "range.date");
            return null;
        }
        // ISO 8601 is always tried first; a configured yyyy-MM-dd would only repeat it.
        var expected = "a date (yyyy-MM-dd" + string.Concat(parsing.DateFormats.Where(f => f != "yyyy-MM-dd").Select(f => " or " + f)) + ")";
        TypeProblem(column, v, required, expected, "type.date");
        return null;
    }

    public decimal? Decimal(string column)
    {
        var v = Text(column);
        if (v is null)
        {
            return null;
        }
        if (parsing.TryDecimal(v, out var d))
        {
            return NonNegative(column, v, d);
        }
        TypeProblem(column, v, false, $"a number (decimal separator '{parsing.DecimalSeparator}')", "type.number");
        return null;
    }

    public int? Int(string column)
    {
        var v = Text(column);
        if (v is null)
        {
            return null;
        }
        if (parsing.TryInt(v, out var i))
        {
            return NonNegative(column, v, i) is { } ok ? (int)ok : null;
        }
        TypeProblem(column, v, false, "a whole number", "type.int");
        return null;
    }

    private decimal? NonNegative(string column, string raw, decimal value)
    {
        if (value >= 0)
        {
            return value;
        }
        Error(column, raw, $"{column} of 0 or more", "range");
        return null;
    }

    private void TypeProblem(string column, string value, bool required, string expected, string rule)
    {
        if (required)
        {
            Error(column, value, expected, rule);
        }
        else
        {
            Warn(column, value, expected + "; kept as missing", rule);
        }
    }

    /// <summary>Warns about a date after the analysis date (kept: analyses censor at as_of).</summary>
    public void NotAfter(string column, DateOnly? date, DateOnly? asOf)
    {
        if (date is { } d && asOf is { } a && d > a)
        {
            Warn(column, d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                $"a date on or before as_of {a:yyyy-MM-dd}", "after-as-of");
        }
    }
}
