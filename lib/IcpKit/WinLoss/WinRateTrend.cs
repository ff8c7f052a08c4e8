using System.Collections.Immutable;
using System.Globalization;
using IcpKit.Charts;
using IcpKit.Model;
using IcpKit.Rendering;
using IcpKit.Statistics;
using MathNet.Numerics;
using Microsoft.Data.Analysis;

namespace IcpKit.WinLoss;

/// <summary>Win rate by quarter of close, overall and by segment, with a test for a trend.</summary>
/// <remarks>
/// Each closed deal counts in the quarter it closed. The trend test is the chi-square test for trend in proportions
/// (Cochran-Armitage; R's <c>prop.trend.test(x, n, score)</c>) with the quarter's position as score, so a quarter
/// without deals leaves a gap instead of shifting later quarters. A segment "improves" when its slope is positive
/// and the Benjamini-Hochberg-adjusted p (across the segments tested) is below 0.05. Segments need at least two
/// quarters with closed deals to be tested.
/// </remarks>
public static class WinRateTrend
{
    /// <summary>Win rate per quarter of close overall and, when <paramref name="by"/> is given, per segment.</summary>
    /// <param name="deals">Deals (open ones ignored).</param>
    /// <param name="by">How deals are grouped; null for the overall trend only.</param>
    /// <param name="segments">Segments to show; null for all of them.</param>
    public static WinRateTrendResult ByQuarter(IEnumerable<Deal> deals, DealSegmentation? by = null, IEnumerable<string>? segments = null)
    {
        ArgumentNullException.ThrowIfNull(deals);
        var closed = deals.Where(d => d.IsClosed && d.ClosedOn is not null).ToImmutableArray();
        var quarters = closed.Select(d => QuarterOf(d.ClosedOn!.Value)).Distinct().OrderBy(q => q.Index).ToImmutableArray();
        if (quarters.IsEmpty) return new WinRateTrendResult(by?.Name, [], []);
        var first = quarters[0];
        var groups = new List<(string Name, IReadOnlyList<Deal> Deals)> { (FunnelSegment.AllLabel, closed) };
        if (by is not null)
        {
            var wanted = segments?.ToHashSet(StringComparer.Ordinal);
            groups.AddRange(by.Split(closed).Where(g => !g.Value.IsEmpty && (wanted is null || wanted.Contains(g.Key)))
                .Select(g => (g.Key, (IReadOnlyList<Deal>)g.Value)));
        }
        var series = groups.Select(g => Series(g.Name, g.Deals, first)).ToArray();
        // Adjust across the segments only: the overall trend is a separate question.
        var segmentP = PValueAdjustment.BenjaminiHochberg(series.Skip(1).Select(s => s.Trend.PValue).ToArray());
        return new WinRateTrendResult(by?.Name, quarters,
            [series[0], .. series.Skip(1).Select((s, i) => s with { AdjustedP = segmentP.Adjusted[i] })]);
    }

    /// <summary>The quarter a date falls in, as (year, quarter 1-4).</summary>
    public static Quarter QuarterOf(DateOnly date) => new(date.Year, (date.Month - 1) / 3 + 1);

    private static TrendSeries Series(string name, IReadOnlyList<Deal> deals, Quarter first)
    {
        var points = deals.GroupBy(d => QuarterOf(d.ClosedOn!.Value)).OrderBy(g => g.Key.Index)
            .Select(g => new QuarterRate(g.Key, Proportions.Wilson(g.Count(d => d.Outcome == DealOutcome.Won), g.Count())))
            .ToImmutableArray();
        var trend = TrendTest.Of(points.Select(p => (p.Rate.Successes, p.Rate.N, (double)(p.Quarter.Index - first.Index))).ToArray());
        return new TrendSeries(name, points, trend, trend.PValue);
    }
}

/// <summary>A calendar quarter.</summary>
/// <param name="Year">Year.</param>
/// <param name="Number">Quarter 1-4.</param>
public readonly record struct Quarter(int Year, int Number)
{
    /// <summary>Quarters since year 0, for spacing quarters on a scale.</summary>
    public int Index => Year * 4 + Number - 1;

    /// <summary>"2026Q3".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year}Q{Number}");
}

/// <summary>One quarter's win rate.</summary>
/// <param name="Quarter">Quarter of close.</param>
/// <param name="Rate">Won / closed in that quarter, with Wilson interval.</param>
public sealed record QuarterRate(Quarter Quarter, ProportionEstimate Rate);

/// <summary>One segment's win rate over time and its trend.</summary>
/// <param name="Segment">Segment name, or "all".</param>
/// <param name="Points">Quarters with closed deals, in order.</param>
/// <param name="Trend">The trend test.</param>
/// <param name="AdjustedP">Trend p adjusted across segments (raw p for "all").</param>
public sealed record TrendSeries(string Segment, ImmutableArray<QuarterRate> Points, TrendTest Trend, double AdjustedP)
{
    /// <summary>Closed deals over all quarters.</summary>
    public int Closed => Points.Sum(p => p.Rate.N);

