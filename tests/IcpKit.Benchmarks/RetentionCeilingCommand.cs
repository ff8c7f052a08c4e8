using System.Diagnostics;
using System.Globalization;
using IcpKit.Generation;
using IcpKit.Icp;
using IcpKit.Outcomes;
using IcpKit.Statistics;
using IcpKit.Testing;
using IcpKit.Tests.Testing;
using static IcpKit.Benchmarks.CommandLine;

namespace IcpKit.Benchmarks;

/// <summary>
/// <c>retention-ceiling</c>: how often could any test at one-sided 5% show the ICP's lower churn in the held-out planted worlds?
/// Churn there is exponential with one constant hazard (the ICP's × 0.45), censored at as_of, so each group's churns D and
/// customer-time T are all the data say, and the most powerful unbiased test is the conditional binomial one
/// (<see cref="ConditionalRateTest"/>). Per world (the calibration command's held-out planted worlds, same seeds and options) it
/// prints that test's power under the planted hazard ratio given the world's D and exposure shares (averaged: the ceiling), its
/// actual rejection there, randomized and not, and the kit's own one-sided log-rank decision on the same world; then the same
/// test's rejection rate on the least favourable null (the planted funnel without its churn effect), to show its level.
/// </summary>
/// <remarks>The ceiling assumes what an oracle knows and the kit cannot: that lifetimes are exponential with one hazard per group.</remarks>
internal static class RetentionCeilingCommand
{
    private const double Alpha = 0.05;

    private sealed record World(int Seed, ChurnExposure Exposure, double Power, double Phi, bool Exact, double ExactP,
        int KitChurns, double LogRankHr, double LogRankOneSidedP, bool LogRankRejects, bool KitRetentionHolds, bool WinRateHolds, bool OverallHolds)
    {
        public override string ToString()
        {
            var e = Exposure;
            return string.Create(CultureInfo.InvariantCulture,
                $"seed {Seed}: ICP {e.IcpChurns} churns / {e.IcpTime / 30.4375:0} customer-months, rest {e.RestChurns} / {e.RestTime / 30.4375:0}; time share {e.IcpTimeShare:0.000}, " +
                $"rate ratio {e.HazardRatio:0.00}; ceiling power {Power:0.000}; exact p {ExactP:0.0000} (φ {Phi:0.###}); log-rank HR {LogRankHr:0.00}, one-sided p {LogRankOneSidedP:0.0000}; " +
                $"kit retention {(KitRetentionHolds ? "holds" : "no")}, overall {(OverallHolds ? "holds" : "no")}");
        }
    }

