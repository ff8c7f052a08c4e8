using System.Globalization;
using System.Text;

namespace IcpKit.Statistics.Survival;

/// <summary>Invariant-culture number formatting and plain-text tables for the survival results' ToString().</summary>
internal static class SurvivalText
{
    /// <summary>Six significant digits; NaN as "NA" (R's spelling); null as "NR" (not reached).</summary>
    public static string Num(double? value) => value switch
    {
        null => "NR",
        { } v when double.IsNaN(v) => "NA",
        { } v => v.ToString("G6", CultureInfo.InvariantCulture),
    };

    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>p-values: four significant digits, "&lt;1e-16" below double precision's reach.</summary>
    public static string P(double p) => double.IsNaN(p) ? "NA"
        : p < 1e-16 ? "<1e-16" : p.ToString("G4", CultureInfo.InvariantCulture);

    public static string Name(SurvivalConfidenceType type) => type switch
    {
        SurvivalConfidenceType.LogLog => "log-log",
        SurvivalConfidenceType.Plain => "plain",
        _ => "log",
    };

    /// <summary>Right-aligned columns separated by two spaces.</summary>
    public static void Table(StringBuilder sb, string[] headers, IEnumerable<string[]> rows)
    {
        var all = new List<string[]> { headers };
        all.AddRange(rows);
        var width = new int[headers.Length];
        foreach (var row in all)
            for (int c = 0; c < row.Length; c++)
                width[c] = Math.Max(width[c], row[c].Length);
        foreach (var row in all)
        {
            for (int c = 0; c < row.Length; c++)
            {
                if (c > 0) sb.Append("  ");
                sb.Append(row[c].PadLeft(width[c]));
            }
            sb.AppendLine();
        }
    }
}
