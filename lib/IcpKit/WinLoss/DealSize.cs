using System.Collections.Immutable;
using IcpKit.Charts;
using IcpKit.Loading;
using IcpKit.Model;
using IcpKit.Rendering;
using IcpKit.Statistics;
using Microsoft.Data.Analysis;

namespace IcpKit.WinLoss;

/// <summary>Size of won deals by segment: median with a bootstrap interval, and a Mann-Whitney test against the rest.</summary>
/// <remarks>
/// Only won deals with an amount count: a lost deal's amount is what was asked, not what a customer pays.
/// p-values are Benjamini-Hochberg-adjusted across segments; segments with fewer than five won deals with an
/// amount are shown without a test (<see cref="SampleGuard.MinGroupSize"/>).
/// </remarks>
public static class DealSize
{
    /// <summary>Median won-deal amount per group of <paramref name="by"/>.</summary>
    /// <param name="deals">Deals (only won ones with an amount are used).</param>
    /// <param name="by">How deals are grouped.</param>
    /// <param name="options">Bootstrap resamples, level and seed.</param>
    public static DealSizeResult By(IEnumerable<Deal> deals, DealSegmentation by, BootstrapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(deals);
        ArgumentNullException.ThrowIfNull(by);
        options ??= BootstrapOptions.Default with { Resamples = 2_000 };
        var won = deals.Where(d => d.Outcome == DealOutcome.Won && d.Amount is not null).ToImmutableArray();
        var groups = by.Split(won);
        var tests = groups.Select(g =>
        {
            var members = g.Value.ToHashSet(ReferenceEqualityComparer.Instance);
            var rest = won.Where(d => !members.Contains(d)).Select(Amount);
            return g.Value.IsEmpty ? null : MannWhitney.Test(g.Value.Select(Amount), rest);
        }).ToArray();
        var adjusted = PValueAdjustment.BenjaminiHochberg(tests.Select(t => t?.PValue ?? double.NaN).ToArray());
        var rows = groups.Select((g, i) => new SegmentDealSize(g.Key, g.Value.Length,
            g.Value.IsEmpty ? null : Bootstrap.Median(g.Value.Select(Amount), options), tests[i], adjusted.Adjusted[i])).ToImmutableArray();
        return new DealSizeResult(by.Name, won.Length, won.IsEmpty ? null : Bootstrap.Median(won.Select(Amount), options), rows);
    }

    /// <summary>Won-deal size of the export's deals by a trait of their account.</summary>
    public static DealSizeResult By(ExportData export, string trait)
    {
        ArgumentNullException.ThrowIfNull(export);
        return By(export.Deals, DealSegmentation.ByTrait(export, trait));
    }

    private static double Amount(Deal d) => (double)d.Amount!.Value;
}

/// <summary>One segment's won-deal size.</summary>
/// <param name="Segment">Segment name.</param>
/// <param name="WonWithAmount">Won deals with an amount.</param>
/// <param name="Median">Median amount with its bootstrap interval; null without deals.</param>
/// <param name="VsRest">Mann-Whitney test of this segment's amounts against the other won deals'; null without deals.</param>
/// <param name="AdjustedP">BH-adjusted p of that test; NaN when not run.</param>
public sealed record SegmentDealSize(string Segment, int WonWithAmount, BootstrapResult? Median, MannWhitneyResult? VsRest, double AdjustedP);

/// <summary>Median won-deal size overall and by segment.</summary>
/// <param name="By">What the segments are of.</param>
/// <param name="WonWithAmount">Won deals with an amount.</param>
/// <param name="Overall">Overall median with its interval; null without deals.</param>
/// <param name="Segments">One row per segment.</param>
public sealed record DealSizeResult(string By, int WonWithAmount, BootstrapResult? Overall, ImmutableArray<SegmentDealSize> Segments)
    : IHtmlRenderable, ITextRenderable
{
    /// <summary>The row of <paramref name="segment"/>.</summary>
    public SegmentDealSize this[string segment] => Segments.FirstOrDefault(s => s.Segment == segment)
        ?? throw new KeyNotFoundException($"No segment '{segment}' in the deal sizes.");

    /// <summary>One row per segment: n, median, interval, P(segment deal larger than another), adjusted p.</summary>
    public DataFrame Summary => new(
        new StringDataFrameColumn("segment", Segments.Select(s => s.Segment)),
        new Int32DataFrameColumn("won_with_amount", Segments.Select(s => s.WonWithAmount)),
        new DoubleDataFrameColumn("median", Segments.Select(s => s.Median?.Estimate ?? double.NaN)),
        new DoubleDataFrameColumn("lower", Segments.Select(s => s.Median?.Interval.Lower ?? double.NaN)),
        new DoubleDataFrameColumn("upper", Segments.Select(s => s.Median?.Interval.Upper ?? double.NaN)),
        new DoubleDataFrameColumn("p_larger", Segments.Select(s => s.VsRest?.CommonLanguage ?? double.NaN)),
        new DoubleDataFrameColumn("p_adjusted", Segments.Select(s => s.AdjustedP)));

    /// <summary>The table shown in notebooks and consoles.</summary>
    public Table Table() => Rendering.Table.Of(
        ["segment", "won deals", "median amount", "95% CI", "P(larger than rest)", "adj. p"],
        Segments.Select(s => (IReadOnlyList<object?>)[s.Segment, s.WonWithAmount, WinLossText.Num(s.Median?.Estimate ?? double.NaN),
            s.Median is { Check.IsSufficient: true } m ? $"[{WinLossText.Num(m.Interval.Lower)}, {WinLossText.Num(m.Interval.Upper)}]" : "",
            WinLossText.Pct(s.VsRest?.CommonLanguage), Format.P(s.AdjustedP)]),
        $"Won-deal size by {Format.Trait(By)}: median with bootstrap interval; Mann-Whitney against the other won deals, BH-adjusted; overall median {WinLossText.Num(Overall?.Estimate ?? double.NaN)} of {WonWithAmount} won deals");

    /// <summary>Median amount per segment with its bootstrap interval as error bars.</summary>
    public Figure Chart()
    {
        var shown = Segments.Where(s => s.Median is { Check.IsSufficient: true }).ToArray();
        return Charts.Chart.Bar(shown.Select(s => (object?)s.Segment), shown.Select(s => s.Median!.Estimate), "median amount",
                errorLow: shown.Select(s => s.Median!.Interval.Lower), errorHigh: shown.Select(s => s.Median!.Interval.Upper),
                text: shown.Select(s => "n=" + s.WonWithAmount.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .WithTitle($"Median won-deal amount by {Format.Trait(By)} (95% bootstrap interval)").WithYAxis("amount").WithLegend(false);
    }

    /// <inheritdoc/>
    public string ToHtml() => Table().ToHtml() + Chart().ToHtml();

    /// <inheritdoc/>
    public string ToText() => Table().ToText();

    /// <inheritdoc/>
    public override string ToString() => ToText();
}
