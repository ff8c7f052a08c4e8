using System.Collections.Immutable;
using System.Globalization;
using IcpKit.Charts;
using IcpKit.Rendering;
using Microsoft.Data.Analysis;

namespace IcpKit.Statistics.Survival;

// How the survival results show themselves: HTML tables in notebooks and reports, their ToString() in a console,
// and Kaplan-Meier charts (step curves with their confidence bands).

public sealed partial record KaplanMeierResult : IHtmlRenderable, ITextRenderable
{
    /// <summary>The median with its interval, then the event-time rows (the first 25).</summary>
    public string ToHtml()
    {
        var rows = Steps.Where(s => s.NEvent > 0).ToArray();
        return ResultHtml.Of(string.Create(CultureInfo.InvariantCulture,
                $"Kaplan-Meier {Group}: n = {N}, events = {Events}, median = {Median} ({SurvivalText.Num(ConfidenceLevel * 100)}% {SurvivalText.Name(ConfidenceType)} CI)"),
            ["time", "n.risk", "n.event", "surv", "std.err", "lower", "upper"],
            rows.Take(25).Select(s => new object?[] { s.Time, s.NRisk, s.NEvent, s.Survival, s.StdErr, s.Lower, s.Upper }),
            rows.Length > 25 ? string.Create(CultureInfo.InvariantCulture, $"... {rows.Length - 25} more event times (see Summary)") : null);
    }

    /// <inheritdoc/>
    public string ToText() => ToString();

    /// <summary>The step curve from S(0) = 1 with its confidence band.</summary>
    public Figure Chart() => new KaplanMeierGroups([this]).Chart();
}

public sealed partial record KaplanMeierGroups : IHtmlRenderable, ITextRenderable
{
    /// <summary>One row per group: n, events, median and its interval ("NR" = not reached).</summary>
    public string ToHtml() => ResultHtml.Of("Kaplan-Meier curves: median time per group (NR = not reached)",
        ["group", "n", "events", "median", "lower", "upper"],
        Fits.Select(f => new object?[] { f.Group, f.N, f.Events, SurvivalText.Num(f.Median.Estimate), SurvivalText.Num(f.Median.Lower), SurvivalText.Num(f.Median.Upper) }));

    /// <inheritdoc/>
    public string ToText() => ToString();

    /// <summary>One step curve per group starting at S(0) = 1, each with its confidence band in the same colour.</summary>
    /// <param name="title">Figure title; null for none.</param>
    /// <param name="timeLabel">x-axis title.</param>
    /// <param name="yLabel">y-axis title.</param>
    public Figure Chart(string? title = null, string timeLabel = "days", string yLabel = "survival S(t)")
    {
        var traces = new List<Trace>();
        for (int g = 0; g < Fits.Length; g++)
        {
            var (x, s, lo, hi) = SurvivalCharts.Points(Fits[g]);
            traces.Add(Charts.Chart.BandTrace(x, lo, hi, step: true, fillColor: Palette.Rgba(g, 0.15)));
            traces.Add(Charts.Chart.LineTrace(x, s, Fits[g].Group, step: true, color: Palette.Color(g)));
        }
        var figure = Figure.Of(traces).WithXAxis(timeLabel).WithYAxis(yLabel, ".0%", range: (0, 1.02));
        return title is null ? figure : figure.WithTitle(title);
    }

    /// <summary>The number-at-risk table drawn under a Kaplan-Meier chart: one row per group, one column per time.</summary>
    public Table RiskTable(IEnumerable<double> times)
    {
        ArgumentNullException.ThrowIfNull(times);
        var ts = times.ToArray();
        return Table.Of(["at risk", .. ts.Select(t => SurvivalText.Num(t))],
            Fits.Select(f => (IReadOnlyList<object?>)[f.Group, .. ts.Select(t => (object?)f.NumberAtRisk(t))]), "Number at risk");
    }

    /// <summary>Evenly spaced times from 0 to the longest follow-up, for the at-risk table (about <paramref name="count"/> of them, round steps).</summary>
    public ImmutableArray<double> RiskTimes(int count = 6)
    {
        double max = Fits.Where(f => f.Steps.Length > 0).Select(f => f.Steps[^1].Time).DefaultIfEmpty(0).Max();
        if (max <= 0) return [0];
        double raw = max / Math.Max(1, count - 1), magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double step = new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * magnitude).First(s => s >= raw);
        return [.. Enumerable.Range(0, (int)Math.Floor(max / step) + 1).Select(i => i * step)];
    }
}

public sealed partial record LogRankResult : IHtmlRenderable, ITextRenderable
{
    /// <summary>Observed and expected events per group, then the test or why it was not called.</summary>
    public string ToHtml() => ResultHtml.Of("Log-rank test", ["group", "n", "observed", "expected"],
        Groups.Select(g => new object?[] { g.Group, g.N, g.Observed, g.Expected }),
        Status == SurvivalStatus.Ok
            ? string.Create(CultureInfo.InvariantCulture, $"chi-square = {SurvivalText.Num(ChiSquare)} on {DegreesOfFreedom} df, p = {Format.P(PValue)}, n = {N}")
            : string.Create(CultureInfo.InvariantCulture, $"insufficient data (n = {N}): {Reason}"));

