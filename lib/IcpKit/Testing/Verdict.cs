using IcpKit.Rendering;
using System.Collections.Immutable;
using System.Globalization;
using IcpKit.Outcomes;
using IcpKit.Statistics;

namespace IcpKit.Testing;

/// <summary>What the data say about an ICP, per outcome and overall.</summary>
public enum Verdict
{
    /// <summary>Better for the ICP, significantly after adjustment, by at least the minimum effect.</summary>
    Holds,
    /// <summary>Too little data to tell; the result says how much more is needed.</summary>
    NotProvenYet,
    /// <summary>Covers too many accounts, or the difference is too small to matter.</summary>
    TooBroad,
    /// <summary>Significantly worse for the ICP.</summary>
    Wrong,
    /// <summary>The export has nothing to measure this outcome with.</summary>
    NotMeasurable,
}

/// <summary>Plain words and helpers for <see cref="Verdict"/>.</summary>
public static class Verdicts
{
    /// <summary>"holds", "not proven yet", "too broad", "wrong" or "not measurable".</summary>
    public static string Words(this Verdict verdict) => verdict switch
    {
        Verdict.Holds => "holds",
        Verdict.NotProvenYet => "not proven yet",
        Verdict.TooBroad => "too broad",
        Verdict.Wrong => "wrong",
        _ => "not measurable",
    };

    /// <summary>What to do next, in one sentence per verdict.</summary>
    public static string NextStep(this Verdict verdict) => verdict switch
    {
        Verdict.Holds => "Put it to work: score the pipeline and aim campaigns at ICP accounts (notebook 05); rerun the test every quarter.",
        Verdict.NotProvenYet => "Keep the ICP as a hypothesis: run a targeted campaign big enough to reach the numbers needed, then rerun this test.",
        Verdict.TooBroad => "Narrow it: add a condition (a trait or usage signal from notebooks 01-03) so the ICP names fewer accounts that differ more.",
        Verdict.Wrong => "Drop or rewrite it: the ICP accounts do worse than the rest; go back to notebook 03 and draft again.",
        _ => "Export the data this outcome needs (see docs/data-contract.md) to measure it.",
    };

    /// <summary>
    /// The verdict of one outcome from its test: significant and better by at least the minimum effect holds;
    /// significant and better but smaller is too broad; significant and worse is wrong; not significant is too broad
    /// when the whole interval lies within the minimum effect (the difference is known to be negligible), else not
    /// proven yet.
    /// </summary>
    /// <param name="measurable">False when the export cannot measure the outcome.</param>
    /// <param name="adjustedP">Adjusted p-value; NaN when the sample guard refused to test.</param>
    /// <param name="scaled">The effect in units of the minimum effect, oriented so positive is better for the ICP.</param>
    /// <param name="scaledLower">Lower end of its interval (same scale and orientation).</param>
    /// <param name="scaledUpper">Upper end.</param>
    /// <param name="alpha">Significance level.</param>
    /// <example>adjusted p 0.001, scaled 2.4 [1.5, 3.3]: holds. Adjusted p 0.4, interval [-0.3, 0.6]: too broad.
    /// Adjusted p 0.001 but interval [-0.1, 2.2]: not proven yet (the test and the interval disagree).</example>
    public static Verdict Decide(bool measurable, double adjustedP, double scaled, double scaledLower, double scaledUpper, double alpha)
    {
        if (!measurable) return Verdict.NotMeasurable;
        if (double.IsNaN(adjustedP) || double.IsNaN(scaled)) return Verdict.NotProvenYet;
        // A rank test can be significant while the interval of a ratio of means still holds "no difference": call a
        // difference only when both agree, so a verdict never contradicts the interval shown beside it.
        var straddles = scaledLower <= 0 && scaledUpper >= 0;
        if (adjustedP < alpha && !straddles)
        {
            if (scaled < 0) return Verdict.Wrong;
            return scaled >= 1 ? Verdict.Holds : Verdict.TooBroad;
        }
        return scaledLower > -1 && scaledUpper < 1 ? Verdict.TooBroad : Verdict.NotProvenYet;
    }

