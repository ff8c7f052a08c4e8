using System.Collections.Immutable;
using System.Globalization;
using IcpKit.Charts;
using IcpKit.Loading;
using IcpKit.Model;
using IcpKit.Rendering;
using IcpKit.Statistics;
using Microsoft.Data.Analysis;

namespace IcpKit.WinLoss;

/// <summary>Win rates over closed deals: overall, by a trait of the account, or by lead source.</summary>
/// <remarks>
/// Only closed deals count: an open deal has not been lost, so it is counted apart (<see cref="SegmentWinRate.Open"/>)
/// and never in the denominator. Each segment gets its Wilson interval, its empirically shrunk rate
/// (<see cref="RateShrinkage"/>, so 3 of 3 does not outrank 80 of 100) and a two-proportion test against the rest of
/// the deals, Benjamini-Hochberg-adjusted across the segments (<see cref="SegmentScan"/>).
/// Example: industry "education" with 0 of 14 closed deals gets the rate 0% [0%, 21.5%] and a shrunk rate above 0.
/// </remarks>
public static class WinRates
{
    /// <summary>The overall win rate of the closed deals, with its Wilson interval; null without closed deals.</summary>
    public static ProportionEstimate? Overall(IEnumerable<Deal> deals, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(deals);
        var closed = deals.Where(d => d.IsClosed).ToArray();
        return closed.Length == 0 ? null : Proportions.Wilson(closed.Count(d => d.Outcome == DealOutcome.Won), closed.Length, confidence);
    }

    /// <summary>Win rate of each group of <paramref name="by"/>.</summary>
    /// <param name="deals">Deals (open ones are counted apart).</param>
    /// <param name="by">How deals are grouped.</param>
    /// <param name="confidence">Level of the Wilson and credible intervals.</param>
    /// <param name="guard">Minimum expected counts for the test against the rest; <see cref="SampleGuard.Default"/> when null.</param>
    public static WinRateTable By(IEnumerable<Deal> deals, DealSegmentation by, double confidence = 0.95, SampleGuard? guard = null)
    {
        ArgumentNullException.ThrowIfNull(deals);
        ArgumentNullException.ThrowIfNull(by);
        var all = deals.ToImmutableArray();
        var groups = by.Split(all);
        var counts = groups.Select(g => new SegmentCount(g.Key,
            g.Value.Count(d => d.Outcome == DealOutcome.Won), g.Value.Count(d => d.IsClosed))).ToArray();
        var used = counts.Where(c => c.Trials > 0).ToArray();

        var shrinkage = used.Length >= 2 ? RateShrinkage.Fit(used, confidence) : null;
        var vsRest = used.Length >= 2 ? AgainstRest(all, groups, used, by.Overlaps(all), guard) : null;

        var rows = counts.Select(c => new SegmentWinRate(c.Segment, c.Successes, c.Trials - c.Successes,
            groups[c.Segment].Count(d => !d.IsClosed),
            c.Trials > 0 ? Proportions.Wilson(c.Successes, c.Trials, confidence) : null,
            shrinkage?.Segments.FirstOrDefault(s => s.Segment == c.Segment),
            vsRest?.FirstOrDefault(s => s.Segment == c.Segment))).ToImmutableArray();
        return new WinRateTable(by.Name, Overall(all, confidence), all.Count(d => !d.IsClosed), rows, shrinkage?.Fit);
    }

    /// <summary>Win rate by a trait of the deal's account, e.g. <c>WinRates.By(export, "industry")</c>, or by a deal trait of
    /// its own, <c>WinRates.By(export, "deal.product")</c>.</summary>
    public static WinRateTable By(ExportData export, string trait, IEnumerable<Deal>? deals = null)
    {
        ArgumentNullException.ThrowIfNull(export);
        return By(deals ?? export.Deals, DealSegmentation.ByTrait(export, trait));
    }

    /// <summary>Win rate by lead source (outbound, inbound, referral, warm_intro, investor_intro, ...).</summary>
    public static WinRateTable BySource(IEnumerable<Deal> deals) => By(deals, DealSegmentation.BySource());

