using System.Collections.Immutable;
using IcpKit.Model;

namespace IcpKit.Tests.Model;

public class AccountTests
{
    [Fact]
    public void Trait_NamedAndExtraColumns_ReadTheSameWay()
    {
        var account = new Account
        {
            AccountId = "a1",
            Industry = "Fintech",
            Employees = 120,
            TechStack = ["snowflake", "dbt"],
            Extras = ImmutableDictionary<string, TraitValue>.Empty.Add("funding_stage", TraitValue.Of("Series A")),
        };

        Assert.Equal(TraitValue.Of("Fintech"), account.Trait(TraitFields.Industry));
        Assert.Equal(TraitValue.Of(120.0), account.Trait(TraitFields.Employees));
        Assert.Equal(TraitValue.Of(ImmutableArray.Create("snowflake", "dbt")), account.Trait(TraitFields.TechStack));
        Assert.Equal(TraitValue.Of("Series A"), account.Trait("funding_stage"));
        Assert.True(account.Trait("no_such_column").IsMissing);
        Assert.True(account.Trait(TraitFields.Region).IsMissing);
    }

    [Fact]
    public void IsActiveCustomer_ChurnedBeforeAsOf_IsFalse()
    {
        var asOf = new DateOnly(2026, 9, 30);
        var churned = new Account { AccountId = "a", CustomerSince = new(2025, 1, 1), ChurnedOn = new(2026, 3, 1) };
        var active = churned with { ChurnedOn = null };
        var prospect = churned with { CustomerSince = null, ChurnedOn = null };

        Assert.False(churned.IsActiveCustomer(asOf));
        Assert.True(active.IsActiveCustomer(asOf));
        Assert.False(prospect.IsActiveCustomer(asOf));
        Assert.False(prospect.IsCustomer);
    }
}
