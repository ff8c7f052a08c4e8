using IcpKit.Statistics;
using static IcpKit.Tests.Statistics.ReferenceValues;

namespace IcpKit.Tests.Statistics;

/// <summary>Fisher's exact test against R's fisher.test and SciPy's fisher_exact.</summary>
public class FisherExactTests
{
    private const double Tol = 1e-6;

    public static TheoryData<string> Tables() => new()
    {
        "tea_tasting", "convictions", "mtcars_vs_am", "infert_case_spontaneous", "esoph_young_alcohol",
        "zero_cell", "corner_hi", "large", "lopsided", "nearly_separated",
    };

    // R: fisher.test(matrix)$p.value on the tea-tasting and Convictions tables of ?fisher.test,
    // table(mtcars$vs, mtcars$am), table(infert$case, infert$spontaneous > 0), esoph and made-up edge tables.
    [Theory]
    [MemberData(nameof(Tables))]
    public void PValue_MatchesRFisherTest(string name)
    {
        var (r, @case) = Run(name);
        AssertClose(FromR(@case, "p_value"), r.PValue, Tol, @case + " p");
    }

    // fisher.test's own estimate and interval come from uniroot(tol = eps^0.25) and are only good to about
    // 1e-4 (5e-5 against 4e-5 on the lopsided table), so the 1e-6 oracle is the same equations solved with
    // uniroot(tol = 1e-14) in make_reference.R ("tight_*").
    [Theory]
    [MemberData(nameof(Tables))]
    public void OddsRatioAndInterval_MatchRFisherEquationsSolvedTightly(string name)
    {
        var (r, @case) = Run(name);
        AssertClose(FromR(@case, "tight_estimate"), r.OddsRatio, Tol, @case + " estimate");
        AssertClose(FromR(@case, "tight_lower"), r.Interval.Lower, Tol, @case + " lower");
        AssertClose(FromR(@case, "tight_upper"), r.Interval.Upper, Tol, @case + " upper");
    }

    // fisher.test's reported odds ratio, at the precision its uniroot delivers.
    [Theory]
    [InlineData("tea_tasting")]
    [InlineData("convictions")]
    [InlineData("large")]
    public void OddsRatio_AgreesWithRFisherTestWithinItsRootTolerance(string name)
    {
        var (r, @case) = Run(name);
        AssertClose(FromR(@case, "estimate"), r.OddsRatio, 1e-4, @case + " estimate");
    }

    // SciPy: scipy.stats.fisher_exact(table)[1].
    [Theory]
    [InlineData("tea_tasting")]
    [InlineData("convictions")]
    [InlineData("large")]
    public void PValue_MatchesSciPyFisherExact(string name)
    {
        var (r, @case) = Run(name);
        AssertClose(FromSciPy(@case, "p_value"), r.PValue, Tol, @case + " p");
    }

    [Fact]
    public void Test_TinyGroups_ReportInsufficientDataByDefault()
    {
        // Tea tasting has 4 cups per row, below the default minimum group size of 5.
        var r = FisherExact.Test(3, 1, 1, 3);
        Assert.False(r.Check.IsSufficient);
        Assert.True(double.IsNaN(r.PValue));
        Assert.Contains("insufficient data (n = 8)", r.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void FromCounts_EqualsTableForm()
    {
        var a = FisherExact.FromCounts(12, 20, 5, 22);
        var b = FisherExact.Test(12, 8, 5, 17);
        Assert.Equal(b, a);
    }

    private static (FisherExactResult Result, string Case) Run(string name)
    {
        var @case = "fisher_" + name;
        int a = (int)FromR(@case, "a"), b = (int)FromR(@case, "b"), c = (int)FromR(@case, "c"), d = (int)FromR(@case, "d");
        return (FisherExact.Test(a, b, c, d, guard: SampleGuard.None), @case);
    }
}
