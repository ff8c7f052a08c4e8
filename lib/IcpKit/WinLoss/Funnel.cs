using System.Collections.Immutable;
using System.Globalization;
using IcpKit.Charts;
using IcpKit.Loading;
using IcpKit.Model;
using IcpKit.Rendering;
using Microsoft.Data.Analysis;

namespace IcpKit.WinLoss;

/// <summary>How closed deals move through the funnel, and where they drop out, by segment.</summary>
/// <remarks>
/// A deal records only the furthest stage it reached (<see cref="Deal.StageIndex"/>), so a closed deal counts as having
/// reached every stage up to that one; a lost deal dropped out at it; a won deal went through all of them to "won".
/// Open deals are still moving: they are counted apart, by current stage, and never as losses.
/// A closed deal whose stage is not in the configured order (a terminal value such as "Closed Lost" or "Lost" written into
/// the stage column) still counts: a won one went through every stage, a lost one counts as lost at the first stage, the
/// only one it is known to have reached. The result lists those stage values in a warning, so a mapping
/// (deals.values.stage) can place them better. Open deals with such a stage are counted apart as "unknown stage".
/// Example: funnel lead, qualified, demo; 10 closed deals of which 4 lost at lead, 3 lost at demo and 3 won: reached
/// lead 10, qualified 6, demo 6; lead to qualified 60%, qualified to demo 100%, demo to won 50%; lead to won 30%.
/// </remarks>
public static class Funnel
{
    /// <summary>The funnel of each group of <paramref name="by"/>, plus all deals together as "all".</summary>
    /// <param name="deals">Deals.</param>
    /// <param name="stages">The funnel order (the export's <c>funnel</c> setting); empty when none is configured, and
    /// then every deal counts as "unknown stage" and the result says so.</param>
    /// <param name="by">How deals are grouped; null for all deals only.</param>
    public static FunnelResult By(IEnumerable<Deal> deals, IReadOnlyList<string> stages, DealSegmentation? by = null)
    {
        ArgumentNullException.ThrowIfNull(deals);
        ArgumentNullException.ThrowIfNull(stages);
        var all = deals.ToImmutableArray();
        var segments = by is null ? [] : by.Split(all).Select(g => Of(g.Key, g.Value, stages.Count)).ToImmutableArray();
        var outside = stages.Count == 0 ? ImmutableSortedDictionary<string, int>.Empty : all.Where(d => d.StageIndex < 0 || d.StageIndex >= stages.Count)
            .GroupBy(d => d.Stage, StringComparer.Ordinal).ToImmutableSortedDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new FunnelResult(by?.Name, [.. stages], Of(FunnelSegment.AllLabel, all, stages.Count), segments) { OutsideStages = outside };
    }

    /// <summary>The funnel of the export's deals by a trait of their account, in the export's funnel order.</summary>
    public static FunnelResult By(ExportData export, string? trait = null)
    {
        ArgumentNullException.ThrowIfNull(export);
        return By(export.Deals, export.Config.Funnel, trait is null ? null : DealSegmentation.ByTrait(export, trait));
    }

    private static FunnelSegment Of(string name, IReadOnlyCollection<Deal> deals, int stageCount)
    {
        var lostAt = new int[stageCount];
        var openAt = new int[stageCount];
        int won = 0, unknownClosed = 0, unknownOpen = 0;
        var wonAt = new int[stageCount];
        foreach (var d in deals)
        {
            bool known = d.StageIndex >= 0 && d.StageIndex < stageCount;
            switch (d.Outcome)
            {
                case DealOutcome.Open when known: openAt[d.StageIndex]++; break;
                case DealOutcome.Open: unknownOpen++; break;
                case DealOutcome.Won when known: won++; wonAt[d.StageIndex]++; break;
                case DealOutcome.Lost when known: lostAt[d.StageIndex]++; break;
                // A closed deal outside the funnel order: won went through every stage, lost is placed at the first one.
                case DealOutcome.Won when stageCount > 0: won++; wonAt[stageCount - 1]++; unknownClosed++; break;
                case DealOutcome.Lost when stageCount > 0: lostAt[0]++; unknownClosed++; break;
                default: unknownClosed++; break;
            }
        }
        // Reached stage i = closed deals whose furthest stage is i or later.
        var reached = new int[stageCount];
        for (int i = stageCount - 1, acc = 0; i >= 0; i--) reached[i] = acc += lostAt[i] + wonAt[i];
        return new FunnelSegment(name, [.. reached], [.. lostAt], won, [.. openAt], unknownClosed, unknownOpen);
    }
}

