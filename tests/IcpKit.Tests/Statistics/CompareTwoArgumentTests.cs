using IcpKit.Statistics;

namespace IcpKit.Tests.Statistics;

/// <summary>Proportions.CompareTwo refuses counts and levels that mean nothing, naming the argument, and accepts every edge that does.</summary>
public sealed class CompareTwoArgumentTests
{
    [Theory]
    [InlineData(-1, 10, 5, 10, "successes1")]
    [InlineData(11, 10, 5, 10, "successes1")]
    [InlineData(0, 0, 5, 10, "successes1")]
    [InlineData(5, 10, -1, 10, "successes2")]
    [InlineData(5, 10, 11, 10, "successes2")]
    [InlineData(5, 10, 0, 0, "successes2")]
    public void CompareTwo_ImpossibleCounts_ThrowNamingTheArgument(int x1, int n1, int x2, int n2, string param)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Proportions.CompareTwo(x1, n1, x2, n2));
        Assert.Equal(param, e.ParamName);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    public void CompareTwo_LevelOutsideZeroToOne_Throws(double confidence)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Proportions.CompareTwo(5, 10, 3, 10, confidence: confidence));
        Assert.Equal("confidence", e.ParamName);
    }

    [Theory]
    // The edges that are allowed: no successes, all successes, a single trial.
    [InlineData(0, 10, 10, 10)]
    [InlineData(10, 10, 0, 10)]
    [InlineData(1, 1, 0, 1)]
    public void CompareTwo_EdgeCounts_AreAccepted(int x1, int n1, int x2, int n2)
    {
        var r = Proportions.CompareTwo(x1, n1, x2, n2, guard: SampleGuard.None);
        // The difference is the plain difference of the two shares.
        Assert.Equal((double)x1 / n1 - (double)x2 / n2, r.Difference, 12);
    }
}
