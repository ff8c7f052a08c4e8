using IcpKit.Loading;
using IcpKit.Metrics;
using IcpKit.Statistics;

namespace IcpKit.Outcomes.Definitions;

/// <summary>Time to value: days from becoming a customer to the first high-value event, headline the median.</summary>
public sealed class TimeToValueOutcome() : OutcomeDefinition(IcpOutcomes.TimeToValue, "Time to first high-value event", "customers",
    EffectKind.HazardRatio, "median days to the first high-value event")
{
    /// <inheritdoc/>
    public override OutcomeMeasure Measure(ExportData data, Segmentation? by = null, BootstrapOptions? bootstrap = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!data.Has(ExportFile.Events) || data.Config.HighValueEvents.IsDefaultOrEmpty)
            return new UnmeasuredOutcome(this, Analysis.Inputs.Check(data, Analysis.Need.Events) ?? "no high_value_events in icpkit.yaml");
        if (!data.Accounts.Any(a => a.IsCustomerAt(data.AsOf))) return new UnmeasuredOutcome(this, "no customers");
        return new SurvivalMeasure(this, Metrics.Activation.TimeToHighValue(data, by), EventIsGood: true, ReadAtDays: null);
    }
}
