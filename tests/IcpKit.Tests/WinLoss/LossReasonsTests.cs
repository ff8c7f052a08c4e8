using IcpKit.Statistics;
using IcpKit.Metrics;
using IcpKit.Model;
using IcpKit.WinLoss;
using static IcpKit.Tests.WinLoss.Deals;

namespace IcpKit.Tests.WinLoss;

/// <summary>Loss reasons by segment and the chi-square test of association against R's chisq.test.</summary>
public class LossReasonsTests
{
    // Reference/make_reference.R: chisq.test(loss, correct = FALSE) on the table below (rows fintech, software,
    // education, retail; columns no_budget, competitor, missing_feature, (blank), other).
    private static readonly int[][] Table =
    [
        [12, 30, 7, 9, 4],
        [25, 11, 14, 6, 3],
        [5, 8, 20, 10, 2],
        [40, 35, 30, 22, 9],
    ];

    private static readonly string[] Segments = ["fintech", "software", "education", "retail"];
    private static readonly string?[] Reasons = ["no_budget", "competitor", "missing_feature", "", "other"];

    [Fact]
    public void ChiSquareTest_MatchesRChisqTest_OnLossTable()
    {
        var test = ChiSquareTest.Of(Table.Select(r => r.Select(c => (double)c).ToArray()).ToArray());
        Assert.Equal(39.2856559988745, test.Statistic, 1e-10);
        Assert.Equal(12, test.DegreesOfFreedom);
        Assert.Equal(9.44148816504017e-05, test.PValue, 1e-12); // relative 1e-8
        Assert.Equal(0.15, test.SmallExpectedShare, 12);
    }

    [Fact]
    public void ChiSquareTest_MatchesRChisqTest_On2x2()
    {
        // chisq.test(matrix(c(10, 20, 30, 40), 2, byrow = TRUE), correct = FALSE)
        var test = ChiSquareTest.Of([[10.0, 20], [30.0, 40]]);
        Assert.Equal(0.793650793650794, test.Statistic, 1e-12);
        Assert.Equal(0.372998483613487, test.PValue, 1e-12);
    }

    [Fact]
    public void ChiSquareTest_EmptyRowsAndColumns_AreDropped()
    {
        var withEmpty = ChiSquareTest.Of([[10.0, 0, 20], [0.0, 0, 0], [30.0, 0, 40]]);
        Assert.Equal(0.793650793650794, withEmpty.Statistic, 1e-12);
        Assert.Equal(1, withEmpty.DegreesOfFreedom);
        Assert.True(double.IsNaN(ChiSquareTest.Of([[1.0, 2, 3]]).PValue));
    }

    [Fact]
    public void By_DealsFromTable_CountsSharesAndTheSameTest()
    {
        var accounts = Segments.Select(s => Account("A-" + s, s)).ToArray();
        var deals = Segments.SelectMany((s, i) => Reasons.SelectMany((r, j) => Repeat(Table[i][j], () => Make("A-" + s, DealOutcome.Lost, reason: r))))
            .Append(Make("A-fintech", DealOutcome.Won)).Append(Make("A-fintech", DealOutcome.Open)).ToArray();
        var result = LossReasons.By(deals, DealSegmentation.ByAccount(Segmentation.Of("industry", a => a.Industry), accounts));
        // Blank reasons are kept as "(blank)", "other" as it is; won and open deals are not losses.
        Assert.Contains(LossReasons.BlankLabel, result.Reasons);
        Assert.Contains("other", result.Reasons);
        Assert.Equal(9, result.Count("fintech", LossReasons.BlankLabel));
        Assert.Equal(62, Enumerable.Range(0, Reasons.Length).Sum(j => result.Counts[result.Segments.IndexOf("fintech")][j]));
        Assert.Equal(20.0 / 45, result.Share("education", "missing_feature"), 12);
        Assert.Equal(39.2856559988745, result.Test!.Statistic, 1e-10);
    }
}
