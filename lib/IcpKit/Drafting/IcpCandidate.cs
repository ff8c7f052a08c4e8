using IcpKit.Rendering;
using System.Collections.Immutable;
using System.Globalization;
using IcpKit.Icp;
using IcpKit.Statistics;

namespace IcpKit.Drafting;

/// <summary>One outcome of a candidate against the rest of the accounts.</summary>
/// <remarks>
/// <see cref="Lift"/> uses the shrunk value: the rate pulled toward the overall rate in proportion to how little data it
/// has. Candidates are ranked by evidence (<see cref="IcpCandidate.Score"/>), not by it, and tables show
/// <see cref="RawLift"/>, the lift as measured.
/// </remarks>
/// <param name="Outcome">Which outcome.</param>
/// <param name="N">Observations in the candidate: closed deals, customers (retention), won deals with an amount, or customers followed 30 days (activation).</param>
/// <param name="Value">The candidate's raw value (a rate, or a median amount); NaN when N is 0.</param>
/// <param name="Rest">The same for every account outside the candidate.</param>
/// <param name="Shrunk">The candidate's value after shrinkage toward the overall value.</param>
/// <param name="Lift">Shrunk / the overall value (all accounts); NaN when the outcome cannot be compared (no data, or too little for ACV).</param>
public sealed record OutcomeLift(Outcome Outcome, int N, double Value, double Rest, double Shrunk, double Lift)
{
    /// <summary>The lift before shrinkage: Value / overall value (Shrunk / Lift is the overall value).</summary>
    public double RawLift => IsMeasured ? Value / (Shrunk / Lift) : double.NaN;

    /// <summary>True when the lift could be computed.</summary>
    public bool IsMeasured => double.IsFinite(Lift) && Lift > 0;

    /// <inheritdoc/>
    public override string ToString() => Outcome == Outcome.Acv
        ? string.Create(CultureInfo.InvariantCulture, $"{Outcome}: median {Value:0} vs {Rest:0} (n = {N}), shrunk lift {Format.Number(Lift)}")
        : string.Create(CultureInfo.InvariantCulture, $"{Outcome}: {Format.Percent(Value)} vs {Format.Percent(Rest)} (n = {N}), shrunk lift {Format.Number(Lift)}");
}

/// <summary>A candidate ICP: one to three conditions that an account must all meet, with its support, lifts and test.</summary>
/// <param name="Rank">1 for the strongest evidence.</param>
/// <param name="Conditions">The conditions, as "has" rules, in trait order.</param>
/// <param name="Accounts">Accounts meeting every condition.</param>
/// <param name="Coverage">Accounts / all accounts.</param>
/// <param name="Customers">Customers among them (ever).</param>
/// <param name="WinRate">Win rate of closed deals against the rest.</param>
/// <param name="Retention">Logo retention at the horizon against the rest.</param>
/// <param name="Acv">Median won amount against the rest.</param>
/// <param name="Activation">Activation of customers against the rest.</param>
/// <param name="Score">The evidence that the candidate does better than the rest, as a one-sided z: the weighted
/// combination of its outcomes' tests (<see cref="OutcomeEvidence.Combined"/>) after the factor for values chosen in a
/// multi-value condition (<see cref="Evidence.Penalised"/>). 0 is none; about 2 is suggestive, 3 and more strong.</param>
/// <param name="WinRateTest">The candidate's closed deals against the rest's (two-proportion test); null without closed deals on both sides.</param>
/// <param name="AdjustedP">The test's p-value, Benjamini-Hochberg-adjusted over every candidate searched; NaN when not tested.</param>
public sealed record IcpCandidate(
    int Rank,
    ImmutableArray<IcpRule> Conditions,
    int Accounts,
    double Coverage,
    int Customers,
    OutcomeLift WinRate,
    OutcomeLift Retention,
    OutcomeLift Acv,
    OutcomeLift Activation,
    double Score,
    TwoProportionTest? WinRateTest,
    double AdjustedP)
{
    /// <summary>The conditions in words, joined with "and".</summary>
    public string Description => string.Join(" and ", Conditions.Select(c => c.Describe()));

    /// <summary>The lifts in the order of <see cref="Outcome"/>.</summary>
    public ImmutableArray<OutcomeLift> Lifts => [WinRate, Retention, Acv, Activation];

    /// <summary>True when the win-rate difference survives Benjamini-Hochberg at <paramref name="alpha"/>.</summary>
    public bool IsSignificant(double alpha = 0.05) => AdjustedP < alpha;

    /// <summary>
    /// The candidate as an ICP file: its conditions as "has" rules, each with a note, then <paramref name="extraRules"/>
    /// (exclusions, needs) as given.
    /// </summary>
    /// <param name="name">The ICP's name.</param>
    /// <param name="version">Its version.</param>
    /// <param name="date">When it was written.</param>
    /// <param name="extraRules">More rules, e.g. <see cref="CandidateSearchResult.SuggestedExclusions"/>.</param>
    /// <param name="description">Optional description; by default the candidate's support and lifts in words.</param>
    public IcpDefinition ToIcp(string name, int version, DateOnly date, IEnumerable<IcpRule>? extraRules = null, string? description = null)
    {
        var rules = Conditions.Select(c => c with { Note = c.Note ?? "suggested by icpkit suggest" })
            .Concat(extraRules ?? []);
        return new IcpDefinition(name, version, date, [.. rules], description ?? Summary());
    }

    /// <summary>One line: support, win rate against the rest, adjusted p.</summary>
    public string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"{Accounts} accounts ({Format.Percent(Coverage)}), {Customers} customers; win rate {Format.Percent(WinRate.Value)} vs {Format.Percent(WinRate.Rest)} over {WinRate.N} closed deals ({Format.PClause(AdjustedP, "adjusted p")})");

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"#{Rank} {Description}: {Summary()}, evidence z {Score:0.0}");
}
