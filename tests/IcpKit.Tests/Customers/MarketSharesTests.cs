using IcpKit.Customers;

namespace IcpKit.Tests.Customers;

/// <summary>market.csv parsing and the one-sample tests against a known market share, against R.</summary>
public sealed class MarketSharesTests
{
    [Fact]
    public void FromRows_Counts_BecomeSharesWithinEachTrait()
    {
        var market = MarketShares.FromRows([("industry", "fintech", "120", 2), ("industry", "retail", "880", 3), ("employees", "51-200", "5", 4)], areShares: false, "m.csv");
        Assert.Equal(0.12, market.SharesOf("industry").Single(kv => kv.Key == "fintech").Value, 12);
        Assert.Equal(1.0, market.SharesOf("employees").Single().Value, 12);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("0")]
    [InlineData("abc")]
    public void FromRows_ShareOutsideZeroOne_Throws(string share) =>
        Assert.Throws<FormatException>(() => MarketShares.FromRows([("industry", "fintech", share, 2)], areShares: true, "m.csv"));

    [Fact]
    public void FromRows_RepeatedValue_Throws() =>
        Assert.Throws<FormatException>(() => MarketShares.FromRows([("industry", "fintech", "0.1", 2), ("industry", "fintech", "0.2", 3)], true, "m.csv"));

    [Fact]
    public void Load_FileWithShareColumn_ReadsIt()
    {
        using var dir = new IcpKit.Tests.Generation.TempDir();
        var path = Path.Combine(dir.Path, "market.csv");
        File.WriteAllText(path, "trait,value,share\nindustry,fintech,0.25\nindustry,retail,0.75\n");
        var market = MarketShares.Load(path);
        Assert.True(market.Has("industry"));
        Assert.Equal(0.25, market.SharesOf("industry").First().Value, 12);
    }

    [Fact]
    public void OneSample_LargeExpectedCounts_MatchesRPropTest()
    {
        // R: prop.test(30, 100, 0.2, correct = FALSE)$p.value = 0.0124193306515523
        var (test, p) = OneSample.Test(30, 100, 0.2, IcpKit.Statistics.SampleGuard.Default);
        Assert.Equal(LiftTest.ScoreTest, test);
        Assert.Equal(0.0124193306515523, p, 1e-12);
    }

    [Fact]
    public void OneSample_SmallExpectedCounts_MatchesRBinomTest()
    {
        // n * p0 = 20 * 0.2 = 4 < 5: exact. R: binom.test(3, 20, 0.4)$p.value = 0.0224270381420433 (20 * 0.4 = 8, so force the exact test)
        Assert.Equal(0.0224270381420433, OneSample.ExactBinomial(3, 20, 0.4), 1e-12);
        Assert.Equal(LiftTest.ExactBinomial, OneSample.Test(1, 20, 0.2, IcpKit.Statistics.SampleGuard.Default).Test);
    }
}
