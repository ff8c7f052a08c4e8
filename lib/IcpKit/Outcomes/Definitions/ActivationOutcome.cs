using IcpKit.Loading;
using IcpKit.Metrics;
using IcpKit.Statistics;

namespace IcpKit.Outcomes.Definitions;

/// <summary>
/// Activation: share of customers whose first activation event came within 30 days of becoming a customer, among
/// customers followed that long (<see cref="Metrics.Activation.Rate(ExportData, Segmentation?, int, Statistics.SampleGuard?)"/>).
/// </summary>
/// <remarks>
/// "Any activation by as_of" (what the draft search and summary.json used to count) favours old customers, who had
/// longer to activate; a fixed window compares like with like, and recent customers not yet followed 30 days wait.
/// </remarks>
public sealed class ActivationOutcome() : OutcomeDefinition(IcpOutcomes.Activation, "Activation within 30 days (customers)", "customers",
    EffectKind.RateDifference, "customers activated within 30 days")
{
    /// <summary>The activation window in days.</summary>
    public const int WindowDays = Metrics.Activation.DefaultWindowDays;

    /// <inheritdoc/>
    public override OutcomeMeasure Measure(ExportData data, Segmentation? by = null, BootstrapOptions? bootstrap = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!data.Has(ExportFile.Events) || data.Config.ActivationEvents.IsDefaultOrEmpty)
            return new UnmeasuredOutcome(this, Analysis.Inputs.Check(data, Analysis.Need.ActivationEvents) ?? "no events.csv or no activation_events in icpkit.yaml");
        return new RateMeasure(this, Metrics.Activation.Rate(data, by, WindowDays));
    }
}
