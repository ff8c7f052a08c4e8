using IcpKit.Generation;
using IcpKit.Icp;
using IcpKit.Model;

namespace IcpKit.Tests.Generation;

/// <summary>The calibration scenarios: each world plants what it says, and "holds a planted condition" counts nested ranges and value sets.</summary>
public sealed class SampleScenarioTests
{
    private static readonly PlantedCondition Employees = new(TraitFields.Employees, "between", "51", "1000");
    private static readonly PlantedCondition Stage = PlantedCondition.In("funding_stage", "series_a", "series_b");

    [Theory]
    // Nested ranges hold, either way round; an overlapping range that is not nested does not.
    [InlineData(51, 200, true)]
    [InlineData(11, 1000, true)]
    [InlineData(201, 5000, false)]
    public void IsHeldBy_EmployeeBands_CountsNestedRanges(double min, double max, bool held) =>
        Assert.Equal(held, Employees.IsHeldBy(IcpRule.Between(TraitFields.Employees, min, max)));

    [Fact]
    public void IsHeldBy_OpenRanges_CountWhenTheyContainThePlantedRange()
    {
        Assert.True(Employees.IsHeldBy(IcpRule.AtLeast(TraitFields.Employees, 51)));
        Assert.False(Employees.IsHeldBy(IcpRule.AtLeast(TraitFields.Employees, 201)));
        Assert.True(Employees.IsHeldBy(IcpRule.AtMost(TraitFields.Employees, 1000)));
    }

    [Fact]
    public void IsHeldBy_ValueSets_CountSubsetsAndSupersets()
    {
        Assert.True(Stage.IsHeldBy(IcpRule.In("funding_stage", ["series_b", "series_a"])));
        Assert.True(Stage.IsHeldBy(IcpRule.EqualTo("funding_stage", "series_a")));
        Assert.True(Stage.IsHeldBy(IcpRule.In("funding_stage", ["seed", "series_a", "series_b"])));
        Assert.False(Stage.IsHeldBy(IcpRule.In("funding_stage", ["seed", "series_a"])));
        Assert.False(Stage.IsHeldBy(IcpRule.EqualTo("industry", "series_a")));
        // An exclusion on the same values is the opposite of holding the condition.
        Assert.False(Stage.IsHeldBy(IcpRule.In("funding_stage", ["series_a"], RuleGroup.DoesntNeed)));
    }

    [Fact]
    public void HeldBy_ThePlantedRulesThemselves_HoldEveryCondition()
    {
        var truth = SampleScenario.Of(ScenarioKind.Planted, 1).Truth;
        IcpRule[] rules = [IcpRule.In("funding_stage", ["series_a", "series_b"]), IcpRule.Contains(TraitFields.TechStack, ["snowflake"]),
            IcpRule.EqualTo(TraitFields.BusinessModel, "B2B")];
        Assert.Equal(3, truth.HeldBy(rules));
        Assert.Equal(2, truth.HeldBy(rules[1..]));
    }

    [Fact]
    public void Generate_PlantedStageWorld_IcpAccountsWinMoreThanTheRest()
    {
        // Seed 7, 1,500 accounts: the planted ICP (funding stage a or b, snowflake, B2B) is read back from the export by the
        // same conditions and wins far more often; the null world of the same seed plants no difference.
        var planted = WinRates(SampleScenario.Of(ScenarioKind.Planted, 7, 1_500));
        var none = WinRates(SampleScenario.Of(ScenarioKind.Null, 7, 1_500));
        Assert.True(planted.IcpAccounts > 40, $"{planted.IcpAccounts} ICP accounts");
        Assert.True(planted.Icp > 2 * planted.Others, $"planted: ICP {planted.Icp:0.000} vs rest {planted.Others:0.000}");
        Assert.True(Math.Abs(none.Icp - none.Others) < 0.1, $"null: ICP {none.Icp:0.000} vs rest {none.Others:0.000}");
    }

    private static (int IcpAccounts, double Icp, double Others) WinRates(SampleScenario scenario)
    {
        using var dir = new TempDir();
        scenario.Generate(dir.Path);
        var export = IcpKit.Loading.Export.Load(dir.Path);
        var icp = export.Accounts.Where(scenario.Truth.Matches).Select(a => a.AccountId).ToHashSet(StringComparer.Ordinal);
        var closed = export.Deals.Where(d => d.IsClosed).ToArray();
        double Rate(bool inIcp)
        {
            var deals = closed.Where(d => icp.Contains(d.AccountId) == inIcp).ToArray();
            return (double)deals.Count(d => d.Outcome == DealOutcome.Won) / deals.Length;
        }
        return (icp.Count, Rate(true), Rate(false));
    }
}
