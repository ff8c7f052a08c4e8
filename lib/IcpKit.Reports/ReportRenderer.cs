using System.Globalization;
using System.Text;
using IcpKit.Charts;
using IcpKit.Rendering;
using Markdig;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace IcpKit.Reports;

/// <summary>What a report says about where it came from (shown in every page's header and in the index).</summary>
/// <param name="DataFolder">The export folder the notebooks read.</param>
/// <param name="KitVersion">IcpKit's version.</param>
/// <param name="Fingerprint">SHA-256 over the input files (see <see cref="InputFingerprint"/>).</param>
/// <param name="GeneratedAt">When the reports were rendered.</param>
/// <param name="Redacted">True when names were replaced by pseudonyms.</param>
public sealed record ReportContext(string DataFolder, string KitVersion, string Fingerprint, DateTimeOffset GeneratedAt, bool Redacted);

/// <summary>Renders an executed notebook as one self-contained HTML page.</summary>
/// <remarks>
/// Markdown through Markdig with raw HTML disabled; outputs in the order the cells produced them (HTML tables and
/// charts as HTML, text in &lt;pre&gt;, errors marked); code folded by default in &lt;details&gt; with a page-wide
/// toggle; a table of contents from the headings; print CSS. plotly.js is embedded once in the head and the
/// notebook's own plotly bootstrap output is dropped. Nothing loads from the network.
/// </remarks>
public static class ReportRenderer
{
    static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables().UseEmphasisExtras().UseAutoIdentifiers().DisableHtml().Build();

