using System.Globalization;
using System.Text;
using IcpKit.Charts;
using IcpKit.Rendering;
using IcpKit.Statistics;
using IcpKit.Statistics.Survival;
using Microsoft.Data.Analysis;

namespace IcpKit.Metrics;

// How the cohort metrics show themselves: an HTML table with the verdict (and, for survival, the chart and the
// at-risk table), their ToString() text in a console, and Chart() for the figure alone.

public sealed partial record RateComparison : IHtmlRenderable, ITextRenderable
{
    /// <summary>One row per group (rate, interval, p, status[, against the benchmark]), the verdict and who counts.</summary>
    public string ToHtml()
    {
        string[] headers = Benchmark is { } b
            ? ["group", "successes", "n", "rate", "95% CI", "p", "status", "vs " + Format.Percent(b)]
            : ["group", "successes", "n", "rate", "95% CI", "p", "status"];
        return ResultHtml.Of($"{Measure} by {Format.Trait(Segmentation)}", headers,
            Groups.Select((g, i) =>
            {
                var row = new List<object?> { g.Group, g.Rate.Successes, g.N, Format.Percent(g.Rate.Estimate),
                    Format.PercentInterval(g.Rate.Interval.Lower, g.Rate.Interval.Upper), Format.P(PFor(i)), StatusFor(i) };
                if (Benchmark is { } bench) row.Add(VerdictText(VerdictOf(g.Rate, bench), bench));
                return (IReadOnlyList<object?>)row;
            }),
            Verdict, "n: " + Denominator + (Scan is not null ? "; p: each group against the rest, Benjamini-Hochberg adjusted" : ""));
    }

    /// <inheritdoc/>
    public string ToText() => ToString();

    /// <summary>Each group's rate with its 95% Wilson interval (error bars), "n=" labels, and the benchmark as a line.</summary>
    public Figure Chart()
    {
        var figure = Charts.Chart.Bar(Groups.Select(g => (object?)g.Group), Groups.Select(g => g.Rate.Estimate), Measure,
                Groups.Select(g => g.Rate.Interval.Lower), Groups.Select(g => g.Rate.Interval.Upper),
                text: Groups.Select(g => "n=" + g.N.ToString(CultureInfo.InvariantCulture)))
            .WithTitle($"{Measure} by {Format.Trait(Segmentation)}").WithYAxis("rate (95% CI)", ".0%");
        return Benchmark is { } b ? figure.WithHorizontalLine(b, "#d62728") : figure;
    }
}

public sealed partial record DistributionComparison : IHtmlRenderable, ITextRenderable
{
    /// <summary>One row per group (n, statistic, bootstrap interval, p, status), the verdict and who counts.</summary>
    public string ToHtml() => ResultHtml.Of($"{Measure} by {Format.Trait(Segmentation)}", ["group", "n", Statistic, "95% CI (bootstrap)", "p", "status"],
        Groups.Select((g, i) => new object?[] { g.Group, g.N, Shown(g.Estimate.Estimate),
            Format.Interval(g.Estimate.Interval.Lower, g.Estimate.Interval.Upper, Shown),
            Format.P(PFor(i)), StatusFor(i) }),
        Verdict, "n: " + Population + (AgainstRest.IsEmpty ? "" : "; p: Mann-Whitney of each group against the rest, Benjamini-Hochberg adjusted"));

    /// <inheritdoc/>
    public string ToText() => ToString();

    // NPS reads in whole points (36.8421 → "37"); other statistics through Format.Number.
    private string Shown(double value) => Statistic == "NPS" ? Format.Nps(value) : Format.Number(value);

    /// <summary>Each group's statistic with its bootstrap interval as error bars.</summary>
    public Figure Chart() =>
        Charts.Chart.Bar(Groups.Select(g => (object?)g.Group), Groups.Select(g => g.Estimate.Estimate), Statistic,
                Groups.Select(g => g.Estimate.Interval.Lower), Groups.Select(g => g.Estimate.Interval.Upper),
                text: Groups.Select(g => "n=" + g.N.ToString(CultureInfo.InvariantCulture)))
            .WithTitle($"{Measure} by {Format.Trait(Segmentation)}").WithYAxis($"{Statistic} (95% CI)");
}

