using IcpKit.Loading;
using IcpKit.Metrics;
using IcpKit.Statistics;

namespace IcpKit.Outcomes.Definitions;

/// <summary>MRR of active customers (customers not churned by as_of with an MRR), headline the mean.</summary>
public sealed class MrrOutcome() : OutcomeDefinition(IcpOutcomes.Mrr, "MRR (active customers)", "active customers",
    EffectKind.MeanRatio, "mean MRR of active customers")
{
    /// <inheritdoc/>
    public override EstimateUnit? ValueUnit => EstimateUnit.Money;

    /// <inheritdoc/>
    public override OutcomeMeasure Measure(ExportData data, Segmentation? by = null, BootstrapOptions? bootstrap = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var active = data.Accounts.Where(a => a.IsActiveCustomer(data.AsOf) && a.Mrr is not null).ToList();
        if (active.Count == 0) return new UnmeasuredOutcome(this, "no mrr column or no active customers");
        return new ValuesMeasure(this, ValuesMeasure.Of(Grouping.Accounts(active, by), a => (double)a.Mrr!.Value), ValueStatistic.Mean);
    }
}
