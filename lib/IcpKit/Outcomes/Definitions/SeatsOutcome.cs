using IcpKit.Loading;
using IcpKit.Metrics;
using IcpKit.Statistics;

namespace IcpKit.Outcomes.Definitions;

/// <summary>Seats of active customers, headline the mean: the closest measure of expansion in a snapshot.</summary>
public sealed class SeatsOutcome() : OutcomeDefinition(IcpOutcomes.Seats, "Seats per active customer", "active customers",
    EffectKind.MeanRatio, "mean seats of active customers")
{
    /// <inheritdoc/>
    public override string? Note => "the closest measure of expansion in a snapshot";

    /// <inheritdoc/>
    public override OutcomeMeasure Measure(ExportData data, Segmentation? by = null, BootstrapOptions? bootstrap = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var active = data.Accounts.Where(a => a.IsActiveCustomer(data.AsOf) && a.Seats is not null).ToList();
        if (active.Count == 0) return new UnmeasuredOutcome(this, "no seats column or no active customers");
        return new ValuesMeasure(this, ValuesMeasure.Of(Grouping.Accounts(active, by), a => (double)a.Seats!.Value), ValueStatistic.Mean);
    }
}
