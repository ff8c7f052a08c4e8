using System.CommandLine;
using IcpKit.Loading;

namespace IcpKit.Cli.Commands;

/// <summary><c>icpkit validate FOLDER</c>: imports an export and prints what is wrong with it.</summary>
internal static class ValidateCommand
{
    /// <summary>Exit codes: 0 clean (warnings allowed), 1 rows or files rejected, 2 unusable input.</summary>
    public static Command Create()
    {
        var folder = new Argument<DirectoryInfo>("folder") { Description = "The export folder (accounts.csv, deals.csv, ... and icpkit.yaml)." };
        var command = new Command("validate", "Check an export against the data contract and its icpkit.yaml mapping.") { folder };
        command.SetAction(parse => Run(parse.GetValue(folder)!.FullName, Console.Out, Console.Error));
        return command;
    }

    public static int Run(string folder, TextWriter output, TextWriter error)
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
