using IcpKit.Metrics;
using IcpKit.Model;
using IcpKit.Statistics;
using IcpKit.WinLoss;
using static IcpKit.Tests.WinLoss.Deals;

namespace IcpKit.Tests.WinLoss;

/// <summary>Won-deal size by segment: won deals with an amount only, the engine's bootstrap median and Mann-Whitney against the rest.</summary>
public class DealSizeTests
{
    [Fact]
    public void By_WonDealsOnly_MedianAndTestAgainstTheRest()
    {
        Account[] accounts = [Account("A1", "big"), Account("A2", "small")];
        var big = new decimal[] { 9000, 11000, 12000, 15000, 20000, 30000 };
        var small = new decimal[] { 1000, 1500, 2000, 2500, 3000, 4000, 5000 };
        Deal[] deals =
        [
            .. big.Select(a => Make("A1", DealOutcome.Won, amount: a)),
            .. small.Select(a => Make("A2", DealOutcome.Won, amount: a)),
            Make("A1", DealOutcome.Lost, amount: 1_000_000), // an asking price, not a deal size
            Make("A2", DealOutcome.Won, amount: null),       // no amount: left out
            Make("A2", DealOutcome.Open, amount: 1_000_000),
        ];
        var result = DealSize.By(deals, DealSegmentation.ByAccount(Segmentation.Of("industry", a => a.Industry), accounts));
        Assert.Equal(13, result.WonWithAmount);
        Assert.Equal(13500, result["big"].Median!.Estimate);
        Assert.Equal(2500, result["small"].Median!.Estimate);
        var expected = MannWhitney.Test(big.Select(a => (double)a), small.Select(a => (double)a));
        Assert.Equal(expected.PValue, result["big"].VsRest!.PValue, 12);
        Assert.Equal(1.0, result["big"].VsRest!.CommonLanguage, 12); // every big deal is larger than every small one
        Assert.True(result["big"].Median!.Interval.Contains(13500));
    }
}