/// <summary>One segment's funnel: closed deals reaching and leaving each stage, and open deals by stage.</summary>
/// <param name="Segment">Segment name, or "all".</param>
/// <param name="Reached">Closed deals that reached each stage (furthest stage at or beyond it).</param>
/// <param name="LostAt">Lost deals whose furthest stage was each stage: where they dropped out.</param>
/// <param name="Won">Won deals.</param>
/// <param name="OpenAt">Open deals by current stage (never losses).</param>
/// <param name="UnknownStageClosed">Closed deals whose stage is not in the funnel order (counted in the funnel: won ones through every stage, lost ones at the first).</param>
/// <param name="UnknownStageOpen">Open deals whose stage is not in the funnel order.</param>
public sealed record FunnelSegment(string Segment, ImmutableArray<int> Reached, ImmutableArray<int> LostAt, int Won,
    ImmutableArray<int> OpenAt, int UnknownStageClosed, int UnknownStageOpen)
{
    /// <summary>Label of the segment holding every deal.</summary>
    public const string AllLabel = "all";

    /// <summary>Closed deals in the funnel (reached the first stage).</summary>
    public int Closed => Reached.IsEmpty ? 0 : Reached[0];

    /// <summary>Lost deals in the funnel.</summary>
    public int Lost => LostAt.Sum();

    /// <summary>Open deals, known stage or not.</summary>
    public int Open => OpenAt.Sum() + UnknownStageOpen;

    /// <summary>Share of deals reaching stage <paramref name="stage"/> that reach the next stage (or "won" after the last).</summary>
    public double ToNext(int stage) => Ratio(stage + 1 < Reached.Length ? Reached[stage + 1] : Won, Reached[stage]);

    /// <summary>Share of deals reaching stage <paramref name="stage"/> that are won.</summary>
    public double ToWon(int stage) => Ratio(Won, Reached[stage]);

    /// <summary>Share of the lost deals that dropped out at stage <paramref name="stage"/>.</summary>
    public double LossShare(int stage) => Ratio(LostAt[stage], Lost);

    private static double Ratio(int a, int b) => b == 0 ? double.NaN : (double)a / b;
}

