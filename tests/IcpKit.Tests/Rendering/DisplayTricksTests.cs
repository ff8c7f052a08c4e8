using System.Collections.Immutable;
using System.Text.Json;
using IcpKit.Charts;
using IcpKit.PutToWork;
using IcpKit.Rendering;

namespace IcpKit.Tests.Rendering;

/// <summary>Data cannot restyle a chart or reorder what a reader sees: plotly's pseudo-HTML and bidi controls are neutralised.</summary>
public sealed class DisplayTricksTests
{
    const string Rlo = "\u202E"; // RIGHT-TO-LEFT OVERRIDE: "invoice\u202Efdp.exe" displays as "invoiceexe.pdf"

    [Theory]
    [InlineData("invoice\u202Efdp.exe", "invoice[U+202E]fdp.exe")]
    [InlineData("a\u2066b\u2069c\u200Fd", "a[U+2066]b[U+2069]c[U+200F]d")]
    [InlineData("nul\0byte", "nul[U+0000]byte")]
    [InlineData("tab\tand\nlines\r\n", "tab\tand\nlines\r\n")] // layout controls stay
    [InlineData("Société Générale", "Société Générale")]
    public void Neutralise_HiddenControls_BecomeVisibleMarkers(string text, string expected) =>
        Assert.Equal(expected, DisplayText.Neutralise(text));

    [Fact]
    public void HtmlTable_BidiOverrideInAName_IsShownAsAMarker()
    {
        var html = HtmlTable.Render(["name"], [["Acme" + Rlo + "cba"]]);

        Assert.DoesNotContain(Rlo, html, StringComparison.Ordinal);
        Assert.Contains("<td>Acme[U+202E]cba</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToCsv_BidiOverrideAndNul_AreShownAsMarkers()
    {
        var list = new TargetList("t", ["name"], [ImmutableArray.Create<ExportCell>(new ExportCell.TextCell("Acme" + Rlo + "cba\0"))]);

        Assert.Equal("\"name\"\r\n\"Acme[U+202E]cba[U+0000]\"\r\n", list.ToCsv());
    }

    static JsonElement Json(Figure f) => JsonDocument.Parse(f.ToJson()).RootElement;

    [Fact]
    public void Chart_PlotlyMarkupInCategoriesNamesAndText_IsWrittenAsEntities()
    {
        // plotly.js would draw "<i>retail</i>" in italics and "<a href=...>" as a link; as entities it draws the characters.
        var figure = Chart.Bar(["<i>retail</i>", "A&B" + Rlo], [0.5, 0.25], name: "<b>win</b> rate", text: ["<br>n=3", "n=4"])
            .WithTitle("by <a href=\"http://x\">industry</a>");
        var root = Json(figure);
        var trace = root.GetProperty("data")[0];

        Assert.Equal(["&lt;i&gt;retail&lt;/i&gt;", "A&amp;B[U+202E]"], trace.GetProperty("x").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("&lt;b&gt;win&lt;/b&gt; rate", trace.GetProperty("name").GetString());
        Assert.Equal("&lt;br&gt;n=3", trace.GetProperty("text")[0].GetString());
        Assert.Equal("by &lt;a href=\"http://x\"&gt;industry&lt;/a&gt;", root.GetProperty("layout").GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void Label_LineBreak_IsTheOnlyMarkupLeft() =>
        Assert.Equal("#1 industry = &lt;i&gt;x&lt;/i&gt;<br>n = 3", FigureJson.Label("#1 industry = <i>x</i>\nn = 3"));
}
