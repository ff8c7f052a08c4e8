using System.Collections.Immutable;
using System.Globalization;
using IcpKit.Generation;
using IcpKit.Icp;
using IcpKit.Loading;
using IcpKit.Outcomes;
using IcpKit.Statistics;
using IcpKit.Testing;

namespace IcpKit.Tests.Testing;

/// <summary>Which generator a calibration run draws its worlds from.</summary>
internal enum WorldSource
{
    /// <summary>The kit's own sample generator (<see cref="SampleScenario"/>).</summary>
    Sample,
    /// <summary>The held-out generator with issue 13's effect sizes (<see cref="HeldOutGenerator"/>).</summary>
    HeldOut,
}

/// <summary>One seeded world, tested with the ICP the world planted (for null worlds: the same conditions, which mean nothing).</summary>
internal sealed record CalibrationRun(
    WorldSource Source, ScenarioKind Kind, int Seed, double Coverage, Verdict Overall, Verdict WinRate, Verdict Retention,
    Verdict SalesCycle, double IcpWonMedian, double OtherWonMedian, double TrueIcpWonMedian, double TrueOtherWonMedian, int Churns)
{
    /// <summary>True when both won-deal cycle medians lie within 15% of the truth.</summary>
    public bool CycleWithin15 => Math.Abs(IcpWonMedian / TrueIcpWonMedian - 1) <= 0.15 && Math.Abs(OtherWonMedian / TrueOtherWonMedian - 1) <= 0.15;

    /// <summary>One line for a failure message or the benchmark's log.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Source} {Kind} seed {Seed}: coverage {Coverage:0.000}, overall {Overall.Words()} (win rate {WinRate.Words()}, retention {Retention.Words()}, {Churns} churns), sales cycle {SalesCycle.Words()} (won medians {IcpWonMedian:0} vs {OtherWonMedian:0} d)");
}

/// <summary>One generated world as the kit sees it: the imported export and the planted ICP as icp.yaml would state it.</summary>
/// <param name="Export">The export, loaded as any export is.</param>
/// <param name="Icp">The planted ICP (for null worlds: the same conditions, which mean nothing).</param>
/// <param name="TrueIcpWonMedian">The true median won-deal cycle of the ICP (days).</param>
/// <param name="TrueOtherWonMedian">The same for the rest.</param>
internal sealed record CalibrationWorld(ExportData Export, IcpDefinition Icp, double TrueIcpWonMedian, double TrueOtherWonMedian);

/// <summary>Runs the ICP test on generated worlds of known truth: the calibration suite and the calibration benchmark share it.</summary>
internal static class CalibrationRuns
{
    /// <summary>Generates the world, imports it as any export and runs <see cref="IcpTest.Run"/> with the planted ICP.</summary>
    /// <param name="source">Which generator.</param>
    /// <param name="kind">Planted, null, broad or confounded.</param>
    /// <param name="seed">The world's seed.</param>
    /// <param name="accounts">Accounts per world (3,000 as in the held-out check).</param>
    /// <param name="options">The test's options (the defaults, with fewer bootstrap resamples for speed).</param>
    /// <param name="inspect">Called with the whole result (the benchmark's --show prints it).</param>
    /// <param name="churnEffect">False: held-out worlds plant no churn effect (<see cref="HeldOutOptions.ChurnEffect"/>), the
    /// least favourable null of "holds".</param>
    public static CalibrationRun Run(WorldSource source, ScenarioKind kind, int seed, int accounts, IcpTestOptions options, Action<IcpTestResult>? inspect = null, bool churnEffect = true)
    {
        return InWorld(source, kind, seed, accounts, churnEffect, world =>
        {
            var result = IcpTest.Run(world.Export, world.Icp, options);
            inspect?.Invoke(result);
            var cycle = result[IcpOutcomes.SalesCycle];
            return new CalibrationRun(source, kind, seed, result.Coverage, result.Verdict, result[IcpOutcomes.WinRate].Verdict,
                result[IcpOutcomes.Retention].Verdict, cycle.Verdict, cycle.IcpEstimate, cycle.NonIcpEstimate, world.TrueIcpWonMedian,
                world.TrueOtherWonMedian, result.RetentionCurves?.Fits.Sum(f => f.Events) ?? 0);
        });
    }