/// <summary>The funnel overall and by segment.</summary>
/// <param name="By">What the segments are of; null when only the overall funnel was asked for.</param>
/// <param name="Stages">Stage order.</param>
/// <param name="All">Every deal together.</param>
/// <param name="Segments">One funnel per segment, in ordinal order.</param>
public sealed record FunnelResult(string? By, ImmutableArray<string> Stages, FunnelSegment All, ImmutableArray<FunnelSegment> Segments)
    : IHtmlRenderable, ITextRenderable
{
    /// <summary>The funnel of <paramref name="segment"/> ("all" for every deal).</summary>
    public FunnelSegment this[string segment] => segment == FunnelSegment.AllLabel ? All
        : Segments.FirstOrDefault(s => s.Segment == segment) ?? throw new KeyNotFoundException($"No segment '{segment}' in the funnel.");

    private IEnumerable<FunnelSegment> Rows => Segments.IsEmpty ? [All] : [All, .. Segments];

    /// <summary>Long format: one row per segment and stage with reached, conversion to next and to won, lost there, loss share, open there.</summary>
    public DataFrame Summary
    {
        get
        {
            var rows = Rows.SelectMany(s => Stages.Select((stage, i) => (s, stage, i))).ToArray();
            return new DataFrame(
                new StringDataFrameColumn("segment", rows.Select(r => r.s.Segment)),
                new StringDataFrameColumn("stage", rows.Select(r => r.stage)),
                new Int32DataFrameColumn("reached", rows.Select(r => r.s.Reached[r.i])),
                new DoubleDataFrameColumn("to_next", rows.Select(r => r.s.ToNext(r.i))),
                new DoubleDataFrameColumn("to_won", rows.Select(r => r.s.ToWon(r.i))),
                new Int32DataFrameColumn("lost_here", rows.Select(r => r.s.LostAt[r.i])),
                new DoubleDataFrameColumn("loss_share", rows.Select(r => r.s.LossShare(r.i))),
                new Int32DataFrameColumn("open_here", rows.Select(r => r.s.OpenAt[r.i])));
        }
    }

    /// <summary>Conversion from each stage to the next (the last stage's "next" is won), one row per segment.</summary>
    public Table Conversion() => Rendering.Table.Of(
        ["segment", "closed", .. Stages.Select((s, i) => $"{s} → {(i + 1 < Stages.Length ? Stages[i + 1] : "won")}"), "lead → won", "open (apart)"],
        Rows.Select(s => (IReadOnlyList<object?>)[s.Segment, s.Closed, .. Stages.Select((_, i) => WinLossText.Pct(s.ToNext(i))),
            WinLossText.Pct(s.Closed == 0 ? double.NaN : s.ToWon(0)), s.Open]),
        $"Funnel conversion of closed deals{ByText}: share reaching each stage that reach the next; open deals counted apart, never as losses");

    /// <summary>Where lost deals dropped out: share of each segment's losses at each stage.</summary>
    public Table DropOut() => Rendering.Table.Of(
        ["segment", "lost", .. Stages],
        Rows.Select(s => (IReadOnlyList<object?>)[s.Segment, s.Lost, .. Stages.Select((_, i) => WinLossText.Pct(s.LossShare(i)))]),
        $"Where deals are lost{ByText}: share of each segment's lost deals by the furthest stage they reached");

    /// <summary>Open deals by current stage, one row per segment.</summary>
    public Table OpenDeals() => Rendering.Table.Of(
        ["segment", "open", .. Stages, "unknown stage"],
        Rows.Select(s => (IReadOnlyList<object?>)[s.Segment, s.Open, .. s.OpenAt.Select(n => (object?)n), s.UnknownStageOpen]),
        "Open deals by current stage (still moving: not losses)");

    /// <summary>Bars of the deals reaching each stage (and won), one series per segment (or all deals).</summary>
    public Figure Chart()
    {
        var categories = Stages.Append("won").Select(s => (object?)s).ToArray();
        var traces = Rows.Skip(Segments.IsEmpty ? 0 : 1).Where(s => s.Closed > 0).Select(s => (Trace)Charts.Chart.BarTrace(categories,
            s.Reached.Select(r => s.Closed == 0 ? 0 : (double)r / s.Closed).Append(s.Closed == 0 ? 0 : (double)s.Won / s.Closed),
            $"{s.Segment} (n={s.Closed.ToString(CultureInfo.InvariantCulture)})"));
        return Figure.Of(traces).WithTitle($"Share of closed deals reaching each stage{ByText}").WithYAxis("share of closed deals", tickFormat: ".0%");
    }

    /// <summary>Stage values outside the funnel order, with how many deals carry each; empty when every stage is in it.</summary>
    public ImmutableSortedDictionary<string, int> OutsideStages { get; init; } = ImmutableSortedDictionary<string, int>.Empty;

    /// <summary>The warning about stage values outside the funnel, or null when there are none.</summary>
    public string? Warning => OutsideStages.IsEmpty ? null
        : "Stage values outside the funnel order: " + string.Join(", ", OutsideStages.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} ({kv.Value} deals)")))
          + $". Closed deals with them are counted: won ones as having gone through every stage, lost ones as lost at the first stage ({Stages[0]}), the only stage they are known to have reached. "
          + "Open ones are listed as unknown stage. Map them onto funnel stages under deals.values.stage in icpkit.yaml to place them better.";

    /// <summary>Why there is no funnel to show, or null when there is one.</summary>
    public string? Note => Stages.IsEmpty
        ? "No funnel order is configured (the funnel setting of icpkit.yaml lists the stages in order), so conversion by stage cannot be computed."
        : null;

    /// <inheritdoc/>
    public string ToHtml() => Note is { } note
        ? "<p>" + HtmlText.Escape(note) + "</p>"
        : (Warning is { } w ? "<p class=\"icpkit-warning\">" + HtmlText.Escape(w) + "</p>" : "")
          + Conversion().ToHtml() + Chart().ToHtml() + DropOut().ToHtml() + OpenDeals().ToHtml();

    /// <inheritdoc/>
    public string ToText() => Note ?? (Warning is { } w ? w + "\n\n" : "") + Conversion().ToText() + "\n\n" + DropOut().ToText() + "\n\n" + OpenDeals().ToText();

    /// <inheritdoc/>
    public override string ToString() => ToText();

    private string ByText => By is null ? "" : $" by {Format.Trait(By)}";
}
