using System.Diagnostics;
using System.Globalization;
using IcpKit.Generation;
using IcpKit.TestServers;
using Npgsql;
using static IcpKit.Benchmarks.CommandLine;

namespace IcpKit.Benchmarks;

/// <summary>
/// <c>render</c>: <c>icpkit render</c> end to end on one seeded export of realistic size, with its events read from each
/// place they can live: events.csv (the importer), events.parquet (embedded DuckDB), a PostgreSQL table and a
/// Distributed table over two ClickHouse shards. Each render is the real command in a child process under
/// <c>/usr/bin/time</c> (wall time, CPU, peak resident memory of the render process); every source must exit 0 and
/// write the same summary.json as the CSV render (the usage figures included), or the command exits 1.
/// <c>--baseline-cli</c> also renders each source with another build of icpkit (e.g. the commit before a change, in its
/// own clone, whose notebooks it runs), before the current one, and requires the same summary.json from both. For a
/// PostgreSQL source it counts the scans of the events table during each render (pg_stat_user_tables): one per fold.
/// </summary>
internal static class RenderScaleBenchmark
{
    private const string PgVariable = "ICPKIT_BENCH_EVENTS_PG";
    private const string ChVariable = "ICPKIT_BENCH_EVENTS_CH";

    public static int Run(string[] args)
    {
        var accounts = int.Parse(Option(args, "--accounts") ?? "100000", CultureInfo.InvariantCulture);
        var events = long.Parse(Option(args, "--events") ?? "10000000", CultureInfo.InvariantCulture);
        var seed = int.Parse(Option(args, "--seed") ?? "42", CultureInfo.InvariantCulture);
        var sources = (Option(args, "--sources") ?? "csv,parquet,postgres,clickhouse").Split(',');
        var cli = Path.GetFullPath(Option(args, "--cli") ?? Path.Combine("lib", "IcpKit.Cli", "bin", "Release", "net10.0", "IcpKit.Cli.dll"));
        var baseline = Option(args, "--baseline-cli") is { } b ? Path.GetFullPath(b) : null;
        foreach (var build in new[] { cli, baseline }.OfType<string>().Where(f => !File.Exists(f)))
        {
            Console.Error.WriteLine($"No icpkit build at {build}: run `dotnet build -c Release lib/IcpKit.Cli` from the repository root first (or pass --cli).");
            return 2;
        }

        var root = Path.Combine(Path.GetTempPath(), "icpkit-bench", $"export-{accounts}-{events}-s{seed}");
        var export = Path.Combine(root, "export");
        if (!File.Exists(Path.Combine(export, "icpkit.yaml")))
        {
            var clock = Stopwatch.StartNew();
            var written = new SampleExportGenerator(new SampleExportOptions { Accounts = accounts, Events = events, Seed = seed }).Generate(export);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"generated {export}: {written.Accounts:N0} accounts, {written.Deals:N0} deals, {written.Events:N0} events in {clock.Elapsed.TotalSeconds:F1} s"));
        }
        // The sample quarter's reviewed ICP (same generator, same traits), so steps 4 and 5 test a written ICP as a user's render would.
        var icp = Path.GetFullPath(Option(args, "--icp") ?? Path.Combine("data-samples", "2026Q3", "icp.yaml"));
        if (File.Exists(icp))
        {
            File.Copy(icp, Path.Combine(export, "icp.yaml"), overwrite: true);
        }
        var csv = Path.Combine(export, "events.csv");
        Console.WriteLine($"export: {export} (events.csv {new FileInfo(csv).Length / 1024.0 / 1024.0:F0} MiB); cores: {Environment.ProcessorCount}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");

        PostgresServer? pg = null;
        ClickHouseCluster? ch = null;
        try
        {
            var environment = new Dictionary<string, string>(StringComparer.Ordinal);
            var results = new List<(string Source, string Summary, string Line)>();
            foreach (var source in sources)
            {
                var folder = source == "csv" ? export : Path.Combine(root, source);
                string? eventsYaml = source switch
                {
                    "csv" => null,
                    "parquet" => "  file: events.parquet",
                    "postgres" => $"  source: postgres\n  connection_env: {PgVariable}\n  table: events",
                    "clickhouse" => $"  source: clickhouse\n  connection_env: {ChVariable}\n  table: events",
                    _ => throw new ArgumentException($"unknown source {source} (csv, parquet, postgres, clickhouse)"),
                };
                if (eventsYaml is not null)
                {
                    CopyWithoutEvents(export, folder, "events:\n" + eventsYaml + "\n");
                }
                switch (source)
                {
                    case "parquet" when !File.Exists(Path.Combine(folder, "events.parquet")):
                        Timed("events.parquet written by DuckDB", () => EventTables.WriteParquet(csv, Path.Combine(folder, "events.parquet")));
                        break;
                    case "postgres":
                        pg = Timed("PostgreSQL started", PostgresServer.Start);
                        Timed("PostgreSQL loaded (COPY)", () => EventTables.LoadPostgres(pg, csv));
                        environment[PgVariable] = pg.ConnectionString;
                        break;
                    case "clickhouse":
                        ch = Timed("ClickHouse (2 shards) started", ClickHouseCluster.Start);
                        Timed("ClickHouse loaded (INSERT into the Distributed table)", () => EventTables.LoadClickHouse(ch, csv));
                        environment[ChVariable] = ch.Url;
                        break;
                }

                foreach (var (build, label) in new[] { (baseline, "baseline"), (cli, "") }.Where(x => x.Item1 is not null))
                {
                    var name = label.Length == 0 ? source : $"{source} ({label})";
                    var outFolder = Path.Combine(root, "out-" + source + (label.Length == 0 ? "" : "-" + label));
                    if (Directory.Exists(outFolder))
                    {
                        Directory.Delete(outFolder, recursive: true);
                    }
                    var scansBefore = pg is not null && source == "postgres" ? EventScans(pg) : (long?)null;
                    var (line, exit) = RenderTimed(build!, folder, outFolder, environment);
                    var scans = scansBefore is { } before ? $"  events table scanned {EventScans(pg!) - before} time(s)" : "";
                    Console.WriteLine($"  {name,-21} {line}{scans}{(exit == 0 ? "" : $"  EXIT {exit}")}");
                    var summaryPath = Path.Combine(outFolder, "summary.json");
                    results.Add((name, exit == 0 && File.Exists(summaryPath) ? File.ReadAllText(summaryPath) : "", line));
                }
            }

            var same = results.All(r => r.Summary.Length > 0);
            foreach (var (source, summary, _) in results.Skip(1))
            {
                var agrees = summary.Length > 0 && summary == results[0].Summary;
                same &= agrees;
                Console.WriteLine(agrees ? $"{source}: the same summary.json as {results[0].Source}" : $"{source}: summary.json DIFFERS from {results[0].Source}'s (or is missing)");
            }
            return same ? 0 : 1;
        }
        finally
        {
            pg?.Dispose();
            ch?.Dispose();
        }
    }

    /// <summary>A copy of the export without events.csv, its icpkit.yaml given <paramref name="eventsSection"/>.</summary>
    private static void CopyWithoutEvents(string export, string folder, string eventsSection)
    {
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(export))
        {
            var name = Path.GetFileName(file);
            var target = Path.Combine(folder, name);
            if (name is not ("events.csv" or "icpkit.yaml"))
            {
                File.Copy(file, target, overwrite: true);
            }
        }
        File.WriteAllText(Path.Combine(folder, "icpkit.yaml"), File.ReadAllText(Path.Combine(export, "icpkit.yaml")).TrimEnd() + "\n" + eventsSection);
    }

    /// <summary>Sequential scans of the events table so far: each fold reads the whole table once.</summary>
    private static long EventScans(PostgresServer pg)
    {
        Thread.Sleep(TimeSpan.FromSeconds(2)); // a closed backend's statistics reach the shared counters within a second
        using var c = new NpgsqlConnection(pg.ConnectionString);
        c.Open();
        using var cmd = new NpgsqlCommand("SELECT seq_scan FROM pg_stat_user_tables WHERE relname = 'events'", c);
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Runs <c>icpkit render</c> under <c>/usr/bin/time</c>; returns its figures as one line and the exit code.</summary>
    private static (string Line, int Exit) RenderTimed(string cli, string data, string outFolder, IReadOnlyDictionary<string, string> environment)
    {
        var timeFile = Path.Combine(Path.GetTempPath(), $"icpkit-bench-time-{Environment.ProcessId}.txt");
        // The command's own clone (it runs that clone's notebooks), found above the build like icpkit finds it.
        var clone = new DirectoryInfo(Path.GetDirectoryName(cli)!);
        while (clone is not null && !File.Exists(Path.Combine(clone.FullName, "IcpKit.slnx")))
        {
            clone = clone.Parent;
        }
        var start = new ProcessStartInfo("/usr/bin/time")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = clone?.FullName ?? Directory.GetCurrentDirectory(),
        };
        foreach (var a in new[] { "-o", timeFile, "-f", "%e %U %S %M", "dotnet", cli, "render", "--data", data, "--out", outFolder })
        {
            start.ArgumentList.Add(a);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start /usr/bin/time.");
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        File.WriteAllText(outFolder + ".log", output + errors.Result);
        var parts = File.ReadAllText(timeFile).Trim().Split('\n')[^1].Split(' ');
        File.Delete(timeFile);
        var wall = double.Parse(parts[0], CultureInfo.InvariantCulture);
        var cpu = double.Parse(parts[1], CultureInfo.InvariantCulture) + double.Parse(parts[2], CultureInfo.InvariantCulture);
        var peakMiB = long.Parse(parts[3], CultureInfo.InvariantCulture) / 1024.0;
        var reports = Directory.Exists(outFolder) ? Directory.GetFiles(outFolder, "*.html").Length : 0;
        return (string.Create(CultureInfo.InvariantCulture, $"{wall,7:F1} s wall  {cpu,7:F1} s CPU  peak {peakMiB,6:F0} MiB  {reports} HTML reports (log: {outFolder}.log)"), process.ExitCode);
    }
}
