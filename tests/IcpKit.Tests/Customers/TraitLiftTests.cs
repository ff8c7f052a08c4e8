using IcpKit.Customers;
using IcpKit.Model;
using static IcpKit.Tests.Customers.CustomerTestData;

namespace IcpKit.Tests.Customers;

/// <summary>Lift, intervals, tests and support on hand-built groups, against R.</summary>
public sealed class TraitLiftTests
{
    // 40 customers (12 fintech) against 160 other pipeline accounts (20 fintech).
    private static TraitLiftResult FintechCase(int minSupport = 5) => TraitLift.Compare(
        Accounts("c", 12, "fintech", true).Concat(Accounts("d", 28, "retail", true)),
        Accounts("p", 20, "fintech", false).Concat(Accounts("q", 140, "retail", false)),
        [Category(TraitFields.Industry)], "customers", "pipeline", new LiftOptions { MinSupport = minSupport });

    [Fact]
    public void Compare_HandBuiltGroups_LiftIsShareOverBaseShare()
    {
        var row = FintechCase().Find("industry", "fintech")!;
        // Share among customers 12/40 = 0.30, among the whole base 32/200 = 0.16: lift 1.875.
        Assert.Equal(0.30, row.FocusShare.Estimate, 12);
        Assert.Equal(0.16, row.BaseShare, 12);
        Assert.Equal(1.875, row.Lift, 12);
        // The lift interval is the Wilson interval of the customer share over the base share.
        Assert.Equal(row.FocusShare.Interval.Lower / 0.16, row.LiftInterval.Lower, 12);
        Assert.Equal(row.FocusShare.Interval.Upper / 0.16, row.LiftInterval.Upper, 12);
    }

    [Fact]
    public void Compare_ExpectedCountsLarge_MatchesRPropTest()
    {
        // R: prop.test(c(12, 20), c(40, 160))$p.value = 0.0139243281908033 (Yates-corrected, R's default)
        var row = FintechCase().Find("industry", "fintech")!;
        Assert.Equal(LiftTest.TwoProportion, row.Test);
        Assert.Equal(0.0139243281908033, row.PValue, 1e-12);
    }

    [Fact]
    public void Compare_SmallExpectedCounts_UsesFisherMatchingR()
    {
        // 5 of 40 customers against 1 of 60 others: expected 40 * 6/100 = 2.4 < 5, so Fisher.
        // R: fisher.test(matrix(c(5, 35, 1, 59), 2, byrow = TRUE))$p.value = 0.0363397280186676
        var result = TraitLift.Compare(
            Accounts("c", 5, "fintech", true).Concat(Accounts("d", 35, "retail", true)),
            Accounts("p", 1, "fintech", false).Concat(Accounts("q", 59, "retail", false)),
            [Category(TraitFields.Industry)], "customers", "pipeline");
        var row = result.Find("industry", "fintech")!;
        Assert.Equal(LiftTest.Fisher, row.Test);
        Assert.Equal(0.0363397280186676, row.PValue, 1e-9);
    }

    [Fact]
    public void Compare_BelowMinSupport_ShownButNotTestedNorCounted()
    {
        // With MinSupport 13, fintech's 12 customers are too few: NaN p, and only retail enters the adjustment.
        var result = FintechCase(minSupport: 13);
        var fintech = result.Find("industry", "fintech")!;
        Assert.Equal(LiftTest.BelowSupport, fintech.Test);
        Assert.True(double.IsNaN(fintech.AdjustedPValue));
        Assert.Equal(1, result.TestsRun);
        Assert.Equal(fintech, result.Rows[^1]); // untested rows come after the tested ones
    }

    [Theory]
    // 40 customers (12 fintech, 18 retail, 10 health) against 160 others (20, 110, 30). R:
    //   p <- sapply(1:3, function(i) prop.test(c(c(12,18,10)[i], c(20,110,30)[i]), c(40, 160))$p.value)
    //   p.adjust(p, "BH") = 0.020886492286205 0.020886492286205 0.507386526782062
    [InlineData("fintech", 0.01392432819080331, 0.020886492286205)]
    [InlineData("retail", 0.00892739796277579, 0.020886492286205)]
    [InlineData("health", 0.50738652678206198, 0.507386526782062)]
    public void Compare_ThreeIndustries_PValuesAndBenjaminiHochbergMatchR(string industry, double p, double adjusted)
    {
        var result = TraitLift.Compare(
            Accounts("c", 12, "fintech", true).Concat(Accounts("d", 18, "retail", true)).Concat(Accounts("e", 10, "health", true)),
            Accounts("p", 20, "fintech", false).Concat(Accounts("q", 110, "retail", false)).Concat(Accounts("r", 30, "health", false)),
            [Category(TraitFields.Industry)], "customers", "pipeline");
        var row = result.Find("industry", industry)!;
        Assert.Equal(LiftTest.TwoProportion, row.Test);
        Assert.Equal(p, row.PValue, 1e-12);
        Assert.Equal(adjusted, row.AdjustedPValue, 1e-12);
    }

    [Fact]
    public void Compare_TraitOnlyFocusHas_IsSkipped()
    {
        // MRR only exists for customers: it would "stand out" for a trivial reason, so it is skipped and named.
        var result = TraitLift.Compare(Accounts("c", 10, "fintech", true, mrr: 100), Accounts("p", 10, "fintech", false),
            [Category(TraitFields.Industry), new(TraitFields.Mrr, TraitKind.Number, false, [], "mrr")], "customers", "pipeline",
            new LiftOptions { ExcludeTraits = [] });
        Assert.Contains(TraitFields.Mrr, result.SkippedTraits);
        Assert.DoesNotContain(result.Rows, r => r.Trait == TraitFields.Mrr);
    }

    [Fact]
    public void Compare_RowsSortedByLiftWithinTestedBlock()
    {
        var tested = FintechCase().Tested.Select(r => r.Lift).ToArray();
        Assert.Equal(tested.OrderByDescending(x => x), tested);
    }
}