    /// <summary>Win rate by every segmentable trait of the export, account traits then deal traits, except the traits only customers have.</summary>
    /// <remarks>Customer-only traits (<see cref="DealSegmentation.CustomerOnlyTraits"/>) are left out and named in
    /// <see cref="WinRatesByTrait.CustomerOnlyTraits"/>: every deal of an account without a plan was lost, which says
    /// nothing about fit.</remarks>
    /// <param name="export">The loaded export.</param>
    /// <param name="excludeSources">Lead sources whose deals are left out (e.g. "warm_intro", which wins regardless of fit).</param>
    public static WinRatesByTrait ByTraits(ExportData export, params string[] excludeSources)
    {
        ArgumentNullException.ThrowIfNull(export);
        ArgumentNullException.ThrowIfNull(excludeSources);
        var deals = WithoutSources(export.Deals, excludeSources);
        return new WinRatesByTrait([.. DealSegmentation.ByTraits(export).Select(s => By(deals, s))], [.. excludeSources],
            DealSegmentation.CustomerOnlyTraits(export.Traits, export.Accounts));
    }

    /// <summary>The deals whose source is not one of <paramref name="sources"/> (ordinal, case-insensitive).</summary>
    public static ImmutableArray<Deal> WithoutSources(IEnumerable<Deal> deals, params string[] sources)
    {
        ArgumentNullException.ThrowIfNull(deals);
        var drop = new HashSet<string>(sources, StringComparer.OrdinalIgnoreCase);
        return [.. deals.Where(d => d.Source is null || !drop.Contains(d.Source))];
    }

    private static IReadOnlyList<SegmentVsRest> AgainstRest(ImmutableArray<Deal> all,
        ImmutableSortedDictionary<string, ImmutableArray<Deal>> groups, SegmentCount[] used, bool overlapping, SampleGuard? guard)
    {
        // Disjoint groups: the rest is the total minus the group, which is what SegmentScan assumes.
        if (!overlapping) return SegmentScan.AgainstRest(used, guard: guard).Segments;
        // List traits put a deal in several groups, so the rest must be counted from the deals themselves.
        var closed = all.Where(d => d.IsClosed).ToArray();
        var tests = used.Select(c =>
        {
            var members = groups[c.Segment].ToHashSet(ReferenceEqualityComparer.Instance);
            var rest = closed.Where(d => !members.Contains(d)).ToArray();
            return rest.Length == 0 ? null : Proportions.CompareTwo(c.Successes, c.Trials,
                rest.Count(d => d.Outcome == DealOutcome.Won), rest.Length, guard: guard);
        }).ToArray();
        var adjusted = PValueAdjustment.BenjaminiHochberg(tests.Select(t => t?.PValue ?? double.NaN).ToArray());
        return [.. used.Select((c, i) => new SegmentVsRest(c.Segment, tests[i], adjusted.Adjusted[i]))];
    }
}

/// <summary>One segment's deals and win rate.</summary>
/// <param name="Segment">Segment name.</param>
/// <param name="Won">Won deals.</param>
/// <param name="Lost">Lost deals.</param>
/// <param name="Open">Open deals (not counted in the rate).</param>
/// <param name="Rate">Won / closed with its Wilson interval; null when no deal has closed.</param>
/// <param name="Shrunk">The empirically shrunk rate; null when fewer than two segments have closed deals or this one has none.</param>
/// <param name="VsRest">Test against the rest of the closed deals (BH-adjusted); null when not run.</param>
public sealed record SegmentWinRate(string Segment, int Won, int Lost, int Open, ProportionEstimate? Rate, ShrunkRate? Shrunk, SegmentVsRest? VsRest)
{
    /// <summary>Closed deals: won plus lost.</summary>
    public int Closed => Won + Lost;

    /// <summary>All deals, open ones included.</summary>
    public int Deals => Closed + Open;

    /// <summary>Segment rate minus the rest's rate; NaN when not tested.</summary>
    public double DifferenceFromRest => VsRest?.Test?.Difference ?? double.NaN;

    /// <summary>BH-adjusted p against the rest; NaN when not tested or too few deals.</summary>
    public double AdjustedP => VsRest?.AdjustedPValue ?? double.NaN;

    /// <summary>Why the test against the rest did not run, or "ok".</summary>
    public string Status => Closed == 0 ? (Open == 0 ? "no deals" : "no closed deals")
        : VsRest?.Test is not { } t ? "not tested" : t.Check.IsSufficient ? "ok" : "too few deals";
}

