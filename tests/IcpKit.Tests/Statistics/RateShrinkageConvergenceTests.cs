using IcpKit.Statistics;

namespace IcpKit.Tests.Statistics;

/// <summary>Shrinkage on segments that vary no more than binomial noise: the fit pools them instead of giving up.</summary>
public class RateShrinkageConvergenceTests
{
    [Fact]
    public void Fit_HomogeneousSegmentsThatStalledBfgs_PoolsAllSegments()
    {
        // Win rates by employee band of a generated export with no planted effect (seed 7, EffectStrength 0). The
        // beta-binomial log-likelihood rises monotonically with the prior strength (SciPy profile over log s:
        // -759.35 at 2, -751.977 at 10, -751.974 at 16.1), so the maximum is at the bound: every segment pooled.
        // BFGS-B used to throw MaximumIterationsException here.
        SegmentCount[] segments =
        [
            new("(missing)", 13, 73), new("1-10", 12, 93), new("1001+", 5, 48),
            new("11-50", 89, 523), new("201-1000", 68, 368), new("51-200", 87, 602),
        ];
        var fit = RateShrinkage.Fit(segments);
        var pooled = 274.0 / 1707;
        Assert.Equal(pooled, fit.PriorMean, 9);
        Assert.True(fit.PriorStrength >= RateShrinkage.MaxPriorStrength * 0.999, $"prior strength {fit.PriorStrength}");
        Assert.All(fit.Segments, s => Assert.Equal(pooled, s.Shrunk, 4));
        Assert.Contains("pooled", fit.Fit, StringComparison.Ordinal);
    }
}
