using System.CommandLine;
using System.Globalization;
using IcpKit.Loading;
using IcpKit.PutToWork;

namespace IcpKit.Cli.Commands;

/// <summary><c>icpkit validate FOLDER</c>: imports an export (or each quarter of a quarters folder) and prints what is wrong with it.</summary>
internal static class ValidateCommand
{
    /// <summary>The option that turns warnings into failures, shared by validate and render.</summary>
    public static Option<bool> StrictOption(string what) => new("--strict") { Description = $"Exit 1 on any warning too (a value kept as missing, an unknown stage, ...): {what}." };

    /// <summary>Exit codes: 0 clean (warnings allowed unless --strict), 1 rows or files rejected (or warnings under --strict), 2 unusable input.</summary>
    public static Command Create()
    {
        var folder = new Argument<DirectoryInfo>("folder") { Description = "The export folder (accounts.csv, deals.csv, ... and icpkit.yaml), or a folder of quarter folders (2026Q2, 2026Q3, ...)." };
        var strict = StrictOption("for scheduled runs");
        var command = new Command("validate", "Check an export against the data contract and its icpkit.yaml mapping.") { folder, strict };
        command.SetAction(parse => Run(parse.GetValue(folder)!.FullName, parse.GetValue(strict), Console.Out, Console.Error));
        return command;
    }

    public static int Run(string folder, bool strict, TextWriter output, TextWriter error)
    {
        // A folder of quarters (data-samples/2026Q2, 2026Q3, ...), as render accepts: validate every quarter in it.
        if (QuarterFolders.Latest(folder) is { } quarters)
        {
            output.WriteLine($"{folder} holds {quarters.Candidates.Length} quarter folder(s), not an export: validating each.");
            var worst = 0;
            foreach (var quarter in quarters.Candidates)
            {
                output.WriteLine();
                output.WriteLine($"== {Path.GetFileName(quarter)} ==");
                worst = Math.Max(worst, RunOne(quarter, strict, output, error));
            }
            return worst;
        }
        return RunOne(folder, strict, output, error);
    }

    static int RunOne(string folder, bool strict, TextWriter output, TextWriter error)
    {
        try
        {
            var export = Export.Load(folder);
            output.Write(ValidationText.Format(export));
            return Verdict(export, strict, error) ? 0 : 1;
        }
        catch (Exception e) when (e is ProjectConfigException or ExportLoadException)
        {
            error.WriteLine(e.Message);
            return 2;
        }
    }

    /// <summary>True when the export passes; under --strict, says why warnings fail it.</summary>
    public static bool Verdict(ExportData export, bool strict, TextWriter error)
    {
        var report = export.Report;
        if (strict && !report.HasErrors && report.WarningCount > 0)
        {
            error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"--strict: {report.WarningCount} warning(s) fail the check (fix the values, or map them in icpkit.yaml)"));
        }
        return report.Passes(strict);
    }
}
