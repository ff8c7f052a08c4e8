using System.Globalization;
using System.Text;

namespace IcpKit.Loading;

/// <summary>The plain-text summary of an import that <c>icpkit validate</c> prints and a notebook can show.</summary>
public static class ValidationText
{
    /// <summary>A table of files (rows read, accepted, rejected, warnings, encoding, delimiter), then the first problems of each kind.</summary>
    /// <param name="export">The imported export.</param>
    /// <param name="examplesPerKind">How many problems of each (file, rule, severity) to show.</param>
    public static string Format(ExportData export, int examplesPerKind = 5)
    {
        ArgumentNullException.ThrowIfNull(export);
        var report = export.Report;
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine(inv, $"preset {export.Config.Preset.ToString().ToLowerInvariant()}, as_of {export.AsOf:yyyy-MM-dd}{(export.AsOfIsToday ? " (today: the export holds no date; set as_of in icpkit.yaml)" : export.Config.AsOf is null ? " (latest date seen)" : "")}, list separator '{export.Config.ListSeparator}' (list_separator)");
        sb.AppendLine(inv, $"{"file",-20} {"read",9} {"accepted",9} {"rejected",9} {"warnings",9}  {"encoding",-12} {"delimiter",-9}  decimal");
        foreach (var f in report.Files)
        {
            if (!f.Present)
            {
                var why = report.Issues.FirstOrDefault(i => i.File == f.File && i.Rule == "file-absent")?.Expected ?? "absent";
                sb.AppendLine(inv, $"{f.File,-20} {why}");
                continue;
            }
            // A detected decimal comma is said so: "900,50" read as 900.5 must not look like a silent choice.
            var decimalText = f.DecimalDetected ? $"'{f.DecimalSeparator}' (detected: numbers like 900,50)" : $"'{f.DecimalSeparator}'";
            sb.AppendLine(inv, $"{f.File,-20} {f.RowsRead,9} {f.Accepted,9} {f.Rejected,9} {f.Warnings,9}  {f.Encoding,-12} {f.Delimiter,-9}  {decimalText}");
        }
        foreach (var engine in export.Engines)
        {
            // Events folded where they live: what the engine returned, since no file was read.
            sb.AppendLine(inv, $"folded by {engine.Engine}: {engine}");
        }
        // Deal traits are said by name: a product or sales-team column that became one is what win/loss can break down by.
        sb.AppendLine(inv, $"deal traits: {(export.DealTraits.Traits.IsEmpty ? "none (the deals have no column outside the contract)" : string.Join(", ", export.DealTraits.Traits.Select(t => $"{t.Name} ({t.Kind.ToString().ToLowerInvariant()}, column '{t.Column}')")))}");
        var kinds = report.IssueCounts.Where(kv => kv.Key.Rule != "file-absent")
            .OrderByDescending(kv => kv.Key.Severity).ThenBy(kv => kv.Key.File, StringComparer.Ordinal).ThenBy(kv => kv.Key.Rule, StringComparer.Ordinal)
            .ToList();
        if (kinds.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine(inv, $"Problems (first {examplesPerKind} of each kind):");
        }
        foreach (var (key, count) in kinds)
        {
            sb.AppendLine(inv, $"{key.Severity.ToString().ToLowerInvariant()} {key.Rule} in {key.File}: {count}");
            foreach (var issue in report.Issues.Where(i => i.File == key.File && i.Rule == key.Rule && i.Severity == key.Severity).Take(examplesPerKind))
            {
                sb.AppendLine("  " + Describe(issue));
            }
        }
        var errors = report.IssueCounts.Where(kv => kv.Key.Severity == Severity.Error).Sum(kv => kv.Value);
        var warnings = report.WarningCount;
        sb.AppendLine();
        sb.AppendLine(inv, $"{errors} error(s), {warnings} warning(s)");
        return sb.ToString();
    }

    /// <summary>One problem on one line: where (<c>file:line:column</c> or <c>table:key:column</c>), value, expected.</summary>
    public static string Describe(ValidationIssue issue)
    {
        ArgumentNullException.ThrowIfNull(issue);
        var value = issue.Value is null ? (issue.Column is null ? "" : " (empty)") : $" = '{issue.Value}'";
        return $"{issue.Location}{value}: expected {issue.Expected}";
    }
}
