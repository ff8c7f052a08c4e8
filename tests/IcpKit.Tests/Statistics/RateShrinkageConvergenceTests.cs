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

    [Fact]
    public void FitPrior_SmallHomogeneousSegmentsThatBrokeBfgsUpdate_PoolsAllSegments()
    {
        // Win rates of funding stages among the accounts of one condition (held-out planted seed 1): nine segments of 3-12
        // closed deals, 14 wins of 59. BFGS-B threw "Matrix must be positive definite" on its update. SciPy's profile of
        // the beta-binomial negative log-likelihood over the strength s, the mean fitted at each (make_reference.py
        // style, values rounded): 32.919 at s = 7.39, 32.338 at 148, 32.3285 at 2,981, 32.32810 at 1e6: falling all the
        // way, so the maximum is at the bound and every segment is pooled at 14 / 59.
        int[] wins = [1, 2, 2, 1, 0, 2, 2, 1, 3], deals = [7, 3, 12, 11, 4, 6, 3, 6, 7];
        var segments = wins.Select((w, k) => new SegmentCount($"s{k}", w, deals[k])).ToArray();
        var prior = RateShrinkage.FitPrior(segments);
        Assert.True(prior.Alpha + prior.Beta >= RateShrinkage.MaxPriorStrength * 0.999, $"prior strength {prior.Alpha + prior.Beta}");
        Assert.Equal(14.0 / 59, prior.Alpha / (prior.Alpha + prior.Beta), 9);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void HeterogeneousSegments_BothPathsFindTheSciPyMaximum(bool byProfile)
    {
        // Segments that do vary (3/40, 12/40, 20/40, 30/40). SciPy L-BFGS-B on (logit mu, log s), bounds as here:
        // mu = 0.400780, s = 3.47988 (negative log-likelihood 92.2387 with the binomial constants). The fallback the fit
        // takes when BFGS-B breaks (its profile over s) must find the same point as BFGS-B.
        SegmentCount[] segments = [new("a", 3, 40), new("b", 12, 40), new("c", 20, 40), new("d", 30, 40)];
        var (alpha, beta) = byProfile
            ? RateShrinkage.MaximumByProfile(segments, 65.0 / 160)
            : RateShrinkage.FitPrior(segments) is var p ? (p.Alpha, p.Beta) : default;
        Assert.Equal(0.400780, alpha / (alpha + beta), 4);
        Assert.Equal(3.47988, alpha + beta, 3);
    }
}
