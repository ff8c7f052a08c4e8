using IcpKit.Loading;
using IcpKit.Metrics;
using IcpKit.Statistics;
using IcpKit.Model;

namespace IcpKit.Outcomes.Definitions;

/// <summary>
/// ACV: amounts of won deals with an amount, zeros included, of accounts in the export; headline the median (a few huge
/// deals do not move it), effect the ratio of means.
/// </summary>
/// <remarks>
/// A won deal at 0 is a real deal (a free pilot, a partner seat) and counts: 797 zeros among 842 won deals give a median
/// of 0, not the 50,000 of the 45 paid ones. A blank amount is missing, not zero, and leaves the deal out. Every step
/// (the search's ACV lift, the card, the ICP test, summary.json, <c>suggest</c>) reads this one rule.
/// </remarks>
public sealed class AcvOutcome() : OutcomeDefinition(IcpOutcomes.Acv, "ACV (won deal amount)", "won deals",
    EffectKind.MeanRatio, "median won deal amount")
{
    /// <inheritdoc/>
    public override EstimateUnit? ValueUnit => EstimateUnit.Money;

    /// <inheritdoc/>
    public override OutcomeMeasure Measure(ExportData data, Segmentation? by = null, BootstrapOptions? bootstrap = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var known = data.Accounts.Select(a => a.AccountId).ToHashSet(StringComparer.Ordinal);
        var won = data.Deals.Where(d => d.Outcome == DealOutcome.Won && d.Amount is not null && known.Contains(d.AccountId)).ToList();
        if (won.Count == 0) return new UnmeasuredOutcome(this, "no won deals with an amount");
        return new ValuesMeasure(this, ValuesMeasure.Of(Grouping.Deals(won, data.Accounts, by), d => (double)d.Amount!.Value),
            ValueStatistic.Median);
    }
}