    /// <summary>"improving", "declining" or "no clear trend" at the 5% level (adjusted); "not tested" with one quarter or all deals won or all lost.</summary>
    public string Direction => double.IsNaN(AdjustedP) ? "not tested" : !(AdjustedP < 0.05) ? "no clear trend" : Trend.Slope > 0 ? "improving" : "declining";
}

/// <summary>Win rate by quarter overall and by segment.</summary>
/// <param name="By">What the segments are of; null for the overall trend only.</param>
/// <param name="Quarters">Every quarter with closed deals, in order.</param>
/// <param name="Series">"all" first, then each segment.</param>
public sealed record WinRateTrendResult(string? By, ImmutableArray<Quarter> Quarters, ImmutableArray<TrendSeries> Series)
    : IHtmlRenderable, ITextRenderable
{
    /// <summary>The series of <paramref name="segment"/> ("all" for every deal).</summary>
    public TrendSeries this[string segment] => Series.FirstOrDefault(s => s.Segment == segment)
        ?? throw new KeyNotFoundException($"No segment '{segment}' in the trend.");

    /// <summary>Segments whose win rate improves significantly.</summary>
    public IEnumerable<TrendSeries> Improving => Series.Skip(1).Where(s => s.Direction == "improving");

    /// <summary>Long format: segment, quarter, won, closed, rate, lower, upper.</summary>
    public DataFrame Summary
    {
        get
        {
            var rows = Series.SelectMany(s => s.Points.Select(p => (s.Segment, p))).ToArray();
            return new DataFrame(
                new StringDataFrameColumn("segment", rows.Select(r => r.Segment)),
                new StringDataFrameColumn("quarter", rows.Select(r => r.p.Quarter.ToString())),
                new Int32DataFrameColumn("won", rows.Select(r => r.p.Rate.Successes)),
                new Int32DataFrameColumn("closed", rows.Select(r => r.p.Rate.N)),
                new DoubleDataFrameColumn("win_rate", rows.Select(r => r.p.Rate.Estimate)),
                new DoubleDataFrameColumn("lower", rows.Select(r => r.p.Rate.Interval.Lower)),
                new DoubleDataFrameColumn("upper", rows.Select(r => r.p.Rate.Interval.Upper)));
        }
    }

    /// <summary>One row per series: closed deals, first and last quarter's rate, change per quarter, p, direction.</summary>
    public Table Table() => Rendering.Table.Of(
        ["segment", "closed", "quarters", "first quarter", "last quarter", "change / quarter", "trend p (adj.)", "direction"],
        Series.Select(s => (IReadOnlyList<object?>)[s.Segment, s.Closed, s.Points.Length,
            s.Points.IsEmpty ? "" : $"{s.Points[0].Quarter}: {WinLossText.Pct(s.Points[0].Rate.Estimate)}",
            s.Points.IsEmpty ? "" : $"{s.Points[^1].Quarter}: {WinLossText.Pct(s.Points[^1].Rate.Estimate)}",
            WinLossText.Points(s.Trend.Slope), Format.P(s.AdjustedP), s.Direction]),
        $"Win rate by quarter of close{(By is null ? "" : $" by {Format.Trait(By)}")}: chi-square test for trend (Cochran-Armitage), BH-adjusted across segments");

    /// <summary>Win rate per quarter: the overall line (dark, with its interval as a band), every segment with a
    /// clear trend, and the largest other segments up to <paramref name="maxSegments"/> lines, so the chart stays readable.</summary>
    public Figure Chart(int maxSegments = 4)
    {
        if (Series.IsEmpty) return Figure.Of().WithTitle("No closed deals");
        var all = Series[0];
        var x = all.Points.Select(p => (object?)p.Quarter.ToString()).ToArray();
        var figure = Figure.Of(Charts.Chart.BandTrace(x, all.Points.Select(p => p.Rate.Interval.Lower), all.Points.Select(p => p.Rate.Interval.Upper)));
        var trending = Series.Skip(1).Where(s => s.Direction is "improving" or "declining").ToArray();
        var shown = trending.Concat(Series.Skip(1).Except(trending).OrderByDescending(s => s.Closed))
            .Take(Math.Max(maxSegments, trending.Length)).ToArray();
        foreach (var s in shown.Prepend(all))
            figure = figure.With(Charts.Chart.LineTrace(s.Points.Select(p => (object?)p.Quarter.ToString()), s.Points.Select(p => p.Rate.Estimate),
                string.Create(CultureInfo.InvariantCulture, $"{s.Segment} (n={s.Closed}{(s.Direction is "improving" or "declining" ? ", " + s.Direction : "")})"),
                markers: true, color: s == all ? "#222" : null));
        return figure.WithTitle($"Win rate by quarter of close{(By is null ? "" : $" by {Format.Trait(By)}")}")
            .WithXAxis("quarter of close", type: "category").WithYAxis("win rate", tickFormat: ".0%");
    }

    /// <inheritdoc/>
    public string ToHtml() => Table().ToHtml() + Chart().ToHtml();

    /// <inheritdoc/>
    public string ToText() => Table().ToText();

    /// <inheritdoc/>
    public override string ToString() => ToText();
}
