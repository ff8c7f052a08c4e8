using System.Collections.Immutable;
using System.Globalization;
using IcpKit.Charts;
using IcpKit.Loading;
using IcpKit.Model;
using IcpKit.Rendering;
using IcpKit.Statistics.Survival;
using Microsoft.Data.Analysis;

namespace IcpKit.WinLoss;

/// <summary>How long deals take to win, by segment, as survival analysis (time from created to won).</summary>
/// <remarks>
/// The event is a win. Open deals are censored at the as-of date: they are still in play, so dropping them would
/// make slow segments look fast. Lost deals are censored at their close date: they never won, and treating them
/// as "still not won" afterwards would need the competing-risks machinery. Read the curves and medians as
/// the speed of the deals that stay in play, not as the chance of winning by day t (the win rate answers that);
/// a segment that loses many deals early looks no slower for it. Groups with fewer than
/// <see cref="LogRank.DefaultMinEventsPerGroup"/> wins are shown but left out of the log-rank test.
/// Example: created 2026-01-01, won 2026-03-02 gives 60 days, an event; lost that day gives 60 days, censored.
/// </remarks>
public static class SalesCycle
{
    /// <summary>Kaplan-Meier time to win per group of <paramref name="by"/> (all deals when null), with a log-rank test across groups.</summary>
    /// <param name="deals">Deals, open ones included (censored).</param>
    /// <param name="asOf">Day the export was taken.</param>
    /// <param name="by">How deals are grouped; null for all deals as one curve.</param>
    /// <param name="minWins">Minimum wins for a group to enter the log-rank test.</param>
    public static SalesCycleResult By(IEnumerable<Deal> deals, DateOnly asOf, DealSegmentation? by = null, int minWins = LogRank.DefaultMinEventsPerGroup)
    {
        ArgumentNullException.ThrowIfNull(deals);
        var all = deals.Where(d => d.CreatedOn <= asOf).ToImmutableArray();
        var overall = KaplanMeier.Fit(Observations(all.Select(d => (d, (string?)null)), asOf));
        if (by is null) return new SalesCycleResult(null, asOf, overall, [], null, []);

        var pairs = by.Split(all).SelectMany(g => g.Value.Select(d => (d, (string?)g.Key))).ToArray();
        if (pairs.Length == 0) return new SalesCycleResult(by.Name, asOf, overall, [], null, []);
        var data = Observations(pairs, asOf);
        var fits = KaplanMeier.FitGroups(data).Fits;
        var tested = fits.Where(f => f.Events >= minWins).Select(f => f.Group).ToArray();
        // A deal in several list groups would enter the test twice, so the log-rank test needs disjoint groups.
        var logRank = tested.Length >= 2 && !by.Overlaps(all) ? LogRank.Test(data.ForGroups(tested), minWins) : null;
        return new SalesCycleResult(by.Name, asOf, overall, fits, logRank, [.. fits.Select(f => f.Group).Except(tested)]);
    }

    /// <summary>Time to win of the export's deals by a trait of their account.</summary>
    public static SalesCycleResult By(ExportData export, string? trait = null)
    {
        ArgumentNullException.ThrowIfNull(export);
        return By(export.Deals, export.AsOf, trait is null ? null : DealSegmentation.ByTrait(export, trait));
    }

    /// <summary>The survival observation of one deal: days from created to won (event), to lost (censored) or to <paramref name="asOf"/> (open, censored).</summary>
    public static SurvivalObservation Observation(Deal deal, DateOnly asOf, string? group = null)
    {
        ArgumentNullException.ThrowIfNull(deal);
        return SurvivalObservation.FromDates(deal.CreatedOn, deal.IsClosed ? deal.ClosedOn : null, asOf, group,
            endIsEvent: deal.Outcome == DealOutcome.Won);
    }

    private static SurvivalData Observations(IEnumerable<(Deal Deal, string? Group)> deals, DateOnly asOf) =>
        SurvivalData.FromObservations(deals.Select(x => Observation(x.Deal, asOf, x.Group)));
}

