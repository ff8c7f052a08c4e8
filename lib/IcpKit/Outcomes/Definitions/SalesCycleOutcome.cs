using IcpKit.Loading;
using IcpKit.Metrics;

namespace IcpKit.Outcomes.Definitions;

/// <summary>Sales cycle: days from a deal's creation to its win (<see cref="Metrics.SalesCycle"/>), headline the median.</summary>
public sealed class SalesCycleOutcome() : OutcomeDefinition(IcpOutcomes.SalesCycle, "Sales cycle (days to win)", "deals",
    EffectKind.HazardRatio, "median days from deal created to won")
{
    /// <inheritdoc/>
    public override string? Note => "lost deals censored at their close date, open deals at the as-of date";

    /// <inheritdoc/>
    public override OutcomeMeasure Measure(ExportData data, Segmentation? by = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!data.Has(ExportFile.Deals) || data.Deals.IsDefaultOrEmpty) return new UnmeasuredOutcome(this, "no deals.csv");
        return new SurvivalMeasure(this, Metrics.SalesCycle.Of(data, by), EventIsGood: true, ReadAtDays: null);
    }
}
