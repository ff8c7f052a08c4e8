using System.Text;

namespace IcpKit.Rendering;

/// <summary>Builds an HTML table: every value escaped, numbers formatted invariantly and right-aligned.</summary>
/// <remarks>Example: <c>HtmlTable.Render(["segment", "n"], [["&lt;b&gt;", 3]])</c> shows the text "&lt;b&gt;" and "3" right-aligned.</remarks>
public static class HtmlTable
{
    /// <summary>An HTML table with a header row, one row per entry and an optional caption.</summary>
    /// <param name="headers">Column names.</param>
    /// <param name="rows">Cell values; see <see cref="Cells.Format"/> for how each is written.</param>
    /// <param name="caption">Text above the table; null for none.</param>
    /// <param name="footnote">Text below the table (e.g. "showing 20 of 1,204 rows"); null for none.</param>
    public static string Render(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows, string? caption = null, string? footnote = null)
    {
        var sb = new StringBuilder("<table class=\"icpkit-table\">");
        if (caption is not null) sb.Append("<caption>").Append(HtmlText.Escape(caption)).Append("</caption>");
        sb.Append("<thead><tr>");
        foreach (var h in headers) sb.Append("<th>").Append(HtmlText.Escape(h)).Append("</th>");
        sb.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            sb.Append("<tr>");
            foreach (var cell in row)
            {
                sb.Append(Cells.IsNumeric(cell) ? "<td style=\"text-align:right\">" : "<td>")
                  .Append(HtmlText.Escape(Cells.Format(cell))).Append("</td>");
            }
            sb.Append("</tr>");
        }
        sb.Append("</tbody></table>");
        if (footnote is not null) sb.Append("<p class=\"icpkit-footnote\"><small>").Append(HtmlText.Escape(footnote)).Append("</small></p>");
        return sb.ToString();
    }
}

/// <summary>Builds an aligned plain-text table for consoles: numbers right-aligned, text left-aligned.</summary>
/// <remarks>Example: headers ["a", "n"], rows [["x", 10], ["yy", 2]] gives "a    n\n--  --\nx   10\nyy   2".</remarks>
public static class TextTable
{
    /// <summary>An aligned text table; columns separated by two spaces, a dashed rule under the header.</summary>
    public static string Render(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows, string? caption = null)
    {
        var body = rows.Select(r => r.Select(c => (Text: Cells.Format(c).ReplaceLineEndings(" "), Right: Cells.IsNumeric(c))).ToArray()).ToList();
        var widths = headers.Select((h, i) => Math.Max(h.Length, body.Count == 0 ? 0 : body.Max(r => i < r.Length ? r[i].Text.Length : 0))).ToArray();
        // A column whose cells are all numbers right-aligns its header too.
        var rightColumns = headers.Select((_, i) => body.Count > 0 && body.All(r => i < r.Length && (r[i].Right || r[i].Text.Length == 0))).ToArray();
        var sb = new StringBuilder();
        if (caption is not null) sb.AppendLine(caption);
        sb.AppendLine(Line(headers.Select((h, i) => (h, rightColumns[i])), widths));
        sb.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var r in body) sb.AppendLine(Line(r.Select(c => (c.Text, c.Right)), widths));
        return sb.ToString().TrimEnd('\r', '\n');
    }

    static string Line(IEnumerable<(string Text, bool Right)> cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i < widths.Length ? (c.Right ? c.Text.PadLeft(widths[i]) : c.Text.PadRight(widths[i])) : c.Text)).TrimEnd();
}

/// <summary>A table value that shows itself: HTML in notebooks and reports, aligned text in a console.</summary>
/// <remarks>Result records can hold or return one; a notebook cell ending on <c>Table.Of(...)</c> renders it.</remarks>
/// <param name="Headers">Column names.</param>
/// <param name="Rows">Cell values (see <see cref="Cells.Format"/>).</param>
/// <param name="Caption">Text above the table; null for none.</param>
public sealed record Table(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<object?>> Rows, string? Caption = null) : IHtmlRenderable, ITextRenderable
{
    /// <summary>A table of the given rows.</summary>
    public static Table Of(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows, string? caption = null) =>
        new(headers, [.. rows], caption);

    /// <inheritdoc/>
    public string ToHtml() => HtmlTable.Render(Headers, Rows, Caption);
    /// <inheritdoc/>
    public string ToText() => TextTable.Render(Headers, Rows, Caption);
    /// <inheritdoc/>
    public override string ToString() => ToText();
}
