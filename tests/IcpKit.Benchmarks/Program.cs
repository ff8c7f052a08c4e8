using IcpKit.Benchmarks;

// Run from the repository root, for example:
//   dotnet run -c Release --project tests/IcpKit.Benchmarks -- events --events 10000000 [--file events.csv] [--repeat 3] [--seed 42]
//       [--activation create_report] [--high-value export_report,integration_connected]
//   dotnet run -c Release --project tests/IcpKit.Benchmarks -- warehouse --events 10000000 --accounts 100000 [--sides importer,parquet,postgres,clickhouse] [--duckdb-memory-mib 256]
//   dotnet run -c Release --project tests/IcpKit.Benchmarks -- render --accounts 100000 --events 10000000 [--sources csv,parquet,postgres,clickhouse] [--icp data-samples/2026Q3/icp.yaml] [--cli <IcpKit.Cli.dll>]
//   dotnet run -c Release --project tests/IcpKit.Benchmarks -- stats [--subjects 1000000] [--accounts 100000] [--repeat 5] [--seed 42]
//   dotnet run -c Release --project tests/IcpKit.Benchmarks -- calibration [--seeds 100] [--first-seed 1001] [--accounts 3000]
//       [--generators sample,held-out] [--scenarios planted,null,broad,confounded] [--resamples 1000] [--verbose] [--show]
//   dotnet run -c Release --project tests/IcpKit.Benchmarks -- retention-ceiling [--seeds 200] [--first-seed 1001] [--accounts 3000]
//       [--null-seeds 200] [--resamples 200] [--verbose]
//   dotnet run -c Release --project tests/IcpKit.Benchmarks -- recovery [--seeds 20] [--first-seed 1] [--accounts 3000]
//       [--scenarios planted,null,confounded] [--icp stage|sample] [--generator sample|heldout] [--verbose]
//   dotnet run -c Release --project tests/IcpKit.Benchmarks -- search [--accounts 100000] [--repeat 3] [--seed 42]
//   dotnet run -c Release --project tests/IcpKit.Benchmarks -- fuzz [--cases 5000] [--timeout 60] [--seed <CsCheck seed>]

// Each benchmark lives in its own file and registers one line here: name -> entry point taking the remaining arguments.
var commands = new Dictionary<string, Func<string[], int>>(StringComparer.Ordinal)
{
    ["events"] = EventsBenchmark.Run,
    ["stats"] = StatsBenchmark.Run,
    ["fuzz"] = FuzzCommand.Run,
    ["calibration"] = CalibrationCommand.Run,
    ["retention-ceiling"] = RetentionCeilingCommand.Run,
    ["recovery"] = RecoveryCommand.Run,
    ["search"] = SearchBenchmark.Run,
    [EventsBenchmark.SideCommand] = EventsBenchmark.RunSide,
    ["warehouse"] = WarehouseBenchmark.Run,
    [WarehouseBenchmark.SideCommand] = WarehouseBenchmark.RunSide,
    ["render"] = RenderScaleBenchmark.Run,
};

if (args.Length == 0 || !commands.TryGetValue(args[0], out var command))
{
    Console.Error.WriteLine($"usage: IcpKit.Benchmarks <{string.Join("|", commands.Keys.Where(k => !k.StartsWith('_')))}> [options]");
    return 2;
}

return command(args[1..]);
