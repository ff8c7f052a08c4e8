using IcpKit.Loading;
using IcpKit.Metrics;
using IcpKit.Statistics;

namespace IcpKit.Outcomes.Definitions;

/// <summary>Expansion (seat or MRR growth): not measurable from one snapshot, listed so reports say so.</summary>
public sealed class ExpansionOutcome() : OutcomeDefinition(IcpOutcomes.Expansion, "Expansion (seat or MRR growth)", "customers",
    EffectKind.None, "seat or MRR growth")
{
    /// <inheritdoc/>
    public override OutcomeMeasure Measure(ExportData data, Segmentation? by = null, BootstrapOptions? bootstrap = null) => new UnmeasuredOutcome(this,
        "not measurable from this export: the snapshot holds today's seats and MRR, not their history; compare two quarters' exports, or see seats per customer");
}
