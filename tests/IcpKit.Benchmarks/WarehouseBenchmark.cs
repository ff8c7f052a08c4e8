using System.Diagnostics;
using System.Globalization;
using System.Text;
using IcpKit.Loading.Events;
using IcpKit.Loading.Warehouse;
using IcpKit.Model;
using IcpKit.TestServers;
using static IcpKit.Benchmarks.CommandLine;

namespace IcpKit.Benchmarks;

/// <summary>
/// <c>warehouse</c>: the usage fold over the same seeded events from four places: events.csv through the kit's
/// importer, a Parquet file through embedded DuckDB, a PostgreSQL 15 table and a Distributed table over two
/// ClickHouse 18.16 shards (servers started here on loopback ports and stopped at the end). Each fold runs in a fresh
/// child process, timed inside it, with the kit process's peak memory (VmHWM); loading the servers is timed apart.
/// Every side must give the importer's per-account records.
/// </summary>
internal static class WarehouseBenchmark
{
    public const string SideCommand = "_warehouse-side";
    private const string Activation = "create_report";
    private const string HighValue = "export_report,integration_connected";
    private static readonly EventRelation Table = new("events", false, "account_id", "user_id", "occurred_at", "event");

    public static int Run(string[] args)
    {
        var events = long.Parse(Option(args, "--events") ?? "10000000", CultureInfo.InvariantCulture);
        var accounts = int.Parse(Option(args, "--accounts") ?? "100000", CultureInfo.InvariantCulture);
        var seed = int.Parse(Option(args, "--seed") ?? "42", CultureInfo.InvariantCulture);
        var sides = (Option(args, "--sides") ?? "importer,parquet,postgres,clickhouse").Split(',');
        // Embedded DuckDB's memory_limit for the parquet side; the engine's default otherwise.
        var duckMemory = Option(args, "--duckdb-memory-mib") ?? "";
        var dir = Path.Combine(Path.GetTempPath(), "icpkit-bench");
        Directory.CreateDirectory(dir);
        var csv = Path.Combine(dir, $"events-{events}-{accounts}-s{seed}.csv");
        var parquet = Path.ChangeExtension(csv, ".parquet");
        Timed($"seeded events.csv ({events:N0} events, {accounts:N0} accounts)", () =>
        {
            if (!File.Exists(csv))
            {
                SeededEventsWriter.Write(csv, events, accounts, seed);
            }
        });
        Console.WriteLine($"file: {csv}, {new FileInfo(csv).Length / 1024.0 / 1024.0:F0} MiB; cores: {Environment.ProcessorCount}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");

        PostgresServer? pg = null;
        ClickHouseCluster? ch = null;
        try
        {
            if (sides.Contains("parquet") && !File.Exists(parquet))
            {
                Timed("events.parquet written by DuckDB", () => EventTables.WriteParquet(csv, parquet));
            }
            if (sides.Contains("postgres"))
            {
                pg = Timed("PostgreSQL started", PostgresServer.Start);
                Timed("PostgreSQL loaded (COPY)", () => EventTables.LoadPostgres(pg, csv));
            }
            if (sides.Contains("clickhouse"))
            {
                ch = Timed("ClickHouse (2 shards) started", ClickHouseCluster.Start);
                Timed("ClickHouse loaded (INSERT into the Distributed table)", () => EventTables.LoadClickHouse(ch, csv));
            }

            var results = new List<(string Side, string[] Lines, string Report)>();
            foreach (var side in sides)
            {
                var connection = side switch { "postgres" => pg!.ConnectionString, "clickhouse" => ch!.Url, _ => "" };
                var source = side switch { "importer" => csv, "parquet" => parquet, _ => "" };
                var outPath = Path.Combine(Path.GetTempPath(), $"icpkit-bench-{side}-{Environment.ProcessId}.txt");
                var report = ChildProcess.RunSelf([SideCommand, side, source, connection, outPath, duckMemory]).Trim().Split('\n')[^1];
                results.Add((side, File.ReadAllLines(outPath), report));
                File.Delete(outPath);
                Console.WriteLine($"  {side,-10} {report}");
            }

            var reference = results[0];
            var same = true;
            foreach (var (side, lines, _) in results.Skip(1))
            {
                var differ = lines.Length != reference.Lines.Length ? Math.Abs(lines.Length - reference.Lines.Length) : lines.Zip(reference.Lines).Count(p => p.First != p.Second);
                same &= differ == 0;
                Console.WriteLine(differ == 0 ? $"{side}: the same {lines.Length:N0} records as {reference.Side}" : $"{side}: {differ} RECORDS DIFFER from {reference.Side}");
            }
            return same ? 0 : 1;
        }
        finally
        {
            pg?.Dispose();
            ch?.Dispose();
        }
    }

    /// <summary>Child process: one fold, its wall time and the process's peak memory, its records written for comparison.</summary>
    public static int RunSide(string[] args)
    {
        var (side, source, connection, outPath) = (args[0], args[1], args[2], args[3]);
        long? duckMemory = args.Length > 4 && args[4].Length > 0 ? long.Parse(args[4], CultureInfo.InvariantCulture) << 20 : null;
        var clock = Stopwatch.StartNew();
        var (usage, resultRows) = side switch
        {
            "importer" => (EventUsageImporter.Import(new EventImportOptions(source, "events.csv", Encoding.UTF8, ',', 0, 1, 2, 3,
                [.. Activation.Split(',')], [.. HighValue.Split(',')], [], DateOnly.MaxValue, null)).Usage, 0L),
            "parquet" => Fold(new DuckDbEngine(memoryLimitBytes: duckMemory), Table with { Relation = $"read_parquet({SqlDialect.DuckDb.Literal(source)})", IsQuery = true }),
            "postgres" => Fold(new PostgresEngine(connection), Table),
            "clickhouse" => Fold(new ClickHouseEngine(connection), Table),
            _ => throw new ArgumentException($"unknown side {side}"),
        };
        var seconds = clock.Elapsed.TotalSeconds;
        var peak = ChildProcess.PeakWorkingSetMiB();
        File.WriteAllLines(outPath, usage.Values.OrderBy(u => u.AccountId, StringComparer.Ordinal).Select(Describe));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{seconds,7:F2} s  peak {peak,5:F0} MiB  {usage.Count:N0} accounts  {(resultRows > 0 ? $"{resultRows:N0} result rows" : "")}"));
        return 0;
    }

    private static (System.Collections.Immutable.ImmutableDictionary<string, AccountUsage>, long) Fold(IEventEngine engine, EventRelation source)
    {
        using (engine)
        {
            var fold = new UsageFold(engine.Dialect, source, [.. Activation.Split(',')], [.. HighValue.Split(',')], null);
            var (result, summary) = WarehouseUsage.Fold(engine, fold, "events", null);
            return (result.Usage, summary.ResultRows);
        }
    }

    private static string Describe(AccountUsage u) => string.Create(CultureInfo.InvariantCulture,
        $"{u.AccountId}\t{u.EventCount}\t{u.FirstEventAt:O}\t{u.LastEventAt:O}\t{u.FirstActivationAt:O}\t{u.FirstHighValueAt:O}\t{u.HighValueCount}\t" +
        $"{u.ActiveDays}\t{u.ActiveWeeks}\t{u.DistinctUsers}\t{string.Join(",", u.EventCounts.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"))}");
}
