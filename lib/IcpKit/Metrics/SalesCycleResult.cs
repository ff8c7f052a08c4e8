using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using IcpKit.Charts;
using IcpKit.Rendering;
using IcpKit.Statistics;
using IcpKit.Statistics.Survival;
using Microsoft.Data.Analysis;

namespace IcpKit.Metrics;

/// <summary>
/// The sales cycle per group: cumulative incidence of winning and of losing with Gray's tests, days to close of won and
/// lost deals, and the won-deal cycle compared between groups. See <see cref="SalesCycle"/>.
/// </summary>
/// <param name="Segmentation">What the groups are of ("all" when ungrouped).</param>
/// <param name="N">Deals followed (created on or before as_of).</param>
/// <param name="Won">Cumulative incidence of winning per group.</param>
/// <param name="Lost">Cumulative incidence of losing per group, in the same order.</param>
/// <param name="WonTest">Gray's test of the won curves; null with one group.</param>
/// <param name="LostTest">Gray's test of the lost curves; null with one group.</param>
/// <param name="Days">Median days to close of won and lost deals per group.</param>
/// <param name="WonCycle">Won-deal days to close compared: the first group against the second with two groups, each
/// group against the rest with more; empty with one.</param>
/// <param name="Horizons">Days at which the curves are read.</param>
public sealed record SalesCycleResult(string Segmentation, int N, ImmutableArray<CumulativeIncidenceResult> Won,
    ImmutableArray<CumulativeIncidenceResult> Lost, GrayTestResult? WonTest, GrayTestResult? LostTest, ImmutableArray<DaysToClose> Days,
    ImmutableArray<CycleComparison> WonCycle, ImmutableArray<double> Horizons) : IHtmlRenderable, ITextRenderable
{
    /// <summary>Group labels in ordinal order.</summary>
    public IEnumerable<string> Groups => Won.Select(w => w.Group);

    /// <summary>The won-cycle comparison of <paramref name="group"/> (against the other group or the rest).</summary>
    /// <exception cref="KeyNotFoundException">No comparison for that group.</exception>
    public CycleComparison WonCycleOf(string group) =>
        WonCycle.FirstOrDefault(c => c.Group == group) ?? throw new KeyNotFoundException($"no won-cycle comparison for group '{group}'.");

    /// <summary>Per group: deals, won, lost, open; share won and lost by each horizon; median won and lost days with intervals.</summary>
    public DataFrame Summary
    {
        get
        {
            var columns = new List<DataFrameColumn>
            {
                new StringDataFrameColumn("group", Groups),
                new Int32DataFrameColumn("deals", Won.Select(w => w.N)),
                new Int32DataFrameColumn("won", Won.Select(w => w.Events)),
                new Int32DataFrameColumn("lost", Lost.Select(l => l.Events)),
            };
            foreach (var h in Horizons)
            {
                columns.Add(new DoubleDataFrameColumn(string.Create(CultureInfo.InvariantCulture, $"won by {h} days"), Won.Select(w => w.IncidenceAt(h))));
                columns.Add(new DoubleDataFrameColumn(string.Create(CultureInfo.InvariantCulture, $"lost by {h} days"), Lost.Select(l => l.IncidenceAt(h))));
            }
            columns.Add(new DoubleDataFrameColumn("won median days", Days.Select(d => d.Won.Estimate)));
            columns.Add(new DoubleDataFrameColumn("won median lower", Days.Select(d => d.Won.Interval.Lower)));
            columns.Add(new DoubleDataFrameColumn("won median upper", Days.Select(d => d.Won.Interval.Upper)));
            columns.Add(new DoubleDataFrameColumn("lost median days", Days.Select(d => d.Lost.Estimate)));
            columns.Add(new DoubleDataFrameColumn("lost median lower", Days.Select(d => d.Lost.Interval.Lower)));
            columns.Add(new DoubleDataFrameColumn("lost median upper", Days.Select(d => d.Lost.Interval.Upper)));
            return new DataFrame(columns);
        }
    }

    /// <summary>The tests in sentences: Gray's test of winning and of losing, then each won-cycle comparison.</summary>
    public IReadOnlyList<string> Findings
    {
        get
        {
            var lines = new List<string>();
            if (WonTest is { } w) lines.Add("Share won over time: " + GrayWords(w));
            if (LostTest is { } l) lines.Add("Share lost over time: " + GrayWords(l));
            lines.AddRange(WonCycle.Select(c => c.Words));
            if (lines.Count == 0) lines.Add(string.Create(CultureInfo.InvariantCulture, $"one group only ({N} deals): nothing to compare"));
            return lines;
        }
    }

    private static string GrayWords(GrayTestResult t) => t.Status != SurvivalStatus.Ok
        ? "not enough events to compare (" + t.Reason + ")"
        : string.Create(CultureInfo.InvariantCulture,
            $"{(t.PValue < 0.05 ? "the groups differ" : "no detectable difference")} (Gray's test chi-square = {Format.Number(t.ChiSquare)} on {t.DegreesOfFreedom} df, {Format.PClause(t.PValue)})");

    /// <summary>Won (solid) and lost (dashed) cumulative incidence per group with 95% bands on the won curves.</summary>
    public Figure Chart()
    {
        var traces = new List<Trace>();
        for (int g = 0; g < Won.Length; g++)
        {
            var (x, y, lo, hi) = Points(Won[g]);
            traces.Add(Charts.Chart.BandTrace(x, lo, hi, step: true, fillColor: Palette.Rgba(g, 0.15)));
            traces.Add(Charts.Chart.LineTrace(x, y, Won[g].Group + " won", step: true, color: Palette.Color(g)));
            var (lx, ly, _, _) = Points(Lost[g]);
            traces.Add(Charts.Chart.LineTrace(lx, ly, Lost[g].Group + " lost", step: true, color: Palette.Color(g)).WithDash());
        }
        return Figure.Of(traces).WithTitle($"Share of deals won and lost by days since creation, by {Format.Trait(Segmentation)}")
            .WithXAxis("days since the deal was created").WithYAxis("share of deals (95% band on won)", ".0%", range: (0, 1.02));
    }

    // The step curve from day 0 to the longest follow-up; bands at 0 (and where undefined) drawn as the estimate.
    private static (object?[] X, double[] Y, double[] Lower, double[] Upper) Points(CumulativeIncidenceResult c)
    {
        var steps = c.Steps;
        var x = new List<object?> { 0.0 };
        var y = new List<double> { 0 };
        var lo = new List<double> { 0 };
        var hi = new List<double> { 0 };
        foreach (var s in steps)
        {
            x.Add(s.Time);
            y.Add(s.Incidence);
            lo.Add(double.IsNaN(s.Lower) ? s.Incidence : s.Lower);
            hi.Add(double.IsNaN(s.Upper) ? s.Incidence : s.Upper);
        }
        if (c.LastTime > (steps.IsEmpty ? 0 : steps[^1].Time))
        {
            x.Add(c.LastTime);
            y.Add(y[^1]);
            lo.Add(lo[^1]);
            hi.Add(hi[^1]);
        }
        return ([.. x], [.. y], [.. lo], [.. hi]);
    }

    private string[] Headers() =>
        ["group", "deals", "won", "lost", .. Horizons.Select(h => string.Create(CultureInfo.InvariantCulture, $"won / lost by {h} days")),
            "won: median days [95% CI]", "lost: median days [95% CI]"];

    private IEnumerable<object?[]> Rows() => Won.Select((w, i) => (object?[])
    [
        w.Group, w.N, w.Events, Lost[i].Events,
        .. Horizons.Select(h => (object?)$"{Format.Percent(w.IncidenceAt(h))} / {Format.Percent(Lost[i].IncidenceAt(h))}"),
        MedianText(Days[i].Won), MedianText(Days[i].Lost),
    ]);

    private static string MedianText(BootstrapResult r) => double.IsNaN(r.Estimate) ? "no deals"
        : r.Interval.IsDefined ? $"{Format.Number(r.Estimate)} [{Format.Number(r.Interval.Lower)}, {Format.Number(r.Interval.Upper)}] (n = {r.N1})"
        : $"{Format.Number(r.Estimate)} (n = {r.N1})";

    /// <summary>The chart, the per-group table and the findings.</summary>
    public string ToHtml() => Chart().ToHtml()
        + ResultHtml.Of($"Sales cycle by {Format.Trait(Segmentation)} (days)", Headers(), Rows().Select(r => (IReadOnlyList<object?>)r),
            [.. Findings, SalesCycle.CensoringNote + "; medians with 95% bootstrap intervals; won cycles compared with Mann-Whitney and the ratio of medians"]);

    /// <inheritdoc/>
    public string ToText() => ToString();

    /// <summary>Header, per-group table, findings.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"Sales cycle by {Format.Trait(Segmentation)} (days; {SalesCycle.CensoringNote})").AppendLine();
        SurvivalText.Table(sb, Headers(), Rows().Select(r => r.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "").ToArray()));
        foreach (var f in Findings) sb.AppendLine(f);
        return sb.ToString().TrimEnd();
    }
}