    /// <summary>Writes one seeded world's export to a temporary folder, imports it as any export, hands it with the planted ICP to
    /// <paramref name="body"/>, and deletes the folder: every calibration-style command sees the same worlds.</summary>
    /// <param name="source">Which generator.</param>
    /// <param name="kind">Planted, null, broad or confounded.</param>
    /// <param name="seed">The world's seed.</param>
    /// <param name="accounts">Accounts in the world.</param>
    /// <param name="churnEffect">False: held-out worlds plant no churn effect (<see cref="HeldOutOptions.ChurnEffect"/>).</param>
    /// <param name="body">What to measure on the world.</param>
    public static T InWorld<T>(WorldSource source, ScenarioKind kind, int seed, int accounts, bool churnEffect, Func<CalibrationWorld, T> body)
    {
        var dir = Directory.CreateTempSubdirectory("icpkit-calibration-").FullName;
        try
        {
            ImmutableArray<PlantedCondition> rule;
            double trueIcp, trueOther;
            if (source == WorldSource.Sample)
            {
                // No product events: the primaries and the sales cycle need none, and importing them is most of the time.
                var world = SampleScenario.Of(kind, seed, accounts, eventsPerAccount: 0);
                world.Generate(dir);
                rule = world.Truth.IcpRule;
                // SampleWorld's won cycles: log-normal with median 80 days, 80 - 42 x strength for the ICP.
                (trueIcp, trueOther) = (80 - 42 * Math.Min(world.Options.EffectStrength, 1.5), 80);
            }
            else
            {
                var world = new HeldOutGenerator(new HeldOutOptions { Scenario = kind, Seed = seed, Accounts = accounts, Events = false, ChurnEffect = churnEffect }).Write(dir);
                rule = world.Truth.IcpRule;
                (trueIcp, trueOther) = (world.Truth.WonCycleMedianIcp, world.Truth.WonCycleMedianRest);
            }
            var icp = new IcpDefinition("planted", 1, new DateOnly(2026, 1, 1), [.. rule.Select(ToRule)]);
            return body(new CalibrationWorld(Export.Load(dir), icp, trueIcp, trueOther));
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>A planted condition as the icp.yaml rule that says the same.</summary>
    public static IcpRule ToRule(PlantedCondition c) => c.Operator switch
    {
        "between" => IcpRule.Between(c.Field, double.Parse(c.Value, CultureInfo.InvariantCulture), double.Parse(c.UpperValue!, CultureInfo.InvariantCulture)),
        "contains" => IcpRule.Contains(c.Field, [c.Value]),
        "in" => IcpRule.In(c.Field, c.AnyOf),
        _ => IcpRule.EqualTo(c.Field, c.Value),
    };

    /// <summary>The rates a set of runs of one scenario gives, with Wilson 95% intervals, one per line.</summary>
    public static IEnumerable<string> Summary(IReadOnlyList<CalibrationRun> runs)
    {
        int n = runs.Count;
        string Count(Func<CalibrationRun, bool> f) => Rate(runs.Count(f), n);
        yield return $"overall: holds {Count(r => r.Overall == Verdict.Holds)}; too broad {Count(r => r.Overall == Verdict.TooBroad)}; " +
            $"not proven yet {Count(r => r.Overall == Verdict.NotProvenYet)}; wrong {Count(r => r.Overall == Verdict.Wrong)}";
        var narrow = runs.Where(r => r.Coverage <= 0.40).ToList();
        if (narrow.Count > 0)
            yield return $"coverage at most 40%: {narrow.Count} runs; too broad {Rate(narrow.Count(r => r.Overall == Verdict.TooBroad), narrow.Count)}";
        yield return $"primaries: win rate holds {Count(r => r.WinRate == Verdict.Holds)}; retention holds {Count(r => r.Retention == Verdict.Holds)}; median churns {Median(runs.Select(r => (double)r.Churns)):0}";
        yield return $"sales cycle: holds {Count(r => r.SalesCycle == Verdict.Holds)}; wrong {Count(r => r.SalesCycle == Verdict.Wrong)}";
        yield return string.Create(CultureInfo.InvariantCulture,
            $"won-deal cycle medians (median over runs) ICP {Median(runs.Select(r => r.IcpWonMedian)):0.#} vs {Median(runs.Select(r => r.OtherWonMedian)):0.#} d, truth {runs[0].TrueIcpWonMedian:0.#} vs {runs[0].TrueOtherWonMedian:0.#}; both within 15% {Count(r => r.CycleWithin15)}");
        yield return string.Create(CultureInfo.InvariantCulture, $"coverage {runs.Min(r => r.Coverage) * 100:0.0}-{runs.Max(r => r.Coverage) * 100:0.0}%");
    }

    private static double Median(IEnumerable<double> xs)
    {
        var v = xs.Where(double.IsFinite).Order().ToArray();
        return v.Length == 0 ? double.NaN : v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }

    /// <summary>Successes of n with the Wilson 95% interval, e.g. "0/60 (0.0%, 95% CI 0.0-6.0%)".</summary>
    public static string Rate(int x, int n)
    {
        var w = Proportions.Wilson(x, n);
        return string.Create(CultureInfo.InvariantCulture, $"{x}/{n} ({w.Estimate * 100:0.0}%, 95% CI {w.Interval.Lower * 100:0.0}-{w.Interval.Upper * 100:0.0}%)");
    }
}
