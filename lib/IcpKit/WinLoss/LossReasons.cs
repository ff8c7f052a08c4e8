using System.Collections.Immutable;
using System.Globalization;
using IcpKit.Charts;
using IcpKit.Loading;
using IcpKit.Model;
using IcpKit.Statistics;
using IcpKit.Rendering;
using MathNet.Numerics.Distributions;
using Microsoft.Data.Analysis;

namespace IcpKit.WinLoss;

/// <summary>Why lost deals were lost, by segment, with a chi-square test of association.</summary>
/// <remarks>
/// Blank reasons are kept as "(blank)" and "other" as it is: hiding them would make the named reasons look more
/// complete than the CRM is. The test is Pearson's chi-square on the segment-by-reason table of counts (R's
/// <c>chisq.test</c> without correction), p from MathNet's chi-square distribution (1 - CDF, so p below about 1e-16 reads as 0). Rows or columns with no
/// deals are dropped before testing; the share of cells with an expected count below 5 is reported, since the
/// chi-square approximation is rough beyond about 20%.
/// </remarks>
public static class LossReasons
{
    /// <summary>Label of lost deals without a reason.</summary>
    public const string BlankLabel = "(blank)";

    /// <summary>Counts and shares of loss reasons per group of <paramref name="by"/>.</summary>
    public static LossReasonResult By(IEnumerable<Deal> deals, DealSegmentation by)
    {
        ArgumentNullException.ThrowIfNull(deals);
        ArgumentNullException.ThrowIfNull(by);
        var lost = deals.Where(d => d.Outcome == DealOutcome.Lost).ToImmutableArray();
        var reasons = lost.Select(ReasonOf).Distinct(StringComparer.Ordinal)
            .OrderByDescending(r => lost.Count(d => ReasonOf(d) == r)).ThenBy(r => r, StringComparer.Ordinal).ToImmutableArray();
        var groups = by.Split(lost).Where(g => !g.Value.IsEmpty).ToArray();
        var counts = groups.Select(g => reasons.Select(r => g.Value.Count(d => ReasonOf(d) == r)).ToImmutableArray()).ToImmutableArray();
        var test = by.Overlaps(lost) ? null : ChiSquareTest.Of(counts.Select(r => r.Select(c => (double)c).ToArray()).ToArray());
        return new LossReasonResult(by.Name, [.. groups.Select(g => g.Key)], reasons, counts, test);
    }

    /// <summary>Loss reasons of the export's deals by a trait of their account.</summary>
    public static LossReasonResult By(ExportData export, string trait)
    {
        ArgumentNullException.ThrowIfNull(export);
        return By(export.Deals, DealSegmentation.ByTrait(export, trait));
    }

    /// <summary>The reason of a lost deal as shown: trimmed, "(blank)" when empty.</summary>
    public static string ReasonOf(Deal deal)
    {
        ArgumentNullException.ThrowIfNull(deal);
        return string.IsNullOrWhiteSpace(deal.LossReason) ? BlankLabel : deal.LossReason.Trim();
    }
}

/// <summary>Loss reasons by segment.</summary>
/// <param name="By">What the segments are of.</param>
/// <param name="Segments">Segments with lost deals, in ordinal order.</param>
/// <param name="Reasons">Reasons, most common first; blank is "(blank)".</param>
/// <param name="Counts">Lost deals per segment (row) and reason (column).</param>
/// <param name="Test">Chi-square test of association; null when segments overlap (list traits).</param>
public sealed record LossReasonResult(string By, ImmutableArray<string> Segments, ImmutableArray<string> Reasons,
    ImmutableArray<ImmutableArray<int>> Counts, ChiSquareTest? Test) : IHtmlRenderable, ITextRenderable
{
    /// <summary>Lost deals of segment <paramref name="segment"/> with reason <paramref name="reason"/>.</summary>
    public int Count(string segment, string reason)
    {
        int i = Segments.IndexOf(segment), j = Reasons.IndexOf(reason);
        return i < 0 || j < 0 ? 0 : Counts[i][j];
    }

    /// <summary>Share of segment <paramref name="segment"/>'s lost deals with reason <paramref name="reason"/>.</summary>
    public double Share(string segment, string reason)
    {
        int i = Segments.IndexOf(segment);
        return i < 0 || Counts[i].Sum() == 0 ? double.NaN : (double)Count(segment, reason) / Counts[i].Sum();
    }

    /// <summary>Long format: segment, reason, count, share of the segment's losses.</summary>
    public DataFrame Summary
    {
        get
        {
            var rows = Segments.SelectMany(s => Reasons.Select(r => (s, r))).ToArray();
            return new DataFrame(
                new StringDataFrameColumn("segment", rows.Select(x => x.s)),
                new StringDataFrameColumn("reason", rows.Select(x => x.r)),
                new Int32DataFrameColumn("count", rows.Select(x => Count(x.s, x.r))),
                new DoubleDataFrameColumn("share", rows.Select(x => Share(x.s, x.r))));
        }
    }

    /// <summary>Counts and shares per segment, one column per reason.</summary>
    public Table Table() => Rendering.Table.Of(
        ["segment", "lost", .. Reasons],
        Segments.Select((s, i) => (IReadOnlyList<object?>)[s, Counts[i].Sum(),
            .. Reasons.Select(r => string.Create(CultureInfo.InvariantCulture, $"{Count(s, r)} ({WinLossText.Pct(Share(s, r))})"))]),
        $"Loss reasons by {Format.Trait(By)} (count and share of the segment's lost deals; blank and other kept). " +
        (Test is null ? "No test: segments overlap." : "Association of segment and reason: " + Test));

    /// <summary>Stacked bars of each segment's loss-reason shares.</summary>
    public Figure Chart() => Figure.Of(Reasons.Select(r => (Trace)Charts.Chart.BarTrace(
            Segments.Select(s => (object?)s), Segments.Select(s => Share(s, r)), r)))
        .WithBarMode("stack").WithTitle($"Loss reasons by {Format.Trait(By)} (share of lost deals)").WithYAxis("share of lost deals", tickFormat: ".0%");

    /// <inheritdoc/>
    public string ToHtml() => Table().ToHtml() + Chart().ToHtml();

    /// <inheritdoc/>
    public string ToText() => Table().ToText();

    /// <inheritdoc/>
    public override string ToString() => ToText();
}
