using IcpKit.Analysis;
using IcpKit.Loading;
using IcpKit.Metrics;
using IcpKit.Statistics;

namespace IcpKit.Outcomes.Definitions;

/// <summary>
/// CAC payback: months for a new customer's margin to repay what acquiring it cost (spend.csv matched to customers by
/// acquisition channel; see <see cref="AcquisitionCost"/>). Shorter is better; compared as a ratio.
/// </summary>
public sealed class CacPaybackOutcome() : OutcomeDefinition(IcpOutcomes.CacPayback, "CAC payback (new customers)", "new customers",
    EffectKind.MeanRatio, "months to pay back the cost of acquiring a customer")
{
    /// <summary>What the export must hold.</summary>
    public const Need Needs = Need.Customers | Need.Spend | Need.AcquisitionChannels;

    /// <inheritdoc/>
    public override string? Note => "shorter is better; CAC = spend ÷ new customers per channel over the months spend.csv covers";

    /// <inheritdoc/>
    public override EstimateUnit? ValueUnit => EstimateUnit.Months;

    /// <inheritdoc/>
    public override OutcomeMeasure Measure(ExportData data, Segmentation? by = null, BootstrapOptions? bootstrap = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (Inputs.Missing(data, Needs) is { } missing) return new UnmeasuredOutcome(this, missing.Reason);
        var cac = AcquisitionCost.Of(data, by, bootstrap is null ? null : bootstrap with { Resamples = Math.Min(bootstrap.Resamples, 1_000) });
        if (cac.Groups.All(g => g.NewCustomers == 0)) return new UnmeasuredOutcome(this, "no customer won in the months spend.csv covers came through a channel with spend");
        return new EstimateMeasure(this, [.. cac.Groups.Select(g => g.PaybackMonths)], HigherIsBetter: false, EstimateUnit.Months);
    }
}
