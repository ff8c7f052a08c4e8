using System.Globalization;
using System.Collections.Immutable;

namespace IcpKit.Charts;

/// <summary>Factories for the figures the notebooks draw; named optional parameters, then <c>With…</c> to style.</summary>
/// <remarks>
/// Example: <c>Chart.Bar(["SaaS", "Retail"], [0.42, 0.18], errorLow: [0.30, 0.10], errorHigh: [0.55, 0.29], name: "win rate")</c>
/// draws two bars with their 95% intervals as error bars (bounds are absolute, not distances).
/// </remarks>
public static class Chart
{
    /// <summary>Vertical (or horizontal) bars, with optional interval bounds drawn as error bars.</summary>
    /// <param name="categories">One label per bar.</param>
    /// <param name="values">One value per bar.</param>
    /// <param name="name">Legend name.</param>
    /// <param name="errorLow">Absolute lower bounds, one per bar (e.g. a CI's lower end); null for none.</param>
    /// <param name="errorHigh">Absolute upper bounds, one per bar.</param>
    /// <param name="horizontal">True draws horizontal bars (long category labels read better).</param>
    /// <param name="text">Label per bar (e.g. "n=12"); null for none.</param>
    /// <param name="color">CSS colour; null for the palette.</param>
    public static Figure Bar(IEnumerable<object?> categories, IEnumerable<double> values, string? name = null,
        IEnumerable<double>? errorLow = null, IEnumerable<double>? errorHigh = null, bool horizontal = false,
        IEnumerable<string>? text = null, string? color = null)
    {
        if (text is not null && (errorLow is not null || errorHigh is not null))
        {
            // An error bar runs through a label printed on its bar; with intervals the labels go into the category
            // names instead ("fintech", a line break, "n=457" under a column, "fintech (n=457)" beside a row), where nothing crosses them.
            var labels = text.ToArray();
            categories = categories.Select((c, i) => (object?)(i < labels.Length
                ? Convert.ToString(c, CultureInfo.InvariantCulture) + (horizontal ? " (" + labels[i] + ")" : "\n" + labels[i])
                : c)).ToArray();
            text = null;
        }
        return Figure.Of(BarTrace(categories, values, name, errorLow, errorHigh, horizontal, text, color));
    }

    /// <summary>The trace behind <see cref="Bar"/>, for combining several series in one figure.</summary>
    public static BarTrace BarTrace(IEnumerable<object?> categories, IEnumerable<double> values, string? name = null,
        IEnumerable<double>? errorLow = null, IEnumerable<double>? errorHigh = null, bool horizontal = false,
        IEnumerable<string>? text = null, string? color = null)
    {
        var cats = categories.ToImmutableArray();
        var vals = values.ToImmutableArray();
        if (cats.Length != vals.Length) throw new ArgumentException($"{cats.Length} categories but {vals.Length} values.", nameof(values));
        var low = errorLow?.ToImmutableArray() ?? [];
        var high = errorHigh?.ToImmutableArray() ?? [];
        if ((low.Length > 0 && low.Length != vals.Length) || (high.Length > 0 && high.Length != vals.Length))
            throw new ArgumentException("Error bounds need one value per bar.", nameof(errorLow));
        var boxed = vals.Select(v => (object?)v).ToImmutableArray();
        return new BarTrace(horizontal ? boxed : cats, horizontal ? cats : boxed)
        {
            Name = name,
            Color = color,
            Horizontal = horizontal,
            Text = text?.ToImmutableArray() ?? [],
            // plotly.js wants distances from the value; callers think in bounds.
            // Rounded to 12 digits so 0.55 - 0.42 is written as 0.13, not 0.13000000000000006.
            ErrorPlus = high.Length > 0 ? [.. high.Zip(vals, (h, v) => Math.Round(Math.Max(0, h - v), 12))] : [],
            ErrorMinus = low.Length > 0 ? [.. low.Zip(vals, (l, v) => Math.Round(Math.Max(0, v - l), 12))] : [],
        };
    }

    /// <summary>A line through points; <paramref name="step"/> draws a step function (e.g. Kaplan-Meier).</summary>
    public static Figure Line(IEnumerable<object?> x, IEnumerable<double> y, string? name = null, bool step = false,
        bool markers = false, string? color = null) =>
        Figure.Of(LineTrace(x, y, name, step, markers, color));

    /// <summary>The trace behind <see cref="Line"/>.</summary>
    public static ScatterTrace LineTrace(IEnumerable<object?> x, IEnumerable<double> y, string? name = null, bool step = false,
        bool markers = false, string? color = null) =>
        new(x.ToImmutableArray(), [.. y.Select(v => (object?)v)])
        {
            Name = name,
            Color = color,
            Mode = markers ? "lines+markers" : "lines",
            Shape = step ? LineShape.StepAfter : LineShape.Linear,
        };

