using IcpKit.Metrics;
using IcpKit.Model;
using IcpKit.Statistics;
using static IcpKit.Tests.WinLoss.Deals;

namespace IcpKit.Tests.WinLoss;

/// <summary>The sales cycle as step 2 reads it: share won and lost over time, and days to close of won and lost deals.</summary>
public class SalesCycleTests
{
    private static readonly DateOnly AsOf = new(2026, 12, 31);
    private static readonly BootstrapOptions FewResamples = new() { Resamples = 500 };

    [Fact]
    public void Of_WonDaysMedian_IgnoresLostDeals()
    {
        // Lost at 5, won at 10, 20, 30: won deals take a median 20 days; the lost deal is a loss, not a slow win.
        Deal[] deals = [Make("A1", DealOutcome.Lost, days: 5), Make("A1", DealOutcome.Won, days: 10), Make("A1", DealOutcome.Won, days: 20), Make("A1", DealOutcome.Won, days: 30)];
        var result = SalesCycle.Of(deals, [Account("A1", "x")], AsOf, bootstrap: FewResamples);
        Assert.Equal(20, result.Days.Single().Won.Estimate);
        Assert.Equal(5, result.Days.Single().Lost.Estimate);
        Assert.Equal(0.75, result.Won.Single().Final, 12); // 3 of 4 deals won, none open
        Assert.Equal(0.25, result.Lost.Single().Final, 12);
    }

    [Fact]
    public void Of_Segments_FastSegmentHasShorterWonCycleAndNeverWonHasNoWonDays()
    {
        Account[] accounts = [Account("A1", "fast"), Account("A2", "slow"), Account("A3", "never")];
        Deal[] deals =
        [
            .. Enumerable.Range(1, 8).Select(i => Make("A1", DealOutcome.Won, days: 10 * i)),
            .. Enumerable.Range(1, 8).Select(i => Make("A2", DealOutcome.Won, days: 40 * i)),
            .. Repeat(6, () => Make("A3", DealOutcome.Lost, days: 20)),
        ];
        var result = SalesCycle.Of(deals, accounts, AsOf, Segmentation.Of("speed", a => a.Industry), bootstrap: FewResamples);
        var days = result.Days.ToDictionary(d => d.Group);
        Assert.Equal(45, days["fast"].Won.Estimate);   // 10..80 days
        Assert.Equal(180, days["slow"].Won.Estimate);  // 40..320 days
        Assert.True(double.IsNaN(days["never"].Won.Estimate));
        Assert.Equal(3, result.WonCycle.Length); // each group against the rest
        Assert.Contains("never", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Of_TwoGroups_WonCycleComparisonMatchesRWilcoxAndMedians()
    {
        // The "deals" set of Statistics/Survival/Reference/make_competing_reference.R as deals: cause 1 = won, 2 = lost,
        // 0 = open at as_of. R: median won days 33 (icp) vs 45 (rest), wilcox.test W = 1117, p = 0.0128083 (normal, corrected).
        var rows = IcpKit.Tests.Statistics.Survival.RReference.Table("cr_data_deals.csv");
        var asOf = new DateOnly(2027, 6, 30);
        var deals = rows.Select((r, i) =>
        {
            int days = int.Parse(r["time"], System.Globalization.CultureInfo.InvariantCulture);
            var outcome = r["cause"] switch { "1" => DealOutcome.Won, "2" => DealOutcome.Lost, _ => DealOutcome.Open };
            return Make(r["group"], outcome, days: outcome == DealOutcome.Open ? null : days, created: asOf.AddDays(outcome == DealOutcome.Open ? -days : -400));
        }).ToArray();
        var result = SalesCycle.Of(deals, [Account("icp", "icp"), Account("rest", "rest")], asOf, Segmentation.Of("group", a => a.Industry), bootstrap: FewResamples);
        var expected = IcpKit.Tests.Statistics.Survival.RReference.Table("cr_won_days.csv").Single();
        var c = result.WonCycleOf("icp");
        Assert.Equal(double.Parse(expected["median_icp"], System.Globalization.CultureInfo.InvariantCulture), c.Median);
        Assert.Equal(double.Parse(expected["median_rest"], System.Globalization.CultureInfo.InvariantCulture), c.ReferenceMedian);
        Assert.Equal(double.Parse(expected["W"], System.Globalization.CultureInfo.InvariantCulture), c.Test.W);
        Assert.Equal(double.Parse(expected["p"], System.Globalization.CultureInfo.InvariantCulture), c.Test.PValue, 1e-6);
        Assert.Equal(33.0 / 45, c.Ratio.Estimate, 12);
        Assert.True(c.Ratio.Interval.Contains(c.Ratio.Estimate));
        Assert.Contains("close in a median of 33 days against 45", c.Words, StringComparison.Ordinal);
    }
}
