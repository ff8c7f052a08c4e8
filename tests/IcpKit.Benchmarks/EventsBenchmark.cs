using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using DuckDB.NET.Data;
using IcpKit.Loading.Events;
using static IcpKit.Benchmarks.CommandLine;

namespace IcpKit.Benchmarks;

/// <summary>
/// <c>events</c>: the per-account usage import against DuckDB (<c>read_csv</c> plus one <c>GROUP BY</c>) on the
/// same file in the same run. Each side runs in a fresh child process, timed inside it from the call to the
/// in-memory result, with its peak memory read from /proc/self/status (VmHWM); the parent checks that both
/// sides agree on every account and prints the times, their ratio and the peaks.
/// </summary>
internal static class EventsBenchmark
{
    public const string SideCommand = "_events-side";

    /// <summary>The seeded writer's activation and high-value events; <c>--activation</c> and <c>--high-value</c> override them for other files.</summary>
    private const string DefaultActivation = "create_report";
    private const string DefaultHighValue = "export_report,integration_connected";

    public static int Run(string[] args)
    {
        var events = long.Parse(Option(args, "--events") ?? "10000000", CultureInfo.InvariantCulture);
        var seed = int.Parse(Option(args, "--seed") ?? "42", CultureInfo.InvariantCulture);
        var repeat = int.Parse(Option(args, "--repeat") ?? "3", CultureInfo.InvariantCulture);
        var accounts = int.Parse(Option(args, "--accounts") ?? Math.Max(1, events / 100).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var file = Option(args, "--file");
        var activation = Option(args, "--activation") ?? DefaultActivation;
        var highValue = Option(args, "--high-value") ?? DefaultHighValue;
        if (file is null)
        {
            var dir = Path.Combine(Path.GetTempPath(), "icpkit-bench");
            Directory.CreateDirectory(dir);
            file = Path.Combine(dir, $"events-{events}-{accounts}-s{seed}.csv");
            if (File.Exists(file))
            {
                Console.WriteLine($"reusing {file} (seeded: same arguments, same bytes)");
            }
            else
            {
                var sw = Stopwatch.StartNew();
                SeededEventsWriter.Write(file, events, accounts, seed);
                Console.WriteLine($"generated {file} in {sw.Elapsed.TotalSeconds:F1} s (seed {seed})");
            }
        }

        Console.WriteLine($"file: {file}, {new FileInfo(file).Length / 1024.0 / 1024.0:F0} MiB; cores: {Environment.ProcessorCount}; runs per side: {repeat}");
        var importer = new List<SideResult>();
        var duckdb = new List<SideResult>();
        var figures = new Dictionary<string, string>();
        for (var r = 0; r < repeat; r++)
        {
            // Alternate the order so neither side always runs on the warmer page cache.
            foreach (var side in r % 2 == 0 ? new[] { "duckdb", "importer" } : ["importer", "duckdb"])
            {
                var outPath = Path.Combine(Path.GetTempPath(), $"icpkit-bench-{side}-{Environment.ProcessId}.tsv");
                var result = SideResult.Parse(ChildProcess.RunSelf([SideCommand, side, file, outPath, activation, highValue]));
                (side == "importer" ? importer : duckdb).Add(result);
                figures[side] = outPath;
                Console.WriteLine($"  run {r + 1} {side,-8} {result.Seconds,6:F2} s  peak {result.PeakMiB,5:F0} MiB  {result.Accounts} accounts  (process CPU {result.CpuSeconds:F2} s)");
            }
        }

        var mismatches = Compare(figures["importer"], figures["duckdb"]);
        foreach (var path in figures.Values)
        {
            File.Delete(path);
        }

        var importerTime = Median(importer.Select(x => x.Seconds));
        var duckTime = Median(duckdb.Select(x => x.Seconds));
        var importerPeak = importer.Max(x => x.PeakMiB);
        Console.WriteLine();
        Console.WriteLine($"importer (EventUsageImporter): {importerTime:F2} s median, peak working set {importerPeak:F0} MiB (max of runs, VmHWM of its own process)");
        Console.WriteLine($"duckdb (read_csv + GROUP BY):  {duckTime:F2} s median, peak working set {duckdb.Max(x => x.PeakMiB):F0} MiB");
        Console.WriteLine($"ratio importer/duckdb: {importerTime / duckTime:F2}  (target <= 0.70; peak target <= 128 MiB)");
        Console.WriteLine(mismatches == 0 ? "figures agree on every account" : $"FIGURES DIFFER on {mismatches} accounts");
        Console.WriteLine(importerTime <= 0.70 * duckTime && importerPeak <= 128 ? "target met" : "target NOT met");
        return mismatches == 0 ? 0 : 1;
    }

    /// <summary>Child process: runs one side, writes its per-account figures, prints its time and peak memory.</summary>
    public static int RunSide(string[] args)
    {
        var (side, file, outPath) = (args[0], args[1], args[2]);
        ImmutableHashSet<string> activation = [.. args[3].Split(',')];
        ImmutableHashSet<string> highValue = [.. args[4].Split(',')];
        var sw = Stopwatch.StartNew();
        var rows = side switch
        {
            "importer" => RunImporter(file, activation, highValue),
            "duckdb" => RunDuckDb(file, activation, highValue),
            _ => throw new ArgumentException($"unknown side {side}"),
        };
        var seconds = sw.Elapsed.TotalSeconds;
        var peak = ChildProcess.PeakWorkingSetMiB();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        File.WriteAllLines(outPath, rows.OrderBy(r => r.Account, StringComparer.Ordinal).Select(r => r.ToString()));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{seconds} {peak} {rows.Count} {cpu}"));
        return 0;
    }

    private static List<Figures> RunImporter(string file, ImmutableHashSet<string> activation, ImmutableHashSet<string> highValue)
    {
        var options = new EventImportOptions(file, Path.GetFileName(file), Encoding.UTF8, ',', 0, 1, 2, 3, activation, highValue,
            [], DateOnly.MaxValue, null);
        var result = EventUsageImporter.Import(options);
        if (result.Rejected > 0)
        {
            throw new InvalidOperationException($"{result.Rejected} rows rejected: {result.Issues.FirstOrDefault()}");
        }

        return [.. result.Usage.Values.Select(u => new Figures(u.AccountId, u.EventCount, u.FirstEventAt!.Value, u.LastEventAt!.Value,
            u.FirstActivationAt, u.FirstHighValueAt, u.HighValueCount, u.ActiveDays, u.ActiveWeeks, u.DistinctUsers))];
    }

    private static List<Figures> RunDuckDb(string file, ImmutableHashSet<string> activation, ImmutableHashSet<string> highValue)
    {
        static string List(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n.Replace("'", "''", StringComparison.Ordinal)}'"));
        var sql = $"""
            SELECT account_id,
                   count(*),
                   min(occurred_at),
                   max(occurred_at),
                   min(occurred_at) FILTER (WHERE event IN ({List(activation)})),
                   min(occurred_at) FILTER (WHERE event IN ({List(highValue)})),
                   count(*) FILTER (WHERE event IN ({List(highValue)})),
                   count(DISTINCT CAST(occurred_at AS DATE)),
                   count(DISTINCT date_trunc('week', occurred_at)),
                   count(DISTINCT user_id)
            FROM read_csv('{file.Replace("'", "''", StringComparison.Ordinal)}', header = true, delim = ',',
                 columns = {"{"}'account_id': 'VARCHAR', 'user_id': 'VARCHAR', 'occurred_at': 'TIMESTAMP', 'event': 'VARCHAR'{"}"})
            GROUP BY account_id
            """;
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<Figures>();
        while (reader.Read())
        {
            rows.Add(new Figures(reader.GetString(0), reader.GetInt64(1), reader.GetDateTime(2), reader.GetDateTime(3),
                reader.IsDBNull(4) ? null : reader.GetDateTime(4), reader.IsDBNull(5) ? null : reader.GetDateTime(5),
                reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8), reader.GetInt64(9)));
        }

        return rows;
    }

