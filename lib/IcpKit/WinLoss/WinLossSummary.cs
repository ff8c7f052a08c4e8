using System.Collections.Immutable;
using System.Globalization;
using IcpKit.Rendering;
using IcpKit.Statistics;
using Microsoft.Data.Analysis;

namespace IcpKit.WinLoss;

/// <summary>The closing table of step 2, "traits that win / traits to exclude", and plain-words conclusions from the data.</summary>
/// <remarks>
/// A trait wins when its segment's win rate is above the rest's with a Benjamini-Hochberg-adjusted p below
/// <c>alpha</c>; the effect is the difference from the rest in points, with its interval, and the lift over the
/// overall rate. Traits to exclude come from the <see cref="ExclusionList"/>. The sentences are built from the
/// numbers, so they stay true when the data change.
/// </remarks>
public static class WinLossSummary
{
    /// <summary>Builds the closing table and the conclusions.</summary>
    /// <param name="bySource">Win rates by lead source (all deals).</param>
    /// <param name="byTrait">Win rates by trait (usually without the sources that flatter, see <see cref="WinRates.ByTraits"/>).</param>
    /// <param name="exclusions">The exclusion list built from <paramref name="byTrait"/>.</param>
    /// <param name="alpha">Adjusted-p threshold for "wins more".</param>
    public static WinLossSummaryResult From(WinRateTable bySource, WinRatesByTrait byTrait, ExclusionListResult exclusions, double alpha = 0.05)
    {
        ArgumentNullException.ThrowIfNull(bySource);
        ArgumentNullException.ThrowIfNull(byTrait);
        ArgumentNullException.ThrowIfNull(exclusions);
        var wins = byTrait.Tables.SelectMany(t => t.Segments.Where(s => s.AdjustedP < alpha && s.DifferenceFromRest > 0)
                .Select(s => Finding(t, s, "wins more")))
            .OrderByDescending(f => f.Difference).ToImmutableArray();
        var exclude = exclusions.Excluded.Select(e => Finding(byTrait[e.Trait], byTrait[e.Trait][e.Segment], e.VerdictText)).ToImmutableArray();
        return new WinLossSummaryResult(wins, exclude, Conclusions(bySource, byTrait, exclusions, wins, alpha), alpha);
    }

    private static TraitFinding Finding(WinRateTable table, SegmentWinRate s, string verdict) => new(
        table.By, s.Segment, verdict, s.Won, s.Closed, s.Rate, s.VsRest?.Test?.Rate2 ?? double.NaN, s.DifferenceFromRest,
        s.VsRest?.Test?.Interval, s.AdjustedP, table.Overall is { } o && s.Rate is { } r && o.Estimate > 0 ? r.Estimate / o.Estimate : double.NaN);

