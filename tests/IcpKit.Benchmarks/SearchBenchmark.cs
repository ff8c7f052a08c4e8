using System.Diagnostics;
using System.Globalization;
using IcpKit.Drafting;
using IcpKit.Generation;
using static IcpKit.Benchmarks.CommandLine;

namespace IcpKit.Benchmarks;

/// <summary>
/// <c>search</c>: the candidate search (one to three conditions, multi-value ones included) on a generated planted world,
/// timed in-process after one warm-up run; prints the conditions, candidates and the best and median time.
/// </summary>
internal static class SearchBenchmark
{
    public static int Run(string[] args)
    {
        var accounts = int.Parse(Option(args, "--accounts") ?? "100000", CultureInfo.InvariantCulture);
        var repeat = int.Parse(Option(args, "--repeat") ?? "3", CultureInfo.InvariantCulture);
        var seed = int.Parse(Option(args, "--seed") ?? "42", CultureInfo.InvariantCulture);
        var scenario = SampleScenario.Of(ScenarioKind.Planted, seed, accounts, eventsPerAccount: 5);
        var folder = Directory.CreateTempSubdirectory("icpkit-search-").FullName;
        try
        {
            scenario.Generate(folder);
            var export = IcpKit.Loading.Export.Load(folder);
            Console.WriteLine($"search: {scenario}; cores {Environment.ProcessorCount}; {repeat} runs after one warm-up");
            var result = CandidateSearch.Run(export);
            var times = new List<double>();
            for (var i = 0; i < repeat; i++)
            {
                var clock = Stopwatch.StartNew();
                result = CandidateSearch.Run(export);
                times.Add(clock.Elapsed.TotalSeconds);
            }
            times.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {result.ConditionCount} conditions, {result.CandidateCount:N0} candidates: best {times[0]:0.00} s, median {times[times.Count / 2]:0.00} s"));
            Console.WriteLine($"  top: {result.Best}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
        return 0;
    }
}
