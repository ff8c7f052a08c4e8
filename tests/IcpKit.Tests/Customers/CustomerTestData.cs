using System.Collections.Immutable;
using IcpKit.Loading;
using IcpKit.Model;

namespace IcpKit.Tests.Customers;

/// <summary>Small hand-built accounts for exact-answer tests.</summary>
internal static class CustomerTestData
{
    public static TraitInfo Category(string name) => new(name, TraitKind.Category, false, [], name);

    /// <summary><paramref name="count"/> accounts with the given industry; customers when <paramref name="customer"/>.</summary>
    public static IEnumerable<Account> Accounts(string prefix, int count, string? industry, bool customer, decimal? mrr = null) =>
        Enumerable.Range(0, count).Select(i => new Account
        {
            AccountId = $"{prefix}{i}",
            Industry = industry,
            CustomerSince = customer ? new DateOnly(2025, 1, 1) : null,
            Mrr = mrr,
            Extras = ImmutableDictionary<string, TraitValue>.Empty,
        });
}
