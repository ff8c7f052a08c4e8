using System.Globalization;
using System.Text;
using IcpKit.Rendering;

namespace IcpKit.Statistics.Survival;

/// <summary>Number cells (through <see cref="Format"/>) and plain-text tables for the survival results' ToString().</summary>
internal static class SurvivalText
{
    /// <summary>A number through <see cref="Format.Number"/>; null (a median not reached) as "not reached".</summary>
    public static string Num(double? value) => value is { } v ? Format.Number(v) : "not reached";

    public static string Int(int value) => Format.Count(value);

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
