using CsCheck;
using IcpKit.Statistics;
using static IcpKit.Tests.Statistics.ReferenceValues;

namespace IcpKit.Tests.Statistics;

/// <summary>Seeded bootstrap intervals: reproducibility, agreement with SciPy within Monte Carlo error, invariants.</summary>
public class BootstrapTests
{
    private static readonly double[] MtcarsAuto = Sample("mw_mtcars_mpg_by_am", "x");
    private static readonly double[] MtcarsManual = Sample("mw_mtcars_mpg_by_am", "y");
    private static readonly double[] ToothGrowthOj = Sample("mw_toothgrowth_len_by_supp", "x");
    private static readonly double[] ToothGrowthVc = Sample("mw_toothgrowth_len_by_supp", "y");

    [Fact]
    public void Median_SameSeed_GivesTheSameInterval()
    {
        var options = new BootstrapOptions { Seed = 42, Resamples = 2000 };
        Assert.Equal(Bootstrap.Median(MtcarsAuto, options), Bootstrap.Median(MtcarsAuto, options));
        Assert.Equal(Bootstrap.DifferenceOfMeans(ToothGrowthOj, ToothGrowthVc, options with { Method = BootstrapInterval.BCa }),
                     Bootstrap.DifferenceOfMeans(ToothGrowthOj, ToothGrowthVc, options with { Method = BootstrapInterval.BCa }));
    }

    [Theory]
    [InlineData(41, 7)]      // odd n, heavy ties (days to close take few values)
    [InlineData(40, 7)]      // even n: the mean of the two middle values
    [InlineData(1000, 1000)] // nearly all distinct
    [InlineData(3, 2)]
    public void Median_CountingResamples_GiveExactlyWhatASelectionOverEachResampleGives(int n, int distinct)
    {
        // The median's resamples are counted, not selected; a statistic passed as a function takes the old path (fill a
        // scratch array, select the middle). Both draw the same indices from the same stream, so the replicates, and with
        // them the interval and the standard error, must be identical to the last bit, BCa included.
        var r = new Random(n * 31 + distinct);
        double[] x = [.. Enumerable.Range(0, n).Select(_ => (double)r.Next(distinct) * 1.5)];
        double[] y = [.. Enumerable.Range(0, n + 1).Select(_ => (double)r.Next(distinct) - 3)];
        foreach (var method in new[] { BootstrapInterval.Percentile, BootstrapInterval.BCa })
        {
            var options = new BootstrapOptions { Seed = 7, Resamples = 500, Method = method };
            var counted = Bootstrap.Median(x, options);
            var selected = Bootstrap.Statistic(x, MathNet.Numerics.Statistics.ArrayStatistics.MedianInplace, "median", options);
            Assert.Equal(selected.Interval, counted.Interval);
            Assert.Equal(selected.StandardError, counted.StandardError);
            var countedTwo = Bootstrap.DifferenceOfMedians(x, y, options);
            var selectedTwo = Bootstrap.Difference(x, y, MathNet.Numerics.Statistics.ArrayStatistics.MedianInplace, "median", options);
            Assert.Equal(selectedTwo.Interval, countedTwo.Interval);
            Assert.Equal(selectedTwo.StandardError, countedTwo.StandardError);
        }
    }

