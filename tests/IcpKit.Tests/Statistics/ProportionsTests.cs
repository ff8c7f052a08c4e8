using IcpKit.Statistics;
using static IcpKit.Tests.Statistics.ReferenceValues;

namespace IcpKit.Tests.Statistics;

/// <summary>Wilson interval and two-proportion test against R's prop.test and statsmodels.</summary>
public class ProportionsTests
{
    private const double Tol = 1e-6;

    public static TheoryData<int, int, double, bool> WilsonCases()
    {
        var data = new TheoryData<int, int, double, bool>();
        foreach (var (x, n) in new[] { (0, 10), (10, 10), (5, 10), (3, 7), (81, 263), (1, 1000), (999, 1000), (3, 3), (80, 100) })
            foreach (var conf in new[] { 0.95, 0.90 })
                foreach (var cc in new[] { false, true })
                    data.Add(x, n, conf, cc);
        return data;
    }

    // R: prop.test(x, n, correct = cc, conf.level = conf)$conf.int (make_reference.R, "wilson_*").
    [Theory]
    [MemberData(nameof(WilsonCases))]
    public void Wilson_MatchesRPropTest(int x, int n, double conf, bool cc)
    {
        var r = Proportions.Wilson(x, n, conf, cc);
        var @case = FormattableString.Invariant($"wilson_x{x}_n{n}_conf{conf:0.##}_cc{(cc ? 1 : 0)}");
        AssertClose(FromR(@case, "lower"), r.Interval.Lower, Tol, @case + " lower");
        AssertClose(FromR(@case, "upper"), r.Interval.Upper, Tol, @case + " upper");
        Assert.Equal((double)x / n, r.Estimate);
    }

    // statsmodels: proportion_confint(x, n, alpha=0.05, method="wilson") (make_reference.py).
    [Theory]
    [InlineData(0, 10)]
    [InlineData(3, 7)]
    [InlineData(81, 263)]
    [InlineData(999, 1000)]
    public void Wilson_MatchesStatsmodelsProportionConfint(int x, int n)
    {
        var r = Proportions.Wilson(x, n);
        AssertClose(FromSciPy($"wilson_x{x}_n{n}", "lower"), r.Interval.Lower, Tol, "lower");
        AssertClose(FromSciPy($"wilson_x{x}_n{n}", "upper"), r.Interval.Upper, Tol, "upper");
    }

    // R: prop.test(c(x1, x2), c(n1, n2), correct = cc) on mtcars (am by vs), ?prop.test's smokers, seeded rbinom.
    [Theory]
    [InlineData("mtcars_am_by_vs")]
    [InlineData("smokers_1v2")]
    [InlineData("smokers_3v4")]
    [InlineData("seeded_binom")]
    [InlineData("equal_rates")]
    public void CompareTwo_MatchesRPropTest(string name)
    {
        foreach (var cc in new[] { true, false })
        {
            var @case = $"twoprop_{name}_cc{(cc ? 1 : 0)}";
            int x1 = (int)FromR(@case, "x1"), n1 = (int)FromR(@case, "n1"), x2 = (int)FromR(@case, "x2"), n2 = (int)FromR(@case, "n2");
            // R computes the test whatever the expected counts (it only warns), so the guard is off here.
            var r = Proportions.CompareTwo(x1, n1, x2, n2, cc, guard: SampleGuard.None);
            AssertClose(FromR(@case, "statistic"), r.ChiSquare, Tol, @case + " X-squared");
            AssertClose(FromR(@case, "p_value"), r.PValue, Tol, @case + " p");
            AssertClose(FromR(@case, "lower"), r.Interval.Lower, Tol, @case + " lower");
            AssertClose(FromR(@case, "upper"), r.Interval.Upper, Tol, @case + " upper");
        }
    }

    [Fact]
    public void CompareTwo_SmallExpectedCount_ReportsInsufficientDataWithNaNp()
    {
        // 3 of 3 against 80 of 100: expected failures in group 1 are 3 * (20/103) = 0.58 < 5.
        var r = Proportions.CompareTwo(3, 3, 80, 100);
        Assert.Equal(SampleStatus.InsufficientData, r.Check.Status);
        Assert.Equal(103, r.Check.N);
        Assert.True(double.IsNaN(r.PValue));
        Assert.Contains("insufficient data (n = 103)", r.ToString(), StringComparison.Ordinal);
        Assert.Equal(1.0, r.Rate1);
    }

    [Fact]
    public void CompareTwo_EnoughData_IsSufficientAndSaysSo()
    {
        var r = Proportions.CompareTwo(30, 100, 50, 100);
        Assert.True(r.Check.IsSufficient);
        Assert.Contains("X-squared", r.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, r.Summary.Rows.Count);
    }

    [Fact]
    public void Wilson_ToString_IsInvariantAndReadable()
    {
        Assert.Equal("0/10 = 0.0% [0.0%, 27.8%] (95% Wilson)", Proportions.Wilson(0, 10).ToString());
    }

    [Fact]
    public void Wilson_BadCounts_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Proportions.Wilson(11, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => Proportions.Wilson(0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Proportions.Wilson(1, 10, confidence: 1));
    }
}
