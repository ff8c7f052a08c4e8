using System.Globalization;
using IcpKit.Loading;
using IcpKit.Metrics;
using IcpKit.Model;
using static IcpKit.Tests.Architecture.SummaryFrame;

namespace IcpKit.Tests.Metrics;

/// <summary>Lifetime value, net revenue retention and CAC payback: R's rmean for the curve, hand arithmetic for the rest.</summary>
public class LifetimeValueTests
{
    private const double DaysPerMonth = 365.25 / 12;
    private static readonly DateOnly ReferenceAsOf = new(2026, 9, 30);

    private static string Reference(string file) => Path.Combine(AppContext.BaseDirectory, "Metrics", "Reference", file);

    private static List<Dictionary<string, string>> Csv(string file)
    {
        var lines = File.ReadAllLines(Reference(file));
        var header = lines[0].Split(',');
        return [.. lines.Skip(1).Where(l => l.Length > 0).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second))];
    }

    private static double Num(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    // ltv_customers.csv as accounts; its group column becomes an extra trait the split reads.
    private static (Account[] Accounts, Segmentation Split) ReferenceCustomers()
    {
        var rows = Csv("ltv_customers.csv");
        var accounts = rows.Select(r => new Account
        {
            AccountId = r["account_id"],
            Industry = r["group"],
            CustomerSince = DateOnly.Parse(r["customer_since"], CultureInfo.InvariantCulture),
            ChurnedOn = r["churned_on"].Length == 0 ? null : DateOnly.Parse(r["churned_on"], CultureInfo.InvariantCulture),
            Mrr = decimal.Parse(r["mrr"], CultureInfo.InvariantCulture),
        }).ToArray();
        return (accounts, Segmentation.InOrOut("icp", a => a.Industry == "ICP"));
    }

    // R: summary(survfit(Surv(days, event) ~ 1), rmean = months * 365.25 / 12)$table["rmean"] (make_reference.R);
    // LTV = rmean / (365.25 / 12) x mean MRR x margin. Relative tolerance 1e-9: both sides are exact arithmetic.
    [Theory]
    [InlineData(24)]
    [InlineData(36)]
    public void FromRetention_MatchesRSurvfitRmeanTimesMrrTimesMargin_OnLtvCustomers(int months)
    {
        var (accounts, split) = ReferenceCustomers();
        var settings = new ValueSettings(months, 0.8, true);
        var bySplit = LifetimeValue.FromRetention(accounts, ReferenceAsOf, settings, split);
        var pooled = LifetimeValue.FromRetention(accounts, ReferenceAsOf, settings);
        foreach (var r in Csv("rmst_reference.csv").Where(r => r["months"] == months.ToString(CultureInfo.InvariantCulture)))
        {
            var row = r["group"] == "all" ? pooled["all"]! : bySplit[r["group"]]!;
            var rmeanMonths = Num(r["rmean"]) / DaysPerMonth;
            Assert.Equal(int.Parse(r["n"], CultureInfo.InvariantCulture), row.Customers);
            Assert.Equal(rmeanMonths, row.MonthsAsCustomer, rmeanMonths * 1e-9);
            Assert.Equal(Num(r["mean_mrr"]), row.MeanMrr, 1e-9);
            var ltv = rmeanMonths * Num(r["mean_mrr"]) * 0.8;
            Assert.Equal(ltv, row.Value.Estimate, ltv * 1e-9);
            Assert.True(row.Value.Interval.Lower < row.Value.Estimate && row.Value.Estimate < row.Value.Interval.Upper, $"{r["group"]}: {row.Value.Interval}");
        }
    }

    [Fact]
    public void FromRetention_WorkedCase_IsHalfTheCurveAfterMonthSix()
    {
        // One churns after 6 months (182.625 days), one stays 30 months: RMST(24) = 6 + 0.5 x 18 = 15 months;
        // LTV = 15 x mean MRR 200 x 0.8 = 2,400.
        var since = new DateOnly(2020, 1, 1);
        var accounts = new[]
        {
            new Account { AccountId = "a", CustomerSince = since, ChurnedOn = since.AddDays(183), Mrr = 100 },
            new Account { AccountId = "b", CustomerSince = since, Mrr = 300 },
        };
        var result = LifetimeValue.FromRetention(accounts, since.AddMonths(30), new ValueSettings(24, 0.8, true));
        var all = result["all"]!;
        // 183 days is 6.0123 months: RMST = 183/30.4375 + 0.5 x (24 - 183/30.4375).
        var months = 183 / DaysPerMonth + 0.5 * (24 - 183 / DaysPerMonth);
        Assert.Equal(months, all.MonthsAsCustomer, 1e-9);
        Assert.Equal(months * 200 * 0.8, all.Value.Estimate, 1e-9);
        Assert.Equal(2_400, all.Value.Estimate, 1.0);

        var summary = result.Summary;
        Assert.Equal(["group", "customers", "months_as_customer", "mean_mrr", "lifetime_value", "lower", "upper", "longest_follow_up_months"], Columns(summary));
        Assert.Equal(("all", 2), (Cell(summary, "group"), Cell(summary, "customers")));
        Assert.Equal(months, Number(summary, "months_as_customer"), 1e-9);
        Assert.Equal(200, Number(summary, "mean_mrr"), 1e-9);
        Assert.Equal(months * 200 * 0.8, Number(summary, "lifetime_value"), 1e-9);
        Assert.Equal(all.Value.Interval.Lower, Number(summary, "lower"));
    }

    [Fact]
    public void FromRetention_SameSeed_SameInterval()
    {
        var (accounts, split) = ReferenceCustomers();
        var a = LifetimeValue.FromRetention(accounts, ReferenceAsOf, ValueSettings.Default, split);
        var b = LifetimeValue.FromRetention(accounts, ReferenceAsOf, ValueSettings.Default, split);
        Assert.Equal(a["ICP"]!.Value.Interval, b["ICP"]!.Value.Interval);
        Assert.Equal(1_000, a["ICP"]!.Value.Replicates.Length);
    }

    // Four customers and one from before the history, as of 2026-03-15 (history Jan-Mar 2026):
    //   A since Jan: 100, 100, 200     B since Jan: 300, then nothing (churned)
    //   C since Mar: 50                E since Jan: 400, nothing in Feb, 300 in Mar
    //   D since Dec 2025: before the history begins, left out.
    private static readonly DateOnly HistoryAsOf = new(2026, 3, 15);

    private static (Account[] Accounts, MrrPoint[] History) PathCase()
    {
        Account C(string id, int y, int m, int d, DateOnly? churned = null) => new() { AccountId = id, CustomerSince = new(y, m, d), ChurnedOn = churned, Industry = id == "E" ? "ICP" : "other" };
        MrrPoint P(string id, int m, decimal mrr) => new() { AccountId = id, Month = new(2026, m, 1), Mrr = mrr };
        return (
            [C("A", 2026, 1, 5), C("B", 2026, 1, 20, new(2026, 2, 10)), C("C", 2026, 3, 1), C("E", 2026, 1, 3), C("D", 2025, 12, 1)],
            [P("A", 1, 100), P("A", 2, 100), P("A", 3, 200), P("B", 1, 300), P("C", 3, 50), P("E", 1, 400), P("E", 3, 300), P("D", 1, 70)]);
    }

    [Fact]
    public void FromHistory_MeanRevenuePerMonthSeen_SummedOverHorizon_ByHand()
    {
        var (accounts, history) = PathCase();
        var result = LifetimeValue.FromHistory(accounts, history, HistoryAsOf, new ValueSettings(3, 0.5, true));
        var all = result["all"]!;
        // Month 0: (100 + 300 + 50 + 400) / 4 = 212.5; month 1: (100 + 0 + 0) / 3 (C not seen yet); month 2: (200 + 0 + 300) / 3.
        var cumulative = 212.5 + 100.0 / 3 + 500.0 / 3;
        Assert.Equal(cumulative * 0.5, all.Value.Estimate, 1e-9);
        Assert.Equal(4, all.Customers);
        Assert.Equal(1, result.LeftOut);
        Assert.Equal(LifetimeValueMethod.History, result.Method);
        // Months with revenue: 4/4 + 1/3 + 2/3.
        Assert.Equal(2, all.MonthsAsCustomer, 1e-9);
    }

    [Fact]
    public void NetRevenueRetention_ExpansionContractionChurn_ByHand()
    {
        var (accounts, history) = PathCase();
        var result = NetRevenueRetention.Of(accounts, history, HistoryAsOf, months: 2);
        var all = result["all"]!;
        // A 100 -> 200 (expansion 100), B 300 -> 0 (churned 300), E 400 -> 300 (contraction 100); C has not had 2 months.
        Assert.Equal(3, all.Customers);
        Assert.Equal(800, all.StartMrr);
        Assert.Equal(100, all.Expansion);
        Assert.Equal(100, all.Contraction);
        Assert.Equal(300, all.Churned);
        Assert.Equal(500.0 / 800, all.Nrr.Estimate, 12);
        Assert.Equal(1, result.TooRecent);
        Assert.Equal(2026, Assert.Single(result.Cohorts).Cohort);

        var split = NetRevenueRetention.Of(accounts, history, HistoryAsOf, Segmentation.InOrOut("icp", a => a.Industry == "ICP"), months: 2);
        Assert.Equal(300.0 / 400, split["ICP"]!.Nrr.Estimate, 12);
        Assert.Equal(200.0 / 400, split["non-ICP"]!.Nrr.Estimate, 12);

        // Summary: the pooled row (no cohort, with an interval), then the 2026 cohort (same figures, no interval).
        var summary = result.Summary;
        Assert.Equal(2, summary.Rows.Count);
        Assert.True(double.IsNaN(Number(summary, "cohort")));
        Assert.Equal(2026, Number(summary, "cohort", 1));
        Assert.Equal(3, Cell(summary, "customers"));
        Assert.Equal((800.0, 100.0, 100.0, 300.0, 500.0),
            (Number(summary, "start_mrr"), Number(summary, "expansion"), Number(summary, "contraction"), Number(summary, "churned"), Number(summary, "end_mrr")));
        Assert.Equal(500.0 / 800, Number(summary, "nrr"), 12);
        Assert.Equal(500.0 / 800, Number(summary, "nrr", 1), 12);
        Assert.True(double.IsNaN(Number(summary, "lower", 1)));
    }

    // Window Jan-Feb 2026: ads 3,000 + 3,000 shared; events 1,000 aimed at the ICP and 500 shared. New customers: n1 (ads, ICP,
    // MRR 100), n2 and n3 (ads, 200 and 300), n4 (events, ICP, 500); n5 came by referral (no spend), n6 names no channel, n7
    // started in March (outside the window). Margin 0.5.
    [Fact]
    public void AcquisitionCost_ChannelsAndSegments_ByHand()
    {
        Account N(string id, string? channel, decimal mrr, bool icp, int month = 1) =>
            new() { AccountId = id, AcquisitionChannel = channel, Mrr = mrr, CustomerSince = new(2026, month, 10), Industry = icp ? "ICP" : "other" };
        SpendRow S(int month, string channel, decimal amount, string? segment = null) => new() { Month = new(2026, month, 1), Channel = channel, Amount = amount, Segment = segment };
        var accounts = new[] { N("n1", "Ads", 100, true), N("n2", "ads", 200, false), N("n3", "ADS", 300, false, 2), N("n4", "Events", 500, true, 2),
            N("n5", "referral", 900, false), N("n6", null, 900, false), N("n7", "ads", 900, false, 3) };
        var spend = new[] { S(1, "ads", 3_000), S(2, "ads", 3_000), S(2, "events", 1_000, "ICP"), S(2, "events", 500) };
        var result = AcquisitionCost.Of(accounts, spend, [], new DateOnly(2026, 3, 31), new ValueSettings(24, 0.5, true),
            Segmentation.InOrOut("icp", a => a.Industry == "ICP"));

        var ads = Assert.Single(result.Channels, c => c.Name == "ads");
        Assert.Equal((6_000, 3), (ads.Spend, ads.NewCustomers));
        Assert.Equal(2_000, ads.Cac.Estimate, 9);
        Assert.Equal(2_000 / (200 * 0.5), ads.PaybackMonths.Estimate, 9);       // 20 months
        var events = Assert.Single(result.Channels, c => c.Name == "events");
        Assert.Equal(1_500, events.Cac.Estimate, 9);
        Assert.Equal(1_500 / (500 * 0.5), events.PaybackMonths.Estimate, 9);    // 6 months

        // ICP: a third of ads' shared 6,000, the aimed 1,000 and all of events' shared 500 = 3,500 over 2 customers.
        var icp = result["ICP"]!;
        Assert.Equal(3_500, icp.Spend, 9);
        Assert.Equal(1_750, icp.Cac.Estimate, 9);
        Assert.Equal(1_750 / (300 * 0.5), icp.PaybackMonths.Estimate, 9);      // 11.67 months
        var rest = result["non-ICP"]!;
        Assert.Equal(4_000, rest.Spend, 9);
        Assert.Equal(2_000, rest.Cac.Estimate, 9);
        Assert.Equal(2_000 / (250 * 0.5), rest.PaybackMonths.Estimate, 9);     // 16 months
        Assert.Equal((1, 1), (result.WithoutSpend, result.WithoutChannel));
        Assert.Equal((new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 1)), (result.From, result.To));
        // Ads are in nearly every resample of the 4 customers; the 2 ICP customers are missing from 1 in 16 (more than the 5%
        // a 95% interval may lose), so the ICP's interval is "too few to estimate", not a number.
        Assert.True(ads.Cac.Interval.IsDefined);
        Assert.False(icp.PaybackMonths.Interval.IsDefined);

        // Summary: the two channels, then the two groups, with the figures above.
        var summary = result.Summary;
        var names = Enumerable.Range(0, (int)summary.Rows.Count).Select(i => $"{Cell(summary, "kind", i)}: {Cell(summary, "name", i)}").ToArray();
        Assert.Equal(4, names.Length);
        var adsRow = Array.IndexOf(names, "channel: ads");
        Assert.Equal(6_000, Number(summary, "spend", adsRow));
        Assert.Equal(3, Cell(summary, "new_customers", adsRow));
        Assert.Equal(2_000, Number(summary, "cac", adsRow), 9);
        Assert.Equal(200, Number(summary, "mean_starting_mrr", adsRow), 9);
        Assert.Equal(20, Number(summary, "payback_months", adsRow), 9);
        var icpRow = Array.IndexOf(names, "group: ICP");
        Assert.Equal(3_500, Number(summary, "spend", icpRow), 9);
        Assert.Equal(1_750 / (300 * 0.5), Number(summary, "payback_months", icpRow), 9);
    }

    [Fact]
    public void AcquisitionCost_StartingMrrFromHistory_WhenThereIsOne()
    {
        // The history's first paid month (200 in February: January had none) replaces the account's MRR of 900.
        var a = new Account { AccountId = "a", AcquisitionChannel = "ads", Mrr = 900, CustomerSince = new(2026, 1, 20) };
        var result = AcquisitionCost.Of([a], [new SpendRow { Month = new(2026, 1, 1), Channel = "ads", Amount = 1_000 }],
            [new MrrPoint { AccountId = "a", Month = new(2026, 2, 1), Mrr = 200 }], new DateOnly(2026, 3, 1), new ValueSettings(24, 1, true));
        Assert.Equal(5, result.Channels[0].PaybackMonths.Estimate, 9);
    }
}
