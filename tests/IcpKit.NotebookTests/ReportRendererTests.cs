using System.Text.Json.Nodes;
using IcpKit.Reports;

namespace IcpKit.NotebookTests;

/// <summary>The page itself: markdown, links, contents and the code toggle, from a run built in memory.</summary>
public sealed class ReportRendererTests
{
    static readonly ReportContext Context = new("/data/export", "0.1.0", new string('a', 64), DateTimeOffset.UnixEpoch, false);

    static string Render(params (string Type, string Source)[] cells)
    {
        var document = new NotebookDocument("/nb/x.ipynb", [.. cells.Select(c => new NotebookCell(c.Type, c.Source, []))], new JsonObject());
        var runs = document.Cells.Select((c, i) => new CellRun(i, c, [], c.IsCode ? i : null, null, TimeSpan.Zero));
        return ReportRenderer.Render(new NotebookRun(document, [.. runs], TimeSpan.FromSeconds(1), "2025-06-30"), Context);
    }

    [Fact]
    public void Render_LinkToNextNotebook_PointsAtItsReport()
    {
        var html = Render(("markdown", "Next: [01](01-existing-customers.ipynb), and [docs](https://example.com/a.ipynb)."));
        Assert.Contains("href=\"01-existing-customers.html\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.com/a.ipynb\"", html, StringComparison.Ordinal); // absolute links untouched
    }

    [Fact]
    public void Render_RawHtmlInMarkdown_ShowsAsText()
    {
        var html = Render(("markdown", "Hello <script>alert(1)</script>"));
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Headings_MakeAContentsListWithUniqueAnchors()
    {
        var html = Render(("markdown", "# Title\n\nIntro"), ("markdown", "## Same"), ("code", "1"), ("markdown", "## Same"));
        Assert.Contains("<nav class=\"toc\">", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#c1-same\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#c3-same\"", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("<nav class=\"toc\">", StringComparison.Ordinal) > html.IndexOf("Intro", StringComparison.Ordinal)); // after the title cell
    }

    [Fact]
    public void Render_Code_IsFoldedByDefaultAndEscaped()
    {
        var html = Render(("code", "var s = \"<b>\";"));
        Assert.Contains("<details class=\"code\"><summary>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<details class=\"code\" open", html, StringComparison.Ordinal);
        Assert.Contains("var s = &quot;&lt;b&gt;&quot;;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_AsOf_IsShownInTheHeader()
    {
        Assert.Contains("as of 2025-06-30", Render(("markdown", "# T")), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NoCharts_EmbedsNoPlotly()
    {
        Assert.DoesNotContain(IcpKit.Charts.PlotlyJs.MarkerAttribute, Render(("markdown", "# T")), StringComparison.Ordinal);
    }
}