    public static int Run(string[] args)
    {
        int seeds = int.Parse(Option(args, "--seeds") ?? "200", CultureInfo.InvariantCulture);
        int first = int.Parse(Option(args, "--first-seed") ?? "1001", CultureInfo.InvariantCulture);
        int accounts = int.Parse(Option(args, "--accounts") ?? "3000", CultureInfo.InvariantCulture);
        int nullSeeds = int.Parse(Option(args, "--null-seeds") ?? seeds.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        int resamples = int.Parse(Option(args, "--resamples") ?? "200", CultureInfo.InvariantCulture);
        bool verbose = args.Contains("--verbose");
        // The bootstrap feeds neither primary (win rate and retention are tested from counts and the log-rank sums): fewer
        // resamples only speed up the secondary outcomes.
        var options = IcpTestOptions.Default with { BootstrapResamples = resamples };
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {Environment.OSVersion}; held-out planted, seeds {first}-{first + seeds - 1}, {accounts:N0} accounts; one-sided alpha {Alpha}"));

        var planted = Worlds(first, seeds, accounts, churnEffect: true, options, verbose);
        Console.WriteLine("planted worlds (ICP churn hazard x 0.45):");
        Report(planted, alternative: true);
        if (nullSeeds > 0)
        {
            var nulls = Worlds(first, nullSeeds, accounts, churnEffect: false, options, verbose);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"least favourable null (planted funnel, no churn effect; seeds {first}-{first + nullSeeds - 1}):"));
            Report(nulls, alternative: false);
        }
        return 0;
    }

    private static List<World> Worlds(int first, int seeds, int accounts, bool churnEffect, IcpTestOptions options, bool verbose)
    {
        var clock = Stopwatch.StartNew();
        var worlds = new List<World>();
        for (int seed = first; seed < first + seeds; seed++)
        {
            var w = CalibrationRuns.InWorld(WorldSource.HeldOut, ScenarioKind.Planted, seed, accounts, churnEffect, world => Measure(seed, world, options));
            worlds.Add(w);
            if (verbose) Console.WriteLine("  " + w);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{worlds.Count} worlds in {clock.Elapsed.TotalSeconds:0} s"));
        return worlds;
    }

    private static World Measure(int seed, CalibrationWorld world, IcpTestOptions options)
    {
        var export = world.Export;
        // The ICP as the kit splits it: the planted rule judged on the exported values, which is how the generator chose
        // who carries the churn effect (a blank never matches).
        var split = IcpSplit.Of(export, world.Icp);
        var e = ChurnExposure.Of(export.Accounts, export.AsOf, a => split.Contains(a.AccountId));
        var share = e.IcpTimeShare;
        var power = ConditionalRateTest.Power(e.Churns, share, HeldOutGenerator.Effects(ScenarioKind.Planted).ChurnHazard, Alpha);
        var phi = ConditionalRateTest.Reject(e.IcpChurns, e.Churns, share, Alpha);
        var exact = ConditionalRateTest.RejectsExact(e.IcpChurns, e.Churns, share, Alpha);
        var exactP = ConditionalRateTest.PValue(e.IcpChurns, e.Churns, share);

        // The kit on the same world: its log-rank test (one-sided: the ICP's churns below expected, half the two-sided p below
        // alpha) and its retention "holds" as the overall verdict reads it (that test, an estimate past the minimum effect and
        // the 90% interval agreeing).
        var result = IcpTest.Run(export, world.Icp, options);
        var logRank = result.RetentionSurvival?.Test ?? throw new InvalidOperationException($"seed {seed}: no retention log-rank test");
        var icp = logRank.Groups.Single(g => g.Group == IcpSplit.IcpLabel);
        var rest = logRank.Groups.Single(g => g.Group == IcpSplit.NonIcpLabel);
        if (icp.Observed != e.IcpChurns || rest.Observed != e.RestChurns)
            throw new InvalidOperationException($"seed {seed}: the kit counts {icp.Observed} + {rest.Observed} churns, the exposure {e.IcpChurns} + {e.RestChurns}");
        var hr = icp.Observed / icp.Expected / (rest.Observed / rest.Expected);
        var oneSided = icp.Observed < icp.Expected ? logRank.PValue / 2 : 1 - logRank.PValue / 2;
        var retention = result[IcpOutcomes.Retention];
        return new World(seed, e, power, phi, exact, exactP, icp.Observed + rest.Observed, hr, oneSided, oneSided < Alpha,
            Verdicts.HoldsOnItsOwn(retention, Alpha), Verdicts.HoldsOnItsOwn(result[IcpOutcomes.WinRate], Alpha), result.Verdict == Verdict.Holds);
    }

    private static void Report(List<World> worlds, bool alternative)
    {
        int n = worlds.Count;
        string Rate(Func<World, bool> f) => CalibrationRuns.Rate(worlds.Count(f), n);
        string Mean(Func<World, double> f)
        {
            var v = worlds.Select(f).ToArray();
            double m = v.Average(), sd = Math.Sqrt(v.Sum(x => (x - m) * (x - m)) / Math.Max(1, n - 1)), half = 1.96 * sd / Math.Sqrt(n);
            return string.Create(CultureInfo.InvariantCulture, $"{m * 100:0.0}% (95% CI {(m - half) * 100:0.0}-{(m + half) * 100:0.0}%)");
        }
        var churns = worlds.Select(w => (double)w.Exposure.Churns).Order().ToArray();
        var icpChurns = worlds.Select(w => (double)w.Exposure.IcpChurns).Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  churns: median {churns[n / 2]:0} (ICP {icpChurns[n / 2]:0}, middle 80% {icpChurns[n / 10]:0}-{icpChurns[n - 1 - n / 10]:0}); ICP share of customer-time median {worlds.Select(w => w.Exposure.IcpTimeShare).Order().ElementAt(n / 2):0.000}"));
        if (alternative)
            Console.WriteLine($"  ceiling: the UMPU conditional binomial test's power at hazard ratio 0.45, given each world's churns and exposure shares, averaged: {Mean(w => w.Power)}");
        Console.WriteLine($"  conditional binomial test, randomized (mean of φ, exact level 5%): {Mean(w => w.Phi)}");
        Console.WriteLine($"  conditional binomial test, not randomized (exact one-sided p at most 5%): {Rate(w => w.Exact)}");
        Console.WriteLine($"  kit's one-sided log-rank at 5%: {Rate(w => w.LogRankRejects)}");
        Console.WriteLine($"  kit's retention holds on its own (log-rank, hazard ratio at most 0.8, 90% interval below 1): {Rate(w => w.KitRetentionHolds)}");
        Console.WriteLine($"  kit's win rate holds on its own: {Rate(w => w.WinRateHolds)}; overall \"holds\": {Rate(w => w.OverallHolds)}");
        Console.WriteLine($"  same worlds: exact test rejects and log-rank does not {worlds.Count(w => w.Exact && !w.LogRankRejects)}, the reverse {worlds.Count(w => !w.Exact && w.LogRankRejects)}; " +
            $"exact rejects and the kit's retention does not hold {worlds.Count(w => w.Exact && !w.KitRetentionHolds)}, the reverse {worlds.Count(w => !w.Exact && w.KitRetentionHolds)}");
    }
}
