using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using IcpKit.Generation;

namespace IcpKit.Cli.Commands;

/// <summary><c>icpkit generate</c>: writes a seeded sample export (or the small messy one) into a folder.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var defaults = new SampleExportOptions();
        var accounts = new Option<int>("--accounts") { Description = "Accounts in the CRM", DefaultValueFactory = _ => defaults.Accounts };
        var seed = new Option<int>("--seed") { Description = "Seed: the same seed writes the same bytes", DefaultValueFactory = _ => defaults.Seed };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write into (created if needed)", Required = true };
        var perAccount = new Option<double?>("--events-per-account") { Description = $"Average product events per account (default {defaults.EventsPerAccount})" };
        var events = new Option<long?>("--events") { Description = "Exact number of product events (instead of --events-per-account)" };
        var asOf = new Option<string?>("--as-of") { Description = "Snapshot date yyyy-MM-dd (default: last day of the history)" };
        var start = new Option<string?>("--start") { Description = $"First day of the history yyyy-MM-dd (default {defaults.Start:yyyy-MM-dd})" };
        var years = new Option<int>("--years") { Description = "Years of history", DefaultValueFactory = _ => defaults.Years };
        var strength = new Option<double>("--effect-strength") { Description = "Planted ICP effect strength (0 = none, 1 = documented)", DefaultValueFactory = _ => defaults.EffectStrength };
        var noConfounders = new Option<bool>("--no-confounders") { Description = "Do not plant the confounders" };
        var messy = new Option<bool>("--messy") { Description = "Write the small messy export that exercises validation instead" };

        var command = new Command("generate", "Write a seeded sample export with a planted ICP (same seed, same bytes).")
        {
            accounts, seed, output, perAccount, events, asOf, start, years, strength, noConfounders, messy,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(perAccount) is not null && result.GetValue(events) is not null)
                result.AddError("Give either --events-per-account or --events, not both.");
        });
        command.SetAction(parse =>
        {
            var dir = parse.GetValue(output)!.FullName;
            if (parse.GetValue(messy))
            {
                var problems = MessyExportWriter.Write(dir);
                Console.WriteLine($"Wrote the messy export to {dir}: {problems.Length} planted problems (see README.md there).");
                return 0;
            }
            SampleExportOptions options;
            try
            {
                options = defaults with
                {
                    Accounts = parse.GetValue(accounts),
                    Seed = parse.GetValue(seed),
                    EventsPerAccount = parse.GetValue(perAccount) ?? defaults.EventsPerAccount,
                    Events = parse.GetValue(events),
                    AsOf = ParseDate(parse.GetValue(asOf)),
                    Start = ParseDate(parse.GetValue(start)) ?? defaults.Start,
                    Years = parse.GetValue(years),
                    EffectStrength = parse.GetValue(strength),
                    Confounders = !parse.GetValue(noConfounders),
                };
                options.Validate();
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                Console.Error.WriteLine($"icpkit generate: {e.Message}");
                return 2;
            }
            var clock = Stopwatch.StartNew();
            var export = new SampleExportGenerator(options).Generate(dir);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Wrote {dir}: {export.Accounts} accounts, {export.Deals} deals, {export.Events} events, {export.Surveys} survey answers in {clock.Elapsed.TotalSeconds:0.0} s."));
            Console.WriteLine($"Planted ICP: {string.Join(" AND ", export.Truth.IcpRule)}");
            return 0;
        });
        return command;
    }

    private static DateOnly? ParseDate(string? text) =>
        text is null ? null : DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
