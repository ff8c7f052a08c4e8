using IcpKit.Analysis;
using IcpKit.Loading;
using IcpKit.Metrics;
using IcpKit.Statistics;

namespace IcpKit.Outcomes.Definitions;

/// <summary>
/// Lifetime value over the configured horizon (icpkit.yaml <c>value:</c>): from each customer's real revenue path when
/// mrr_history.csv is there, else restricted mean months as a customer × mean MRR; × gross margin. Compared as a ratio.
/// </summary>
public sealed class LifetimeValueOutcome() : OutcomeDefinition(IcpOutcomes.LifetimeValue, "Lifetime value (customers)", "customers",
    EffectKind.MeanRatio, "lifetime value per customer over the horizon")
{
    /// <summary>What the export must hold: the revenue path, or churn dates and MRR for the curve.</summary>
    public static Need Needs(ExportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data.MrrHistory.IsEmpty ? Need.Customers | Need.ChurnDates | Need.Mrr : Need.Customers | Need.MrrHistory;
    }

    /// <inheritdoc/>
    public override string? Note => "a restricted mean over the horizon in icpkit.yaml value.horizon_months (24 by default), × value.gross_margin";

    /// <inheritdoc/>
    public override EstimateUnit? ValueUnit => EstimateUnit.Money;

    /// <inheritdoc/>
    public override OutcomeMeasure Measure(ExportData data, Segmentation? by = null, BootstrapOptions? bootstrap = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (Inputs.Missing(data, Needs(data)) is { } missing) return new UnmeasuredOutcome(this, missing.Reason);
        var ltv = LifetimeValue.Of(data, by, bootstrap is null ? null : bootstrap with { Resamples = Math.Min(bootstrap.Resamples, 1_000) });
        return new EstimateMeasure(this, [.. ltv.Groups.Select(g => g.Value)], HigherIsBetter: true, EstimateUnit.Money);
    }
}
