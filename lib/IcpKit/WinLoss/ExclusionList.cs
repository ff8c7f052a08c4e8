using System.Collections.Immutable;
using System.Globalization;
using IcpKit.Rendering;
using IcpKit.Statistics;
using Microsoft.Data.Analysis;

namespace IcpKit.WinLoss;

/// <summary>What the exclusion list says about one segment.</summary>
public enum ExclusionVerdict
{
    /// <summary>Enough closed deals and not one won.</summary>
    NeverWon,
    /// <summary>Enough closed deals and the upper end of the Wilson interval is below the overall win rate.</summary>
    CrediblyBelow,
    /// <summary>Some deals, but fewer closed ones than the minimum: cannot be judged either way.</summary>
    TooFewToJudge,
    /// <summary>Accounts exist but no deal was ever opened: untried, not lost.</summary>
    NoDeals,
}

/// <summary>
/// The segments to stop targeting (never won, or credibly below the overall rate), and apart from them the
/// segments too thin to judge.
/// </summary>
/// <remarks>
/// "Credibly below" means the segment has at least <c>minClosed</c> closed deals and even the upper end of its
/// 95% Wilson interval is below the overall rate of the same deals: its true rate is very likely lower, not just
/// unlucky. "Never won" needs the same minimum, so 0 of 2 is "too few to judge", not an exclusion. A segment
/// with accounts but no deals is listed as "no deals": sales never tried it, which says nothing about winning.
/// Example: overall 30%; 0 of 25 is never won; 4 of 40 (10% [4.0%, 23.1%]) is credibly below; 1 of 6 is too few.
/// </remarks>
public static class ExclusionList
{
    /// <summary>The default minimum number of closed deals to judge a segment.</summary>
    public const int DefaultMinClosed = 10;

    /// <summary>Builds the exclusion list from win-rate tables (one per trait).</summary>
    /// <param name="tables">Win rates by trait, e.g. <see cref="WinRatesByTrait.Tables"/>.</param>
    /// <param name="minClosed">Closed deals a segment needs before it is judged.</param>
    public static ExclusionListResult From(IEnumerable<WinRateTable> tables, int minClosed = DefaultMinClosed)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentOutOfRangeException.ThrowIfLessThan(minClosed, 1);
        var entries = ImmutableArray.CreateBuilder<ExclusionEntry>();
        foreach (var table in tables)
        {
            if (table.Overall is not { } overall) continue;
            foreach (var s in table.Segments)
            {
                ExclusionVerdict? verdict =
                    s.Deals == 0 ? ExclusionVerdict.NoDeals
                    : s.Closed < minClosed ? ExclusionVerdict.TooFewToJudge
                    : s.Won == 0 ? ExclusionVerdict.NeverWon
                    : s.Rate!.Interval.Upper < overall.Estimate ? ExclusionVerdict.CrediblyBelow
                    : null;
                if (verdict is { } v) entries.Add(new ExclusionEntry(table.By, s.Segment, v, s.Won, s.Closed, s.Open, s.Rate, overall.Estimate));
            }
        }
        return new ExclusionListResult(entries.ToImmutable(), minClosed);
    }

    /// <summary>Builds the exclusion list from win rates by every trait.</summary>
    public static ExclusionListResult From(WinRatesByTrait rates, int minClosed = DefaultMinClosed)
    {
        ArgumentNullException.ThrowIfNull(rates);
        return From(rates.Tables, minClosed);
    }
}

/// <summary>One segment on the exclusion list (or set apart as not judged).</summary>
/// <param name="Trait">Trait the segment belongs to.</param>
/// <param name="Segment">Segment name.</param>
/// <param name="Verdict">Why it is listed.</param>
/// <param name="Won">Won deals.</param>
/// <param name="Closed">Closed deals.</param>
/// <param name="Open">Open deals.</param>
/// <param name="Rate">Win rate with Wilson interval; null without closed deals.</param>
/// <param name="OverallRate">Overall win rate of the same deals.</param>
public sealed record ExclusionEntry(string Trait, string Segment, ExclusionVerdict Verdict, int Won, int Closed, int Open,
    ProportionEstimate? Rate, double OverallRate)
{
    /// <summary>True for the verdicts that exclude (never won, credibly below), false for those not judged.</summary>
    public bool Excludes => Verdict is ExclusionVerdict.NeverWon or ExclusionVerdict.CrediblyBelow;

    /// <summary>The verdict in words.</summary>
    public string VerdictText => Verdict switch
    {
        ExclusionVerdict.NeverWon => "never won",
        ExclusionVerdict.CrediblyBelow => "credibly below overall",
        ExclusionVerdict.TooFewToJudge => "too few closed deals to judge",
        _ => "no deals (never tried)",
    };
}

