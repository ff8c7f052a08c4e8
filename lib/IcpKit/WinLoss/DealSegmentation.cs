using System.Collections.Immutable;
using IcpKit.Loading;
using IcpKit.Metrics;
using IcpKit.Model;

namespace IcpKit.WinLoss;

/// <summary>
/// A way to split deals into named groups: by their account's segment (a deal's segment is its account's),
/// or by a property of the deal itself such as its lead source or a deal trait (<c>deal.product</c>).
/// </summary>
/// <remarks>
/// Every group any account falls in is listed, even with no deals, so a segment sales never tried (no deals)
/// shows up as "no deals" instead of silently vanishing. A deal whose account is not in the export goes to
/// <see cref="Segmentation.MissingGroup"/>. List traits put a deal in every member's group.
/// </remarks>
/// <param name="Name">What the groups are of, e.g. "industry" or "source".</param>
/// <param name="GroupsOf">The groups one deal belongs to (at least one).</param>
/// <param name="KnownGroups">Groups to list even when they have no deals.</param>
public sealed record DealSegmentation(string Name, Func<Deal, IReadOnlyList<string>> GroupsOf, ImmutableArray<string> KnownGroups)
{
    /// <summary>Deal field name used by <see cref="BySource"/>.</summary>
    public const string SourceName = "source";

    /// <summary>Groups deals by their account's groups under <paramref name="segmentation"/>.</summary>
    /// <param name="segmentation">How accounts are grouped (e.g. <c>Segmentation.ByTrait(export.Traits["industry"])</c>).</param>
    /// <param name="accounts">The accounts deals join to by account_id.</param>
    public static DealSegmentation ByAccount(Segmentation segmentation, IEnumerable<Account> accounts)
    {
        ArgumentNullException.ThrowIfNull(segmentation);
        ArgumentNullException.ThrowIfNull(accounts);
        var groupsOf = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var account in accounts) groupsOf[account.AccountId] = segmentation.GroupsOf(account);
        IReadOnlyList<string> missing = [Segmentation.MissingGroup];
        return new(segmentation.Name,
            deal => groupsOf.TryGetValue(deal.AccountId, out var g) ? g : missing,
            [.. groupsOf.Values.SelectMany(g => g).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);
    }

    /// <summary>One deal segmentation per segmentable trait of the export, in catalog order, without the customer-only traits.</summary>
    /// <remarks>Traits filled in only once an account buys (plan, mrr, seats in the sample) "predict" winning perfectly:
    /// every deal of an account without them was lost. They describe the outcome, not the fit, so they are left out
    /// unless <paramref name="includeCustomerOnly"/> is true (see <see cref="CustomerOnlyTraits"/>).</remarks>
    /// <remarks>Deal traits (<see cref="ExportData.DealTraits"/>) follow the account traits: a deal's product or sales team
    /// is the deal's own, so no deal trait is customer-only.</remarks>
    public static ImmutableArray<DealSegmentation> ByTraits(ExportData export, bool includeCustomerOnly = false)
    {
        ArgumentNullException.ThrowIfNull(export);
        var skip = includeCustomerOnly ? [] : CustomerOnlyTraits(export.Traits, export.Accounts);
        return
        [
            .. export.Traits.Traits.Where(t => !skip.Contains(t.Name)).Select(t => ByAccount(Segmentation.ByTrait(t), export.Accounts)),
            .. export.DealTraits.Traits.Where(t => t.Kind != TraitKind.Date).Select(ByDealTrait),
        ];
    }

    /// <summary>
    /// Groups deals by a trait of the deal itself (<c>deal.product</c>, <c>deal.regional_office</c>): bands for numbers,
    /// each member for lists, the value otherwise, <see cref="Segmentation.MissingGroup"/> when the deal has none.
    /// </summary>
    /// <remarks>Unlike an account trait, two deals of one account can sit in different groups (one per product sold).</remarks>
    public static DealSegmentation ByDealTrait(TraitInfo trait)
    {
        ArgumentNullException.ThrowIfNull(trait);
        return new(trait.Name, deal => GroupsOfValue(trait, deal.Trait(trait.Name)), []);
    }