    private static int Compare(string importerPath, string duckPath)
    {
        var a = File.ReadAllLines(importerPath);
        var b = File.ReadAllLines(duckPath);
        var mismatches = Math.Abs(a.Length - b.Length);
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            if (a[i] != b[i])
            {
                if (mismatches++ < 5)
                {
                    Console.WriteLine($"  importer: {a[i]}\n  duckdb:   {b[i]}");
                }
            }
        }

        return mismatches;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>Wall time of the work, peak memory, accounts found, and CPU time of the whole child process (a check on a busy machine).</summary>
    private sealed record SideResult(double Seconds, double PeakMiB, int Accounts, double CpuSeconds)
    {
        public static SideResult Parse(string output)
        {
            var parts = output.Trim().Split('\n')[^1].Split(' ');
            return new SideResult(double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture),
                int.Parse(parts[2], CultureInfo.InvariantCulture), double.Parse(parts[3], CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The figures both sides compute for one account, written one account a line for comparison.</summary>
    private sealed record Figures(string Account, long Events, DateTime First, DateTime Last, DateTime? FirstActivation,
        DateTime? FirstHighValue, long HighValueEvents, long Days, long Weeks, long Users)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{Account}\t{Events}\t{First:s}\t{Last:s}\t{FirstActivation:s}\t{FirstHighValue:s}\t{HighValueEvents}\t{Days}\t{Weeks}\t{Users}");
    }
}
