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

}
