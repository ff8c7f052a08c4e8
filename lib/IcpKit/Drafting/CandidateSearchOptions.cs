using System.Collections.Immutable;
using IcpKit.Model;
using IcpKit.Outcomes;

namespace IcpKit.Drafting;

/// <summary>How much each outcome counts in a candidate's evidence (its score); 0 leaves an outcome out.</summary>
/// <remarks>
/// The evidence is the weighted Stouffer combination of the outcomes' one-sided z statistics,
/// Σ wₖ zₖ / √(Σ wₖ²) (<see cref="OutcomeEvidence.Combined"/>), so only the weights' ratios matter. An outcome the export
/// cannot measure (no events: no activation) drops out of both sums.
/// </remarks>
/// <param name="WinRate">Win rate of closed deals against the rest's.</param>
/// <param name="Retention">Customers still there after 12 months (Kaplan-Meier) against the rest's.</param>
/// <param name="Acv">Median won deal amount against the rest's.</param>
/// <param name="Activation">Share of customers who reached an activation event against the rest's.</param>
public sealed record OutcomeWeights(double WinRate = 1.0, double Retention = 0.5, double Acv = 0.0, double Activation = 0.25)
{
    /// <summary>
    /// Win rate 1, retention 0.5, activation 0.25, ACV 0: the ranking sees the fit outcomes only, and ACV is shown beside
    /// each candidate. Winning leads (it has the most data and is what the search tests); retention and activation
    /// refine. Under these weights a candidate's retention z counts half its win rate's. ACV is mostly company size: weighted in, `employees at least 1001` topped the list on deal size alone in
    /// 17 of 20 generated worlds with no ICP, and replaced a planted condition in 4 of 20 planted ones.
    /// </summary>
    public static OutcomeWeights Default { get; } = new();

    /// <summary>Win rate only: the lift a sales team feels first.</summary>
    public static OutcomeWeights WinRateOnly { get; } = new(1, 0, 0, 0);

    /// <summary>Sum of the weights (at least one must be positive).</summary>
    public double Total => WinRate + Retention + Acv + Activation;

    /// <summary>The weight of one outcome.</summary>
    public double Of(Outcome outcome) => outcome switch
    {
        Outcome.WinRate => WinRate,
        Outcome.Retention => Retention,
        Outcome.Acv => Acv,
        Outcome.Activation => Activation,
        _ => 0,
    };
}

/// <summary>The outcomes a candidate ICP is scored on.</summary>
public enum Outcome
{
    /// <summary>Won / closed deals.</summary>
    WinRate,
    /// <summary>Customers still there 12 months after starting (Kaplan-Meier), as the outcomes module defines retention.</summary>
    Retention,
    /// <summary>Median amount of won deals.</summary>
    Acv,
    /// <summary>Customers activated within 30 days, among those followed that long.</summary>
    Activation,
}

/// <summary>The registered outcome (<see cref="IcpOutcomes"/>) each search outcome is.</summary>
public static class OutcomeIds
{
    /// <summary>The outcome's id in <see cref="IcpOutcomes"/>, e.g. "win_rate": the search measures it by that definition.</summary>
    public static string Id(this Outcome outcome) => outcome switch
    {
        Outcome.WinRate => IcpOutcomes.WinRate,
        Outcome.Retention => IcpOutcomes.Retention,
        Outcome.Acv => IcpOutcomes.Acv,
        _ => IcpOutcomes.Activation,
    };
}

/// <summary>Settings of <see cref="CandidateSearch.Run(IcpKit.Loading.ExportData, CandidateSearchOptions?)"/>: how deep to search, the minimum support, and the score's weights.</summary>
/// <remarks>
/// The seeds: "5 paying customers who look the same is a good sign, 10 or more is very strong". A candidate needs
/// at least <see cref="MinCustomers"/> customers and <see cref="MinAccountShare"/> of the accounts; both only fall
/// as conditions are added, so a pair that misses them is never extended.
/// </remarks>
public sealed record CandidateSearchOptions
{
    /// <summary>Most conditions combined in one candidate (1 to 3). Default 3.</summary>
    public int MaxConditions { get; init; } = 3;

    /// <summary>Least customers a candidate must hold. Default 5.</summary>
    public int MinCustomers { get; init; } = 5;

    /// <summary>Least share of all accounts a candidate must cover. Default 0.03 (60 of 2,000).</summary>
    public double MinAccountShare { get; init; } = 0.03;

    /// <summary>
    /// Most values one multi-value condition (<c>industry in [a, b]</c>) unites: a category trait's values ordered by win
    /// rate, the best 2 to this many together. Default 3; below 2, no multi-value conditions.
    /// </summary>
    public int MaxValuesInList { get; init; } = 3;

    /// <summary>Weights of the outcomes in the score.</summary>
    public OutcomeWeights Weights { get; init; } = OutcomeWeights.Default;

    /// <summary>
    /// Traits never used as conditions. Default plan, mrr and seats: only customers have them, so they would
    /// "predict" winning from its own consequence.
    /// </summary>
    public ImmutableArray<string> ExcludedTraits { get; init; } = [TraitFields.Plan, TraitFields.Mrr, TraitFields.Seats];

    /// <summary>False discovery rate for the Benjamini-Hochberg-adjusted win-rate p-values. Default 0.05.</summary>
    public double Alpha { get; init; } = 0.05;

    /// <summary>Least won deals with an amount, in the candidate and in the rest, to compare ACV. Default 5.</summary>
    public int MinWonDealsForAcv { get; init; } = 5;

    /// <summary>Least closed deals, all lost, for a condition to be suggested as an exclusion without a test. Default 10.</summary>
    public int MinClosedForNeverWon { get; init; } = 10;

    /// <summary>The defaults.</summary>
    public static CandidateSearchOptions Default { get; } = new();

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        if (MaxConditions is < 1 or > 3) throw new ArgumentOutOfRangeException(nameof(MaxConditions), MaxConditions, "a candidate combines 1 to 3 conditions; give 1, 2 or 3");
        if (MinCustomers < 0) throw new ArgumentOutOfRangeException(nameof(MinCustomers), MinCustomers, "the least number of customers a candidate needs cannot be negative");
        if (MinAccountShare is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(MinAccountShare), MinAccountShare, "the least share of accounts a candidate covers is a share from 0 up to (not including) 1, e.g. 0.02");
        if (!(Alpha is > 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, "A level in (0, 1).");
        if (Weights.WinRate < 0 || Weights.Retention < 0 || Weights.Acv < 0 || Weights.Activation < 0 || Weights.Total <= 0)
            throw new ArgumentOutOfRangeException(nameof(Weights), Weights, "Weights must not be negative and at least one must be positive.");
    }
}