/// <summary>The exclusion list and the segments set apart as not judged.</summary>
/// <param name="Entries">Every listed segment.</param>
/// <param name="MinClosed">Closed deals a segment needed to be judged.</param>
public sealed record ExclusionListResult(ImmutableArray<ExclusionEntry> Entries, int MinClosed) : IHtmlRenderable, ITextRenderable
{
    /// <summary>Segments to exclude: never won or credibly below the overall rate.</summary>
    public ImmutableArray<ExclusionEntry> Excluded => [.. Entries.Where(e => e.Excludes).OrderBy(e => e.Verdict).ThenByDescending(e => e.Closed)];

    /// <summary>Segments not judged: too few closed deals, or no deals at all.</summary>
    public ImmutableArray<ExclusionEntry> NotJudged => [.. Entries.Where(e => !e.Excludes).OrderBy(e => e.Verdict).ThenByDescending(e => e.Closed + e.Open)];

    /// <summary>The verdict for <paramref name="trait"/> = <paramref name="segment"/>, or null when it is not listed.</summary>
    public ExclusionVerdict? VerdictFor(string trait, string segment) =>
        Entries.FirstOrDefault(e => e.Trait == trait && e.Segment == segment)?.Verdict;

    /// <summary>One row per entry: trait, segment, verdict, won, closed, open, rate, lower, upper, overall rate.</summary>
    public DataFrame Summary => new(
        [
            new StringDataFrameColumn("trait", Entries.Select(e => e.Trait)),
            new StringDataFrameColumn("segment", Entries.Select(e => e.Segment)),
            new StringDataFrameColumn("verdict", Entries.Select(e => e.VerdictText)),
            new Int32DataFrameColumn("won", Entries.Select(e => e.Won)),
            new Int32DataFrameColumn("closed", Entries.Select(e => e.Closed)),
            new Int32DataFrameColumn("open", Entries.Select(e => e.Open)),
            .. WinLossText.RateColumns(Entries.Select(e => e.Rate)),
            new DoubleDataFrameColumn("overall_rate", Entries.Select(e => e.OverallRate)),
        ]);

    /// <summary>The segments to exclude.</summary>
    public Table ExcludedTable() => Of(Excluded, string.Create(CultureInfo.InvariantCulture,
        $"Exclusion list: segments with at least {MinClosed} closed deals never won, or whose 95% upper bound is below the overall win rate"));

    /// <summary>The segments set apart.</summary>
    public Table NotJudgedTable() => Of(NotJudged, string.Create(CultureInfo.InvariantCulture,
        $"Not judged: fewer than {MinClosed} closed deals, or no deals at all (absence of deals is not a loss)"));

    /// <inheritdoc/>
    public string ToHtml() => ExcludedTable().ToHtml() + NotJudgedTable().ToHtml();

    /// <inheritdoc/>
    public string ToText() => ExcludedTable().ToText() + "\n\n" + NotJudgedTable().ToText();

    /// <inheritdoc/>
    public override string ToString() => ToText();

    private static Table Of(IEnumerable<ExclusionEntry> entries, string caption) => Rendering.Table.Of(
        ["trait", "segment", "verdict", "won / closed", "open", "win rate", "95% CI", "overall"],
        entries.Select(e => (IReadOnlyList<object?>)[e.Trait, e.Segment, e.VerdictText, $"{e.Won} / {e.Closed}", e.Open,
            WinLossText.Pct(e.Rate?.Estimate), WinLossText.Interval(e.Rate?.Interval), WinLossText.Pct(e.OverallRate)]),
        caption);
}
