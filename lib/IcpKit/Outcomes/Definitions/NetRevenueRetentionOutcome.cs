using IcpKit.Analysis;
using IcpKit.Loading;
using IcpKit.Metrics;
using IcpKit.Statistics;

namespace IcpKit.Outcomes.Definitions;

/// <summary>
/// Net revenue retention over 12 months (expansion minus contraction and churn) from mrr_history.csv; it replaces the
/// old "expansion" row, which a snapshot could never measure. Compared as a ratio.
/// </summary>
public sealed class NetRevenueRetentionOutcome() : OutcomeDefinition(IcpOutcomes.NetRevenueRetention, "Net revenue retention (12 months)", "customers",
    EffectKind.MeanRatio, "MRR 12 months after starting, against the first month")
{
    /// <summary>Months between the two MRRs compared.</summary>
    public const int Months = 12;

    /// <inheritdoc/>
    public override bool IsRate => true;

    /// <inheritdoc/>
    public override OutcomeMeasure Measure(ExportData data, Segmentation? by = null, BootstrapOptions? bootstrap = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (Inputs.Missing(data, Need.Customers | Need.MrrHistory) is { } missing)
            return new UnmeasuredOutcome(this, missing.Reason + "; one MRR per account is a snapshot, so expansion and contraction cannot be seen");
        var nrr = NetRevenueRetention.Of(data, by, Months, bootstrap is null ? null : bootstrap with { Resamples = Math.Min(bootstrap.Resamples, 1_000) });
        if (nrr.Groups.IsEmpty) return new UnmeasuredOutcome(this, "no customer in mrr_history has been paying for 12 months yet");
        return new EstimateMeasure(this, [.. nrr.Groups.Select(g => g.Nrr)], HigherIsBetter: true, EstimateUnit.Share);
    }
}
