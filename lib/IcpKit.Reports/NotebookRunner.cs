using System.Collections.Immutable;
using System.Diagnostics;
using System.Reflection;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace IcpKit.Reports;

/// <summary>Progress of a run, reported before each code cell.</summary>
/// <param name="Notebook">Notebook file name.</param>
/// <param name="Cell">1-based number of the cell about to run, counting every cell of the executed notebook.</param>
/// <param name="CellCount">Number of cells in the executed notebook.</param>
/// <param name="Elapsed">Time since the notebook started.</param>
public sealed record RunProgress(string Notebook, int Cell, int CellCount, TimeSpan Elapsed);

/// <summary>Executes notebooks headlessly in-process with .NET Interactive's C# kernel, the way VS Code's kernel would.</summary>
/// <remarks>
/// Each notebook gets a fresh kernel. The process's current directory is set to the notebook's folder while it
/// runs (relative <c>#r</c> paths and data paths resolve against it) and restored afterwards, so runs in one
/// process must not overlap.
/// </remarks>
public sealed class NotebookRunner
{
    /// <summary>Longest a single cell may run before it is cancelled and counted as failed.</summary>
    public TimeSpan CellTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Objects handed to every notebook's kernel as variables declared <c>object</c>, set right after the injected
    /// parameters cell (so they override the defaults of the parameters cell): how a render gives each notebook the export
    /// it imported once (<c>loadedExport</c>).
    /// </summary>
    /// <remarks>
    /// A value keeps its type: the notebooks' <c>#r</c> of IcpKit.dll binds to the IcpKit assembly this process already
    /// loaded (same name and version, default load context), so an IcpKit record handed in is the type the notebook's
    /// code sees. Parameters (<see cref="Parameters.ToCode"/>) can only carry literals; these carry any object.
    /// </remarks>
    public ImmutableDictionary<string, object> Values { get; init; } = ImmutableDictionary<string, object>.Empty;

