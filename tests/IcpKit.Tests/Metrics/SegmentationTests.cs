using System.Collections.Immutable;
using IcpKit.Loading;
using IcpKit.Metrics;
using IcpKit.Model;

namespace IcpKit.Tests.Metrics;

public class SegmentationTests
{
    private static readonly TraitInfo Employees = new(TraitFields.Employees, TraitKind.Number, false,
        NumericBand.FromLowerBounds([1, 11, 51], integral: true), "employees");
    private static readonly TraitInfo Stack = new(TraitFields.TechStack, TraitKind.List, false, [], "tech_stack");

    [Fact]
    public void ByTrait_ListTrait_PutsAccountInEveryMembersGroup()
    {
        var a = new Account { AccountId = "a", TechStack = ["snowflake", "dbt", "snowflake"] };
        var b = new Account { AccountId = "b", TechStack = ["dbt"] };
        var split = Segmentation.ByTrait(Stack).Split([a, b]);

        Assert.Equal(["dbt", "snowflake"], split.Keys);
        Assert.Equal(["a", "b"], split["dbt"].Select(x => x.AccountId));
        Assert.Equal(["a"], split["snowflake"].Select(x => x.AccountId)); // duplicates in the list count once
    }

    [Fact]
    public void ByTrait_MissingAndNumbers_KeepsEveryAccountInBandsOrMissing()
    {
        var accounts = new[]
        {
            new Account { AccountId = "small", Employees = 5 },
            new Account { AccountId = "mid", Employees = 60 },
            new Account { AccountId = "unknown" },
        };
        var split = Segmentation.ByTrait(Employees).Split(accounts);

        Assert.Equal(3, split.Values.Sum(g => g.Length));
        Assert.Equal(["unknown"], split[Segmentation.MissingGroup].Select(x => x.AccountId));
        Assert.Single(split[Employees.BandOf(60)]);
    }

    [Fact]
    public void InOrOut_Predicate_SplitsInTwoLabelledGroups()
    {
        var accounts = Enumerable.Range(0, 10).Select(i => new Account { AccountId = $"a{i}", Employees = i * 10 });
        var split = Segmentation.InOrOut("icp", a => a.Employees >= 50).Split(accounts);

        Assert.Equal(5, split["ICP"].Length);
        Assert.Equal(5, split["non-ICP"].Length);
    }
}