    private static ImmutableArray<string> Conclusions(WinRateTable bySource, WinRatesByTrait byTrait, ExclusionListResult exclusions,
        ImmutableArray<TraitFinding> wins, double alpha)
    {
        var lines = ImmutableArray.CreateBuilder<string>();
        if (bySource.Overall is { } all)
            lines.Add(Inv($"{all.Successes} of {all.N} closed deals were won ({WinLossText.Pct(all.Estimate)}, 95% CI {WinLossText.Interval(all.Interval)}); {bySource.OpenDeals} open deals are not counted as losses."));

        var excluded = byTrait.ExcludedSources;
        foreach (var s in bySource.Segments.Where(s => s.AdjustedP < alpha))
        {
            var more = s.DifferenceFromRest > 0;
            var note = !more ? "" : excluded.Contains(s.Segment, StringComparer.OrdinalIgnoreCase)
                ? " An intro flatters the win rate whatever the fit, so the trait results below leave these deals out."
                : " If this source wins regardless of fit, judge traits without its deals.";
            lines.Add(Inv($"Deals from {s.Segment} win {(more ? "more" : "less")} than other sources ({WinLossText.Pct(s.Rate?.Estimate)} vs {WinLossText.Pct(s.VsRest?.Test?.Rate2)}, {Format.PClause(s.AdjustedP, "adjusted p")}, n = {s.Closed}).{note}"));
        }

        var scope = excluded.IsEmpty ? "" : $" (deals from {string.Join(", ", excluded)} left out)";
        lines.Add(wins.IsEmpty
            ? $"No trait wins credibly more than the rest{scope}."
            : $"Traits that win more than the rest{scope}: " + string.Join("; ", wins.Take(6).Select(w =>
                Inv($"{w.Trait} = {w.Segment} ({WinLossText.Pct(w.Rate?.Estimate)} vs {WinLossText.Pct(w.RestRate)}, {WinLossText.Points(w.Difference)}, n = {w.Closed})"))) + ".");

        var never = exclusions.Excluded.Where(e => e.Verdict == ExclusionVerdict.NeverWon).ToArray();
        if (never.Length > 0)
            lines.Add("Never won: " + string.Join("; ", never.Select(e => Inv($"{e.Trait} = {e.Segment} (0 of {e.Closed} closed)"))) + ". Put them on the exclusion list.");
        var below = exclusions.Excluded.Where(e => e.Verdict == ExclusionVerdict.CrediblyBelow).ToArray();
        if (below.Length > 0)
            lines.Add("Credibly below the overall win rate: " + string.Join("; ", below.Select(e =>
                Inv($"{e.Trait} = {e.Segment} ({WinLossText.Pct(e.Rate?.Estimate)} {WinLossText.Interval(e.Rate?.Interval)} vs {WinLossText.Pct(e.OverallRate)}, n = {e.Closed})"))) + ".");

        var untried = exclusions.NotJudged.Where(e => e.Verdict == ExclusionVerdict.NoDeals).ToArray();
        if (untried.Length > 0)
            lines.Add("Never tried (accounts but no deals): " + string.Join("; ", untried.Select(e => $"{e.Trait} = {e.Segment}")) +
                ". No deals is not a loss: these are untested, not excluded.");
        var thin = exclusions.NotJudged.Count(e => e.Verdict == ExclusionVerdict.TooFewToJudge);
        if (thin > 0)
            lines.Add(Inv($"{thin} {(thin == 1 ? "segment has" : "segments have")} fewer than {exclusions.MinClosed} closed deals and {(thin == 1 ? "is" : "are")} not judged either way."));

        foreach (var (table, top) in byTrait.Tables.Select(t => (t, Crowded(t))).Where(x => x.Item2 is not null))
        {
            if (top!.AdjustedP < alpha && top.DifferenceFromRest > 0) continue;
            lines.Add(Inv($"{table.By} = {top.Segment} has by far the most deals ({top.Closed} closed) but does not win more than the rest ({WinLossText.Pct(top.Rate?.Estimate)} vs {WinLossText.Pct(top.VsRest?.Test?.Rate2)}): volume shows where sales looked, not where it fits."));
        }
        return lines.ToImmutable();
    }