    /// <summary>The groups of one value of a trait: list members, the band of a number, the value, or the missing group.</summary>
    internal static IReadOnlyList<string> GroupsOfValue(TraitInfo trait, TraitValue value) => value switch
    {
        TraitValue.ListValue list => list.Members.Distinct(StringComparer.Ordinal).ToImmutableArray(),
        TraitValue.NumberValue n => [trait.BandOf(n.Value)],
        { IsMissing: true } => [Segmentation.MissingGroup],
        _ => [value.ToString()!],
    };

    /// <summary>
    /// Traits that only customers have: missing for every account that never became a customer, present for some customers.
    /// </summary>
    /// <remarks>Found from the data rather than by name, so an extra column such as "contract_tier" filled in at signing is
    /// caught too. Example: plan is blank for all 1,400 non-customers and set for 600 customers, so it is customer-only.</remarks>
    public static ImmutableArray<string> CustomerOnlyTraits(TraitCatalog traits, IReadOnlyCollection<Account> accounts)
    {
        ArgumentNullException.ThrowIfNull(traits);
        ArgumentNullException.ThrowIfNull(accounts);
        if (!accounts.Any(a => !a.IsCustomer)) return [];
        return [.. traits.Traits.Where(t =>
            accounts.Where(a => !a.IsCustomer).All(a => a.Trait(t.Name).IsMissing) &&
            accounts.Any(a => a.IsCustomer && !a.Trait(t.Name).IsMissing)).Select(t => t.Name)];
    }

    /// <summary>Groups deals by <paramref name="trait"/>: a trait of their account, or a deal trait of their own (<c>deal.product</c>).</summary>
    /// <exception cref="KeyNotFoundException">The export has no such trait; the message lists the ones it has.</exception>
    public static DealSegmentation ByTrait(ExportData export, string trait)
    {
        ArgumentNullException.ThrowIfNull(export);
        ArgumentNullException.ThrowIfNull(trait);
        if (Deal.IsDealTrait(trait))
        {
            return ByDealTrait(export.DealTraits.Find(trait) ?? throw new KeyNotFoundException(
                $"no deal trait '{trait}'; the deals have {(export.DealTraits.Traits.IsEmpty ? "none" : string.Join(", ", export.DealTraits.Traits.Select(t => t.Name)))}"));
        }
        return ByAccount(Segmentation.ByTrait(export.Traits[trait]), export.Accounts);
    }

    /// <summary>Groups deals by lead source (outbound, inbound, referral, warm_intro, ...); blank is "(missing)".</summary>
    public static DealSegmentation BySource() =>
        new(SourceName, deal => [string.IsNullOrWhiteSpace(deal.Source) ? Segmentation.MissingGroup : deal.Source], []);

    /// <summary>The deals of each group, groups in ordinal order, known groups without deals included as empty.</summary>
    public ImmutableSortedDictionary<string, ImmutableArray<Deal>> Split(IEnumerable<Deal> deals)
    {
        ArgumentNullException.ThrowIfNull(deals);
        var groups = new SortedDictionary<string, ImmutableArray<Deal>.Builder>(StringComparer.Ordinal);
        foreach (var known in KnownGroups) groups[known] = ImmutableArray.CreateBuilder<Deal>();
        foreach (var deal in deals)
        {
            foreach (var group in GroupsOf(deal).Distinct(StringComparer.Ordinal))
            {
                if (!groups.TryGetValue(group, out var members)) groups[group] = members = ImmutableArray.CreateBuilder<Deal>();
                members.Add(deal);
            }
        }
        return groups.ToImmutableSortedDictionary(kv => kv.Key, kv => kv.Value.ToImmutable(), StringComparer.Ordinal);
    }

    /// <summary>True when some deal falls in more than one group (list traits), so "the rest" is not the total minus the group.</summary>
    public bool Overlaps(IEnumerable<Deal> deals) => deals.Any(d => GroupsOf(d).Distinct(StringComparer.Ordinal).Skip(1).Any());
}
