using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using IcpKit.Rendering;

namespace IcpKit.Charts;

/// <summary>A plotly.js figure: traces plus layout. Immutable; style it with the <c>With…</c> methods.</summary>
/// <remarks>
/// Renders the same way in every place a notebook runs: <see cref="ToHtml"/> gives a div and a script that
/// draws once <c>window.Plotly</c> exists, which the notebook setup (<c>IcpKit.Interactive.Notebook.Setup()</c>) or the
/// report's head provides. <see cref="SaveHtml"/> writes a standalone page with plotly.js embedded.
/// Example: <c>Chart.Bar(["a", "b"], [0.2, 0.5], name: "win rate").WithTitle("Win rate").WithYAxis("rate", tickFormat: ".0%")</c>.
/// </remarks>
public sealed record Figure(ImmutableArray<Trace> Traces, Layout Layout) : IHtmlRenderable, ITextRenderable
{
    /// <summary>A figure of the given traces with the default layout.</summary>
    public static Figure Of(params IEnumerable<Trace> traces) => new([.. traces], new Layout());

    /// <summary>Returns a copy with another trace added on top.</summary>
    public Figure With(Trace trace) => this with { Traces = Traces.Add(trace) };
    /// <summary>Returns a copy with the given title.</summary>
    public Figure WithTitle(string title) => this with { Layout = Layout with { Title = title } };
    /// <summary>Returns a copy with the x axis titled and formatted.</summary>
    /// <param name="title">Axis title.</param>
    /// <param name="tickFormat">d3 format, e.g. ".0%".</param>
    /// <param name="type">"linear", "log", "date" or "category"; null for auto.</param>
    /// <param name="range">Fixed range; null for auto.</param>
    public Figure WithXAxis(string? title = null, string? tickFormat = null, string? type = null, (double Min, double Max)? range = null) =>
        this with { Layout = Layout with { XAxis = new Axis(title) { TickFormat = tickFormat, Type = type, Range = range } } };
    /// <summary>Returns a copy with the y axis titled and formatted; see <see cref="WithXAxis"/>.</summary>
    public Figure WithYAxis(string? title = null, string? tickFormat = null, string? type = null, (double Min, double Max)? range = null) =>
        this with { Layout = Layout with { YAxis = new Axis(title) { TickFormat = tickFormat, Type = type, Range = range } } };
    /// <summary>Returns a copy with a label at (x, y).</summary>
    public Figure WithAnnotation(string text, object x, object y, bool showArrow = false) =>
        this with { Layout = Layout with { Annotations = Layout.Annotations.Add(new Annotation(text, x, y) { ShowArrow = showArrow }) } };
    /// <summary>Returns a copy with a horizontal reference line at y = <paramref name="y"/>.</summary>
    public Figure WithHorizontalLine(double y, string color = "#888") =>
        this with { Layout = Layout with { Lines = Layout.Lines.Add(new ReferenceLine(y) { Color = color }) } };
    /// <summary>Returns a copy with a vertical reference line at x = <paramref name="x"/>.</summary>
    public Figure WithVerticalLine(double x, string color = "#888") =>
        this with { Layout = Layout with { Lines = Layout.Lines.Add(new ReferenceLine(x, Vertical: true) { Color = color }) } };
    /// <summary>Returns a copy with the given height in pixels.</summary>
    public Figure WithHeight(int height) => this with { Layout = Layout with { Height = height } };
    /// <summary>Returns a copy with the legend shown or hidden.</summary>
    public Figure WithLegend(bool show) => this with { Layout = Layout with { ShowLegend = show } };
    /// <summary>Returns a copy with bars grouped, stacked or overlaid ("group", "stack", "overlay").</summary>
    public Figure WithBarMode(string barMode) => this with { Layout = Layout with { BarMode = barMode } };

    /// <summary>The figure as plotly.js JSON: <c>{"data":[...],"layout":{...},"config":{...}}</c>, culture-invariant.</summary>
    public string ToJson() => FigureJson.Write(this);

    /// <summary>
    /// A div and a script that calls <c>Plotly.newPlot</c> once <c>window.Plotly</c> exists (it polls for up to
    /// 30 s, so the order in which a notebook front end runs output scripts does not matter).
    /// </summary>
    /// <remarks>The div id is derived from the JSON, so rendering the same figure twice gives the same HTML.</remarks>
    public string ToHtml()
    {
        var json = ToJson(); // JSON from System.Text.Json escapes <, > and &, so it cannot close the script tag.
        var id = "icpkit-fig-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..12];
        var height = Layout.Height.ToString(CultureInfo.InvariantCulture);
        return $$"""
            <div id="{{id}}" class="icpkit-figure" style="width:100%;height:{{height}}px"></div>
            <script type="text/javascript">
            (function () {
              var fig = {{json}};
              var tries = 0;
              function draw() {
                var el = document.getElementById("{{id}}");
                if (el && window.Plotly) { window.Plotly.newPlot(el, fig.data, fig.layout, fig.config); }
                else if (tries++ < 600) { setTimeout(draw, 50); }
              }
              draw();
            })();
            </script>
            """;
    }

    /// <summary>A one-line description for consoles: title and trace names.</summary>
    public string ToText() =>
        $"Figure '{Layout.Title ?? "(untitled)"}': " + string.Join(", ", Traces.Select(t => $"{t.Type} {t.Name ?? "(unnamed)"}"));

    /// <inheritdoc/>
    public override string ToString() => ToText();

    /// <summary>Writes the figure as a standalone HTML page with plotly.js embedded (opens offline).</summary>
    public void SaveHtml(string path)
    {
        var title = HtmlText.Escape(Layout.Title ?? "Figure");
        File.WriteAllText(path, $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>{title}</title>
            {PlotlyJs.ScriptTag()}
            </head><body>
            {ToHtml()}
            </body></html>
            """, new UTF8Encoding(false));
    }
}
