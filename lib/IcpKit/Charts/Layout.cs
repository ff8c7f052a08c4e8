using System.Collections.Immutable;

namespace IcpKit.Charts;

/// <summary>One axis of a figure.</summary>
/// <param name="Title">Axis title; null for none.</param>
public sealed record Axis(string? Title = null)
{
    /// <summary>plotly.js axis type: null (auto), "linear", "log", "date" or "category".</summary>
    public string? Type { get; init; }
    /// <summary>d3 tick format (e.g. ".0%" for rates, ",d" for counts); null for auto.</summary>
    public string? TickFormat { get; init; }
    /// <summary>Fixed range [min, max]; null for auto.</summary>
    public (double Min, double Max)? Range { get; init; }
    /// <summary>False removes the zero line.</summary>
    public bool ZeroLine { get; init; } = true;
}

/// <summary>A text label placed on the plot (e.g. "n = 12" next to a bar).</summary>
/// <param name="Text">The label (plain text: escaped by plotly.js).</param>
/// <param name="X">Position on the x axis (a category or a number).</param>
/// <param name="Y">Position on the y axis.</param>
public sealed record Annotation(string Text, object X, object Y)
{
    /// <summary>True draws an arrow from the label to the point.</summary>
    public bool ShowArrow { get; init; }
}

/// <summary>A vertical or horizontal reference line across the plot (e.g. the overall rate).</summary>
/// <param name="Value">Where the line sits on its axis.</param>
/// <param name="Vertical">True for a line at x = Value, false for y = Value.</param>
public sealed record ReferenceLine(double Value, bool Vertical = false)
{
    /// <summary>CSS colour of the line.</summary>
    public string Color { get; init; } = "#888";
}

/// <summary>Everything about a figure that is not data: titles, axes, size, legend, annotations.</summary>
public sealed record Layout
{
    /// <summary>Figure title; null for none.</summary>
    public string? Title { get; init; }
    /// <summary>The x axis.</summary>
    public Axis XAxis { get; init; } = new();
    /// <summary>The y axis.</summary>
    public Axis YAxis { get; init; } = new();
    /// <summary>Height in pixels; the width follows the page.</summary>
    public int Height { get; init; } = 420;
    /// <summary>False hides the legend.</summary>
    public bool ShowLegend { get; init; } = true;
    /// <summary>plotly.js barmode: "group" (default), "stack" or "overlay".</summary>
    public string BarMode { get; init; } = "group";
    /// <summary>Labels placed on the plot.</summary>
    public ImmutableArray<Annotation> Annotations { get; init; } = [];
    /// <summary>Reference lines across the plot.</summary>
    public ImmutableArray<ReferenceLine> Lines { get; init; } = [];
}
