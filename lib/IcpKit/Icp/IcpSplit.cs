using System.Collections.Immutable;
using IcpKit.Loading;
using IcpKit.Metrics;
using IcpKit.Model;

namespace IcpKit.Icp;

/// <summary>
/// Which accounts of an export are in the ICP, decided once: the split every step compares (the draft's summary
/// card, the ICP test, scoring, summary.json), so they can never disagree on who is in.
/// </summary>
/// <remarks>
/// An account is in when it meets every rule and no exclusion (<see cref="IcpMatch.InIcp"/>); rules on deal traits are
/// met through its deals (<see cref="IcpDefinition.Match"/>), and deal-level outcomes then count only the deals that meet
/// them (<see cref="Metrics.Segmentation.DealGroupsOf"/>). Usage fields are read
/// from the export's events when it has an events file (an account without events then has zero usage), and are
/// missing when it has none, exactly as <see cref="IcpDefinition.Match"/> is called by scoring.
/// </remarks>
/// <example>
/// <code>
/// var export = Export.Load("data-samples/2026Q3");
/// var icp = IcpDefinition.Load("data-samples/2026Q3/icp.yaml", IcpFields.Catalog(export.Accounts, export.Usage.Values));
/// var split = IcpSplit.Of(export, icp);
/// split.IcpAccounts                                // => 160
/// var win = IcpOutcomes.Get(IcpOutcomes.WinRate).Measure(export, split.Segmentation);
/// </code>
/// </example>
public sealed class IcpSplit
{
    /// <summary>Label of the ICP group.</summary>
    public const string IcpLabel = "ICP";

    /// <summary>Label of every other account.</summary>
    public const string NonIcpLabel = "non-ICP";

    private IcpSplit(IcpDefinition icp, ImmutableHashSet<string> members, int accounts)
    {
        Icp = icp;
        Members = members;
        Accounts = accounts;
        IReadOnlyList<string> inIcp = [IcpLabel], outIcp = [NonIcpLabel];
        Segmentation = Segmentation.InOrOut("icp", a => members.Contains(a.AccountId), IcpLabel, NonIcpLabel);
        if (icp.HasDealRules)
        {
            // Deal-level outcomes judge each deal: in when its account is and it meets the deal rules itself.
            Segmentation = Segmentation with { DealGroupsOf = d => members.Contains(d.AccountId) && icp.MeetsDealRules(d) ? inIcp : outIcp };
        }
    }

    /// <summary>The ICP.</summary>
    public IcpDefinition Icp { get; }

    /// <summary>Ids of the accounts in the ICP.</summary>
    public ImmutableHashSet<string> Members { get; }

    /// <summary>Accounts split (all of the export's).</summary>
    public int Accounts { get; }

    /// <summary>Accounts in the ICP.</summary>
    public int IcpAccounts => Members.Count;

    /// <summary>Accounts outside it.</summary>
    public int NonIcpAccounts => Accounts - IcpAccounts;

    /// <summary>Share of accounts in the ICP; 0 without accounts.</summary>
    public double Coverage => Accounts == 0 ? 0 : (double)IcpAccounts / Accounts;

    /// <summary>Two groups, <see cref="IcpLabel"/> and <see cref="NonIcpLabel"/>, for the metrics engine.</summary>
    public Segmentation Segmentation { get; }

    /// <summary>True when the account is in the ICP.</summary>
    public bool Contains(string accountId) => Members.Contains(accountId);

    /// <summary>"ICP" or "non-ICP".</summary>
    public string LabelOf(string accountId) => Contains(accountId) ? IcpLabel : NonIcpLabel;

    /// <summary>Matches every account of the export against the ICP.</summary>
    public static IcpSplit Of(ExportData export, IcpDefinition icp)
    {
        ArgumentNullException.ThrowIfNull(export);
        ArgumentNullException.ThrowIfNull(icp);
        var hasEvents = export.Has(ExportFile.Events);
        AccountUsage? UsageOf(Account a) => !hasEvents ? null
            : export.Usage.TryGetValue(a.AccountId, out var u) ? u : IcpFields.NoUsage(a.AccountId);
        var deals = icp.HasDealRules ? export.Deals.ToLookup(d => d.AccountId, StringComparer.Ordinal) : null;
        return FromMatches(icp, export.Accounts.Select(a => icp.Match(a, UsageOf(a), deals?[a.AccountId].ToList())));
    }

    /// <summary>The split from matches already made (one per account), e.g. by scoring.</summary>
    public static IcpSplit FromMatches(IcpDefinition icp, IEnumerable<IcpMatch> matches)
    {
        ArgumentNullException.ThrowIfNull(icp);
        ArgumentNullException.ThrowIfNull(matches);
        var list = matches.ToList();
        return new IcpSplit(icp, list.Where(m => m.InIcp).Select(m => m.AccountId).ToImmutableHashSet(StringComparer.Ordinal), list.Count);
    }
}
