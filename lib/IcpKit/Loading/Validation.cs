using System.Collections.Immutable;

namespace IcpKit.Loading;

/// <summary>How bad a problem in an export is.</summary>
public enum Severity
{
    /// <summary>The row is kept (e.g. an unknown stage mapped to open, a missing optional value).</summary>
    Warning,
    /// <summary>The row is rejected.</summary>
    Error,
}

/// <summary>One problem found in an export, pointing at the exact place and saying what was expected.</summary>
/// <param name="Severity">Error rejects the row, warning keeps it.</param>
/// <param name="File">File name as found in the export folder (e.g. "deals.csv").</param>
/// <param name="Line">1-based physical line in the file where the record starts (the header is line 1); for a SQL-defined table the
/// 1-based row number in the query's result; 0 for whole-file problems.</param>
/// <param name="Column">Column name as written in the file's header; null for whole-row or whole-file problems.</param>
/// <param name="Value">The offending value as read; null when absent.</param>
/// <param name="Expected">What was expected, in words a user can act on.</param>
/// <param name="Rule">A stable code for the check (e.g. "required", "type.date", "duplicate-id"), used to group problems.</param>
/// <remarks>A row from a SQL-defined table has no line in a file: its <see cref="Key"/> names it instead.</remarks>
public sealed record ValidationIssue(
    Severity Severity,
    string File,
    int Line,
    string? Column,
    string? Value,
    string Expected,
    string Rule)
{
    /// <summary>An issue at a location of any source.</summary>
    public ValidationIssue(Severity severity, SourceLocation at, string? value, string expected, string rule)
        : this(severity, at.Source, at.Line, at.Column, value, expected, rule) => Key = at.Key;

    /// <summary>The row's key (e.g. a deal_id) when its source has no lines (a SQL-defined table); null for files.</summary>
    public string? Key { get; init; }

    /// <summary>Where the problem is: <c>file:line:column</c> or <c>table:key:column</c>.</summary>
    public SourceLocation Location => new(File, Line, Key, Column);
}

/// <summary>What happened to one file: rows read = accepted + rejected, always.</summary>
public sealed record FileSummary(
    string File,
    bool Present,
    long RowsRead,
    long Accepted,
    long Rejected,
    long Warnings,
    string? Encoding,
    string? Delimiter)
{
    /// <summary>Nothing was dropped silently: every row read is either accepted or rejected.</summary>
    public bool Balances => RowsRead == Accepted + Rejected;
}

/// <summary>Everything the import found, per file and per problem.</summary>
/// <remarks>
/// Issues may be capped per (file, rule) to keep memory bounded on huge event logs;
/// <see cref="IssueCounts"/> always holds the full counts.
/// </remarks>
public sealed record ValidationReport(
    ImmutableArray<FileSummary> Files,
    ImmutableArray<ValidationIssue> Issues,
    ImmutableDictionary<(string File, string Rule, Severity Severity), long> IssueCounts)
{
    /// <summary>True when any row or file was rejected.</summary>
    public bool HasErrors => IssueCounts.Any(kv => kv.Key.Severity == Severity.Error && kv.Value > 0);
}
