using IcpKit.Rendering;
using System.Collections.Immutable;
using System.Globalization;
using IcpKit.Loading;
using IcpKit.Model;
using IcpKit.Statistics;
using IcpKit.Statistics.Survival;

namespace IcpKit.Metrics;

/// <summary>
/// The sales cycle as competing risks: a deal ends won or lost, whichever comes first, or is still open at as_of.
/// </summary>
/// <remarks>
/// Two views, both needed. The cumulative incidence of winning (and of losing) over days since creation answers "what
/// share of deals is won by day 60" with open deals censored at as_of; a lost deal can no longer be won, so the won and
/// lost curves never add past 100%. Days to close of won deals (and of lost deals) answers "how long does a deal we win
/// take", the number sales teams call the sales cycle. The older time-to-win Kaplan-Meier that censored lost deals at
/// their close date mixed the two (a segment that loses fast looked slow to win), so it is gone.
/// Days to close count closed deals only: in a young export long cycles are still open, so read them beside the curves.
/// Deals without a close date that are not open, and deals closed after as_of, count as open.
/// </remarks>
public static class SalesCycle
{
    /// <summary>Cause code of a won deal in the competing-risks data.</summary>
    public const int WonCause = 1;
    /// <summary>Cause code of a lost deal.</summary>
    public const int LostCause = 2;

    /// <summary>How open deals enter the curves, in the words the results carry.</summary>
    public const string CensoringNote =
        "cumulative incidence (Aalen-Johansen): lost deals can no longer be won, open deals are followed up to as_of; " +
        "days to close count closed deals only";

    /// <summary>The sales cycle per group of the deals' accounts.</summary>
    /// <param name="export">The export (deals and accounts).</param>
    /// <param name="by">Groups of accounts to compare; null for one group.</param>
    /// <param name="horizonDays">Days at which the won and lost shares are read (default 30, 60, 90, 180).</param>
    /// <param name="guard">Minimum events per group for Gray's test and minimum deals per group for the day comparisons.</param>
    /// <param name="bootstrap">Resampling of the median intervals and the ratio of medians.</param>
    public static SalesCycleResult Of(ExportData export, Segmentation? by = null, IEnumerable<int>? horizonDays = null, SampleGuard? guard = null,
        BootstrapOptions? bootstrap = null)
    {
        ArgumentNullException.ThrowIfNull(export);
        return Of(export.Deals, export.Accounts, export.AsOf, by, horizonDays, guard, bootstrap);
    }

    /// <summary>The sales cycle from deal and account records; deals without a creation date are left out (validation warns about each).</summary>
    public static SalesCycleResult Of(IEnumerable<Deal> deals, IEnumerable<Account> accounts, DateOnly asOf,
        Segmentation? by = null, IEnumerable<int>? horizonDays = null, SampleGuard? guard = null, BootstrapOptions? bootstrap = null)
    {
        ArgumentNullException.ThrowIfNull(deals);
        ArgumentNullException.ThrowIfNull(accounts);
        var g = guard ?? SampleGuard.Default;
        var boot = (bootstrap ?? BootstrapOptions.Default) with { Guard = g };
        var groups = Grouping.Deals(deals.Where(d => d.CreatedOn is { } created && created <= asOf), accounts, by);
        var observations = groups.SelectMany(x => x.Members.Select(d => Observation(d, asOf, x.Group))).ToArray();
        var won = CumulativeIncidence.FitGroups(observations, WonCause);
        var lost = CumulativeIncidence.FitGroups(observations, LostCause);
        var labels = won.Select(c => c.Group).ToImmutableArray();
        GrayTestResult? wonTest = null, lostTest = null;
        if (labels.Length >= 2)
        {
            wonTest = GrayTest.Test(observations, WonCause, g.MinEventsPerGroup);
            lostTest = GrayTest.Test(observations, LostCause, g.MinEventsPerGroup);
        }
        double[] DaysOf(int cause, Func<string, bool> inGroup) =>
            [.. observations.Where(o => o.Cause == cause && inGroup(o.Group!)).Select(o => o.Time)];
        var days = labels.Select(l => new DaysToClose(l,
            Bootstrap.Median(DaysOf(WonCause, x => x == l), boot), Bootstrap.Median(DaysOf(LostCause, x => x == l), boot))).ToImmutableArray();
        // Two groups: the first against the second (ICP against non-ICP); more: each group against the rest.
        var comparisons = labels.Length switch
        {
            < 2 => [],
            2 => ImmutableArray.Create(CycleComparison.Of("won", labels[0], labels[1], DaysOf(WonCause, x => x == labels[0]), DaysOf(WonCause, x => x == labels[1]), g, boot)),
            _ => [.. labels.Select(l => CycleComparison.Of("won", l, "the rest", DaysOf(WonCause, x => x == l), DaysOf(WonCause, x => x != l), g, boot))],
        };
        var horizons = (horizonDays ?? [30, 60, 90, 180]).Select(d => (double)d).ToImmutableArray();
        return new SalesCycleResult(Grouping.NameOf(by), observations.Length, won, lost, wonTest, lostTest, days, comparisons, horizons);
    }