    /// <summary>Runs a notebook: injects <paramref name="parameters"/> after the parameters cell, executes code cells in order.</summary>
    /// <param name="path">The .ipynb file.</param>
    /// <param name="parameters">Values that override the parameters cell's defaults.</param>
    /// <param name="progress">Called before each code cell; may be null.</param>
    /// <param name="stopOnError">True stops at the first failing cell (later cells stay un-run).</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    public async Task<NotebookRun> RunAsync(string path, IReadOnlyDictionary<string, object?> parameters,
        Action<RunProgress>? progress = null, bool stopOnError = true, CancellationToken cancellationToken = default)
    {
        var document = NotebookDocument.Read(path);
        var cells = Parameters.Inject(document.Cells, parameters);
        var previousDirectory = Directory.GetCurrentDirectory();
        var (stdout, stderr) = (Console.Out, Console.Error); // a cancelled cell can leave Console redirected
        var watch = Stopwatch.StartNew();
        var runs = ImmutableArray.CreateBuilder<CellRun>(cells.Length);
        string? asOf = null;
        Directory.SetCurrentDirectory(Path.GetDirectoryName(document.Path)!);
        try
        {
            using var kernel = CreateKernel();
            var executionCount = 0;
            var failed = false;
            // After the injected parameters cell, or before the first cell when nothing was injected.
            var valuesAfter = cells.IndexOf(cells.FirstOrDefault(c => c.Tags.Contains(Parameters.InjectedTag))!);
            if (valuesAfter < 0) await SetValuesAsync(kernel).ConfigureAwait(false);
            for (var i = 0; i < cells.Length; i++)
            {
                if (i == valuesAfter + 1 && valuesAfter >= 0) await SetValuesAsync(kernel).ConfigureAwait(false);
                var cell = cells[i];
                if (!cell.IsCode || failed || string.IsNullOrWhiteSpace(cell.Source))
                {
                    runs.Add(new CellRun(i, cell, [], null, null, TimeSpan.Zero));
                    continue;
                }
                progress?.Invoke(new RunProgress(document.Name, i + 1, cells.Length, watch.Elapsed));
                var run = await RunCellAsync(kernel, i, cell, ++executionCount, cancellationToken).ConfigureAwait(false);
                runs.Add(run);
                failed = run.Failed && stopOnError;
            }
            asOf = ReadAsOf(kernel);
        }
        finally
        {
            Directory.SetCurrentDirectory(previousDirectory);
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
        return new NotebookRun(document, runs.ToImmutable(), watch.Elapsed, asOf);
    }

    async Task SetValuesAsync(CompositeKernel kernel)
    {
        var csharp = kernel.ChildKernels.OfType<CSharpKernel>().First();
        foreach (var (name, value) in Values.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            await csharp.SetValueAsync(name, value, typeof(object)).ConfigureAwait(false);
    }

    /// <summary>A composite kernel holding a C# kernel configured like the stock one: #r nuget, kernel helpers, value sharing.</summary>
    static CompositeKernel CreateKernel()
    {
        var csharp = new CSharpKernel()
            .UseNugetDirective((k, references) =>
            {
                k.AddAssemblyReferences(references.SelectMany(r => r.AssemblyPaths));
                LoadFormatterExtensions(references.SelectMany(r => r.PackageRoot is null ? [] : new[] { r.PackageRoot }));
                return Task.CompletedTask;
            }, false)
            .UseKernelHelpers()
            .UseValueSharing();
        var composite = new CompositeKernel { csharp };
        composite.DefaultKernelName = csharp.Name;
        return composite;
    }

    /// <summary>
    /// Loads packages' formatter extensions (interactive-extensions/dotnet/*.dll), which the stock tool loads and
    /// the library packages do not: without it a DataFrame from <c>#r "nuget: Microsoft.Data.Analysis"</c> shows differently.
    /// </summary>
    static void LoadFormatterExtensions(IEnumerable<string> packageRoots)
    {
        foreach (var root in packageRoots)
        {
            var folder = Path.Combine(root, "interactive-extensions", "dotnet");
            if (!Directory.Exists(folder)) continue;
            foreach (var dll in Directory.EnumerateFiles(folder, "*.dll"))
            {
                foreach (var type in Assembly.LoadFrom(dll).GetExportedTypes().Where(t => typeof(IKernelExtension).IsAssignableFrom(t) && !t.IsAbstract))
                {
                    if (Activator.CreateInstance(type) is IKernelExtension extension)
                        extension.OnLoadAsync(Kernel.Root).GetAwaiter().GetResult();
                }
            }
        }
    }

    async Task<CellRun> RunCellAsync(CompositeKernel kernel, int index, NotebookCell cell, int executionCount, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CellTimeout);
        var outputs = new List<(string? ValueId, CellOutput Output)>();
        string? error = null;
        KernelCommandResult result;
        try
        {
            result = await kernel.SendAsync(new SubmitCode(cell.Source, cell.Language == "csharp" ? kernel.DefaultKernelName : cell.Language), timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new CellRun(index, cell, [], executionCount, $"Cell timed out after {CellTimeout.TotalSeconds:0} s.", watch.Elapsed);
        }
        foreach (var e in result.Events)
        {
            switch (e)
            {
                case ErrorProduced err: // a DisplayEvent too: match it first
                    outputs.Add((null, CellOutput.Text("error", err.Message)));
                    break;
                case DisplayedValueUpdated updated:
                    var at = outputs.FindIndex(o => o.ValueId == updated.ValueId);
                    if (at >= 0) outputs[at] = (updated.ValueId, Output("display", updated));
                    break;
                case StandardOutputValueProduced o:
                    AddStream(outputs, "stdout", o);
                    break;
                case StandardErrorValueProduced o:
                    AddStream(outputs, "stderr", o);
                    break;
                case ReturnValueProduced r:
                    outputs.Add((r.ValueId, Output("result", r)));
                    break;
                case DisplayedValueProduced d:
                    outputs.Add((d.ValueId, Output("display", d)));
                    break;
                case CommandFailed failed:
                    error = failed.Message;
                    break;
            }
        }
        if (error is not null && !outputs.Any(o => o.Output.Kind == "error" && o.Output.PlainText == error))
            outputs.Add((null, CellOutput.Text("error", error)));
        return new CellRun(index, cell, [.. outputs.Select(o => o.Output)], executionCount, error, watch.Elapsed);
    }

    /// <summary>Each Console.WriteLine arrives as its own event: consecutive ones join into one block, as Jupyter shows them.</summary>
    static void AddStream(List<(string? ValueId, CellOutput Output)> outputs, string kind, DisplayEvent e)
    {
        var text = e.FormattedValues.FirstOrDefault()?.Value ?? "";
        if (outputs.Count > 0 && outputs[^1].Output.Kind == kind)
            outputs[^1] = (null, CellOutput.Text(kind, outputs[^1].Output.PlainText + text));
        else
            outputs.Add((null, CellOutput.Text(kind, text)));
    }

    static CellOutput Output(string kind, DisplayEvent e) =>
        new(kind, e.FormattedValues.GroupBy(v => v.MimeType).ToImmutableDictionary(g => g.Key, g => g.First().Value));

    /// <summary>The notebook's <c>asOf</c> value, formatted as text, when it declares one (the index page shows it).</summary>
    static string? ReadAsOf(CompositeKernel kernel)
    {
        var csharp = kernel.ChildKernels.OfType<CSharpKernel>().First();
        return csharp.TryGetValue<object>("asOf", out var value) && value is not null
            ? IcpKit.Rendering.Cells.Format(value)
            : null;
    }
}
