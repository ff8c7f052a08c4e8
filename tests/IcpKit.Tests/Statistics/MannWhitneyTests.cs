using CsCheck;
using IcpKit.Statistics;
using static IcpKit.Tests.Statistics.ReferenceValues;

namespace IcpKit.Tests.Statistics;

/// <summary>Mann-Whitney U against R's wilcox.test and SciPy's mannwhitneyu, plus its symmetry.</summary>
public class MannWhitneyTests
{
    private const double Tol = 1e-6;

    public static TheoryData<string> Cases() => new()
    {
        "sleep_extra", "mtcars_mpg_by_am", "toothgrowth_len_by_supp",
        "seeded_noties_8v11", "seeded_noties_5v4", "seeded_ties_60v75",
    };

    // R: wilcox.test(x, y, correct = TRUE / FALSE, exact = FALSE) on sleep$extra by group,
    // mtcars$mpg by am, ToothGrowth$len by supp and seeded rnorm/rexp samples (make_reference.R "mw_*").
    [Theory]
    [MemberData(nameof(Cases))]
    public void NormalApproximation_MatchesRWilcoxTest(string name)
    {
        var (x, y, @case) = Load(name);
        var corrected = MannWhitney.Test(x, y, RankTestMethod.Normal, continuityCorrection: true, SampleGuard.None);
        var plain = MannWhitney.Test(x, y, RankTestMethod.Normal, continuityCorrection: false, SampleGuard.None);
        AssertClose(FromR(@case, "W"), corrected.W, Tol, @case + " W");
        AssertClose(FromR(@case, "p_normal_cc"), corrected.PValue, Tol, @case + " p (correct = TRUE)");
        AssertClose(FromR(@case, "p_normal"), plain.PValue, Tol, @case + " p (correct = FALSE)");
        Assert.False(corrected.Exact);
    }

    // R: wilcox.test(x, y, exact = TRUE), written only for samples without ties.
    [Theory]
    [InlineData("seeded_noties_8v11")]
    [InlineData("seeded_noties_5v4")]
    public void Exact_MatchesRWilcoxTest(string name)
    {
        var (x, y, @case) = Load(name);
        var r = MannWhitney.Test(x, y, RankTestMethod.Exact, guard: SampleGuard.None);
        Assert.True(r.Exact);
        AssertClose(FromR(@case, "p_exact"), r.PValue, Tol, @case + " exact p");
        // Auto picks exact for small samples without ties, as R does.
        Assert.Equal(r, MannWhitney.Test(x, y, guard: SampleGuard.None));
    }

    // SciPy: mannwhitneyu(x, y, alternative="two-sided", use_continuity=True, method="asymptotic"); U1 is R's W.
    [Theory]
    [MemberData(nameof(Cases))]
    public void NormalApproximation_MatchesSciPyMannWhitneyU(string name)
    {
        var (x, y, @case) = Load(name);
        var r = MannWhitney.Test(x, y, RankTestMethod.Normal, guard: SampleGuard.None);
        AssertClose(FromSciPy(@case, "U1"), r.W, Tol, @case + " U1");
        AssertClose(FromSciPy(@case, "p_asymptotic_cc"), r.PValue, Tol, @case + " p");
    }

    [Fact]
    public void Exact_WithTies_FallsBackToNormal()
    {
        // sleep$extra has ties, so R (and this method) cannot use the exact distribution.
        var (x, y, _) = Load("sleep_extra");
        Assert.False(MannWhitney.Test(x, y, RankTestMethod.Exact, guard: SampleGuard.None).Exact);
    }

    [Fact]
    public void EffectSizes_CompleteSeparation_AreExtreme()
    {
        var r = MannWhitney.Test([10, 11, 12, 13, 14], [1, 2, 3, 4, 5]);
        Assert.Equal(1.0, r.CommonLanguage);
        Assert.Equal(1.0, r.RankBiserial);
        Assert.Equal(25, r.W);
    }

    [Fact]
    public void Test_SmallGroups_ReportInsufficientData()
    {
        var r = MannWhitney.Test([1.0, 2, 3], [4.0, 5, 6, 7, 8]);
        Assert.Equal(SampleStatus.InsufficientData, r.Check.Status);
        Assert.True(double.IsNaN(r.PValue));
        Assert.Contains("insufficient data (n = 8)", r.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Test_NaNValues_AreDropped()
    {
        var r = MannWhitney.Test([1.0, double.NaN, 2, 3, 9, 10], [4.0, 5, 6, 7, 8]);
        Assert.Equal(5, r.N1);
    }

    // Swapping the groups mirrors W (W' = n1 n2 - W) and the effect sizes, and leaves p unchanged.
    [Fact]
    public void Test_SwappingGroups_IsSymmetric()
    {
        var sample = Gen.Double[-5, 5].Select(v => Math.Round(v, 1)).Array[5, 40];
        Gen.Select(sample, sample, Gen.Bool).Sample((x, y, correct) =>
        {
            var ab = MannWhitney.Test(x, y, continuityCorrection: correct);
            var ba = MannWhitney.Test(y, x, continuityCorrection: correct);
            Assert.Equal(ab.N1 * (double)ab.N2 - ab.W, ba.W, 9);
            Assert.Equal(-ab.RankBiserial, ba.RankBiserial, 9);
            Assert.Equal(ab.Exact, ba.Exact);
            Assert.Equal(ab.PValue, ba.PValue, 12);
            Assert.InRange(ab.PValue, 0, 1);
        }, iter: 300);
    }

    private static (double[] X, double[] Y, string Case) Load(string name)
    {
        var @case = "mw_" + name;
        return (Sample(@case, "x"), Sample(@case, "y"), @case);
    }
}