    /// <summary>One deal as competing-risks follow-up: days from creation to its close (won = 1, lost = 2) or to as_of (0).</summary>
    internal static CompetingRiskObservation Observation(Deal d, DateOnly asOf, string? group)
    {
        var created = d.CreatedOn ?? throw new ArgumentException($"deal {d.DealId} has no created_on: it has no sales cycle", nameof(d));
        var closed = d.Outcome == DealOutcome.Open ? null : Retention.Later(d.ClosedOn, created);
        bool ended = closed is { } c && c <= asOf;
        var stop = ended ? closed!.Value : asOf;
        int cause = !ended ? 0 : d.Outcome == DealOutcome.Won ? WonCause : LostCause;
        return new CompetingRiskObservation(stop.DayNumber - created.DayNumber, cause, group);
    }
}

/// <summary>Days to close of one group's won and lost deals: medians with bootstrap intervals.</summary>
/// <param name="Group">The group.</param>
/// <param name="Won">Median days from creation to close of won deals, with its interval.</param>
/// <param name="Lost">The same for lost deals.</param>
public sealed record DaysToClose(string Group, BootstrapResult Won, BootstrapResult Lost);

/// <summary>Days to close of one group's deals against another's: medians, their ratio with a bootstrap interval,
/// and the Mann-Whitney test.</summary>
/// <param name="Outcome">"won" or "lost".</param>
/// <param name="Group">The group compared.</param>
/// <param name="Reference">What it is compared with (the other group, or "the rest").</param>
/// <param name="Days">Days to close in the group.</param>
/// <param name="ReferenceDays">Days to close in the reference.</param>
/// <param name="Ratio">Median of the group over median of the reference, with its percentile bootstrap interval.</param>
/// <param name="Test">Mann-Whitney (R's wilcox.test, normal approximation with continuity correction when tied).</param>
public sealed record CycleComparison(string Outcome, string Group, string Reference, ImmutableArray<double> Days,
    ImmutableArray<double> ReferenceDays, BootstrapResult Ratio, MannWhitneyResult Test)
{
    /// <summary>Median days of the group.</summary>
    public double Median => MedianOf(Days);
    /// <summary>Median days of the reference.</summary>
    public double ReferenceMedian => MedianOf(ReferenceDays);

    /// <summary>True when Mann-Whitney was called and its p is below alpha.</summary>
    public bool Differs(double alpha = 0.05) => Test.Check.IsSufficient && Test.PValue < alpha;

    /// <summary>The comparison in words: "won deals of ICP close in a median of 58 days against 88 for non-ICP
    /// (0.66 times as long, 95% CI 0.55-0.80; Mann-Whitney p = 0.001)".</summary>
    public string Words
    {
        get
        {
            if (!Test.Check.IsSufficient)
                return $"{Outcome} deals of {Group} against {Reference}: not enough closed deals to compare ({Test.Check.Reason})";
            var ci = Ratio.Interval.IsDefined
                ? string.Create(CultureInfo.InvariantCulture, $", 95% CI {Format.Number(Ratio.Interval.Lower)}-{Format.Number(Ratio.Interval.Upper)}")
                : "";
            return string.Create(CultureInfo.InvariantCulture,
                $"{Outcome} deals of {Group} close in a median of {Format.Number(Median)} days against {Format.Number(ReferenceMedian)} for {Reference} " +
                $"({Format.Number(Ratio.Estimate)} times as long{ci}; Mann-Whitney {Format.PClause(Test.PValue)}, {Days.Length} against {ReferenceDays.Length} deals)");
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Words;

    internal static CycleComparison Of(string outcome, string group, string reference, double[] days, double[] referenceDays,
        SampleGuard guard, BootstrapOptions boot) =>
        new(outcome, group, reference, [.. days], [.. referenceDays], Bootstrap.RatioOfMedians(days, referenceDays, boot),
            MannWhitney.Test(days, referenceDays, guard: guard));

    private static double MedianOf(ImmutableArray<double> values) =>
        values.IsEmpty ? double.NaN : MathNet.Numerics.Statistics.Statistics.Median(values);
}
