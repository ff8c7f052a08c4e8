using System.Collections.Immutable;
using IcpKit.Loading;
using IcpKit.Model;

namespace IcpKit.Metrics;

/// <summary>
/// A way to split accounts into named groups, the one thing every "by trait" analysis shares: win rates by
/// industry, retention by employee band, ICP against non-ICP.
/// </summary>
/// <remarks>
/// An account can sit in several groups (a tech stack of snowflake and dbt puts it in both) and is never dropped:
/// a missing value is the group <see cref="MissingGroup"/>. Numbers fall in the trait's bands.
/// </remarks>
/// <param name="Name">What the groups are of, e.g. "industry" or "icp".</param>
/// <param name="GroupsOf">The groups one account belongs to (at least one).</param>
public sealed record Segmentation(string Name, Func<Account, IReadOnlyList<string>> GroupsOf)
{
    /// <summary>The group of accounts without a value.</summary>
    public const string MissingGroup = "(missing)";

    /// <summary>
    /// The groups of a deal, for a split that looks at the deal itself (an ICP with rules on deal traits: a deal is in when
    /// its account is and the deal meets those rules); null when a deal's groups are its account's.
    /// </summary>
    /// <remarks>Deal-level outcomes (win rate, sales cycle, ACV) group their deals through it when it is set.</remarks>
    public Func<Deal, IReadOnlyList<string>>? DealGroupsOf { get; init; }

    /// <summary>Groups by one trait of the export: bands for numbers, each member for lists, the value otherwise.</summary>
    public static Segmentation ByTrait(TraitInfo trait)
    {
        ArgumentNullException.ThrowIfNull(trait);
        return new(trait.Name, account => account.Trait(trait.Name) switch
        {
            TraitValue.ListValue list => list.Members.Distinct(StringComparer.Ordinal).ToImmutableArray(),
            { IsMissing: true } => [MissingGroup],
            _ => [trait.GroupOf(account) ?? MissingGroup],
        });
    }

    /// <summary>One segmentation per segmentable trait of the export, in catalog order.</summary>
    public static ImmutableArray<Segmentation> ByTraits(TraitCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return [.. catalog.Traits.Select(ByTrait)];
    }

    /// <summary>Groups by any function of the account; null means <see cref="MissingGroup"/>.</summary>
    public static Segmentation Of(string name, Func<Account, string?> groupOf)
    {
        ArgumentNullException.ThrowIfNull(groupOf);
        return new(name, account => [groupOf(account) ?? MissingGroup]);
    }

    /// <summary>Two groups: accounts meeting <paramref name="predicate"/> and the rest (e.g. ICP and non-ICP).</summary>
    public static Segmentation InOrOut(string name, Func<Account, bool> predicate, string inLabel = "ICP", string outLabel = "non-ICP")
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return new(name, account => [predicate(account) ? inLabel : outLabel]);
    }

    /// <summary>The accounts of each group, groups in ordinal order; an account may appear under several groups.</summary>
    public ImmutableSortedDictionary<string, ImmutableArray<Account>> Split(IEnumerable<Account> accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        return Grouping.Items(accounts, GroupsOf).ToImmutableSortedDictionary(g => g.Group, g => g.Members, StringComparer.Ordinal);
    }
}
