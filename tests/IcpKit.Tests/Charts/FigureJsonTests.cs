using System.Text.Json;
using IcpKit.Charts;

namespace IcpKit.Tests.Charts;

/// <summary>Chart JSON is what plotly.js draws: golden files for layouts that matter, plus the invariants behind them.</summary>
public sealed class FigureJsonTests
{
    static string Golden(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Charts", "Data", name)).TrimEnd();

    /// <summary>Compares with a reviewed golden file; on a difference writes the new JSON beside the test output for review.</summary>
    static void AssertGolden(string name, Figure figure)
    {
        var actual = Pretty(figure.ToJson());
        if (actual != Golden(name))
        {
            var path = Path.Combine(AppContext.BaseDirectory, name + ".actual");
            File.WriteAllText(path, actual);
            Assert.Fail($"{name} differs from the golden file; review {path} and copy it over tests/IcpKit.Tests/Charts/Data/{name} if it is right.");
        }
    }

    static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    static string Pretty(string json) =>
        JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement, Indented).ReplaceLineEndings("\n");

    [Fact]
    public void Bar_WithIntervalBounds_MatchesGolden()
    {
        // Bounds in, distances out: 0.42 with [0.30, 0.55] is +0.13 / -0.12 in plotly.js's error_y.
        var figure = Chart.Bar(["SaaS", "Retail"], [0.42, 0.18], name: "win rate", errorLow: [0.30, 0.10], errorHigh: [0.55, 0.29], text: ["n=40", "n=25"])
            .WithTitle("Win rate by industry").WithYAxis("win rate", tickFormat: ".0%", range: (0, 1)).WithHorizontalLine(0.3);
        AssertGolden("bar-with-interval.json", figure);
    }

    [Fact]
    public void LineWithBand_Step_MatchesGolden()
    {
        // A Kaplan-Meier-like step curve with its band: the band is one closed polygon whose edges step too.
        var figure = Chart.LineWithBand([0, 3, 6], [1.0, 0.8, 0.6], [1.0, 0.7, 0.45], [1.0, 0.9, 0.75], name: "retained", step: true)
            .WithXAxis("months").WithYAxis("share retained", tickFormat: ".0%");
        AssertGolden("step-line-with-band.json", figure);
    }

    [Fact]
    public void Heatmap_MatchesGolden()
    {
        var figure = Chart.Heatmap(["m1", "m2"], ["2024-01", "2024-02"], [[1.0, 0.8], [1.0, double.NaN]], zMin: 0, zMax: 1, textFormat: ".0%")
            .WithTitle("Retention by cohort");
        AssertGolden("heatmap.json", figure);
    }

    [Fact]
    public void ToJson_NumbersAndDates_AreIsoAndUseADecimalPoint()
    {
        // The JSON writer never consults the current culture (the kit also runs with invariant globalization).
        var json = Chart.Line([new DateOnly(2024, 3, 1), new DateOnly(2024, 4, 1)], [1.5, 2.25]).ToJson();
        Assert.Contains("\"x\":[\"2024-03-01\",\"2024-04-01\"]", json, StringComparison.Ordinal);
        Assert.Contains("\"y\":[1.5,2.25]", json, StringComparison.Ordinal);
    }

    [Fact]
    public void ToJson_NaNAndInfinity_AreWrittenAsNullGaps()
    {
        var json = Chart.Line(["a", "b", "c"], [1, double.NaN, double.PositiveInfinity]).ToJson();
        Assert.Contains("\"y\":[1,null,null]", json, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_NameWithScriptTag_CannotCloseTheScript()
    {
        var html = Chart.Bar(["</script><script>alert(1)</script>"], [1]).ToHtml();
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "</script>"));
        // The label reaches plotly.js as entities (its pseudo-HTML), JSON-escaped again for the script tag.
        Assert.Contains("\\u0026lt;/script\\u0026gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_SameFigure_GivesTheSameHtml()
    {
        // Deterministic div ids keep rendered reports diffable.
        Assert.Equal(Chart.Bar(["a"], [1]).ToHtml(), Chart.Bar(["a"], [1]).ToHtml());
        Assert.NotEqual(Chart.Bar(["a"], [1]).ToHtml(), Chart.Bar(["a"], [2]).ToHtml());
    }

    [Fact]
    public void Bar_MismatchedLengths_Throws()
    {
        Assert.Throws<ArgumentException>(() => Chart.Bar(["a", "b"], [1.0]));
        Assert.Throws<ArgumentException>(() => Chart.Bar(["a", "b"], [1.0, 2.0], errorLow: [0.5]));
    }

    [Fact]
    public void PlotlyJs_EmbeddedBundle_IsPresentAndSafeToInline()
    {
        var source = PlotlyJs.Source();
        Assert.True(source.Length > 1_000_000, $"plotly.js is {source.Length} chars");
        Assert.Contains("v" + PlotlyJs.Version, source[..300], StringComparison.Ordinal);
        Assert.DoesNotContain("</script", source, StringComparison.OrdinalIgnoreCase); // inlined in a script tag as is
    }
}

/// <summary>The colour cycle: 02's charts by industry have 12 series, which plotly.js's 10 colours made repeat.</summary>
public class PaletteTests
{
    [Fact]
    public void Palette_TwentySeries_NoColourRepeats()
    {
        var colours = Enumerable.Range(0, 20).Select(Palette.Color).ToList();
        Assert.Equal(20, Palette.Count);
        Assert.Equal(20, colours.Distinct(StringComparer.Ordinal).Count());
    }
}
