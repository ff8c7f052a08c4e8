using IcpKit.Statistics;

namespace IcpKit.Tests.Statistics;

/// <summary>RateShrinkage.FitPrior: the prior of Fit without the per-segment intervals.</summary>
public sealed class RateShrinkagePriorTests
{
    private static readonly SegmentCount[] Segments =
        [new("a", 3, 3), new("b", 80, 100), new("c", 30, 100), new("d", 12, 60), new("e", 45, 90), new("f", 5, 40)];

    [Fact]
    public void FitPrior_SameSegments_EqualsFitsPrior()
    {
        var full = RateShrinkage.Fit(Segments);
        var prior = RateShrinkage.FitPrior(Segments);
        Assert.Equal(full.Alpha, prior.Alpha);
        Assert.Equal(full.Beta, prior.Beta);
        Assert.Equal(full.Fit, prior.Fit);
        // Shrink gives each segment's posterior mean, as Fit reports it.
        Assert.All(full.Segments, s => Assert.Equal(s.Shrunk, prior.Shrink(s.Successes, s.N), 12));
    }

    [Fact]
    public void FitPrior_AllOrNothing_UsesJeffreys()
    {
        var prior = RateShrinkage.FitPrior([new("a", 0, 10), new("b", 0, 5)]);
        Assert.Equal((0.5, 0.5), (prior.Alpha, prior.Beta));
    }
}