    /// <summary>
    /// The overall verdict: too broad when coverage is above the maximum; wrong when a primary outcome is wrong; holds when
    /// every primary outcome is better on its own one-sided test at alpha (<see cref="HoldsOnItsOwn"/>); too broad when a primary already shows a difference too small to matter, whatever the
    /// coverage (its 90% interval's upper end is below the minimum effect, <see cref="TooSmall"/>, so it can never hold; a primary whose interval lies
    /// inside the negligible band is the plainest case); not proven yet when a meaningful effect is still possible on every
    /// primary not yet decided; too broad otherwise.
    /// </summary>
    /// <remarks>Coverage alone does not make "too broad": an ICP covering 35% whose win rate is known to differ by less than
    /// the minimum is too broad, and it says so instead of asking for more data that could not make it hold.
    /// Example: win rate +1.2 points [-0.8, 3.2] (scaled [-0.16, 0.64] for a 5-point minimum) and retention not proven yet:
    /// too broad. Win rate +2 points [-1.0, 6.0]: 6 points is still possible, so not proven yet. A small estimate alone is
    /// not enough, however well powered the test: with the true effect exactly at the minimum, the estimate falls below it
    /// half the time, while the 90% interval's upper end falls below it 5% of the time (Schuirmann's one-sided test at 5%).</remarks>
    /// <param name="coverage">Share of accounts in the ICP.</param>
    /// <param name="primaries">The primary outcomes' comparisons.</param>
    /// <param name="maxCoverage">Largest share an ICP may cover.</param>
    /// <param name="alpha">Significance level of the intersection-union test behind "holds".</param>
    public static Verdict Overall(double coverage, IEnumerable<OutcomeComparison> primaries, double maxCoverage, double alpha = 0.05)
    {
        ArgumentNullException.ThrowIfNull(primaries);
        var list = primaries.ToList();
        if (coverage > maxCoverage) return Verdict.TooBroad;
        // "Wrong" is a union claim (some primary is worse): it reads the rows, Holm-adjusted within the primaries.
        if (list.Any(o => o.Verdict == Verdict.Wrong)) return Verdict.Wrong;
        if (list.Count > 0 && list.All(o => HoldsOnItsOwn(o, alpha))) return Verdict.Holds;
        if (TooSmall(list).Any()) return Verdict.TooBroad;
        if (list.Count == 0 || list.Any(o => o.Verdict is Verdict.NotProvenYet or Verdict.NotMeasurable)) return Verdict.NotProvenYet;
        return Verdict.TooBroad;
    }

    /// <summary>The primaries that already show a difference too small to matter: measured, with a 90% interval whose upper end
    /// is below the minimum effect (scaled below 1): Schuirmann's (1987) one-sided test at 5% that the effect is below the
    /// minimum, the half of his two one-sided tests for equivalence that matters here (a significantly worse ICP is "wrong").</summary>
    public static IEnumerable<OutcomeComparison> TooSmall(IEnumerable<OutcomeComparison> primaries)
    {
        ArgumentNullException.ThrowIfNull(primaries);
        return primaries.Where(o => o.Verdict != Verdict.NotMeasurable && !double.IsNaN(o.Scaled)
            && o.ScaledInterval.IsDefined && Upper90(o) < 1);
    }

