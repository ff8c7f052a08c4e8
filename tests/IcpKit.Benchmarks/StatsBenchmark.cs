using System.Diagnostics;
using System.Globalization;
using IcpKit.Metrics;
using IcpKit.Model;
using IcpKit.Statistics.Survival;
using static IcpKit.Benchmarks.CommandLine;

namespace IcpKit.Benchmarks;

/// <summary>
/// <c>stats</c>: issue 4's speed targets on seeded synthetic data, timed in-process after one warm-up run:
/// Kaplan-Meier (one curve per group) plus the log-rank test on 1,000,000 subjects, and the logo and gross revenue
/// retention matrices of 100,000 accounts (monthly cohorts, two groups). Prints the best and median of the runs.
/// </summary>
internal static class StatsBenchmark
{
    public static int Run(string[] args)
    {
        var subjects = int.Parse(Option(args, "--subjects") ?? "1000000", CultureInfo.InvariantCulture);
        var accounts = int.Parse(Option(args, "--accounts") ?? "100000", CultureInfo.InvariantCulture);
        var repeat = int.Parse(Option(args, "--repeat") ?? "5", CultureInfo.InvariantCulture);
        var seed = int.Parse(Option(args, "--seed") ?? "42", CultureInfo.InvariantCulture);
        Console.WriteLine($"cores: {Environment.ProcessorCount}; runs: {repeat} after one warm-up; seed {seed}");

        var (times, events, groups) = Subjects(subjects, seed);
        SurvivalData data = null!;
        Report($"build SurvivalData ({subjects:N0} subjects, sort by time)", repeat, () => data = SurvivalData.Create(times, events, groups));
        LogRankResult test = null!;
        Report($"Kaplan-Meier per group + log-rank ({subjects:N0} subjects, 2 groups)", repeat, () =>
        {
            KaplanMeier.FitGroups(data);
            test = LogRank.Test(data);
        });
        Report($"build + Kaplan-Meier + log-rank ({subjects:N0} subjects)", repeat, () =>
        {
            var d = SurvivalData.Create(times, events, groups);
            KaplanMeier.FitGroups(d);
            LogRank.Test(d);
        });
        Console.WriteLine($"  check: {test.ToString().ReplaceLineEndings(" | ")}");

        var asOf = new DateOnly(2026, 9, 30);
        var customers = Accounts(accounts, asOf, seed);
        var by = Segmentation.Of("tier", a => a.Plan);
        CohortRetention logo = null!;
        Report($"logo retention matrices ({accounts:N0} accounts, monthly cohorts, 2 groups)", repeat, () =>
            logo = Retention.Matrices(customers, asOf, CohortPeriod.Month, by, RetentionMeasure.Logo));
        Report($"gross revenue retention matrices ({accounts:N0} accounts, monthly cohorts, 2 groups)", repeat, () =>
            Retention.Matrices(customers, asOf, CohortPeriod.Month, by, RetentionMeasure.GrossRevenue));
        Report($"logo retention matrix ({accounts:N0} accounts, quarterly cohorts, ungrouped)", repeat, () =>
            Retention.Matrices(customers, asOf, CohortPeriod.Quarter, null, RetentionMeasure.Logo));
        Console.WriteLine($"  check: {logo.Groups.Length} groups, {logo.Groups[0].Rows.Length} cohorts, {logo.Groups[0].Offsets} offsets, " +
            $"M12 average {logo.Groups[0].Average[12]:P1} / {logo.Groups[1].Average[12]:P1}");
        return 0;
    }

    // Exponential event times (hazard 1/400 and 1/300 per day) censored by uniform follow-up up to 1,000 days, in whole days
    // so that times tie as real day counts do.
    private static (double[] Times, bool[] Events, string[] Groups) Subjects(int n, int seed)
    {
        var rng = new Random(seed);
        var times = new double[n];
        var events = new bool[n];
        var groups = new string[n];
        for (int i = 0; i < n; i++)
        {
            bool b = (i & 1) == 1;
            double t = Math.Ceiling(-Math.Log(1 - rng.NextDouble()) * (b ? 300 : 400));
            double c = Math.Ceiling(rng.NextDouble() * 1000);
            times[i] = Math.Min(t, c);
            events[i] = t <= c;
            groups[i] = b ? "B" : "A";
        }
        return (times, events, groups);
    }

    // Customers who started over three years, churning at a monthly hazard of 2% (tier "a") or 3% (tier "b").
    private static Account[] Accounts(int n, DateOnly asOf, int seed)
    {
        var rng = new Random(seed + 1);
        var start = asOf.AddYears(-3);
        var span = asOf.DayNumber - start.DayNumber;
        var result = new Account[n];
        for (int i = 0; i < n; i++)
        {
            var since = start.AddDays(rng.Next(span));
            bool b = (i & 1) == 1;
            var churnDays = (int)Math.Ceiling(-Math.Log(1 - rng.NextDouble()) * 30.4 / (b ? 0.03 : 0.02));
            var churn = since.AddDays(churnDays);
            result[i] = new Account
            {
                AccountId = "A" + i.ToString(CultureInfo.InvariantCulture), CustomerSince = since, ChurnedOn = churn <= asOf ? churn : null,
                Plan = b ? "b" : "a", Mrr = 100 + rng.Next(2000),
            };
        }
        return result;
    }

    private static void Report(string what, int repeat, Action action)
    {
        action(); // warm-up: JIT and first-touch allocations
        var ms = new double[repeat];
        for (int r = 0; r < repeat; r++)
        {
            var sw = Stopwatch.StartNew();
            action();
            ms[r] = sw.Elapsed.TotalMilliseconds;
        }
        Array.Sort(ms);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: best {ms[0]:F0} ms, median {ms[repeat / 2]:F0} ms"));
    }
}
