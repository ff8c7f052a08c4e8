using System.Text;

namespace IcpKit.Rendering;

/// <summary>The shape every statistics and metrics result shows in HTML: a captioned table, then a verdict and notes.</summary>
internal static class ResultHtml
{
    /// <summary>A table with <paramref name="caption"/>, then each non-empty paragraph (escaped) below it.</summary>
    public static string Of(string caption, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows, params string?[] paragraphs)
    {
        var sb = new StringBuilder("<div class=\"icpkit-result\">");
        sb.Append(HtmlTable.Render(headers, rows, caption));
        foreach (var p in paragraphs)
        {
            if (!string.IsNullOrWhiteSpace(p)) sb.Append("<p>").Append(HtmlText.Escape(p)).Append("</p>");
        }
        return sb.Append("</div>").ToString();
    }

    /// <summary>A rate as "12.3%" ("" when NaN), for table cells.</summary>
    public static string Pct(double rate) => double.IsNaN(rate) ? "" : (rate * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%";

    /// <summary>"[l, u]" of two rates, "" when undefined.</summary>
    public static string PctInterval(double lower, double upper) =>
        double.IsNaN(lower) || double.IsNaN(upper) ? "" : $"[{Pct(lower)}, {Pct(upper)}]";

    /// <summary>A p-value cell: four significant digits, "&lt; 1e-16", or "" when not computed.</summary>
    public static string P(double p) => double.IsNaN(p) ? "" : p < 1e-16 ? "< 1e-16" : p.ToString("G4", System.Globalization.CultureInfo.InvariantCulture);
}