/// <summary>Win rates of every group of one segmentation, with the overall rate.</summary>
/// <param name="By">What the groups are of.</param>
/// <param name="Overall">Overall rate of closed deals; null without closed deals.</param>
/// <param name="OpenDeals">Open deals, shown apart.</param>
/// <param name="Segments">One row per group, in ordinal order.</param>
/// <param name="ShrinkageFit">How the shrinkage prior was fitted, in words; null when not fitted.</param>
public sealed record WinRateTable(string By, ProportionEstimate? Overall, int OpenDeals, ImmutableArray<SegmentWinRate> Segments, string? ShrinkageFit)
    : IHtmlRenderable, ITextRenderable
{
    /// <summary>The row of <paramref name="segment"/>.</summary>
    public SegmentWinRate this[string segment] => Segments.FirstOrDefault(s => s.Segment == segment)
        ?? throw new KeyNotFoundException($"No segment '{segment}' in the win rates by {By}.");

    /// <summary>Closed deals over all segments (a deal in several list groups counts once).</summary>
    public int ClosedDeals => Overall?.N ?? 0;

    /// <summary>One row per segment: deals, won, closed, open, rate and interval, shrunk rate, difference from the rest, p and adjusted p, status.</summary>
    public DataFrame Summary => new(Columns(Segments));

    internal static DataFrameColumn[] Columns(IEnumerable<SegmentWinRate> segments)
    {
        var rows = segments.ToArray();
        return
        [
            new StringDataFrameColumn("segment", rows.Select(s => s.Segment)),
            new Int32DataFrameColumn("won", rows.Select(s => s.Won)),
            new Int32DataFrameColumn("closed", rows.Select(s => s.Closed)),
            new Int32DataFrameColumn("open", rows.Select(s => s.Open)),
            .. WinLossText.RateColumns(rows.Select(s => s.Rate)),
            new DoubleDataFrameColumn("shrunk_rate", rows.Select(s => s.Shrunk?.Shrunk ?? double.NaN)),
            new DoubleDataFrameColumn("difference_from_rest", rows.Select(s => s.DifferenceFromRest)),
            new DoubleDataFrameColumn("p_value", rows.Select(s => s.VsRest?.Test?.PValue ?? double.NaN)),
            new DoubleDataFrameColumn("p_adjusted", rows.Select(s => s.AdjustedP)),
            new StringDataFrameColumn("status", rows.Select(s => s.Status)),
        ];
    }

    /// <summary>The table shown in notebooks and consoles.</summary>
    public Table Table() => Rendering.Table.Of(
        ["segment", "won / closed", "open", "win rate", "95% CI", "shrunk", "vs rest", "adj. p", "status"],
        Segments.Select(s => (IReadOnlyList<object?>)[s.Segment, $"{s.Won} / {s.Closed}", s.Open,
            WinLossText.Pct(s.Rate?.Estimate), WinLossText.Interval(s.Rate?.Interval), WinLossText.Pct(s.Shrunk?.Shrunk),
            WinLossText.Points(s.DifferenceFromRest), Format.P(s.AdjustedP), s.Status]),
        Caption());

    /// <summary>Win rate per segment with its Wilson interval as error bars and the overall rate as a line.</summary>
    public Figure Chart()
    {
        var rated = Segments.Where(s => s.Rate is not null).ToArray();
        var figure = Charts.Chart.Bar(rated.Select(s => (object?)s.Segment), rated.Select(s => s.Rate!.Estimate), "win rate",
                errorLow: rated.Select(s => s.Rate!.Interval.Lower), errorHigh: rated.Select(s => s.Rate!.Interval.Upper),
                text: rated.Select(s => string.Create(CultureInfo.InvariantCulture, $"n={s.Closed}")))
            .WithTitle($"Win rate by {Format.Trait(By)} (closed deals, 95% Wilson interval)")
            .WithYAxis("win rate", tickFormat: ".0%")
            .WithLegend(false);
        return Overall is { } o ? figure.WithHorizontalLine(o.Estimate) : figure;
    }

    /// <inheritdoc/>
    public string ToHtml() => Table().ToHtml() + Chart().ToHtml();

    /// <inheritdoc/>
    public string ToText() => Table().ToText();

    /// <inheritdoc/>
    public override string ToString() => ToText();

    private string Caption() => string.Create(CultureInfo.InvariantCulture,
        $"Win rate by {Format.Trait(By)}: overall {(Overall is { } o ? $"{o.Successes} / {o.N} = {WinLossText.Pct(o.Estimate)} {WinLossText.Interval(o.Interval)}" : "no closed deals")}; {OpenDeals} open deals not counted; vs rest = rate minus the rest's, in points; p Benjamini-Hochberg-adjusted");
}

