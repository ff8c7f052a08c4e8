using IcpKit.Loading;
using Microsoft.Data.Analysis;

namespace IcpKit.Rendering;

/// <summary>DataFrames and validation reports as HTML and text tables.</summary>
public static class Frames
{
    /// <summary>Rows shown before a table is cut (the footnote says how many there are).</summary>
    public const int DefaultMaxRows = 50;

    /// <summary>A DataFrame as an HTML table of its first <paramref name="maxRows"/> rows.</summary>
    public static string ToHtml(DataFrame frame, int maxRows = DefaultMaxRows)
    {
        var (headers, rows, footnote) = Cut(frame, maxRows);
        return HtmlTable.Render(headers, rows, footnote: footnote);
    }

    /// <summary>A DataFrame as an aligned text table of its first <paramref name="maxRows"/> rows.</summary>
    public static string ToText(DataFrame frame, int maxRows = DefaultMaxRows)
    {
        var (headers, rows, footnote) = Cut(frame, maxRows);
        var text = TextTable.Render(headers, rows);
        return footnote is null ? text : text + Environment.NewLine + footnote;
    }

    static (string[] Headers, List<object?[]> Rows, string? Footnote) Cut(DataFrame frame, int maxRows)
    {
        // Column names are snake_case identifiers; a reader sees words ("open_deals" → "open deals").
        var headers = frame.Columns.Select(c => Format.Words(c.Name)).ToArray();
        var shown = (int)Math.Min(frame.Rows.Count, maxRows);
        var rows = new List<object?[]>(shown);
        for (var i = 0; i < shown; i++)
            rows.Add([.. frame.Columns.Select(c => c[i])]);
        var footnote = shown < frame.Rows.Count ? $"showing {shown} of {frame.Rows.Count} rows" : null;
        return (headers, rows, footnote);
    }

    /// <summary>A validation report as HTML: one row per file, then the issue counts per file and rule, then the first issues.</summary>
    public static string ToHtml(ValidationReport report, int maxIssues = 20)
    {
        var (files, counts, issues) = Parts(report, maxIssues);
        var verdict = report.HasErrors ? "Rows were rejected: see the errors below." : "No rows were rejected.";
        return $"<div class=\"icpkit-validation\"><p><strong>{HtmlText.Escape(verdict)}</strong></p>"
            + HtmlTable.Render(FileHeaders, files, caption: "Files")
            + (counts.Count > 0 ? HtmlTable.Render(CountHeaders, counts, caption: "Problems per file and rule") : "")
            + (issues.Count > 0 ? HtmlTable.Render(IssueHeaders, issues, caption: "First problems",
                footnote: report.Issues.Length > issues.Count ? $"showing {issues.Count} of {report.Issues.Length} listed problems" : null) : "")
            + "</div>";
    }

    /// <summary>A validation report as aligned text (the same three tables as <see cref="ToHtml(ValidationReport, int)"/>).</summary>
    public static string ToText(ValidationReport report, int maxIssues = 20)
    {
        var (files, counts, issues) = Parts(report, maxIssues);
        var parts = new List<string> { report.HasErrors ? "Rows were rejected." : "No rows were rejected.", TextTable.Render(FileHeaders, files) };
        if (counts.Count > 0) parts.Add(TextTable.Render(CountHeaders, counts));
        if (issues.Count > 0) parts.Add(TextTable.Render(IssueHeaders, issues));
        return string.Join(Environment.NewLine + Environment.NewLine, parts);
    }

    static readonly string[] FileHeaders = ["file", "present", "rows read", "accepted", "rejected", "warnings", "encoding", "delimiter", "decimal"];
    static readonly string[] CountHeaders = ["file", "rule", "severity", "count"];
    static readonly string[] IssueHeaders = ["severity", "file or table", "line or key", "column", "value", "expected"];

    static (List<object?[]> Files, List<object?[]> Counts, List<object?[]> Issues) Parts(ValidationReport report, int maxIssues) =>
    (
        [.. report.Files.Select(f => new object?[] { f.File, f.Present ? "yes" : "no", f.RowsRead, f.Accepted, f.Rejected, f.Warnings, f.Encoding, f.Delimiter,
            f.Present ? f.DecimalSeparator + (f.DecimalDetected ? " (detected)" : "") : null })],
        [.. report.IssueCounts.OrderBy(kv => kv.Key.File, StringComparer.Ordinal).ThenBy(kv => kv.Key.Rule, StringComparer.Ordinal)
            .Select(kv => new object?[] { kv.Key.File, kv.Key.Rule, kv.Key.Severity.ToString().ToLowerInvariant(), kv.Value })],
        [.. report.Issues.Take(maxIssues).Select(i => new object?[] { i.Severity.ToString().ToLowerInvariant(), i.File, i.Key ?? (object)i.Line, i.Column, i.Value, i.Expected })]
    );
}
