using System.Collections.Immutable;
using IcpKit.Outcomes.Definitions;

namespace IcpKit.Outcomes;

/// <summary>The registered outcomes an ICP is judged on: their ids, and one definition each.</summary>
/// <remarks>
/// To add an outcome: write its definition (one file in <c>Outcomes/Definitions</c>), give it an id here and add it to
/// <see cref="Definitions"/>. The ICP test compares it by its <see cref="EffectKind"/>, lists it in that order, and
/// adjusts its p-value with the others.
/// </remarks>
public static class IcpOutcomes
{
    /// <summary>Win rate of closed deals.</summary>
    public const string WinRate = "win_rate";
    /// <summary>Days from a deal's creation to its win.</summary>
    public const string SalesCycle = "sales_cycle";
    /// <summary>Customers activated within 30 days.</summary>
    public const string Activation = "activation";
    /// <summary>Days to the first high-value event.</summary>
    public const string TimeToValue = "time_to_value";
    /// <summary>Customers still there after 12 months (Kaplan-Meier).</summary>
    public const string Retention = "retention";
    /// <summary>Events per active week.</summary>
    public const string UsageIntensity = "usage_intensity";
    /// <summary>Net promoter score.</summary>
    public const string Nps = "nps";
    /// <summary>Share answering "very disappointed".</summary>
    public const string Pmf = "pmf_very_disappointed";
    /// <summary>Won deal amount.</summary>
    public const string Acv = "acv";
    /// <summary>MRR of active customers.</summary>
    public const string Mrr = "mrr";
    /// <summary>Seats of active customers.</summary>
    public const string Seats = "seats";
    /// <summary>Net revenue retention over 12 months (needs mrr_history.csv).</summary>
    public const string NetRevenueRetention = "net_revenue_retention";
    /// <summary>Lifetime value over the configured horizon.</summary>
    public const string LifetimeValue = "lifetime_value";
    /// <summary>Months to pay back the cost of acquiring a customer (needs spend.csv).</summary>
    public const string CacPayback = "cac_payback";

    /// <summary>Every outcome's definition, in the order results list them.</summary>
    public static ImmutableArray<OutcomeDefinition> Definitions { get; } =
    [
        new WinRateOutcome(), new SalesCycleOutcome(), new ActivationOutcome(), new TimeToValueOutcome(), new RetentionOutcome(),
        new UsageIntensityOutcome(), new NpsOutcome(), new PmfOutcome(), new AcvOutcome(), new MrrOutcome(), new SeatsOutcome(),
        new NetRevenueRetentionOutcome(), new LifetimeValueOutcome(), new CacPaybackOutcome(),
    ];

    /// <summary>Every outcome id, in the order results list them.</summary>
    public static ImmutableArray<string> All { get; } = [.. Definitions.Select(d => d.Id)];

    /// <summary>The definition of one outcome.</summary>
    /// <exception cref="KeyNotFoundException">No outcome has that id.</exception>
    public static OutcomeDefinition Get(string id) => Definitions.FirstOrDefault(d => d.Id == id)
        ?? throw new KeyNotFoundException($"no outcome '{id}' (known: {string.Join(", ", All)})");
}
