using System.Globalization;

namespace IcpKit.Loading;

/// <summary>
/// One row being validated, from any <see cref="IRowSource"/>: typed access to contract columns that logs what is
/// wrong at the row's location (<c>file:line:column</c> or <c>table:key:column</c>).
/// </summary>
internal sealed class Row(IRowSource source, ColumnMap columns, FileMapping mapping, ValueParsing parsing, IssueLog log, string keyColumn)
{
    public string Source => source.Name;
    /// <summary>The physical line (files) or row number (tables).</summary>
    public int Line { get; private set; }
    public bool Rejected { get; private set; }
    public int WarningCount { get; private set; }
    private readonly HashSet<int> _reportedCells = [];

    /// <summary>How a sentence names this row: "line 12" for a file, "row 3" for a table.</summary>
    public string Position => (source.HasLines ? "line " : "row ") + Line.ToString(CultureInfo.InvariantCulture);

    /// <summary>Moves to the source's current row, warning when its shape is wrong.</summary>
    public void Reset()
    {
        _reportedCells.Clear();
        Line = source.Line;
        Rejected = false;
        WarningCount = 0;
        if (source.ShapeProblem() is var (value, expected))
        {
            Warn(null, value, expected, "field-count");
        }
    }

    /// <summary>Where a column of this row is; a table row is named by its key, or by its row number when the key is empty.</summary>
    public SourceLocation At(string? column)
    {
        var header = column is null ? null : Header(column);
        if (source.HasLines)
        {
            return new(Source, Line, null, header);
        }
        var key = Raw(columns.IndexOf(keyColumn));
        return new(Source, Line, key.Length > 0 ? key : "row " + Line.ToString(CultureInfo.InvariantCulture), header);
    }

    public string Header(string column) => columns.IndexOf(column) is >= 0 and var i ? columns.Headers[i] : column;

    public string Raw(int index) => source.Raw(index);

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

    public void Error(string? column, string? value, string expected, string rule)
    {
        Rejected = true;
        log.Add(new ValidationIssue(Severity.Error, At(column), value, expected, rule));
    }

    public void Warn(string? column, string? value, string expected, string rule)
    {
        WarningCount++;
        log.Add(new ValidationIssue(Severity.Warning, At(column), value, expected, rule));
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

    /// <summary>A date; a bad value rejects the row when required (or <paramref name="rejectBad"/>), else it is a warning and reads as missing.</summary>
    public DateOnly? Date(string column, bool required = false, bool rejectBad = false)
    {
        var v = required ? Required(column) : Text(column);
        if (v is null)
        {
            return null;
        }
        if (parsing.TryDate(v, out var d))
        {
            return d;
        }
        // ISO 8601 is always tried first; a configured yyyy-MM-dd would only repeat it.
        var expected = "a date (yyyy-MM-dd" + string.Concat(parsing.DateFormats.Where(f => f != "yyyy-MM-dd").Select(f => " or " + f)) +
            "; another format goes in date_formats in icpkit.yaml)";
        TypeProblem(column, v, required || rejectBad, expected, "type.date");
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
        // Two contract columns read from one source column (stage and outcome from "Deal Stage"): its cell is said once.
        if (!_reportedCells.Add(columns.IndexOf(column)))
        {
            Rejected |= required;
            return;
        }
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
            Warn(column, d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                $"a date on or before as_of {a:yyyy-MM-dd}", "after-as-of");
        }
    }
}