    /// <summary>A filled band between lower and upper bounds (e.g. a confidence interval around a curve).</summary>
    /// <remarks>Drawn as one closed polygon (upper left to right, lower right to left) so gaps in other traces do not break it.</remarks>
    /// <param name="x">Positions along the x axis.</param>
    /// <param name="lower">Lower bound per position.</param>
    /// <param name="upper">Upper bound per position.</param>
    /// <param name="name">Legend name; null keeps the band out of the legend.</param>
    /// <param name="step">True when the band belongs to a step curve, so its edges step too.</param>
    /// <param name="fillColor">Translucent fill colour.</param>
    public static ScatterTrace BandTrace(IEnumerable<object?> x, IEnumerable<double> lower, IEnumerable<double> upper,
        string? name = null, bool step = false, string fillColor = "rgba(31,119,180,0.18)")
    {
        var xs = x.ToImmutableArray();
        var lo = lower.ToImmutableArray();
        var hi = upper.ToImmutableArray();
        if (xs.Length != lo.Length || xs.Length != hi.Length) throw new ArgumentException("x, lower and upper need the same length.", nameof(x));
        // A step band going backwards must step the other way ("vh" mirrored); duplicating points keeps it "linear".
        var (px, pyHi, pyLo) = step ? StepPoints(xs, hi, lo) : (xs, hi, lo);
        return new ScatterTrace([.. px, .. px.Reverse()], [.. pyHi.Select(v => (object?)v), .. pyLo.Reverse().Select(v => (object?)v)])
        {
            Name = name ?? "95% interval", Fill = "toself", FillColor = fillColor, LineWidth = 0, Mode = "lines",
            ShowLegend = name is not null,
        };
    }

    /// <summary>A line with its interval drawn as a band behind it.</summary>
    public static Figure LineWithBand(IEnumerable<object?> x, IEnumerable<double> y, IEnumerable<double> lower, IEnumerable<double> upper,
        string? name = null, bool step = false, string? color = null)
    {
        var xs = x.ToImmutableArray();
        return Figure.Of(BandTrace(xs, lower, upper, step: step), LineTrace(xs, y, name, step, color: color));
    }

    /// <summary>A heatmap of values per row and column (e.g. retention by cohort and month).</summary>
    /// <param name="columns">Column labels (x).</param>
    /// <param name="rows">Row labels (y).</param>
    /// <param name="values">Values per row, then per column; NaN leaves a cell blank.</param>
    /// <param name="colorScale">plotly.js colour scale name.</param>
    /// <param name="zMin">Fixed lower end of the colour scale; null for the data's minimum.</param>
    /// <param name="zMax">Fixed upper end of the colour scale; null for the data's maximum.</param>
    /// <param name="textFormat">d3 format printed in each cell (e.g. ".0%"); null prints nothing.</param>
    public static Figure Heatmap(IEnumerable<object?> columns, IEnumerable<object?> rows, IEnumerable<IEnumerable<double>> values,
        string colorScale = "Blues", double? zMin = null, double? zMax = null, string? textFormat = null) =>
        Figure.Of(new HeatmapTrace(columns.ToImmutableArray(), rows.ToImmutableArray(), [.. values.Select(r => r.ToImmutableArray())])
        {
            ColorScale = colorScale, ZMin = zMin, ZMax = zMax, TextFormat = textFormat,
        });

    /// <summary>One box per named sample, side by side.</summary>
    public static Figure Box(IEnumerable<(string Name, IEnumerable<double> Values)> samples, string points = "outliers") =>
        Figure.Of(samples.Select(s => (Trace)new BoxTrace([.. s.Values]) { Name = s.Name, Points = points }));

    static (ImmutableArray<object?>, ImmutableArray<double>, ImmutableArray<double>) StepPoints(
        ImmutableArray<object?> x, ImmutableArray<double> hi, ImmutableArray<double> lo)
    {
        // Each value holds until the next x: emit (x[i], v[i]) then (x[i+1], v[i]).
        var px = ImmutableArray.CreateBuilder<object?>();
        var ph = ImmutableArray.CreateBuilder<double>();
        var pl = ImmutableArray.CreateBuilder<double>();
        for (var i = 0; i < x.Length; i++)
        {
            px.Add(x[i]); ph.Add(hi[i]); pl.Add(lo[i]);
            if (i + 1 < x.Length) { px.Add(x[i + 1]); ph.Add(hi[i]); pl.Add(lo[i]); }
        }
        return (px.ToImmutable(), ph.ToImmutable(), pl.ToImmutable());
    }
}
