using System.Globalization;
using IcpKit.Charts;
using IcpKit.Rendering;

namespace IcpKit.Statistics;

// How the statistics results show themselves: an HTML table (values escaped) in notebooks and reports, their
// ToString() text in a console, and a chart where one helps (rates with their intervals as error bars).

public sealed partial record ProportionEstimate : IHtmlRenderable, ITextRenderable
{
    /// <summary>successes, n, rate and its interval.</summary>
    public string ToHtml() => ResultHtml.Of(Level(Interval) + " Wilson interval", ["successes", "n", "rate", "interval"],
        [[Successes, N, Format.Percent(Estimate), Format.PercentInterval(Interval.Lower, Interval.Upper)]]);

    /// <inheritdoc/>
    public string ToText() => ToString();

    internal static string Level(ConfidenceInterval interval) => (interval.Level * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";
}

public sealed partial record TwoProportionTest : IHtmlRenderable, ITextRenderable
{
    /// <summary>Both groups' rates, the difference with its interval, and the test or why it was not called.</summary>
    public string ToHtml() => ResultHtml.Of("Two-proportion test" + (ContinuityCorrected ? " (continuity-corrected)" : ""),
        ["group", "successes", "n", "rate"],
        [["group 1", Successes1, N1, Format.Percent(Rate1)], ["group 2", Successes2, N2, Format.Percent(Rate2)]],
        string.Create(CultureInfo.InvariantCulture, $"difference {Format.Percent(Difference)}, {ProportionEstimate.Level(Interval)} interval {Format.PercentInterval(Interval.Lower, Interval.Upper)}"),
        Check.IsSufficient ? string.Create(CultureInfo.InvariantCulture, $"X-squared = {Format.Number(ChiSquare)}, df = 1, {Format.PClause(PValue)}, n = {N}") : Check.ToString());

    /// <inheritdoc/>
    public string ToText() => ToString();

    /// <summary>The two rates as bars with their 95% Wilson intervals.</summary>
    public Figure Chart() => StatCharts.Rates(["group 1", "group 2"], [Proportions.Wilson(Successes1, N1), Proportions.Wilson(Successes2, N2)]);
}

public sealed partial record SegmentScanResult : IHtmlRenderable, ITextRenderable
{
    /// <summary>One row per segment: rate against the rest, the difference's interval, p and adjusted p or the guard's reason.</summary>
    public string ToHtml() => ResultHtml.Of(string.Create(CultureInfo.InvariantCulture,
            $"Each segment against the rest (overall {Format.Percent(OverallRate)}, n = {N}; {(Adjustment == PAdjustMethod.Holm ? "Holm" : "Benjamini-Hochberg")}-adjusted)"),
        ["segment", "successes", "n", "rate", "rest", "difference [CI]", "p", "adjusted p", "status"],
        Segments.Select(s => s.Test is { } t
            ? new object?[] { s.Segment, t.Successes1, t.N1, Format.Percent(t.Rate1), Format.Percent(t.Rate2),
                $"{Format.Percent(t.Difference)} {Format.PercentInterval(t.Interval.Lower, t.Interval.Upper)}",
                Format.P(t.PValue), Format.P(s.AdjustedPValue), t.Check.IsSufficient ? "" : t.Check.ToString() }
            : [s.Segment, 0, 0, "", "", "", "", "", "not tested (no trials)"]));

    /// <inheritdoc/>
    public string ToText() => ToString();

    /// <summary>Each segment's rate with its 95% Wilson interval, and the overall rate as a line.</summary>
    public Figure Chart()
    {
        var tested = Segments.Where(s => s.Test is not null).ToArray();
        return StatCharts.Rates(tested.Select(s => s.Segment), tested.Select(s => Proportions.Wilson(s.Test!.Successes1, s.Test.N1)))
            .WithHorizontalLine(OverallRate);
    }
}

public sealed partial record ShrinkageResult : IHtmlRenderable, ITextRenderable
{
    /// <summary>The prior, then one row per segment ranked by shrunk rate.</summary>
    public string ToHtml() => ResultHtml.Of(string.Create(CultureInfo.InvariantCulture,
            $"Beta-binomial shrinkage: prior mean {Format.Percent(PriorMean)}, strength {Format.Number(PriorStrength)} pseudo-trials, n = {N}"),
        ["segment", "successes", "n", "raw rate", "shrunk rate", "credible interval"],
        Ranked.Select(s => new object?[] { s.Segment, s.Successes, s.N, Format.Percent(s.RawRate), Format.Percent(s.Shrunk),
            Format.PercentInterval(s.Interval.Lower, s.Interval.Upper) }),
        Fit);

    /// <inheritdoc/>
    public string ToText() => ToString();

