using System.Collections.Immutable;

namespace IcpKit.Model;

/// <summary>How a deal ended, or that it has not.</summary>
public enum DealOutcome
{
    /// <summary>Still in the pipeline: never counted as a loss.</summary>
    Open,
    /// <summary>Closed won.</summary>
    Won,
    /// <summary>Closed lost.</summary>
    Lost,
}

/// <summary>One row of deals.csv after mapping and validation.</summary>
public sealed record Deal
{
    /// <summary>Unique id.</summary>
    public required string DealId { get; init; }
    /// <summary>The account the deal is with.</summary>
    public required string AccountId { get; init; }
    /// <summary>When the deal was created (engaged); null when the export has no date for it.</summary>
    /// <remarks>
    /// A deal without one still counts in win rates and the funnel; analyses that measure from creation (the sales
    /// cycle, when an account entered the pipeline) leave it out, and validation says how many were.
    /// </remarks>
    public DateOnly? CreatedOn { get; init; }
    /// <summary>Close date; present for won and lost deals.</summary>
    public DateOnly? ClosedOn { get; init; }
    /// <summary>Furthest funnel stage reached, as named in the project's stage order.</summary>
    public required string Stage { get; init; }
    /// <summary>Position of <see cref="Stage"/> in the funnel order (0 = first); -1 when the stage is not in the order.</summary>
    public int StageIndex { get; init; }
    /// <summary>Won, lost or still open.</summary>
    public required DealOutcome Outcome { get; init; }
    /// <summary>Deal value (ACV); null when blank, zero when the deal was free (a pilot).</summary>
    public decimal? Amount { get; init; }
    /// <summary>Why a lost deal was lost, as the CRM names it.</summary>
    public string? LossReason { get; init; }
    /// <summary>Lead source, e.g. outbound, inbound, referral, warm_intro, investor_intro, partner.</summary>
    public string? Source { get; init; }
    /// <summary>Line in the source file (1-based, header is line 1); 0 when generated in memory or read from SQL.</summary>
    public int SourceLine { get; init; }
    /// <summary>
    /// Deal traits: the deals table's columns outside the contract (product, sales team, a joined team region), typed by
    /// the same inference as the accounts' extra columns, keyed by trait name (<c>deal.product</c>); missing values left out.
    /// </summary>
    public ImmutableDictionary<string, TraitValue> Extras { get; init; } = ImmutableDictionary<string, TraitValue>.Empty;

    /// <summary>Prefix of every deal trait's name, so <c>deal.region</c> (the sales team's) never shadows the account's <c>region</c>.</summary>
    public const string TraitPrefix = "deal.";

    /// <summary>True when <paramref name="field"/> names a deal trait (starts with <see cref="TraitPrefix"/>).</summary>
    public static bool IsDealTrait(string field) => field.StartsWith(TraitPrefix, StringComparison.Ordinal);

    /// <summary>The value of a deal trait by name (<c>deal.product</c>); <see cref="TraitValue.Missing"/> when absent or unknown.</summary>
    public TraitValue Trait(string field) => Extras.TryGetValue(field, out var v) ? v : TraitValue.Missing;

    /// <summary>True for won and lost deals.</summary>
    public bool IsClosed => Outcome != DealOutcome.Open;
}