    /// <summary>The report page for <paramref name="run"/>.</summary>
    public static string Render(NotebookRun run, ReportContext context)
    {
        var toc = new List<(int Level, string Id, string Text)>();
        var body = new StringBuilder();
        var tocAt = -1;
        foreach (var cell in run.Cells)
        {
            if (cell.Cell.CellType == "markdown") body.Append(Markdown(cell, toc));
            else if (cell.Cell.IsCode) body.Append(Code(cell));
            if (tocAt < 0) tocAt = body.Length; // the contents go after the title cell
        }
        body.Insert(Math.Max(0, tocAt), Toc(toc));
        var hasCharts = run.Cells.Any(c => c.Outputs.Any(o => o.Html?.Contains("class=\"icpkit-figure\"", StringComparison.Ordinal) == true));
        var title = HtmlText.Escape(run.Document.Title);
        var status = run.FirstFailure is { } f
            ? $"<p class=\"failed\">This notebook stopped at cell {f.Index + 1}: {HtmlText.Escape(FirstLine(f.Error!))}</p>"
            : "";
        return $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="IcpKit {HtmlText.Escape(context.KitVersion)}">
            <title>{title}</title>
            <style>{Css}</style>
            {(hasCharts ? PlotlyJs.ScriptTag() : "")}
            </head>
            <body>
            <header class="meta">{Meta(run, context)}
            <button type="button" class="toggle" onclick="icpkitToggleCode()">Show code</button></header>
            {status}
            <main>
            {body}
            </main>
            <footer class="meta">{HtmlText.Escape(PlotlyJs.License)}</footer>
            <script>{ToggleScript}</script>
            </body>
            </html>
            """;
    }

    static string Meta(NotebookRun run, ReportContext c) =>
        $"<span>data: <code>{HtmlText.Escape(c.DataFolder)}</code></span>"
        + (run.AsOf is null ? "" : $" · <span>as of {HtmlText.Escape(run.AsOf)}</span>")
        + $" · <span>IcpKit {HtmlText.Escape(c.KitVersion)}</span>"
        + $" · <span title=\"SHA-256 of the input files\">inputs {HtmlText.Escape(c.Fingerprint[..Math.Min(12, c.Fingerprint.Length)])}</span>"
        + $" · <span>rendered {c.GeneratedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}</span>"
        + (c.Redacted ? " · <span>names redacted</span>" : "")
        + $" · <span>{run.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s</span>";

    static string Markdown(CellRun cell, List<(int, string, string)> toc)
    {
        var doc = Markdig.Markdown.Parse(cell.Cell.Source, Pipeline);
        foreach (var heading in doc.Descendants<HeadingBlock>())
        {
            // Ids are made per cell by Markdig; prefix the cell index so they stay unique on the page.
            var attributes = heading.GetAttributes();
            var id = $"c{cell.Index}-{attributes.Id}";
            attributes.Id = id;
            var text = heading.Inline is null ? "" : string.Concat(heading.Inline.Descendants<Markdig.Syntax.Inlines.LiteralInline>().Select(l => l.Content.ToString()));
            if (heading.Level <= 3) toc.Add((heading.Level, id, text));
        }
        // Links between notebooks point at their reports, which sit side by side in the output folder.
        foreach (var link in doc.Descendants<Markdig.Syntax.Inlines.LinkInline>())
        {
            if (link.Url is { } url && !url.Contains("://", StringComparison.Ordinal) && url.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase))
                link.Url = Path.GetFileNameWithoutExtension(url) + ".html";
        }
        return "<section class=\"md\">" + doc.ToHtml(Pipeline) + "</section>\n";
    }

    static string Code(CellRun cell)
    {
        var sb = new StringBuilder("<section class=\"cell\">");
        var label = cell.Cell.Tags.Contains(Parameters.InjectedTag) ? "injected parameters" : $"code [{cell.ExecutionCount?.ToString(CultureInfo.InvariantCulture) ?? " "}]";
        sb.Append("<details class=\"code\"><summary>").Append(HtmlText.Escape(label)).Append("</summary><pre><code>")
          .Append(HtmlText.Escape(cell.Cell.Source)).Append("</code></pre></details>");
        foreach (var o in cell.Outputs)
        {
            if (o.Html is { } html && html.Contains(PlotlyJs.MarkerAttribute, StringComparison.Ordinal)) continue; // embedded once in <head>
            sb.Append(o.Kind switch
            {
                "error" => $"<pre class=\"error\">{HtmlText.Escape(o.PlainText)}</pre>",
                "stdout" or "stderr" => $"<pre class=\"{o.Kind}\">{HtmlText.Escape(o.PlainText)}</pre>",
                // HTML from any formatter (ours escape already; a DataFrame's may not) shows hidden controls as markers.
                _ when o.Html is { } h => $"<div class=\"output\">{DisplayText.Neutralise(h)}</div>",
                _ => $"<pre class=\"output\">{HtmlText.Escape(o.PlainText)}</pre>",
            });
        }
        return sb.Append("</section>\n").ToString();
    }

    static string Toc(List<(int Level, string Id, string Text)> toc)
    {
        var entries = toc.Where(t => t.Level >= 2).ToList(); // the H1 is the page title
        if (entries.Count == 0) return "";
        var sb = new StringBuilder("<nav class=\"toc\"><strong>Contents</strong><ol>");
        foreach (var (level, id, text) in entries)
            sb.Append(CultureInfo.InvariantCulture, $"<li class=\"l{level}\"><a href=\"#{HtmlText.Escape(id)}\">{HtmlText.Escape(text)}</a></li>");
        return sb.Append("</ol></nav>").ToString();
    }

    static string FirstLine(string text) => text.Split('\n')[0].Trim();

    /// <summary>Opens or closes every code cell at once (each also opens on its own).</summary>
    const string ToggleScript = """
        function icpkitToggleCode() {
          var all = document.querySelectorAll("details.code");
          var open = !Array.prototype.some.call(all, function (d) { return d.open; });
          all.forEach(function (d) { d.open = open; });
          document.querySelector("button.toggle").textContent = open ? "Hide code" : "Show code";
        }
        """;

    /// <summary>The page's stylesheet: system fonts only, readable tables, and print rules (no code, no buttons, charts kept whole).</summary>
    internal const string Css = """
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; max-width: 1100px; margin: 2rem auto; padding: 0 1rem; color: #222; line-height: 1.5; }
        .meta { color: #666; font-size: .85rem; }
        header.meta { border-bottom: 1px solid #ddd; padding-bottom: .5rem; }
        button.toggle { float: right; font-size: .8rem; }
        nav.toc { background: #f7f7f9; border: 1px solid #e3e3e8; padding: .5rem 1rem; margin: 1rem 0; font-size: .9rem; }
        nav.toc ol { margin: .25rem 0; padding-left: 1.25rem; }
        nav.toc li.l3 { margin-left: 1rem; list-style: circle; }
        details.code summary { color: #888; font-size: .8rem; cursor: pointer; }
        pre { background: #f6f8fa; padding: .5rem .75rem; overflow-x: auto; font-size: .85rem; }
        pre.error, p.failed { background: #fdecea; color: #8a1c12; border-left: 4px solid #d93025; padding: .5rem .75rem; }
        pre.stderr { background: #fff8e1; }
        table { border-collapse: collapse; margin: .5rem 0; font-size: .85rem; }
        th, td { border: 1px solid #ddd; padding: .2rem .5rem; }
        th { background: #f2f2f5; text-align: left; }
        caption { text-align: left; font-weight: 600; padding: .25rem 0; }
        .output { overflow-x: auto; margin: .5rem 0 1rem; }
        @media print {
          body { max-width: none; margin: 0; }
          details.code, button.toggle, nav.toc { display: none; }
          .icpkit-figure, table { page-break-inside: avoid; }
          a { color: inherit; text-decoration: none; }
        }
        """;
}