    /// <summary>Shrunk rates with their credible intervals (ranked), raw rates as markers, the prior mean as a line.</summary>
    public Figure Chart()
    {
        var ranked = Ranked;
        var names = ranked.Select(s => (object?)s.Segment).ToArray();
        return Figure.Of(
                Charts.Chart.BarTrace(names, ranked.Select(s => s.Shrunk), "shrunk rate",
                    ranked.Select(s => s.Interval.Lower), ranked.Select(s => s.Interval.Upper),
                    text: ranked.Select(s => "n=" + s.N.ToString(CultureInfo.InvariantCulture))),
                new ScatterTrace([.. names], [.. ranked.Select(s => (object?)s.RawRate)]) { Name = "raw rate", Mode = "markers" })
            .WithHorizontalLine(PriorMean).WithYAxis("rate", ".0%");
    }
}

public sealed partial record MannWhitneyResult : IHtmlRenderable, ITextRenderable
{
    /// <summary>Sizes, W, effect sizes and p, or the guard's reason.</summary>
    public string ToHtml() => ResultHtml.Of("Mann-Whitney U / Wilcoxon rank-sum (" + (Exact ? "exact" : "normal approximation") + ")",
        ["n1", "n2", "W", "P(x > y)", "rank-biserial r", "p"],
        [[N1, N2, W, CommonLanguage, RankBiserial, Format.P(PValue)]],
        Check.IsSufficient ? null : Check.ToString());

    /// <inheritdoc/>
    public string ToText() => ToString();
}

public sealed partial record BootstrapResult : IHtmlRenderable, ITextRenderable
{
    /// <summary>The statistic, its interval and how it was resampled.</summary>
    public string ToHtml() => ResultHtml.Of(string.Create(CultureInfo.InvariantCulture,
            $"Bootstrap {Options.Method.ToString().ToLowerInvariant()} interval ({Options.Resamples} resamples, seed {Options.Seed})"),
        ["statistic", "n", "estimate", "interval", "standard error"],
        [[Statistic, N2 == 0 ? N1.ToString(CultureInfo.InvariantCulture) : $"{N1} + {N2}", Estimate,
            Interval.IsDefined ? $"[{Format.Number(Interval.Lower)}, {Format.Number(Interval.Upper)}] ({ProportionEstimate.Level(Interval)})" : "", StandardError]],
        Check.IsSufficient ? null : Check.ToString());

    /// <inheritdoc/>
    public string ToText() => ToString();
}

public sealed partial record FisherExactResult : IHtmlRenderable, ITextRenderable
{
    /// <summary>The 2x2 table, the odds ratio with its interval, and p or the guard's reason.</summary>
    public string ToHtml() => ResultHtml.Of("Fisher's exact test (two-sided)", ["group", "successes", "failures", "rate"],
        [["group 1", A, B, Format.Percent(Rate1)], ["group 2", C, D, Format.Percent(Rate2)]],
        string.Create(CultureInfo.InvariantCulture, $"odds ratio {Format.Number(OddsRatio)} {Interval}"),
        Check.IsSufficient ? Format.PClause(PValue) + string.Create(CultureInfo.InvariantCulture, $", n = {N}") : Check.ToString());

    /// <inheritdoc/>
    public string ToText() => ToString();
}

public sealed partial record AdjustedPValues : IHtmlRenderable, ITextRenderable
{
    /// <summary>One row per p-value: label, raw, adjusted.</summary>
    public string ToHtml() => ResultHtml.Of(string.Create(CultureInfo.InvariantCulture,
            $"{(Method == PAdjustMethod.Holm ? "Holm" : "Benjamini-Hochberg")} adjustment of {N} p-values"),
        ["label", "p", "adjusted p"],
        Raw.Select((p, i) => new object?[] { Labels?[i] ?? (i + 1).ToString(CultureInfo.InvariantCulture), Format.P(p), Format.P(Adjusted[i]) }));

    /// <inheritdoc/>
    public string ToText() => ToString();
}

/// <summary>Charts shared by the rate results.</summary>
internal static class StatCharts
{
    /// <summary>Bars of rates with their intervals as error bars and "n=" labels, y axis in percent.</summary>
    public static Figure Rates(IEnumerable<string> labels, IEnumerable<ProportionEstimate> rates)
    {
        var r = rates.ToArray();
        return Chart.Bar(labels.Cast<object?>(), r.Select(x => x.Estimate), "rate",
                r.Select(x => x.Interval.Lower), r.Select(x => x.Interval.Upper),
                text: r.Select(x => "n=" + x.N.ToString(CultureInfo.InvariantCulture)))
            .WithYAxis("rate (95% CI)", ".0%");
    }
}