/// <summary>Time-to-win curves overall and by segment.</summary>
/// <param name="By">What the segments are of; null for all deals only.</param>
/// <param name="AsOf">Censoring date of open deals.</param>
/// <param name="Overall">All deals as one curve.</param>
/// <param name="Segments">One curve per segment.</param>
/// <param name="LogRank">Log-rank test across the segments with enough wins; null when fewer than two qualify or groups overlap.</param>
/// <param name="NotTested">Segments left out of the log-rank test (too few wins).</param>
public sealed record SalesCycleResult(string? By, DateOnly AsOf, KaplanMeierResult Overall, ImmutableArray<KaplanMeierResult> Segments,
    LogRankResult? LogRank, ImmutableArray<string> NotTested) : IHtmlRenderable, ITextRenderable
{
    /// <summary>The curve of <paramref name="segment"/>.</summary>
    public KaplanMeierResult this[string segment] => Segments.FirstOrDefault(s => s.Group == segment)
        ?? throw new KeyNotFoundException($"No segment '{segment}' in the sales cycle.");

    private IEnumerable<KaplanMeierResult> Rows => [Overall, .. Segments];

    /// <summary>One row per curve: deals, wins, median days to win and its interval (NaN = not reached).</summary>
    public DataFrame Summary => new(
        new StringDataFrameColumn("segment", Rows.Select(f => f.Group)),
        new Int32DataFrameColumn("deals", Rows.Select(f => f.N)),
        new Int32DataFrameColumn("wins", Rows.Select(f => f.Events)),
        new DoubleDataFrameColumn("median_days", Rows.Select(f => f.Median.Estimate ?? double.NaN)),
        new DoubleDataFrameColumn("lower", Rows.Select(f => f.Median.Lower ?? double.NaN)),
        new DoubleDataFrameColumn("upper", Rows.Select(f => f.Median.Upper ?? double.NaN)));

    /// <summary>Median days to win with interval per segment; "not reached" when the curve stays above one half.</summary>
    public Table Table() => Rendering.Table.Of(
        ["segment", "deals", "wins", "median days to win", "95% CI"],
        Rows.Select(f => (IReadOnlyList<object?>)[f.Group, f.N, f.Events, Median(f.Median.Estimate),
            $"[{Median(f.Median.Lower)}, {Median(f.Median.Upper)}]"]),
        string.Create(CultureInfo.InvariantCulture,
            $"Days from created to won{(By is null ? "" : $" by {By}")}: Kaplan-Meier, open deals censored at {AsOf:yyyy-MM-dd}, lost deals censored at close. {TestText}"));

    /// <summary>Kaplan-Meier curves of the share of deals not yet won against days since created.</summary>
    public Figure Chart()
    {
        var curves = Segments.IsEmpty ? [Overall] : Segments.Where(s => s.Events > 0).ToArray();
        var figure = Figure.Of(curves.Select(f => (Trace)Charts.Chart.LineTrace(
            [0.0, .. f.Steps.Select(s => (object?)s.Time)], [1.0, .. f.Steps.Select(s => s.Survival)],
            string.Create(CultureInfo.InvariantCulture, $"{f.Group} (n={f.N})"), step: true)));
        if (curves.Length == 1)
        {
            var f = curves[0];
            figure = Figure.Of(Charts.Chart.BandTrace([0.0, .. f.Steps.Select(s => (object?)s.Time)],
                [1.0, .. f.Steps.Select(s => double.IsNaN(s.Lower) ? s.Survival : s.Lower)],
                [1.0, .. f.Steps.Select(s => double.IsNaN(s.Upper) ? s.Survival : s.Upper)], step: true)).With(figure.Traces[0]);
        }
        return figure.WithTitle($"Share of deals not yet won{(By is null ? "" : $" by {By}")} (Kaplan-Meier)")
            .WithXAxis("days since the deal was created").WithYAxis("not yet won", tickFormat: ".0%", range: (0, 1));
    }

    /// <inheritdoc/>
    public string ToHtml() => Table().ToHtml() + Chart().ToHtml();

    /// <inheritdoc/>
    public string ToText() => Table().ToText();

    /// <inheritdoc/>
    public override string ToString() => ToText();

    private static string Median(double? days) => days is null ? "not reached" : Text.Days(days);

    private string TestText => LogRank is { } lr
        ? string.Create(CultureInfo.InvariantCulture, $"Log-rank test across {lr.Groups.Length} segments: chi-square {lr.ChiSquare:0.0}, df {lr.DegreesOfFreedom}, {Text.PClause(lr.PValue)}.")
          + (NotTested.IsEmpty ? "" : $" Not tested (too few wins): {string.Join(", ", NotTested)}.")
        : By is null ? "" : "No log-rank test (fewer than two segments with enough wins, or segments overlap).";
}
