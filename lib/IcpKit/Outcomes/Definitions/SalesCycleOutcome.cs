using IcpKit.Loading;
using IcpKit.Metrics;
using IcpKit.Statistics;

namespace IcpKit.Outcomes.Definitions;

/// <summary>
/// Sales cycle: days from creation to close of won deals (<see cref="Metrics.SalesCycle"/>), headline the median,
/// compared as a ratio of medians; the share won over time (a competing-risks curve, Gray's test) goes beside it.
/// </summary>
/// <remarks>Lost deals are not "still possible wins": a time-to-win curve that censored them mixed win chance with speed.</remarks>
public sealed class SalesCycleOutcome() : OutcomeDefinition(IcpOutcomes.SalesCycle, "Sales cycle (days to close, won deals)", "won deals",
    EffectKind.MedianRatio, "median days to close of won deals")
{
    /// <inheritdoc/>
    public override OutcomeMeasure Measure(ExportData data, Segmentation? by = null, BootstrapOptions? bootstrap = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!data.Has(ExportFile.Deals) || data.Deals.IsDefaultOrEmpty) return new UnmeasuredOutcome(this, "no deals.csv");
        return new SalesCycleMeasure(this, Metrics.SalesCycle.Of(data, by, bootstrap: bootstrap));
    }
}