public sealed partial record SurvivalComparison : IHtmlRenderable, ITextRenderable
{
    /// <summary>The Kaplan-Meier chart, the number at risk under it, the per-group table and the verdict.</summary>
    public string ToHtml()
    {
        var sb = new StringBuilder();
        sb.Append(Chart().ToHtml());
        sb.Append(Curves.RiskTable(Curves.RiskTimes()).ToHtml());
        sb.Append(ResultHtml.Of($"{Measure} by {Format.Trait(Segmentation)} (days)",
            ["group", "n", "events", "median [95% CI]", .. HorizonLabels],
            Curves.Fits.Select(f => (IReadOnlyList<object?>)[f.Group, f.N, f.Events, f.Median.ToString(),
                .. f.At(Horizons).Select(a => (object?)$"{Format.Percent(a.Survival)} {Format.PercentInterval(a.Lower, a.Upper)}".Trim())]),
            Verdict, Censoring));
        if (Pairwise is not null) sb.Append(Pairwise.ToHtml());
        return sb.ToString();
    }

    /// <inheritdoc/>
    public string ToText() => ToString();

    /// <summary>Kaplan-Meier curves per group with their 95% bands.</summary>
    public Figure Chart() => Curves.Chart($"{Measure} by {Format.Trait(Segmentation)}");
}

public sealed partial record RetentionMatrix : IHtmlRenderable, ITextRenderable
{
    /// <summary>The cohort x offset table with the weighted average row.</summary>
    public string ToHtml() => ResultHtml.Of($"{Retention.MeasureName(Measure)} of {Group} per {Period.ToString().ToLowerInvariant()} cohort (n = {N})",
        ["cohort", "n", .. Enumerable.Range(0, Offsets).Select(k => Retention.OffsetLabel(k, Period))],
        Rows.Select(r => (IReadOnlyList<object?>)[r.Cohort, r.Accounts, .. Enumerable.Range(0, Offsets).Select(k => (object?)Format.Percent(r.RateAt(k)))])
            .Append([("weighted average"), N, .. Average.Select(a => (object?)Format.Percent(a))]));

    /// <inheritdoc/>
    public string ToText() => ToString();

    /// <summary>Heatmap: cohorts down, offsets across, retention as colour and text (blank = not yet observed).</summary>
    public Figure Chart() => Charts.Chart.Heatmap(
            Enumerable.Range(0, Offsets).Select(k => (object?)Retention.OffsetLabel(k, Period)),
            Rows.Select(r => (object?)$"{r.Cohort} (n={r.Accounts})"),
            Rows.Select(r => Enumerable.Range(0, Offsets).Select(r.RateAt)),
            colorScale: "Blues", zMin: 0, zMax: 1, textFormat: ".0%")
        .WithTitle($"{Retention.MeasureName(Measure)} of {Group}").WithYAxis(type: "category").WithXAxis(type: "category")
        .WithHeight(Math.Max(320, 60 + 22 * Rows.Length));
}

public sealed partial record CohortRetention : IHtmlRenderable, ITextRenderable
{
    /// <summary>The weighted average per group and offset, then what the measure can and cannot say.</summary>
    public string ToHtml()
    {
        int offsets = Groups.IsEmpty ? 0 : Groups.Max(g => g.Offsets);
        return ResultHtml.Of($"{Retention.MeasureName(Measure)} by {Format.Trait(Segmentation)}: average over {Period.ToString().ToLowerInvariant()} cohorts, weighted by size",
            ["group", "n", .. Enumerable.Range(0, offsets).Select(k => Retention.OffsetLabel(k, Period))],
            Groups.Select(g => (IReadOnlyList<object?>)[g.Group, g.N,
                .. Enumerable.Range(0, offsets).Select(k => (object?)(k < g.Offsets ? Format.Percent(g.Average[k]) : ""))]),
            Note);
    }

    /// <inheritdoc/>
    public string ToText() => ToString();

