using IcpKit.Statistics;
using IcpKit.Metrics;
using IcpKit.Model;
using IcpKit.WinLoss;
using static IcpKit.Tests.WinLoss.Deals;

namespace IcpKit.Tests.WinLoss;

/// <summary>Win rate by quarter of close and the trend test against R's prop.trend.test.</summary>
public class WinRateTrendTests
{
    [Fact]
    public void TrendTest_MatchesRPropTrendTest_WithAGap()
    {
        // Reference/make_reference.R: prop.trend.test(c(3,5,9,12,15), c(30,32,35,33,31), c(0,1,2,4,5)); slope from lm(freq ~ score, weights).
        var test = TrendTest.Of([(3, 30, 0), (5, 32, 1), (9, 35, 2), (12, 33, 4), (15, 31, 5)]);
        Assert.Equal(14.8222320544558, test.ChiSquare, 1e-10);
        Assert.Equal(0.00011813460754249, test.PValue, 1e-14);
        Assert.Equal(0.0741695104115886, test.Slope, 1e-12);
    }

    [Fact]
    public void TrendTest_MatchesRPropTrendTest_Flat()
    {
        // prop.trend.test(c(10, 11, 9, 10), c(40, 41, 39, 40)) (scores 1..4)
        var test = TrendTest.Of([(10, 40, 1), (11, 41, 2), (9, 39, 3), (10, 40, 4)]);
        Assert.Equal(0.0150004687646488, test.ChiSquare, 1e-12);
        Assert.Equal(0.902521734668273, test.PValue, 1e-12);
    }

    [Fact]
    public void ByQuarter_ImprovingSegment_IsFoundAndQuartersKeepTheirGaps()
    {
        Account[] accounts = [Account("U", "up"), Account("F", "flat")];
        var quarters = new[] { new DateOnly(2025, 1, 15), new DateOnly(2025, 4, 15), new DateOnly(2025, 7, 15), new DateOnly(2026, 1, 15) };
        var wonPerQuarter = new[] { 2, 8, 14, 20 };
        var deals = quarters.SelectMany((q, i) =>
            Repeat(wonPerQuarter[i], () => Make("U", DealOutcome.Won, days: 0, created: q))
                .Concat(Repeat(25 - wonPerQuarter[i], () => Make("U", DealOutcome.Lost, days: 0, created: q)))
                .Concat(Repeat(8, () => Make("F", DealOutcome.Won, days: 0, created: q)))
                .Concat(Repeat(17, () => Make("F", DealOutcome.Lost, days: 0, created: q))))
            .Append(Make("U", DealOutcome.Open, days: null)).ToArray();
        var trend = WinRateTrend.ByQuarter(deals, DealSegmentation.ByAccount(Segmentation.Of("industry", a => a.Industry), accounts));
        Assert.Equal(["2025Q1", "2025Q2", "2025Q3", "2026Q1"], trend.Quarters.Select(q => q.ToString()));
        Assert.Equal("improving", trend["up"].Direction);
        Assert.Equal("no clear trend", trend["flat"].Direction);
        Assert.Equal(["up"], trend.Improving.Select(s => s.Segment));
        // The quarter 2025Q4 without deals is a gap of one score, as prop.trend.test with scores 0, 1, 2, 4.
        var expected = TrendTest.Of([(2, 25, 0), (8, 25, 1), (14, 25, 2), (20, 25, 4)]);
        Assert.Equal(expected.ChiSquare, trend["up"].Trend.ChiSquare, 12);
        Assert.Equal(200, trend["all"].Closed); // the open deal is not counted
    }

    [Fact]
    public void QuarterOf_MonthsMapToQuarters() =>
        Assert.Equal(["2026Q1", "2026Q1", "2026Q2", "2026Q4"],
            new[] { new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31), new DateOnly(2026, 4, 1), new DateOnly(2026, 12, 31) }
                .Select(d => WinRateTrend.QuarterOf(d).ToString()));
}
