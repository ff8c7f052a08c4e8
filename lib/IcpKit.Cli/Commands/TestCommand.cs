using System.CommandLine;
using System.Globalization;
using IcpKit.Icp;
using IcpKit.Loading;
using IcpKit.Testing;

namespace IcpKit.Cli.Commands;

/// <summary><c>icpkit test FOLDER --icp icp.yaml [--json] [--cutoff DATE]</c>: the verdict per outcome and overall.</summary>
internal static class TestCommand
{
    /// <summary>Exit codes: 0 whatever the verdict; 2 bad input (export, icpkit.yaml, icp.yaml or cutoff).</summary>
    public static Command Create()
    {
        var folder = new Argument<DirectoryInfo>("folder") { Description = "The export folder (accounts.csv, deals.csv, ... and icpkit.yaml)." };
        var icp = new Option<FileInfo?>("--icp") { Description = "The ICP file to test (default: icp.yaml in the export folder)." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a text table." };
        var cutoff = new Option<string?>("--cutoff")
        {
            Description = "Out-of-time validation: test only on accounts that entered on or after this date (yyyy-MM-dd; " +
                          "an account enters with its first deal, or its customer date when it has no deal).",
        };
        var command = new Command("test", "Test an ICP against the non-ICP accounts: win rate, sales cycle, activation, retention, usage, NPS/PMF, ACV, MRR; a verdict per outcome and overall.")
        {
            folder, icp, json, cutoff,
        };
        command.SetAction(parse => Run(parse.GetValue(folder)!.FullName, parse.GetValue(icp)?.FullName, parse.GetValue(json),
            parse.GetValue(cutoff), Console.Out, Console.Error));
        return command;
    }

    public static int Run(string folder, string? icpPath, bool json, string? cutoffText, TextWriter output, TextWriter error)
    {
        DateOnly? cutoff = null;
        if (cutoffText is not null)
        {
            if (!DateOnly.TryParseExact(cutoffText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                error.WriteLine($"--cutoff '{cutoffText}' is not a date (expected yyyy-mm-dd)");
                return 2;
            }
            cutoff = day;
        }
        try
        {
            var export = Export.Load(folder);
            // The one rule (IcpSource): --icp, else icp.yaml in the export folder; a render's draft has no place here.
            var source = IcpSource.Find(icpPath, folder, null);
            if (source.Path is null || !File.Exists(source.Path))
            {
                error.WriteLine(source.Path is null ? "No ICP yet: run notebook 03 (icpkit render) or pass --icp." : $"no ICP file '{source.Path}'");
                return 2;
            }
            var definition = IcpDefinition.Load(source.Path, IcpTest.FieldsOf(export));
            if (!json) output.WriteLine(source.Description);
            // A value no account has matches nobody: say where it is, on stderr so --json stays parseable.
            foreach (var warning in source.Warnings(definition, export)) error.WriteLine($"warning: {warning}; a rule on it matches nobody");
            var result = cutoff is { } c ? IcpTest.OutOfTime(export, definition, c).Later : IcpTest.Run(export, definition);
            if (cutoff is { } day && result.Accounts == 0)
            {
                // Nothing to test is not a verdict: say why instead of "not proven yet (covers 0 of 0 accounts)".
                error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"--cutoff {day:yyyy-MM-dd}: no accounts entered on or after the cutoff (the export runs to {export.AsOf:yyyy-MM-dd}); give an earlier cutoff."));
                return 2;
            }
            output.WriteLine(json ? result.ToJson() : result.ToText());
            return 0;
        }
        catch (IcpFileException e)
        {
            // Every problem with its line, e.g. "icp.yaml line 9: unknown field 'employes' (did you mean 'employees'?)".
            foreach (var problem in e.Errors) error.WriteLine(problem);
            if (e.Errors.IsDefaultOrEmpty) error.WriteLine(e.Message);
            return 2;
        }
        catch (Exception e) when (e is ProjectConfigException or ExportLoadException)
        {
            error.WriteLine(e.Message);
            return 2;
        }
    }
}
