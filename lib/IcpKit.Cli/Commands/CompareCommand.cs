using System.Collections.Immutable;
using System.CommandLine;
using IcpKit.Icp;
using IcpKit.Loading;
using IcpKit.PutToWork;

namespace IcpKit.Cli.Commands;

/// <summary><c>icpkit compare FOLDER FOLDER ... [--out DIR]</c>: quarters side by side, each from its summary.json or built from its export.</summary>
internal static class CompareCommand
{
    /// <summary>Exit codes: 0 written, 2 unusable input.</summary>
    public static Command Create()
    {
        var folders = new Argument<DirectoryInfo[]>("folder")
        {
            Arity = ArgumentArity.OneOrMore,
            Description = "Export (or report) folders, one per quarter; each one's summary.json is read, or built from the export when missing.",
        };
        var icp = new Option<FileInfo?>("--icp") { Description = "icp.yaml for exports without their own (default: the newest one among the folders)." };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Folder for compare.html (default: the current folder)." };
        var command = new Command("compare", "Compare quarters: coverage, key outcomes, drift in trait shares, verdict changes.") { folders, icp, output };
        command.SetAction(parse => Run([.. parse.GetValue(folders)!.Select(f => f.FullName)], parse.GetValue(icp)?.FullName,
            parse.GetValue(output)?.FullName ?? Directory.GetCurrentDirectory(), Console.Out, Console.Error));
        return command;
    }

    public static int Run(IReadOnlyList<string> folders, string? icpFile, string outFolder, TextWriter output, TextWriter error)
    {
        // The one rule (IcpSource): --icp for every quarter, else each quarter's own icp.yaml, else none; never another quarter's.
        var summaries = new List<QuarterSummary>();
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var folder in folders)
        {
            try
            {
                var (summary, source) = QuarterSummary.ForFolder(folder, icpFile);
                output.WriteLine($"{summary.Quarter}: {source}");
                summaries.Add(summary);
                sources[summary.Quarter] = source;
            }
            catch (Exception e) when (e is ProjectConfigException or ExportLoadException or IcpFileException or InvalidDataException or IOException)
            {
                error.WriteLine($"{folder}: {e.Message}");
                return 2;
            }
        }
        var comparison = QuarterComparison.Of(summaries) with { Sources = sources.ToImmutableSortedDictionary(StringComparer.Ordinal) };
        output.WriteLine();
        output.WriteLine(comparison.ToText());
        output.WriteLine();
        output.WriteLine($"Wrote {comparison.Save(outFolder)}");
        return 0;
    }
}