    /// <summary>The segment with at least 1.5 times the closed deals of the next largest, if any (an over-targeted segment).</summary>
    private static SegmentWinRate? Crowded(WinRateTable table)
    {
        var ranked = table.Segments.Where(s => s.Segment != Metrics.Segmentation.MissingGroup).OrderByDescending(s => s.Closed).Take(2).ToArray();
        return ranked.Length == 2 && ranked[0].Closed >= 1.5 * ranked[1].Closed && ranked[0].Closed >= ExclusionList.DefaultMinClosed ? ranked[0] : null;
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One row of the closing table.</summary>
/// <param name="Trait">Trait.</param>
/// <param name="Segment">Segment.</param>
/// <param name="Verdict">"wins more", "never won" or "credibly below overall".</param>
/// <param name="Won">Won deals.</param>
/// <param name="Closed">Closed deals.</param>
/// <param name="Rate">Win rate with Wilson interval.</param>
/// <param name="RestRate">Win rate of the other deals; NaN when not tested.</param>
/// <param name="Difference">Rate minus the rest's rate (the effect size); NaN when not tested.</param>
/// <param name="DifferenceInterval">95% interval of the difference; null when not tested.</param>
/// <param name="AdjustedP">BH-adjusted p against the rest; NaN when not tested.</param>
/// <param name="Lift">Rate divided by the overall rate.</param>
public sealed record TraitFinding(string Trait, string Segment, string Verdict, int Won, int Closed, ProportionEstimate? Rate,
    double RestRate, double Difference, ConfidenceInterval? DifferenceInterval, double AdjustedP, double Lift);

/// <summary>Traits that win, traits to exclude, and the conclusions in words.</summary>
/// <param name="Wins">Segments that win more than the rest, largest effect first.</param>
/// <param name="Exclude">Segments to exclude (never won, credibly below).</param>
/// <param name="Conclusions">Plain-words conclusions built from the numbers.</param>
/// <param name="Alpha">Adjusted-p threshold used.</param>
public sealed record WinLossSummaryResult(ImmutableArray<TraitFinding> Wins, ImmutableArray<TraitFinding> Exclude,
    ImmutableArray<string> Conclusions, double Alpha) : IHtmlRenderable, ITextRenderable
{
    private IEnumerable<TraitFinding> Rows => Wins.Concat(Exclude);

    /// <summary>One row per finding: what step 3 reads to draft the ICP.</summary>
    public DataFrame Summary => new(
        [
            new StringDataFrameColumn("trait", Rows.Select(f => f.Trait)),
            new StringDataFrameColumn("segment", Rows.Select(f => f.Segment)),
            new StringDataFrameColumn("verdict", Rows.Select(f => f.Verdict)),
            new Int32DataFrameColumn("won", Rows.Select(f => f.Won)),
            new Int32DataFrameColumn("closed", Rows.Select(f => f.Closed)),
            .. WinLossText.RateColumns(Rows.Select(f => f.Rate)),
            new DoubleDataFrameColumn("rest_rate", Rows.Select(f => f.RestRate)),
            new DoubleDataFrameColumn("difference", Rows.Select(f => f.Difference)),
            new DoubleDataFrameColumn("difference_lower", Rows.Select(f => f.DifferenceInterval?.Lower ?? double.NaN)),
            new DoubleDataFrameColumn("difference_upper", Rows.Select(f => f.DifferenceInterval?.Upper ?? double.NaN)),
            new DoubleDataFrameColumn("lift", Rows.Select(f => f.Lift)),
            new DoubleDataFrameColumn("p_adjusted", Rows.Select(f => f.AdjustedP)),
        ]);

    /// <summary>The closing table.</summary>
    public Table Table() => Rendering.Table.Of(
        ["", "trait", "segment", "won / closed", "win rate", "95% CI", "vs rest", "95% CI of difference", "lift", "adj. p"],
        Rows.Select(f => (IReadOnlyList<object?>)[f.Verdict, f.Trait, f.Segment, $"{f.Won} / {f.Closed}", WinLossText.Pct(f.Rate?.Estimate),
            WinLossText.Interval(f.Rate?.Interval), WinLossText.Points(f.Difference),
            f.DifferenceInterval is { IsDefined: true } d ? $"[{WinLossText.Points(d.Lower)}, {WinLossText.Points(d.Upper)}]" : "",
            double.IsNaN(f.Lift) ? "" : f.Lift.ToString("0.00x", CultureInfo.InvariantCulture), Format.P(f.AdjustedP)]),
        "Traits that win / traits to exclude (feeds step 3)");

    /// <inheritdoc/>
    public string ToHtml() => Table().ToHtml() + "<ul>" + string.Concat(Conclusions.Select(c => "<li>" + HtmlText.Escape(c) + "</li>")) + "</ul>";

    /// <inheritdoc/>
    public string ToText() => Table().ToText() + "\n\n" + string.Join("\n", Conclusions.Select(c => "- " + c));

    /// <inheritdoc/>
    public override string ToString() => ToText();
}