    /// <summary>One line per group: weighted average retention by offset (for one group's cohorts, use its matrix's Chart()).</summary>
    public Figure Chart()
    {
        var traces = Groups.Select((g, i) => (Trace)Charts.Chart.LineTrace(
            Enumerable.Range(0, g.Offsets).Select(k => (object?)Retention.OffsetLabel(k, Period)), g.Average, g.Group, markers: true, color: Palette.Color(i)));
        return Figure.Of(traces).WithTitle($"{Retention.MeasureName(Measure)} by {Format.Trait(Segmentation)}")
            .WithYAxis("retained (weighted over cohorts)", ".0%", range: (0, 1.02)).WithXAxis($"{Period.ToString().ToLowerInvariant()}s since customer_since", type: "category");
    }
}

public sealed partial record SignupCohorts : IHtmlRenderable, ITextRenderable
{
    /// <summary>Customers per cohort (rows) and group (columns).</summary>
    public string ToHtml() => ResultHtml.Of($"Signups per {Period.ToString().ToLowerInvariant()} by {Format.Trait(Segmentation)} (n = {N})",
        ["cohort", .. Groups], Cohorts.Select((c, r) => (IReadOnlyList<object?>)[c, .. Counts.Select(col => (object?)col[r])]));

    /// <inheritdoc/>
    public string ToText() => ToString();

    /// <summary>Stacked bars: new customers per cohort, one colour per group.</summary>
    public Figure Chart() => Figure.Of(Groups.Select((g, i) => (Trace)Charts.Chart.BarTrace(Cohorts.Select(c => (object?)c), Counts[i].Select(v => (double)v), g, color: Palette.Color(i))))
        .WithBarMode("stack").WithTitle($"New customers per {Period.ToString().ToLowerInvariant()}").WithYAxis("customers").WithXAxis(type: "category");
}

public sealed partial record UsageIntensity : IHtmlRenderable, ITextRenderable
{
    /// <summary>
    /// The three comparisons stacked, one row per measure and group: median events per active week, median active users
    /// per seat and the share of power accounts, each with n, its 95% interval and the p-value of its comparison.
    /// </summary>
    public DataFrame Summary => StackedSummary.Of(
        ("events per active week (median)", EventsPerActiveWeek.Figures()),
        ("active users per seat (median)", ActiveUsersPerSeat.Figures()),
        ("power accounts (share)", PowerAccounts.Figures()));

    /// <summary>The three comparisons and the definition of a power account.</summary>
    public string ToHtml() => EventsPerActiveWeek.ToHtml() + ActiveUsersPerSeat.ToHtml() + PowerAccounts.ToHtml()
        + "<p><small>" + HtmlText.Escape(PowerDefinition) + "</small></p>";

    /// <inheritdoc/>
    public string ToText() => ToString();

    /// <summary>Median events per active week per group with bootstrap intervals.</summary>
    public Figure Chart() => EventsPerActiveWeek.Chart();
}

/// <summary>One group's figure in a comparison, as a row of a stacked Summary.</summary>
internal readonly record struct GroupFigure(string Group, int N, double Estimate, double Lower, double Upper, double PValue);

/// <summary>Several comparisons of the same groups stacked into one Summary frame, one row per measure and group.</summary>
internal static class StackedSummary
{
    public static DataFrame Of(params (string Measure, IEnumerable<GroupFigure> Figures)[] parts)
    {
        var rows = parts.SelectMany(p => p.Figures.Select(f => (p.Measure, Figure: f))).ToArray();
        return new DataFrame(
            new StringDataFrameColumn("measure", rows.Select(r => r.Measure)),
            new StringDataFrameColumn("group", rows.Select(r => r.Figure.Group)),
            new Int32DataFrameColumn("n", rows.Select(r => r.Figure.N)),
            new DoubleDataFrameColumn("estimate", rows.Select(r => r.Figure.Estimate)),
            new DoubleDataFrameColumn("lower", rows.Select(r => r.Figure.Lower)),
            new DoubleDataFrameColumn("upper", rows.Select(r => r.Figure.Upper)),
            new DoubleDataFrameColumn("p_value", rows.Select(r => r.Figure.PValue)));
    }
}
