using System.Collections.Immutable;
using IcpKit.Loading;
using IcpKit.Metrics;
using IcpKit.Statistics;

namespace IcpKit.Outcomes.Definitions;

/// <summary>Usage intensity: events per active week of each customer (no events = 0), headline the mean.</summary>
public sealed class UsageIntensityOutcome() : OutcomeDefinition(IcpOutcomes.UsageIntensity, "Usage intensity (events per active week)", "customers",
    EffectKind.MeanRatio, "mean events per active week of customers")
{
    /// <inheritdoc/>
    public override OutcomeMeasure Measure(ExportData data, Segmentation? by = null, BootstrapOptions? bootstrap = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!data.Has(ExportFile.Events)) return new UnmeasuredOutcome(this, Analysis.Inputs.Check(data, Analysis.Need.Events) ?? "no events.csv");
        var perWeek = Metrics.UsageIntensity.Of(data, by, bootstrap).EventsPerActiveWeek;
        return new ValuesMeasure(this, [.. perWeek.Groups.Select(g => (g.Group, g.Values))], ValueStatistic.Mean);
    }
}
