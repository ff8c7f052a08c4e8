using System.Collections.Immutable;
using IcpKit.Loading;
using IcpKit.Metrics;
using IcpKit.Model;

namespace IcpKit.Customers;

/// <summary>One value of a trait among customers.</summary>
/// <param name="Value">Value, band or list member; "(missing)" for blanks.</param>
/// <param name="Customers">Customers with it.</param>
/// <param name="Share">Customers with it over all customers (list members can sum past 1).</param>
public sealed record TraitShare(string Value, int Customers, double Share);

/// <summary>How customers spread over one trait's values.</summary>
/// <param name="Trait">The trait.</param>
/// <param name="Values">Its values in reading order (bands low to high, "(missing)" last).</param>
public sealed record TraitDistribution(TraitInfo Trait, ImmutableArray<TraitShare> Values);

/// <summary>Who the customers are at a glance: how many, how many left, what they pay, how long they stay, and every trait's spread.</summary>
/// <param name="AsOf">The analysis date.</param>
/// <param name="Accounts">Accounts in the export.</param>
/// <param name="Customers">Accounts that have ever been customers.</param>
/// <param name="Active">Customers not churned as of <paramref name="AsOf"/>.</param>
/// <param name="Churned">Customers churned on or before <paramref name="AsOf"/>.</param>
/// <param name="ActiveMrr">Total MRR of the active customers.</param>
/// <param name="MedianMrr">Median MRR of the active customers with an MRR.</param>
/// <param name="MedianTenureMonths">Median months from customer_since to churn, or to as_of for those who stay.</param>
/// <param name="Distributions">One per segmentable trait, named and extra, numbers banded.</param>
public sealed partial record CustomerOverview(DateOnly AsOf, int Accounts, int Customers, int Active, int Churned,
    decimal ActiveMrr, double MedianMrr, double MedianTenureMonths, ImmutableArray<TraitDistribution> Distributions)
{
    /// <summary>Counts, MRR, tenure and the distribution of every trait among customers.</summary>
    public static CustomerOverview Of(ExportData export)
    {
        ArgumentNullException.ThrowIfNull(export);
        var customers = Pipeline.Customers(export);
        var active = customers.Where(a => a.IsActiveCustomer(export.AsOf)).ToArray();
        var mrr = active.Where(a => a.Mrr is not null).Select(a => (double)a.Mrr!.Value).ToArray();
        var tenure = customers.Select(a => TenureMonths(a, export.AsOf)).Where(m => m >= 0).ToArray();
        var distributions = export.Traits.Traits.Where(t => t.Kind != TraitKind.Date).Select(t =>
        {
            var counts = TraitLift.Count(Segmentation.ByTrait(t), customers);
            return new TraitDistribution(t, [.. Groups.Ordered(t, counts.Keys)
                .Select(v => new TraitShare(v, counts[v], customers.IsEmpty ? double.NaN : (double)counts[v] / customers.Length))]);
        });
        return new CustomerOverview(export.AsOf, export.Accounts.Length, customers.Length, active.Length, customers.Length - active.Length,
            active.Sum(a => a.Mrr ?? 0), Groups.Quantile(mrr, 0.5), Groups.Quantile(tenure, 0.5), [.. distributions])
        {
            NoChurnDates = Analysis.Inputs.Check(export, Analysis.Need.ChurnDates),
            NoMrr = Analysis.Inputs.Check(export, Analysis.Need.Mrr),
        };
    }

    /// <summary>Why churn cannot be counted (no churned_on column), or null: then "churned 0" would read as "nobody left".</summary>
    public string? NoChurnDates { get; init; }

    /// <summary>Why MRR cannot be summed (none mapped), or null.</summary>
    public string? NoMrr { get; init; }

    /// <summary>The distribution of one trait.</summary>
    /// <exception cref="KeyNotFoundException">No such trait.</exception>
    public TraitDistribution this[string trait] => Distributions.FirstOrDefault(d => d.Trait.Name == trait)
        ?? throw new KeyNotFoundException($"no trait '{trait}'");

    /// <summary>Months (of 30.4375 days) from customer_since to churn or <paramref name="asOf"/>; negative for a customer date after as_of.</summary>
    internal static double TenureMonths(Account a, DateOnly asOf)
    {
        var end = a.ChurnedOn is { } c && c <= asOf ? c : asOf;
        return (end.DayNumber - a.CustomerSince!.Value.DayNumber) / 30.4375;
    }
}
