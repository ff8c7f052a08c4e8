using System.Collections.Immutable;
using IcpKit.Icp;
using IcpKit.Model;

namespace IcpKit.Tests.Icp;

/// <summary>Small accounts and usage shared by the ICP tests.</summary>
internal static class IcpTestData
{
    public static Account Account(string id, Action<AccountBuilder>? configure = null)
    {
        var b = new AccountBuilder(id);
        configure?.Invoke(b);
        return b.Build();
    }

    /// <summary>A catalog with every contract field, three extras (category, number, list, date) and usage with two events.</summary>
    public static ImmutableSortedDictionary<string, TraitKind> Catalog { get; } = IcpFields.Catalog(
        [
            Account("x", b => b.Extra("funding_stage", TraitValue.Of("Series A")).Extra("arr_growth", TraitValue.Of(0.4))
                .Extra("integrations", TraitValue.Of(ImmutableArray.Create("slack", "jira"))).Extra("founded_on", TraitValue.Of(new DateOnly(2015, 1, 1)))),
        ],
        [Usage("x", ("connect_integration", 2), ("create_dashboard", 5))]);

    public static AccountUsage Usage(string id, params (string Event, long Count)[] events) => new()
    {
        AccountId = id,
        EventCount = events.Sum(e => e.Count),
        EventCounts = events.ToImmutableDictionary(e => e.Event, e => e.Count),
    };

    internal sealed class AccountBuilder(string id)
    {
        private Account _account = new() { AccountId = id };
        public AccountBuilder With(Func<Account, Account> change) { _account = change(_account); return this; }
        public AccountBuilder Extra(string name, TraitValue value) { _account = _account with { Extras = _account.Extras.SetItem(name, value) }; return this; }
        public Account Build() => _account;
    }
}
