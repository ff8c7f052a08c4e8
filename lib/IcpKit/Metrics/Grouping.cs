using System.Collections.Immutable;
using IcpKit.Model;

namespace IcpKit.Metrics;

/// <summary>Splits items into the groups of an optional <see cref="Segmentation"/>; without one everything is "all".</summary>
internal static class Grouping
{
    /// <summary>The single group's label when no segmentation is given.</summary>
    public const string All = "all";

    /// <summary>The segmentation's name, or "all".</summary>
    public static string NameOf(Segmentation? by) => by?.Name ?? All;

    /// <summary>Groups of accounts in ordinal order (an account may sit in several groups of a list trait).</summary>
    public static ImmutableArray<(string Group, ImmutableArray<Account> Members)> Accounts(IEnumerable<Account> accounts, Segmentation? by)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        if (by is null)
        {
            return [(All, [.. accounts])];
        }
        return [.. by.Split(accounts).Select(kv => (kv.Key, kv.Value))];
    }

    /// <summary>Items grouped by a function returning each item's groups, groups in ordinal order.</summary>
    public static ImmutableArray<(string Group, ImmutableArray<T> Members)> Items<T>(IEnumerable<T> items, Func<T, IReadOnlyList<string>> groupsOf)
    {
        var groups = new SortedDictionary<string, ImmutableArray<T>.Builder>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            foreach (var g in groupsOf(item))
            {
                if (!groups.TryGetValue(g, out var members))
                {
                    groups[g] = members = ImmutableArray.CreateBuilder<T>();
                }
                members.Add(item);
            }
        }
        return [.. groups.Select(kv => (kv.Key, kv.Value.ToImmutable()))];
    }

    /// <summary>
    /// Deals grouped by the segmentation's own deal groups when it has them (<see cref="Segmentation.DealGroupsOf"/>),
    /// else by their account's groups; deals of unknown accounts are left out either way.
    /// </summary>
    public static ImmutableArray<(string Group, ImmutableArray<Deal> Members)> Deals(IEnumerable<Deal> deals, IEnumerable<Account> accounts, Segmentation? by)
    {
        if (by?.DealGroupsOf is not { } dealGroups)
        {
            return ByAccount(deals, d => d.AccountId, accounts, by);
        }
        var known = accounts.Select(a => a.AccountId).ToHashSet(StringComparer.Ordinal);
        return Items(deals.Where(d => known.Contains(d.AccountId)), dealGroups);
    }

    /// <summary>Items (deals, survey answers) grouped by their account's groups; items of unknown accounts are left out.</summary>
    public static ImmutableArray<(string Group, ImmutableArray<T> Members)> ByAccount<T>(IEnumerable<T> items, Func<T, string> accountOf,
        IEnumerable<Account> accounts, Segmentation? by)
    {
        if (by is null)
        {
            return [(All, [.. items])];
        }
        var groupsOf = accounts.ToDictionary(a => a.AccountId, by.GroupsOf, StringComparer.Ordinal);
        return Items(items.Where(i => groupsOf.ContainsKey(accountOf(i))), i => groupsOf[accountOf(i)]);
    }
}

/// <summary>The plain-words verdicts the comparison results share.</summary>
internal static class Verdicts
{
    /// <summary>The verdict of each group tested against the rest: which differ, none, or too little data for any test.</summary>
    /// <param name="tested">Per group that had enough data: its name and whether its adjusted p is below 0.05.</param>
    /// <param name="groups">All groups.</param>
    /// <param name="n">Items compared.</param>
    /// <param name="method">How p was obtained, e.g. "Benjamini-Hochberg adjusted".</param>
    public static string AgainstRest(IReadOnlyList<(string Group, bool Significant)> tested, int groups, int n, string method)
    {
        if (tested.Count == 0)
            return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"insufficient data to compare any group with the rest (n = {n})");
        var significant = tested.Where(t => t.Significant).Select(t => t.Group).ToArray();
        var scope = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{tested.Count} of {groups} groups tested, {method}");
        return significant.Length == 0
            ? $"no group differs detectably from the rest ({scope})"
            : $"differ from the rest (adjusted p < 0.05): {string.Join(", ", significant)} ({scope})";
    }
}
