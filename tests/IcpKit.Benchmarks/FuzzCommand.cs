using System.Diagnostics;
using System.Globalization;
using CsCheck;
using IcpKit.Fuzz;

namespace IcpKit.Benchmarks;

/// <summary>
/// The long fuzz run: many more mutated exports than the suite's test, each checked like it (no exception but
/// documented errors, no hang, rows balance, every problem placed). Prints each failing case with its mutations.
/// </summary>
internal static class FuzzCommand
{
    public static int Run(string[] args)
    {
        var cases = 5000;
        var timeoutSeconds = 60;
        string? seed = null;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--cases": cases = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--timeout": timeoutSeconds = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--seed": seed = args[i + 1]; break;
                default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
            }
        }
        var export = ExportFuzz.Seed();
        var failures = 0;
        var watch = Stopwatch.StartNew();
        var n = 0;
        // Failures are printed and counted, not thrown: the run goes on through every case.
        ExportFuzz.Mutations.Sample(mutations =>
        {
            var at = Interlocked.Increment(ref n);
            var problems = ExportFuzz.Check(export, mutations, TimeSpan.FromSeconds(timeoutSeconds));
            if (problems.Count == 0) return;
            Interlocked.Increment(ref failures);
            Console.WriteLine($"case {at}: {string.Join("; ", mutations.Select(m => m.ToString()))}");
            foreach (var p in problems) Console.WriteLine("  " + p);
        }, seed: seed, iter: cases, threads: 1);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{n} cases, {failures} failing, in {watch.Elapsed.TotalSeconds:0.0} s"));
        return failures == 0 ? 0 : 1;
    }
}
