using System.Collections.Immutable;
using IcpKit.Loading;
using IcpKit.Metrics;
using IcpKit.Statistics;
using IcpKit.Model;

namespace IcpKit.Outcomes.Definitions;

/// <summary>Win rate: won of closed deals, counting the deals of accounts in the export.</summary>
/// <remarks>
/// A deal whose account is not in accounts.csv cannot be placed in or out of the ICP, so it is in no group (it used to
/// count as non-ICP in the ICP test while the summary card left it out). Validation reports such deals.
/// </remarks>
public sealed class WinRateOutcome() : OutcomeDefinition(IcpOutcomes.WinRate, "Win rate (closed deals)", "closed deals",
    EffectKind.RateDifference, "win rate of closed deals")
{
    /// <inheritdoc/>
    public override OutcomeMeasure Measure(ExportData data, Segmentation? by = null, BootstrapOptions? bootstrap = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        // No deals, none accepted or none closed: a win rate of nothing is not measurable, not 0%; the words name the mapping key.
        if (Analysis.Inputs.Check(data, Analysis.Need.ClosedDeals) is { } why) return new UnmeasuredOutcome(this, why);
        var known = data.Accounts.Select(a => a.AccountId).ToHashSet(StringComparer.Ordinal);
        var closed = data.Deals.Where(d => d.IsClosed && known.Contains(d.AccountId));
        var groups = Grouping.Deals(closed, data.Accounts, by);
        // Deals of one account share its budget, fit and rep: the account is the cluster a comparison must respect.
        var clusters = groups.ToImmutableDictionary(g => g.Group, g => g.Members.GroupBy(d => d.AccountId, StringComparer.Ordinal)
            .Select(a => (a.Count(d => d.Outcome == DealOutcome.Won), a.Count())).ToImmutableArray(), StringComparer.Ordinal);
        return new RateMeasure(this, RateComparison.Of("win rate", Grouping.NameOf(by),
            [.. groups.Select(g => (g.Group, (IReadOnlyList<(string, bool)>)[.. g.Members.Select(d => (d.DealId, d.Outcome == DealOutcome.Won))]))],
            "closed deals of accounts in the export", guard: null))
        { Clusters = clusters, ClusterUnit = "account" };
    }
}
