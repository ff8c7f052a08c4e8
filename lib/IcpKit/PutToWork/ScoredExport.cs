using System.Collections.Immutable;
using IcpKit.Icp;
using IcpKit.Loading;
using IcpKit.Model;

namespace IcpKit.PutToWork;

/// <summary>An export scored against an ICP once, so the summary, the grading and the personas agree on who is in.</summary>
internal sealed record ScoredExport(ExportData Export, IcpScores Scores, ImmutableHashSet<string> IcpIds)
{
    public static ScoredExport Of(ExportData export, IcpDefinition icp)
    {
        ArgumentNullException.ThrowIfNull(export);
        ArgumentNullException.ThrowIfNull(icp);
        var scores = IcpScoring.Score(icp, export);
        return new ScoredExport(export, scores,
            scores.Accounts.Where(a => a.Match.InIcp).Select(a => a.Account.AccountId).ToImmutableHashSet(StringComparer.Ordinal));
    }

    public bool InIcp(string accountId) => IcpIds.Contains(accountId);

    /// <summary>Closed deals of known accounts, split ICP / the rest.</summary>
    public (IReadOnlyList<Deal> Icp, IReadOnlyList<Deal> Others) ClosedDeals(Func<Deal, bool>? where = null)
    {
        var known = Scores.Accounts.Select(a => a.Account.AccountId).ToHashSet(StringComparer.Ordinal);
        var closed = Export.Deals.Where(d => d.IsClosed && known.Contains(d.AccountId) && (where?.Invoke(d) ?? true)).ToList();
        return ([.. closed.Where(d => InIcp(d.AccountId))], [.. closed.Where(d => !InIcp(d.AccountId))]);
    }
}