    /// <inheritdoc/>
    public string ToText() => ToString();
}

public sealed partial record PairwiseLogRankResult : IHtmlRenderable, ITextRenderable
{
    /// <summary>One row per pair: chi-square, raw, Holm and BH p, or "insufficient data".</summary>
    public string ToHtml() => ResultHtml.Of("Pairwise log-rank tests (Holm and Benjamini-Hochberg adjusted)",
        ["group a", "group b", "chi-square", "p", "p (Holm)", "p (BH)", "status"],
        Comparisons.Select(r => r.Status == SurvivalStatus.Ok
            ? new object?[] { r.GroupA, r.GroupB, r.ChiSquare, Format.P(r.PValue), Format.P(r.PHolm), Format.P(r.PBenjaminiHochberg), "" }
            : [r.GroupA, r.GroupB, "", "", "", "", string.Create(CultureInfo.InvariantCulture, $"insufficient data (fewer than {MinEventsPerGroup} events)")]));

    /// <inheritdoc/>
    public string ToText() => ToString();
}

public sealed partial record RestrictedMeanSurvival : IHtmlRenderable, ITextRenderable
{
    /// <summary>One row: group, horizon, RMST, its standard error and normal interval.</summary>
    public DataFrame Summary => new(
        new StringDataFrameColumn("group", [Group]),
        new DoubleDataFrameColumn("tau", [Tau]),
        new DoubleDataFrameColumn("rmst", [Estimate]),
        new DoubleDataFrameColumn("std_error", [StdError]),
        new DoubleDataFrameColumn("lower", [Lower]),
        new DoubleDataFrameColumn("upper", [Upper]));

    /// <summary>One row: group, horizon, RMST, standard error and interval.</summary>
    public string ToHtml() => ResultHtml.Of("Restricted mean survival time", ["group", "tau", "RMST", "std. error", "lower", "upper"],
        [[Group, Tau, Estimate, StdError, Lower, Upper]]);

    /// <inheritdoc/>
    public string ToText() => ToString();
}

public sealed partial record RmstDifference : IHtmlRenderable, ITextRenderable
{
    /// <summary>
    /// Three rows: each group's RMST, then the difference (B minus A) with its standard error, interval and p-value (NaN
    /// on the group rows), and the status in words.
    /// </summary>
    public DataFrame Summary => new(
        new StringDataFrameColumn("row", [A.Group, B.Group, B.Group + " - " + A.Group]),
        new DoubleDataFrameColumn("tau", [Tau, Tau, Tau]),
        new DoubleDataFrameColumn("rmst", [A.Estimate, B.Estimate, Difference]),
        new DoubleDataFrameColumn("std_error", [A.StdError, B.StdError, StdError]),
        new DoubleDataFrameColumn("lower", [A.Lower, B.Lower, Lower]),
        new DoubleDataFrameColumn("upper", [A.Upper, B.Upper, Upper]),
        new DoubleDataFrameColumn("p_value", [double.NaN, double.NaN, PValue]),
        new StringDataFrameColumn("status", ["", "", Status == SurvivalStatus.Ok ? "ok" : "insufficient data: " + Reason]));

    /// <summary>Both groups' RMST, then the difference with its interval and p, or why it was not called.</summary>
    public string ToHtml() => ResultHtml.Of(string.Create(CultureInfo.InvariantCulture, $"Restricted mean survival time to tau = {SurvivalText.Num(Tau)}"),
        ["group", "RMST", "std. error", "lower", "upper"],
        [[A.Group, A.Estimate, A.StdError, A.Lower, A.Upper], [B.Group, B.Estimate, B.StdError, B.Lower, B.Upper]],
        ToString());

    /// <inheritdoc/>
    public string ToText() => ToString();
}

/// <summary>Turns a Kaplan-Meier step table into chart points.</summary>
internal static class SurvivalCharts
{
    /// <summary>Points from (0, 1) through every step; undefined interval limits (log-log at S = 1 or 0) take S itself.</summary>
    public static (ImmutableArray<object?> X, ImmutableArray<double> S, ImmutableArray<double> Lower, ImmutableArray<double> Upper) Points(KaplanMeierResult fit)
    {
        var steps = fit.Steps;
        var x = ImmutableArray.CreateBuilder<object?>(steps.Length + 1);
        var s = ImmutableArray.CreateBuilder<double>(steps.Length + 1);
        var lo = ImmutableArray.CreateBuilder<double>(steps.Length + 1);
        var hi = ImmutableArray.CreateBuilder<double>(steps.Length + 1);
        if (steps.Length == 0 || steps[0].Time > 0)
        {
            x.Add(0.0); s.Add(1); lo.Add(1); hi.Add(1);
        }
        foreach (var st in steps)
        {
            x.Add(st.Time);
            s.Add(st.Survival);
            lo.Add(double.IsNaN(st.Lower) ? st.Survival : st.Lower);
            hi.Add(double.IsNaN(st.Upper) ? st.Survival : st.Upper);
        }
        return (x.ToImmutable(), s.ToImmutable(), lo.ToImmutable(), hi.ToImmutable());
    }
}
