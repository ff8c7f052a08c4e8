using System.CommandLine;
using IcpKit.Loading;
using IcpKit.PutToWork;

namespace IcpKit.Cli.Commands;

/// <summary><c>icpkit validate FOLDER</c>: imports an export (or each quarter of a quarters folder) and prints what is wrong with it.</summary>
internal static class ValidateCommand
{
    /// <summary>Exit codes: 0 clean (warnings allowed), 1 rows or files rejected, 2 unusable input.</summary>
    public static Command Create()
    {
        var folder = new Argument<DirectoryInfo>("folder") { Description = "The export folder (accounts.csv, deals.csv, ... and icpkit.yaml), or a folder of quarter folders (2026Q2, 2026Q3, ...)." };
        var command = new Command("validate", "Check an export against the data contract and its icpkit.yaml mapping.") { folder };
        command.SetAction(parse => Run(parse.GetValue(folder)!.FullName, Console.Out, Console.Error));
        return command;
    }

    public static int Run(string folder, TextWriter output, TextWriter error)
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
                worst = Math.Max(worst, RunOne(quarter, output, error));
            }
            return worst;
        }
        return RunOne(folder, output, error);
    }

    static int RunOne(string folder, TextWriter output, TextWriter error)
    {
        try
        {
            var export = Export.Load(folder);
            output.Write(ValidationText.Format(export));
            return export.Report.HasErrors ? 1 : 0;
        }
        catch (Exception e) when (e is ProjectConfigException or ExportLoadException)
        {
            error.WriteLine(e.Message);
            return 2;
        }
    }
}
