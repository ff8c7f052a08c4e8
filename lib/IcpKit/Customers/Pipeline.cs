using System.Collections.Immutable;
using IcpKit.Loading;
using IcpKit.Model;

namespace IcpKit.Customers;

/// <summary>Who counts as a customer and who entered the pipeline: the two populations step 1 compares.</summary>
/// <remarks>
/// "Entered the pipeline" means at least one deal, of any outcome. A customer without any deal in the export
/// (a customer_since with no deal history) counts as having entered it too, so customers are always a subset of
/// the pipeline and a customer share can never exceed 1 against it.
/// </remarks>
public static class Pipeline
{
    /// <summary>Accounts that have ever been customers, in file order.</summary>
    public static ImmutableArray<Account> Customers(ExportData export)
    {
        ArgumentNullException.ThrowIfNull(export);
        return [.. export.Accounts.Where(a => a.IsCustomer)];
    }

    /// <summary>Accounts with at least one deal, plus customers without one, in file order.</summary>
    public static ImmutableArray<Account> Entered(ExportData export)
    {
        ArgumentNullException.ThrowIfNull(export);
        var withDeals = export.Deals.Select(d => d.AccountId).ToHashSet(StringComparer.Ordinal);
        return [.. export.Accounts.Where(a => a.IsCustomer || withDeals.Contains(a.AccountId))];
    }

    /// <summary>Traits that describe what a customer bought rather than who they are (plan, MRR, seats): outcomes, not traits to target.</summary>
    public static ImmutableArray<string> CustomerOnlyTraits { get; } = [TraitFields.Plan, TraitFields.Mrr, TraitFields.Seats];
}
