using System.Collections.Immutable;
using IcpKit.Icp;
using IcpKit.Loading;
using IcpKit.Model;

namespace IcpKit.PutToWork;

/// <summary>An export scored against an ICP once, so the summary, the grading and the personas agree on who is in.</summary>
internal sealed record ScoredExport(ExportData Export, IcpScores Scores, IcpSplit Split)
{
    /// <summary>Ids of the ICP's accounts.</summary>
    public ImmutableHashSet<string> IcpIds => Split.Members;

    public static ScoredExport Of(ExportData export, IcpDefinition icp)
    {
        ArgumentNullException.ThrowIfNull(export);
        ArgumentNullException.ThrowIfNull(icp);
        var scores = IcpScoring.Score(icp, export);
        // The split is the scoring's matches, so scoring, the summary and the ICP test agree on who is in.
        return new ScoredExport(export, scores, IcpSplit.FromMatches(icp, scores.Accounts.Select(a => a.Match)));
    }

    public bool InIcp(string accountId) => Split.Contains(accountId);

    /// <summary>Closed deals of known accounts, split ICP / the rest.</summary>
    public (IReadOnlyList<Deal> Icp, IReadOnlyList<Deal> Others) ClosedDeals(Func<Deal, bool>? where = null)
    {
        var known = Scores.Accounts.Select(a => a.Account.AccountId).ToHashSet(StringComparer.Ordinal);
        var closed = Export.Deals.Where(d => d.IsClosed && known.Contains(d.AccountId) && (where?.Invoke(d) ?? true)).ToList();
        return ([.. closed.Where(d => InIcp(d.AccountId))], [.. closed.Where(d => !InIcp(d.AccountId))]);
    }
}
