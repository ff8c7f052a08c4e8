using IcpKit.Metrics;
using IcpKit.Model;
using IcpKit.Statistics;
using WinLossDeals = IcpKit.Tests.WinLoss.Deals;

namespace IcpKit.Tests.Metrics;

/// <summary>The sales cycle as competing risks: won and lost deals are events of their own, open deals censored at as_of.</summary>
public class SalesCycleTests
{
    private static Deal D(string id, DateOnly created, DealOutcome outcome, DateOnly? closed, string account = "a") =>
        new() { DealId = id, AccountId = account, CreatedOn = created, Outcome = outcome, ClosedOn = closed, Stage = "lead" };

    private static readonly BootstrapOptions FewResamples = new() { Resamples = 200 };

    [Fact]
    public void Of_LostDealsCannotWinLater_CumulativeIncidenceByHand()
    {
        var asOf = new DateOnly(2025, 6, 30);
        var start = new DateOnly(2025, 1, 1);
        var deals = new[]
        {
            D("won10", start, DealOutcome.Won, start.AddDays(10)),
            D("lost20", start, DealOutcome.Lost, start.AddDays(20)),
            D("won40", start, DealOutcome.Won, start.AddDays(40)),
            D("open", start, DealOutcome.Open, null),
            D("unknown-account", start, DealOutcome.Won, start.AddDays(5), account: "zzz"),
        };
        var accounts = new[] { new Account { AccountId = "a", Industry = "saas" } };
        var result = SalesCycle.Of(deals, accounts, asOf, Segmentation.Of("industry", a => a.Industry), bootstrap: FewResamples);
        var won = result.Won.Single();
        var lost = result.Lost.Single();

        Assert.Equal(4, won.N); // the deal of an account not in accounts.csv has no group
        // By hand: 4 at risk; won at 10 -> F_won = 1/4, S = 3/4; lost at 20 -> F_lost = 3/4 * 1/3 = 1/4, S = 1/2;
        // won at 40 with 2 at risk -> F_won = 1/4 + 1/2 * 1/2 = 1/2. The old curve censored the lost deal and said 5/8.
        Assert.Equal(0.25, won.IncidenceAt(39), 12);
        Assert.Equal(0.5, won.IncidenceAt(40), 12);
        Assert.Equal(0.25, lost.IncidenceAt(180), 12);
        Assert.Equal(asOf.DayNumber - start.DayNumber, won.LastTime); // the open deal is followed up to as_of
        var days = result.Days.Single();
        Assert.Equal(25, days.Won.Estimate); // won after 10 and 40 days
        Assert.Equal(20, days.Lost.Estimate);
    }

    [Fact]
    public void Of_Ungrouped_KeepsEveryDeal()
    {
        var start = new DateOnly(2025, 1, 1);
        var deals = new[] { D("x", start, DealOutcome.Won, start.AddDays(3), account: "not-in-accounts") };
        var result = SalesCycle.Of(deals, [], new DateOnly(2025, 2, 1), bootstrap: FewResamples);
        Assert.Equal(1, result.N);
        Assert.Empty(result.WonCycle);
        Assert.Null(result.WonTest);
    }

    [Fact]
    public void Of_ClosedAfterAsOf_CountsAsOpen()
    {
        var start = new DateOnly(2025, 1, 1);
        var deals = new[] { D("late", start, DealOutcome.Won, new DateOnly(2025, 3, 1)) };
        var result = SalesCycle.Of(deals, [], new DateOnly(2025, 2, 1), bootstrap: FewResamples);
        Assert.Equal(0, result.Won.Single().Events);
        Assert.Equal(31, result.Won.Single().LastTime);
    }

    // Step 2 reads these: days to close of won and lost deals, and the won-cycle comparison.
    private static readonly DateOnly EndOf2026 = new(2026, 12, 31);
    private static readonly BootstrapOptions FewWonLostResamples = new() { Resamples = 500 };

    [Fact]
    public void Of_WonDaysMedian_IgnoresLostDeals()
    {
        // Lost at 5, won at 10, 20, 30: won deals take a median 20 days; the lost deal is a loss, not a slow win.
        Deal[] deals = [WinLossDeals.Make("A1", DealOutcome.Lost, days: 5), WinLossDeals.Make("A1", DealOutcome.Won, days: 10), WinLossDeals.Make("A1", DealOutcome.Won, days: 20), WinLossDeals.Make("A1", DealOutcome.Won, days: 30)];
        var result = SalesCycle.Of(deals, [WinLossDeals.Account("A1", "x")], EndOf2026, bootstrap: FewWonLostResamples);
        Assert.Equal(20, result.Days.Single().Won.Estimate);
        Assert.Equal(5, result.Days.Single().Lost.Estimate);
        Assert.Equal(0.75, result.Won.Single().Final, 12); // 3 of 4 deals won, none open
        Assert.Equal(0.25, result.Lost.Single().Final, 12);
    }

    [Fact]
    public void Of_Segments_FastSegmentHasShorterWonCycleAndNeverWonHasNoWonDays()
    {
        Account[] accounts = [WinLossDeals.Account("A1", "fast"), WinLossDeals.Account("A2", "slow"), WinLossDeals.Account("A3", "never")];
        Deal[] deals =
        [
            .. Enumerable.Range(1, 8).Select(i => WinLossDeals.Make("A1", DealOutcome.Won, days: 10 * i)),
            .. Enumerable.Range(1, 8).Select(i => WinLossDeals.Make("A2", DealOutcome.Won, days: 40 * i)),
            .. WinLossDeals.Repeat(6, () => WinLossDeals.Make("A3", DealOutcome.Lost, days: 20)),
        ];
        var result = SalesCycle.Of(deals, accounts, EndOf2026, Segmentation.Of("speed", a => a.Industry), bootstrap: FewWonLostResamples);
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
            return WinLossDeals.Make(r["group"], outcome, days: outcome == DealOutcome.Open ? null : days, created: asOf.AddDays(outcome == DealOutcome.Open ? -days : -400));
        }).ToArray();
        var result = SalesCycle.Of(deals, [WinLossDeals.Account("icp", "icp"), WinLossDeals.Account("rest", "rest")], asOf, Segmentation.Of("group", a => a.Industry), bootstrap: FewWonLostResamples);
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
