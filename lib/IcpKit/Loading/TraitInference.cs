using System.Collections.Immutable;
using IcpKit.Model;

namespace IcpKit.Loading;

/// <summary>Types the extra columns of any table (accounts today, deals too) from their values, whatever their source.</summary>
internal static class TraitInference
{
    /// <summary>An extra column typed: its trait, whether it can segment, how to read a value, and a problem to report.</summary>
    public sealed record Extra(TraitInfo Info, bool Segmentable, Func<string, TraitValue> Parse)
    {
        /// <summary>What is wrong with the column as a whole (dates in a format date_formats does not list), or null.</summary>
        public string? Problem { get; init; }
        /// <summary>A value showing the problem.</summary>
        public string? Example { get; init; }
    }

    // Shapes of dates in formats the kit may not be told about: 13.01.2025, 1/13/25, 2025/01/13, "Jan 13, 2025", "13 Jan 2025".
    private static readonly System.Text.RegularExpressions.Regex DateShape = new(
        @"^(\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|[A-Za-z]{3,9}\.? \d{1,2},? \d{4}|\d{1,2} [A-Za-z]{3,9}\.? \d{4})([ T]\d{1,2}:\d{2}.*)?$",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static readonly string[] LikelyFormats =
        ["dd.MM.yyyy", "dd/MM/yyyy", "MM/dd/yyyy", "d.M.yyyy", "d/M/yyyy", "M/d/yyyy", "dd-MM-yyyy", "d-M-yyyy", "yyyy/MM/dd", "MM/dd/yy", "dd/MM/yy", "MMM d, yyyy", "d MMM yyyy"];

    /// <summary>Types one extra column over all its accepted values: number, else date, else list, else category.</summary>
    /// <param name="header">The column's header as the source has it.</param>
    /// <param name="raw">Its trimmed values, one per accepted row.</param>
    /// <param name="config">Bands, separators and date formats.</param>
    /// <param name="file">The table, so an extra named like one of its contract columns gets a suffix.</param>
    /// <param name="prefix">Put before the trait's name: "" for accounts, <see cref="Deal.TraitPrefix"/> for deals.</param>
    public static Extra Infer(string header, List<string> raw, ProjectConfig config, ExportFile file, string prefix = "")
    {
        var parsing = config.Parsing;
        var name = Names.Snake(header);
        // An unmapped column named like a contract field ("Name" beside a mapped "Company name") must not shadow it.
        name = prefix + (Contract.Columns(file).Contains(name) ? name + "_extra" : name);
        var values = raw.Where(v => v.Length > 0).ToList();
        Extra Make(TraitKind kind, Func<string, TraitValue> parse, ImmutableArray<NumericBand> bands = default, bool segmentable = true) =>
            new(new TraitInfo(name, kind, true, bands.IsDefault ? [] : bands, header), segmentable, v => v.Length == 0 ? TraitValue.Missing : parse(v));

        if (values.Count > 0 && values.All(v => parsing.TryDecimal(v, out _)))
        {
            var numbers = values.Select(v => { parsing.TryDecimal(v, out var d); return (double)d; }).ToList();
            var bounds = config.Bands.TryGetValue(name, out var configured) ? configured : QuartileBounds(numbers);
            return Make(TraitKind.Number, v => TraitValue.Of(parsing.TryDecimal(v, out var d) ? (double)d : null),
                NumericBand.FromLowerBounds(bounds, integral: numbers.All(n => n == Math.Floor(n))));
        }
        if (values.Count > 0 && values.All(v => parsing.TryDate(v, out _)))
        {
            return Make(TraitKind.Date, v => TraitValue.Of(parsing.TryDate(v, out var d) ? d : null));
        }
        if (values.Any(v => v.Contains(config.ListSeparator, StringComparison.Ordinal)))
        {
            return Make(TraitKind.List, v => TraitValue.Of(parsing.List(v)));
        }
        if (values.Count > 0 && values.All(v => DateShape.IsMatch(v)))
        {
            // Dates the configured formats cannot read must not pass for a category: say so, and keep them out of traits.
            var likely = LikelyFormats.FirstOrDefault(f => values.All(v => DateTime.TryParseExact(v, f, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out _) || DateTime.TryParseExact(v.Split(' ', 'T')[0], f, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out _)));
            return Make(TraitKind.Category, TraitValue.Of, segmentable: false) with
            {
                Problem = "dates in a format date_formats in icpkit.yaml does not list" +
                    (likely is null ? "" : $" (they read as {likely}: add it to date_formats)") + "; the column is left out of the traits until then",
                Example = values[0],
            };
        }
        // A column with a distinct value on most rows (a domain, a phone number) cannot segment anything.
        var distinct = values.Distinct(StringComparer.Ordinal).Count();
        return Make(TraitKind.Category, TraitValue.Of, segmentable: values.Count > 0 && (distinct <= 20 || distinct <= values.Count / 2));
    }

    /// <summary>
    /// Types every extra column of a table over its accepted rows, and says once per column what is wrong with it
    /// (dates in an unknown format): the one path accounts and deals share.
    /// </summary>
    /// <param name="columns">The table's resolved header.</param>
    /// <param name="raw">The extra columns' raw values, one array per accepted row, in <see cref="ColumnMap.Extras"/> order.</param>
    /// <param name="config">Bands, separators and date formats.</param>
    /// <param name="file">The table.</param>
    /// <param name="source">The file or table name issues carry.</param>
    /// <param name="log">Where column problems go.</param>
    /// <param name="prefix">Put before each trait's name.</param>
    public static List<Extra> TypeAll(ColumnMap columns, List<string[]> raw, ProjectConfig config, ExportFile file, string source, IssueLog log, string prefix = "")
    {
        var extras = columns.Extras.Select((index, k) => Infer(columns.Headers[index], raw.Select(r => r[k]).ToList(), config, file, prefix)).ToList();
        foreach (var e in extras.Where(e => e.Problem is not null))
        {
            // Said once for the column, not once per row.
            log.Add(new ValidationIssue(Severity.Warning, source, 0, e.Info.Column, e.Example, e.Problem!, "unknown-date-format"));
        }
        return extras;
    }

    /// <summary>One row's extra values, typed, missing ones left out.</summary>
    public static ImmutableDictionary<string, TraitValue> ValuesOf(List<Extra> extras, string[] raw) =>
        extras.Select((e, k) => (e.Info.Name, Value: e.Parse(raw[k])))
            .Where(x => !x.Value.IsMissing)
            .ToImmutableDictionary(x => x.Name, x => x.Value);

    /// <summary>Lower bounds at the minimum and the quartiles, rounded to two significant digits, for extras without configured bands.</summary>
    private static ImmutableArray<double> QuartileBounds(List<double> numbers)
    {
        var sorted = numbers.Order().ToArray();
        static double Round2(double v) => v == 0 ? 0 : Math.Round(v, Math.Max(0, 1 - (int)Math.Floor(Math.Log10(Math.Abs(v)))));
        return [.. new[] { sorted[0], sorted[sorted.Length / 4], sorted[sorted.Length / 2], sorted[3 * sorted.Length / 4] }
            .Select((v, i) => i == 0 ? Math.Floor(v) : Round2(v)).Distinct().Order()];
    }
}
