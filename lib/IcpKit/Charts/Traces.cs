using System.Collections.Immutable;

namespace IcpKit.Charts;

/// <summary>One series of a <see cref="Figure"/>, written as one entry of plotly.js's <c>data</c> array.</summary>
/// <remarks>Values are objects so categories (strings), numbers and dates share one axis type; see <see cref="FigureJson"/> for how each is written.</remarks>
public abstract record Trace
{
    /// <summary>Legend name; null hides it from the legend text.</summary>
    public string? Name { get; init; }
    /// <summary>CSS colour (e.g. "#1f77b4"); null lets plotly.js pick from its palette.</summary>
    public string? Color { get; init; }
    /// <summary>False hides the trace from the legend (e.g. the lower edge of a band).</summary>
    public bool ShowLegend { get; init; } = true;
    /// <summary>The plotly.js trace type ("bar", "scatter", ...).</summary>
    public abstract string Type { get; }

    /// <summary>Returns a copy with another legend name.</summary>
    public Trace WithName(string name) => this with { Name = name };
    /// <summary>Returns a copy with another colour.</summary>
    public Trace WithColor(string color) => this with { Color = color };
}

/// <summary>Bars, optionally with asymmetric error bars (e.g. a confidence interval around a rate).</summary>
/// <param name="X">Categories (vertical bars) or values (horizontal bars).</param>
/// <param name="Y">Values (vertical bars) or categories (horizontal bars).</param>
public sealed record BarTrace(ImmutableArray<object?> X, ImmutableArray<object?> Y) : Trace
{
    /// <inheritdoc/>
    public override string Type => "bar";
    /// <summary>Distance from the value up to the upper bound, per bar; empty for no error bars.</summary>
    public ImmutableArray<double> ErrorPlus { get; init; } = [];
    /// <summary>Distance from the value down to the lower bound, per bar.</summary>
    public ImmutableArray<double> ErrorMinus { get; init; } = [];
    /// <summary>True draws horizontal bars (X holds values, Y categories).</summary>
    public bool Horizontal { get; init; }
    /// <summary>Text printed on each bar; empty for none.</summary>
    public ImmutableArray<string> Text { get; init; } = [];
}

/// <summary>How a line between points is drawn.</summary>
public enum LineShape
{
    /// <summary>Straight segments.</summary>
    Linear,
    /// <summary>Horizontal then vertical: a step function such as a Kaplan-Meier curve.</summary>
    StepAfter,
}

/// <summary>Points, lines or a filled area.</summary>
public sealed record ScatterTrace(ImmutableArray<object?> X, ImmutableArray<object?> Y) : Trace
{
    /// <inheritdoc/>
    public override string Type => "scatter";
    /// <summary>plotly.js mode: "lines", "markers" or "lines+markers".</summary>
    public string Mode { get; init; } = "lines";
    /// <summary>How points are joined.</summary>
    public LineShape Shape { get; init; } = LineShape.Linear;
    /// <summary>plotly.js fill: null, "toself" (a closed band) or "tonexty".</summary>
    public string? Fill { get; init; }
    /// <summary>Fill colour, usually translucent (e.g. "rgba(31,119,180,0.2)").</summary>
    public string? FillColor { get; init; }
    /// <summary>Line dash: null (solid), "dash" or "dot".</summary>
    public string? Dash { get; init; }
    /// <summary>Line width in pixels; 0 hides the line (used for bands).</summary>
    public double? LineWidth { get; init; }
    /// <summary>Hover text per point; empty for the default.</summary>
    public ImmutableArray<string> Text { get; init; } = [];

    /// <summary>Returns a copy drawn dashed.</summary>
    public ScatterTrace WithDash(string dash = "dash") => this with { Dash = dash };
}

/// <summary>A grid of values coloured by size (e.g. a cohort retention matrix).</summary>
/// <param name="X">Column labels.</param>
/// <param name="Y">Row labels.</param>
/// <param name="Z">Values per row then column; NaN leaves a cell blank.</param>
public sealed record HeatmapTrace(ImmutableArray<object?> X, ImmutableArray<object?> Y, ImmutableArray<ImmutableArray<double>> Z) : Trace
{
    /// <inheritdoc/>
    public override string Type => "heatmap";
    /// <summary>plotly.js colour scale name (e.g. "Blues", "RdBu").</summary>
    public string ColorScale { get; init; } = "Blues";
    /// <summary>Fixed lower end of the colour scale; null for the data's minimum.</summary>
    public double? ZMin { get; init; }
    /// <summary>Fixed upper end of the colour scale; null for the data's maximum.</summary>
    public double? ZMax { get; init; }
    /// <summary>d3 format for the value printed in each cell (e.g. ".0%"); null prints nothing.</summary>
    public string? TextFormat { get; init; }
}

/// <summary>A box plot of one sample.</summary>
/// <param name="Values">The sample.</param>
public sealed record BoxTrace(ImmutableArray<double> Values) : Trace
{
    /// <inheritdoc/>
    public override string Type => "box";
    /// <summary>plotly.js boxpoints: "outliers" (default), "all" or "false".</summary>
    public string Points { get; init; } = "outliers";
    /// <summary>True draws the box horizontally.</summary>
    public bool Horizontal { get; init; }
}
