using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;

namespace IcpKit.NotebookTests;

/// <summary>One notebook executed by Jupyter's own client: the executed copy, nbconvert's exit code and output.</summary>
public sealed record JupyterNotebook(string Name, string Ipynb, int ExitCode, string Log);

/// <summary>
/// Every notebook executed once through Jupyter (<c>jupyter nbconvert --to notebook --execute</c> with the
/// <c>.net-csharp</c> kernelspec that <c>dotnet-interactive jupyter install</c> registers), and the executed outputs
/// checked in Chromium. Lazy and shared by the notebook collection. Fails, saying what to install, when Jupyter, the
/// kernelspec or the pinned kernel tool is missing (.ci/setup-jupyter.sh installs them).
/// </summary>
public sealed class JupyterRun
{
    /// <summary>The kernelspec the notebooks declare (metadata.kernelspec.name).</summary>
    public const string KernelName = ".net-csharp";

    readonly Lazy<Task<ImmutableDictionary<string, JupyterNotebook>>> runs = new(RunAllAsync);
    readonly Lazy<Task<ImmutableDictionary<string, PageResult>>> pages;

    public JupyterRun() => pages = new(CheckPagesAsync);

    static string OutFolder => Path.Combine(Chromium.OutputFolder, "jupyter");

    /// <summary>The executed notebooks, keyed by file name.</summary>
    public Task<ImmutableDictionary<string, JupyterNotebook>> NotebooksAsync() => runs.Value;

    /// <summary>What Chromium saw on each executed notebook's outputs page, keyed by file name.</summary>
    public Task<ImmutableDictionary<string, PageResult>> PagesAsync() => pages.Value;

    static async Task<ImmutableDictionary<string, JupyterNotebook>> RunAllAsync()
    {
        const string setup = "run .ci/setup-jupyter.sh (Debian's jupyter-nbconvert, jupyter-client and python3-ipykernel, then `dotnet tool run dotnet-interactive jupyter install`)";
        var version = await Processes.RunAsync("jupyter", "nbconvert --version", Repo.Root, TimeSpan.FromMinutes(1), "The Jupyter test needs `jupyter nbconvert`: " + setup);
        if (version.ExitCode != 0) throw new InvalidOperationException($"`jupyter nbconvert --version` failed ({setup}): {version.Output}");
        var specs = await Processes.RunAsync("jupyter", "kernelspec list --json", Repo.Root, TimeSpan.FromMinutes(1));
        if (specs.ExitCode != 0 || !specs.Output.Contains($"\"{KernelName}\"", StringComparison.Ordinal))
            throw new InvalidOperationException($"Jupyter has no {KernelName} kernelspec: {setup}. `jupyter kernelspec list --json` said: {specs.Output}");
        // The kernelspec runs `dotnet interactive`, which the notebooks' folder resolves from the repo's tool manifest.
        var restore = await Processes.RunAsync("dotnet", "tool restore", Repo.Root, TimeSpan.FromMinutes(5));
        if (restore.ExitCode != 0) throw new InvalidOperationException("dotnet tool restore failed: " + restore.Output);

        if (Directory.Exists(OutFolder)) Directory.Delete(OutFolder, recursive: true);
        Directory.CreateDirectory(OutFolder);
        // One at a time: each kernel binds the first free HTTP port from 2048 up, and two starting in the same instant
        // collide ("address already in use", the kernel dies). A kernel started elsewhere at that instant can do the
        // same, so that one failure is retried once.
        var runs = new List<JupyterNotebook>();
        foreach (var file in Repo.NotebookFiles)
        {
            var name = Path.GetFileName(file);
            var run = await ExecuteAsync(file);
            if (run.ExitCode != 0 && run.Output.Contains("address already in use", StringComparison.Ordinal)) run = await ExecuteAsync(file);
            runs.Add(new JupyterNotebook(name, Path.Combine(OutFolder, name), run.ExitCode, run.Output));
        }
        return runs.ToImmutableDictionary(n => n.Name);
    }

    // --allow-errors writes every output, errors included, so the test can name the failing cell.
    static Task<(int ExitCode, string Output)> ExecuteAsync(string notebook) => Processes.RunAsync("jupyter",
        $"nbconvert --to notebook --execute --allow-errors --ExecutePreprocessor.kernel_name={KernelName} "
        + $"--ExecutePreprocessor.timeout=600 --output-dir \"{OutFolder}\" \"{notebook}\"",
        Repo.Notebooks, TimeSpan.FromMinutes(10));

