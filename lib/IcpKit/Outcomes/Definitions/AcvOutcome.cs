using IcpKit.Loading;
using IcpKit.Metrics;
using IcpKit.Statistics;
using IcpKit.Model;

namespace IcpKit.Outcomes.Definitions;

/// <summary>
/// ACV: amounts of won deals with an amount above 0, of accounts in the export; headline the median (a few huge
/// deals do not move it), effect the ratio of means.
/// </summary>
public sealed class AcvOutcome() : OutcomeDefinition(IcpOutcomes.Acv, "ACV (won deal amount)", "won deals",
    EffectKind.MeanRatio, "median won deal amount")
{
    /// <inheritdoc/>
    public override OutcomeMeasure Measure(ExportData data, Segmentation? by = null, BootstrapOptions? bootstrap = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var known = data.Accounts.Select(a => a.AccountId).ToHashSet(StringComparer.Ordinal);
        var won = data.Deals.Where(d => d.Outcome == DealOutcome.Won && d.Amount is > 0 && known.Contains(d.AccountId)).ToList();
        if (won.Count == 0) return new UnmeasuredOutcome(this, "no won deals with an amount");
        return new ValuesMeasure(this, ValuesMeasure.Of(Grouping.ByAccount(won, d => d.AccountId, data.Accounts, by), d => (double)d.Amount!.Value),
            ValueStatistic.Median);
    }
}