/// <summary>Win rates by every trait of the export.</summary>
/// <param name="Tables">One table per trait, in catalog order.</param>
/// <param name="ExcludedSources">Lead sources left out before computing the rates.</param>
/// <param name="CustomerOnlyTraits">Traits left out because only customers have them.</param>
public sealed record WinRatesByTrait(ImmutableArray<WinRateTable> Tables, ImmutableArray<string> ExcludedSources, ImmutableArray<string> CustomerOnlyTraits)
    : IHtmlRenderable, ITextRenderable
{
    /// <summary>The table of <paramref name="trait"/>.</summary>
    public WinRateTable this[string trait] => Tables.FirstOrDefault(t => t.By == trait)
        ?? throw new KeyNotFoundException($"No win rates by '{trait}'.");

    /// <summary>Every trait's <see cref="WinRateTable.Summary"/> stacked, with the trait in the first column.</summary>
    public DataFrame Summary
    {
        get
        {
            var rows = Tables.SelectMany(t => t.Segments.Select(s => (t.By, Segment: s))).ToArray();
            return new DataFrame([new StringDataFrameColumn("trait", rows.Select(r => r.By)), .. WinRateTable.Columns(rows.Select(r => r.Segment))]);
        }
    }

    /// <summary>Every segment of every trait whose adjusted p against the rest is below <paramref name="alpha"/>, strongest first.</summary>
    public Table Significant(double alpha = 0.05) => Rendering.Table.Of(
        ["trait", "segment", "won / closed", "win rate", "95% CI", "vs rest", "adj. p"],
        Tables.SelectMany(t => t.Segments.Where(s => s.AdjustedP < alpha).Select(s => (t.By, s)))
            .OrderBy(x => x.s.AdjustedP)
            .Select(x => (IReadOnlyList<object?>)[x.By, x.s.Segment, $"{x.s.Won} / {x.s.Closed}", WinLossText.Pct(x.s.Rate?.Estimate),
                WinLossText.Interval(x.s.Rate?.Interval), WinLossText.Points(x.s.DifferenceFromRest), Format.P(x.s.AdjustedP)]),
        $"Segments whose win rate differs from the rest (BH-adjusted p < {alpha.ToString(CultureInfo.InvariantCulture)}){ExcludedText}");

    /// <inheritdoc/>
    /// <remarks>Tables only: one chart per trait would bury the page; call <see cref="WinRateTable.Chart"/> for the traits you want drawn.</remarks>
    public string ToHtml() => (Significant() is { Rows.Count: > 0 } table ? table.ToHtml() : "<p>" + HtmlText.Escape(NoneDiffer) + "</p>")
        + string.Concat(Tables.Select(t => t.Table().ToHtml()));

    /// <inheritdoc/>
    public string ToText() => (Significant() is { Rows.Count: > 0 } table ? table.ToText() : NoneDiffer)
        + "\n\n" + string.Join("\n\n", Tables.Select(t => t.ToText()));

    // When no segment differs, a sentence says so: an empty table with only its headers reads as a rendering fault.
    private string NoneDiffer => $"No segment's win rate differs from the rest's (BH-adjusted p < 0.05){ExcludedText}: each trait's segments are below, within chance of one another.";

    /// <inheritdoc/>
    public override string ToString() => ToText();

    private string ExcludedText =>
        (ExcludedSources.IsEmpty ? "" : "; deals from " + string.Join(", ", ExcludedSources) + " left out") +
        (CustomerOnlyTraits.IsEmpty ? "" : "; traits only customers have (" + string.Join(", ", CustomerOnlyTraits) + ") left out: they describe the outcome, not the fit");
}