    async Task<ImmutableDictionary<string, PageResult>> CheckPagesAsync()
    {
        var executed = (await NotebooksAsync()).Values.Where(n => File.Exists(n.Ipynb)).OrderBy(n => n.Name, StringComparer.Ordinal).ToList();
        var specs = executed.Select(n =>
        {
            var stem = Path.GetFileNameWithoutExtension(n.Name);
            var html = Path.Combine(OutFolder, $"outputs-{stem}.html");
            // The .NET kernel's own Jupyter bootstrap (its first output, probing its HTTP API and asking a CDN for
            // require.js) is the kernel's, not the kit's, and VS Code never shows it: leave it out.
            var figures = OutputsPage.Write(n.Ipynb, html, drop: IsKernelBootstrap);
            return new PageSpec(html, Path.Combine(Chromium.OutputFolder, $"jupyter-{stem}.png"), figures);
        }).ToList();
        var seen = await Chromium.CheckAsync(specs);
        return executed.Select(n => n.Name).Zip(seen).ToImmutableDictionary(x => x.First, x => x.Second);
    }

    /// <summary>The script dotnet-interactive's Jupyter front end adds to the first cell it runs.</summary>
    internal static bool IsKernelBootstrap(string html) => html.Contains("dotnet-interactive-this-cell", StringComparison.Ordinal);

    /// <summary>The compiler warnings an executed notebook printed (on stderr) as "cell N: text".</summary>
    internal static List<string> CompilerWarnings(string ipynb)
    {
        var warnings = new List<string>();
        var cells = JsonNode.Parse(File.ReadAllText(ipynb))!["cells"]!.AsArray();
        for (var i = 0; i < cells.Count; i++)
        {
            foreach (var o in cells[i]!["outputs"] as JsonArray ?? [])
            {
                if (o!["output_type"]?.GetValue<string>() != "stream") continue;
                var text = o["text"] is JsonArray lines ? string.Concat(lines.Select(l => l!.GetValue<string>())) : o["text"]?.GetValue<string>() ?? "";
                warnings.AddRange(text.Split('\n').Where(l => l.Contains("warning CS", StringComparison.Ordinal))
                    .Select(l => string.Create(CultureInfo.InvariantCulture, $"cell {i + 1}: {l.Trim()}")));
            }
        }
        return warnings;
    }

    /// <summary>The error outputs of an executed notebook as "cell N: name: value" (compiler warnings on stderr are not errors).</summary>
    internal static List<string> ErrorOutputs(string ipynb)
    {
        var errors = new List<string>();
        var cells = JsonNode.Parse(File.ReadAllText(ipynb))!["cells"]!.AsArray();
        for (var i = 0; i < cells.Count; i++)
        {
            foreach (var o in cells[i]!["outputs"] as JsonArray ?? [])
            {
                if (o!["output_type"]?.GetValue<string>() == "error")
                    errors.Add(string.Create(CultureInfo.InvariantCulture, $"cell {i + 1}: {o["ename"]}: {o["evalue"]}"));
            }
        }
        return errors;
    }
}

/// <summary>
/// Jupyter as a second front end (the VS Code extension is deprecated): every notebook runs through Jupyter's own
/// client on the stock .NET kernel with no error output, and every chart it outputs draws in Chromium.
/// </summary>
[Collection(NotebookRuns.Name)]
public sealed class JupyterNotebookTests(JupyterRun jupyter)
{
    [Theory]
    [MemberData(nameof(Repo.NotebookNames), MemberType = typeof(Repo))]
    public async Task Notebook_ThroughJupyter_RunsWithoutErrorOutputs(string notebook)
    {
        var run = (await jupyter.NotebooksAsync())[notebook];

        Assert.True(run.ExitCode == 0 && File.Exists(run.Ipynb), $"jupyter nbconvert --execute {notebook} exited {run.ExitCode}: {Tail(run.Log)}");
        var errors = JupyterRun.ErrorOutputs(run.Ipynb);
        Assert.True(errors.Count == 0, $"{notebook} through Jupyter: " + string.Join("; ", errors));
        Assert.Contains(JupyterRun.KernelName, await File.ReadAllTextAsync(run.Ipynb), StringComparison.Ordinal);
        // A user stepping through in Jupyter sees a compiler warning under the cell: "string?" in a parameters cell warned
        // CS8632 on the stock kernel, whose nullable annotations are off.
        var warnings = JupyterRun.CompilerWarnings(run.Ipynb);
        Assert.True(warnings.Count == 0, $"{notebook} through Jupyter printed compiler warnings: " + string.Join("; ", warnings));
    }

    [Theory]
    [MemberData(nameof(Repo.NotebookNames), MemberType = typeof(Repo))]
    public async Task Notebook_ThroughJupyter_EveryChartDrawsInChromium(string notebook)
    {
        var pages = await jupyter.PagesAsync();
        Assert.True(pages.ContainsKey(notebook), $"Jupyter wrote no executed copy of {notebook}: {Tail((await jupyter.NotebooksAsync())[notebook].Log)}");
        Chromium.AssertClean(pages[notebook], notebook + " executed by Jupyter");
    }

    static string Tail(string log) => log.Length <= 2000 ? log : "…" + log[^2000..];
}
