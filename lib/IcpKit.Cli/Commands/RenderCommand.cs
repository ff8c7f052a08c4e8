using System.Collections.Immutable;
using System.CommandLine;
using IcpKit.Icp;
using IcpKit.Loading;
using IcpKit.PutToWork;
using IcpKit.Reports;

namespace IcpKit.Cli.Commands;

/// <summary><c>icpkit render</c>: executes the notebooks on an export and writes self-contained HTML reports.</summary>
internal static class RenderCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "Export folder the notebooks read (default: <repo>/data-samples)." };
        var icp = new Option<FileInfo?>("--icp") { Description = "An icp.yaml passed to the notebooks as icpFile." };
        var output = new Option<DirectoryInfo>("--out") { Description = "Where reports go (default: <repo>/reports)." };
        var keepGoing = new Option<bool>("--keep-going") { Description = "Run every notebook and cell even after a failure." };
        var redact = new Option<bool>("--redact") { Description = "Replace account and contact names with stable pseudonyms (key: ICPKIT_REDACT_KEY, else random per run)." };
        var param = new Option<string[]>("--param")
        {
            Description = "Set a notebook parameter, e.g. --param focusTrait=industry --param lifts=0.05,0.1 (repeatable).",
            AllowMultipleArgumentsPerToken = false,
        };
        var strict = ValidateCommand.StrictOption("validate the export first and render nothing unless it is clean");
        var notebooks = new Argument<FileInfo[]>("notebook") { Arity = ArgumentArity.ZeroOrMore, Description = "Notebooks to run (default: every notebooks/*.ipynb, in name order)." };
        var command = new Command("render", "Run the notebooks on an export and write an HTML report per notebook plus index.html.")
        {
            data, icp, output, keepGoing, redact, strict, param, notebooks,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var root = RepoRoot();
            var dataFolder = parse.GetValue(data)?.FullName ?? Path.Combine(root, "data-samples");
            if (!Directory.Exists(dataFolder))
            {
                await Console.Error.WriteLineAsync($"No export folder at {dataFolder}.").ConfigureAwait(false);
                return 2;
            }
            // A folder of quarters (data-samples/2026Q2, 2026Q3, ...) renders its latest quarter.
            if (QuarterFolders.Latest(dataFolder) is { } latest)
            {
                Console.WriteLine($"{dataFolder} holds quarter folders, not an export: rendering the {latest.Reason}.");
                dataFolder = latest.Folder;
            }
            ExportData? validated = null;
            if (parse.GetValue(strict))
            {
                // A scheduled run stops here rather than render reports on values kept as missing.
                try
                {
                    var export = validated = Export.Load(dataFolder);
                    if (!ValidateCommand.Verdict(export, strict: true, Console.Error))
                    {
                        Console.Write(ValidationText.Format(export));
                        await Console.Error.WriteLineAsync($"--strict: {dataFolder} did not validate cleanly; nothing rendered.").ConfigureAwait(false);
                        return 1;
                    }
                }
                catch (Exception e) when (e is ProjectConfigException or ExportLoadException)
                {
                    await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
                    return 2;
                }
            }
            var notebookFolder = Path.Combine(root, "notebooks");
            var chosen = parse.GetValue(notebooks) is { Length: > 0 } given
                ? given.Select(f => f.FullName).ToImmutableArray()
                : Directory.Exists(notebookFolder)
                    ? [.. Directory.EnumerateFiles(notebookFolder, "*.ipynb").Order(StringComparer.Ordinal)]
                    : [];
            var missing = chosen.Where(f => !File.Exists(f)).ToList();
            if (missing.Count > 0 || chosen.Length == 0)
            {
                await Console.Error.WriteLineAsync(missing.Count > 0 ? $"No such notebook: {string.Join(", ", missing)}" : "No notebooks to run.").ConfigureAwait(false);
                return 2;
            }
            IReadOnlyDictionary<string, object?> extra;
            try
            {
                extra = Parameters.ParsePairs(parse.GetValue(param) ?? []);
            }
            catch (ArgumentException e)
            {
                await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
                return 2;
            }
            var request = new RenderRequest(chosen, dataFolder, parse.GetValue(icp)?.FullName,
                parse.GetValue(output)?.FullName ?? Path.Combine(root, "reports"), parse.GetValue(keepGoing), parse.GetValue(redact),
                Parameters: extra, WriteSummary: true) { Export = validated };
            // Keep the console's own writer: a notebook cell may redirect Console.Out while it runs.
            RenderResult result;
            try
            {
                result = await RenderJob.RunAsync(request, Console.Out, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ProjectConfigException or ExportLoadException)
            {
                // --redact reads the export's names through its icpkit.yaml before any notebook runs.
                await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
                return 2;
            }
            return result.Succeeded ? 0 : 1;
        });
        return command;
    }

    /// <summary>The clone's root: the nearest folder above the current one (or the program) holding IcpKit.slnx.</summary>
    static string RepoRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "IcpKit.slnx"))) return dir.FullName;
        }
        return Directory.GetCurrentDirectory();
    }
}