    /// <summary>
    /// "Holds" for the overall verdict: the outcome is better for the ICP on a one-sided test at <paramref name="alpha"/> (its
    /// raw two-sided p-value halved, the tests behind the primaries being symmetric), by at least the minimum, with the lower
    /// end of its 90% interval above no difference (<see cref="Lower90"/>, the same one-sided test read off the interval).
    /// "The ICP does better" is a directional claim, so its test is one-sided; and the overall "holds" needs every primary to
    /// pass its own: an intersection-union test, whose chance of a false "holds" is at most alpha with no adjustment among
    /// the primaries (Berger 1982, Technometrics 24:295-300). A two-sided test at alpha would spend half of that on the side
    /// "holds" never claims.
    /// </summary>
    /// <example>Two-sided p 0.08 for an estimate 1.4 times the minimum, 95% interval [-0.15, 2.95]: one-sided p 0.04, the 90%
    /// interval's lower end 1.4 - 1.55 x 1.645/1.960 = 0.10, so it holds at 5%. Two-sided p 0.12: it does not.</example>
    public static bool HoldsOnItsOwn(OutcomeComparison outcome, double alpha)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Verdict == Verdict.Holds) return true;
        if (outcome.Verdict == Verdict.NotMeasurable || double.IsNaN(outcome.PValue) || double.IsNaN(outcome.Scaled)
            || !outcome.ScaledInterval.IsDefined) return false;
        return outcome.Scaled >= 1 && outcome.PValue / 2 < alpha && Lower90(outcome) > 0;
    }

    /// <summary>The lower end of the effect's 90% interval (scaled), read off the 95% interval as <see cref="Upper90"/> reads
    /// the upper end: above 0, the one-sided test at 5% that the ICP is better rejects.</summary>
    public static double Lower90(OutcomeComparison outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Scaled - (outcome.Scaled - outcome.ScaledInterval.Lower) * Z95OverZ975;
    }

    /// <summary>The upper end of the effect's 90% interval (scaled): Schuirmann's two one-sided tests at 5% claim "smaller than
    /// the minimum" when it lies below 1. Read off the 95% interval as estimate + (upper - estimate) x z(0.95)/z(0.975), exact
    /// for the primaries' Wald intervals (symmetric in the scaled units: a rate difference, a log hazard ratio).</summary>
    public static double Upper90(OutcomeComparison outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Scaled + (outcome.ScaledInterval.Upper - outcome.Scaled) * Z95OverZ975;
    }

    // z(0.95) / z(0.975): a 95% Wald interval's half-width times this is the 90% interval's.
    internal const double Z95OverZ975 = 1.6448536269514722 / 1.959963984540054;
}

