using System.Diagnostics;
using System.Globalization;
using IcpKit.Generation;
using IcpKit.Testing;
using IcpKit.Tests.Testing;
using static IcpKit.Benchmarks.CommandLine;

namespace IcpKit.Benchmarks;

/// <summary>
/// <c>calibration</c>: the verdict's calibration over many seeds of every scenario, on the kit's own sample generator and on
/// the held-out generator with issue 13's effect sizes: the share of "holds" (planted, null, confounded), "too broad" (broad),
/// the null sales-cycle "holds"/"wrong" rate and the won-deal cycle medians against the truth, each with its Wilson 95%
/// interval. The suite's <c>CalibrationTests</c> runs fewer seeds of the same thing.
/// </summary>
internal static class CalibrationCommand
{
    public static int Run(string[] args)
    {
        int seeds = int.Parse(Option(args, "--seeds") ?? "100", CultureInfo.InvariantCulture);
        int first = int.Parse(Option(args, "--first-seed") ?? "1001", CultureInfo.InvariantCulture);
        int accounts = int.Parse(Option(args, "--accounts") ?? "3000", CultureInfo.InvariantCulture);
        int resamples = int.Parse(Option(args, "--resamples") ?? "1000", CultureInfo.InvariantCulture);
        bool verbose = args.Contains("--verbose");
        bool show = args.Contains("--show");
        // --no-churn-effect: held-out worlds keep the planted funnel but not the churn effect, the least favourable null of
        // the intersection-union test behind "holds" (its false "holds" rate comes closest to alpha there).
        bool churnEffect = !args.Contains("--no-churn-effect");
        var sources = (Option(args, "--generators") ?? "sample,held-out").Split(',').Select(s => s == "sample" ? WorldSource.Sample : WorldSource.HeldOut).ToArray();
        var kinds = (Option(args, "--scenarios") ?? "planted,null,broad,confounded").Split(',')
            .Select(s => Enum.Parse<ScenarioKind>(s, ignoreCase: true)).ToArray();
        var options = IcpTestOptions.Default with { BootstrapResamples = resamples };
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {Environment.OSVersion}; seeds {first}-{first + seeds - 1}, {accounts:N0} accounts, {resamples} bootstrap resamples"));
        foreach (var source in sources)
        {
            foreach (var kind in kinds)
            {
                var clock = Stopwatch.StartNew();
                var runs = new List<CalibrationRun>();
                for (int s = first; s < first + seeds; s++)
                {
                    var run = CalibrationRuns.Run(source, kind, s, accounts, options, show ? r => Console.WriteLine(r.ToText()) : null, churnEffect);
                    runs.Add(run);
                    if (verbose) Console.WriteLine("  " + run);
                }
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{source} {kind} ({clock.Elapsed.TotalSeconds:0} s)"));
                foreach (var line in CalibrationRuns.Summary(runs)) Console.WriteLine("  " + line);
            }
        }
        return 0;
    }
}