    [Fact]
    public void RatioOfMedians_HandComputed_EstimateAndIntervalWithinTheReachableRatios()
    {
        // median(10..50) = 30 over median(60..100) = 80 is 0.375; a resampled median of x lies in [10, 50] and of y in
        // [60, 100], so every replicate, and the interval, lies in [10/100, 50/60].
        double[] x = [10, 20, 30, 40, 50], y = [60, 70, 80, 90, 100];
        var ratio = Bootstrap.RatioOfMedians(x, y, new BootstrapOptions { Resamples = 2000 });
        Assert.Equal(0.375, ratio.Estimate, 12);
        Assert.True(ratio.Interval.Lower >= 0.1 && ratio.Interval.Upper <= 50.0 / 60, ratio.ToString());
        Assert.True(ratio.Interval.Contains(0.375), ratio.ToString());
        Assert.Contains("median ratio (x / y)", ratio.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Mean_DifferentSeed_GivesADifferentInterval()
    {
        // A continuous statistic on 19 values: two streams landing on the same 2.5% quantile would be a broken seed.
        var a = Bootstrap.Mean(MtcarsAuto, new BootstrapOptions { Seed = 1, Resamples = 2000 });
        var b = Bootstrap.Mean(MtcarsAuto, new BootstrapOptions { Seed = 2, Resamples = 2000 });
        Assert.NotEqual(a.Interval, b.Interval);
        Assert.Equal(a.Estimate, b.Estimate);
    }

    // SciPy: scipy.stats.bootstrap(data, statistic, n_resamples=200_000, method="percentile"/"BCa",
    // random_state=default_rng(1)) on mtcars mpg (automatic cars; manual - automatic medians) and ToothGrowth
    // len (OJ - VC means). Different random streams: the bounds must agree within 3% of the interval width
    // (measured: at most 0.9%, a median moving to a neighbouring data value).
    [Theory]
    [InlineData("boot_mtcars_auto_mean", BootstrapInterval.Percentile)]
    [InlineData("boot_mtcars_auto_mean", BootstrapInterval.BCa)]
    [InlineData("boot_mtcars_auto_median", BootstrapInterval.Percentile)]
    [InlineData("boot_mtcars_auto_median", BootstrapInterval.BCa)]
    [InlineData("boot_toothgrowth_mean_diff", BootstrapInterval.Percentile)]
    [InlineData("boot_toothgrowth_mean_diff", BootstrapInterval.BCa)]
    [InlineData("boot_mtcars_median_diff", BootstrapInterval.Percentile)]
    [InlineData("boot_mtcars_median_diff", BootstrapInterval.BCa)]
    public void Interval_MatchesSciPyBootstrap_WithinMonteCarloError(string @case, BootstrapInterval method)
    {
        var options = new BootstrapOptions { Resamples = 200_000, Method = method, Seed = 7 };
        var r = @case switch
        {
            "boot_mtcars_auto_mean" => Bootstrap.Mean(MtcarsAuto, options),
            "boot_mtcars_auto_median" => Bootstrap.Median(MtcarsAuto, options),
            "boot_toothgrowth_mean_diff" => Bootstrap.DifferenceOfMeans(ToothGrowthOj, ToothGrowthVc, options),
            _ => Bootstrap.DifferenceOfMedians(MtcarsManual, MtcarsAuto, options),
        };
        var key = method == BootstrapInterval.BCa ? "BCa" : "percentile";
        double lo = FromSciPy(@case, key + "_lower"), hi = FromSciPy(@case, key + "_upper");
        var tol = 0.03 * (hi - lo);
        Assert.True(Math.Abs(r.Interval.Lower - lo) <= tol && Math.Abs(r.Interval.Upper - hi) <= tol,
            $"{@case} {method}: SciPy [{lo}, {hi}], IcpKit {r.Interval} (tolerance {tol:G3})");
    }

    [Fact]
    public void DifferenceOfMeans_SmallGroup_ReportsInsufficientData()
    {
        var r = Bootstrap.DifferenceOfMeans([1.0, 2, 3], ToothGrowthVc);
        Assert.False(r.Check.IsSufficient);
        Assert.False(r.Interval.IsDefined);
        Assert.Equal(2 - ToothGrowthVc.Average(), r.Estimate, 12);
        Assert.Contains("insufficient data (n = 33)", r.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Statistic_CustomFunction_UsesTheGenericJackknife()
    {
        // A trimmed-looking statistic (max) has no fast jackknife: BCa must still produce a finite interval.
        var r = Bootstrap.Statistic(ToothGrowthOj, d => d.Max(), "max", new BootstrapOptions { Method = BootstrapInterval.BCa, Resamples = 1000 });
        Assert.True(r.Interval.IsDefined);
        Assert.Equal(ToothGrowthOj.Max(), r.Estimate);
    }

    // Mean and median intervals lie within the data's range and are ordered; the percentile interval of the mean
    // contains the mean (with 10+ values roughly a quarter or more of resampled means fall on each side of it). BCa's
    // shifted levels carry no such guarantee on strongly skewed data, so it is not asserted there.
    [Fact]
    public void Interval_AnySample_IsOrderedWithinRangeAndContainsTheMean()
    {
        var gen = Gen.Select(Gen.Double[-100, 100].Array[10, 60], Gen.Int, Gen.Bool);
        gen.Sample((data, seed, bca) =>
        {
            var options = new BootstrapOptions { Seed = seed, Resamples = 400, Method = bca ? BootstrapInterval.BCa : BootstrapInterval.Percentile };
            var mean = Bootstrap.Mean(data, options);
            var median = Bootstrap.Median(data, options);
            foreach (var r in new[] { mean, median })
            {
                Assert.True(r.Interval.Lower <= r.Interval.Upper, r.ToString());
                Assert.InRange(r.Interval.Lower, data.Min(), data.Max());
                Assert.InRange(r.Interval.Upper, data.Min(), data.Max());
            }
            if (!bca) Assert.True(mean.Interval.Contains(mean.Estimate), mean.ToString());
        }, iter: 100);
    }
}