/// <summary>One outcome compared between ICP and non-ICP accounts, with its verdict.</summary>
/// <param name="Id">Outcome id, e.g. "win_rate" (see <see cref="IcpOutcomes"/>).</param>
/// <param name="Title">Plain name, e.g. "Win rate (closed deals)".</param>
/// <param name="Unit">What is counted, e.g. "closed deals", "customers", "responses".</param>
/// <param name="Kind">How the effect is measured.</param>
/// <param name="Primary">Whether the overall verdict depends on it.</param>
/// <param name="NIcp">ICP units measured.</param>
/// <param name="NNonIcp">Non-ICP units measured.</param>
/// <param name="IcpValue">The ICP's value in words, e.g. "63.2%" or "median 33 days".</param>
/// <param name="NonIcpValue">The non-ICP value in words.</param>
/// <param name="Effect">The effect: rate difference, hazard ratio, ratio of means or NPS difference.</param>
/// <param name="Interval">Its 95% confidence interval.</param>
/// <param name="PValue">Raw two-sided p-value; NaN when not tested.</param>
/// <param name="AdjustedPValue">Adjusted across the outcomes; NaN when not tested.</param>
/// <param name="Scaled">The effect in units of the minimum effect that matters, positive = better for the ICP.</param>
/// <param name="ScaledInterval">The interval on the same scale.</param>
/// <param name="Verdict">The verdict.</param>
/// <param name="Reason">Why, in plain words.</param>
/// <param name="MoreNeeded">For "not proven yet": how many more units (of <paramref name="Unit"/>) a test at the configured power needs.</param>
/// <param name="MoreAccountsNeeded">The same translated into accounts, at the ICP's observed units per account.</param>
/// <param name="Note">Extra context (benchmark, retention at months, what is not measurable).</param>
public sealed record OutcomeComparison(
    string Id, string Title, string Unit, EffectKind Kind, bool Primary,
    int NIcp, int NNonIcp, string IcpValue, string NonIcpValue,
    double Effect, ConfidenceInterval Interval, double PValue, double AdjustedPValue,
    double Scaled, ConfidenceInterval ScaledInterval,
    Verdict Verdict, string Reason, int? MoreNeeded, int? MoreAccountsNeeded, string? Note)
{
    /// <summary>The ICP's headline value as a number, as the outcome's definition reads it (a share, days, an amount); NaN when not measured.</summary>
    public double IcpEstimate { get; init; } = double.NaN;

    /// <summary>The non-ICP headline value as a number; NaN when not measured.</summary>
    public double NonIcpEstimate { get; init; } = double.NaN;

    /// <summary>The effect and interval in words, e.g. "+43.1 pts [36.0, 50.2]" or "HR 0.31 [0.22, 0.43]".</summary>
    /// <remarks>An estimate without an interval (too few values to bootstrap) reads "x0.29 (no interval)", never "[NaN, NaN]".</remarks>
    public string EffectText => Kind switch
    {
        EffectKind.None => "",
        _ when !double.IsFinite(Effect) => Format.TooFew,
        _ => Estimate(Effect) + " " + Format.Interval(Interval.Lower, Interval.Upper, Bound),
    };

    /// <summary>The effect's 90% interval: the two one-sided tests at 5% behind a primary's "holds" and "too broad". Read off
    /// the 95% interval on the scale where the primaries' Wald intervals are symmetric (log for ratios, else as is).</summary>
    public ConfidenceInterval Interval90
    {
        get
        {
            if (!Interval.IsDefined || !double.IsFinite(Effect)) return ConfidenceInterval.Undefined(0.90);
            const double r = Verdicts.Z95OverZ975;
            if (Kind is EffectKind.HazardRatio or EffectKind.MeanRatio or EffectKind.MedianRatio)
            {
                if (!(Effect > 0 && Interval.Lower > 0)) return ConfidenceInterval.Undefined(0.90);
                double e = Math.Log(Effect);
                return new ConfidenceInterval(Math.Exp(e - (e - Math.Log(Interval.Lower)) * r), Math.Exp(e + (Math.Log(Interval.Upper) - e) * r), 0.90);
            }
            return new ConfidenceInterval(Effect - (Effect - Interval.Lower) * r, Effect + (Interval.Upper - Effect) * r, 0.90);
        }
    }

    /// <summary>An interval of this outcome's effect in its words, e.g. "[0.34, 0.92]" for a hazard ratio.</summary>
    public string IntervalText(ConfidenceInterval interval) => Format.Interval(interval.Lower, interval.Upper, Bound);

    private string Estimate(double v) => Kind switch
    {
        EffectKind.RateDifference => string.Create(CultureInfo.InvariantCulture, $"{v * 100:+0.0;-0.0;0.0} pts"),
        EffectKind.HazardRatio => string.Create(CultureInfo.InvariantCulture, $"HR {v:0.00}"),
        EffectKind.MeanRatio or EffectKind.MedianRatio => string.Create(CultureInfo.InvariantCulture, $"x{v:0.00}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{v:+0.0;-0.0;0.0} pts"),
    };

    private string Bound(double v) => Kind switch
    {
        EffectKind.RateDifference => (v * 100).ToString("0.0", CultureInfo.InvariantCulture),
        EffectKind.HazardRatio or EffectKind.MeanRatio or EffectKind.MedianRatio => v.ToString("0.00", CultureInfo.InvariantCulture),
        _ => v.ToString("0.0", CultureInfo.InvariantCulture),
    };

    /// <summary>The adjusted p-value in words ("not tested" when not tested).</summary>
    public string AdjustedPText => Format.P(AdjustedPValue);

    /// <summary>One line: title, values, effect, n, adjusted p and verdict.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Title}: ICP {IcpValue} vs {NonIcpValue}, {EffectText}, n = {NIcp}/{NNonIcp}, adjusted p {AdjustedPText}: {Verdict.Words()} ({Reason})");
}
