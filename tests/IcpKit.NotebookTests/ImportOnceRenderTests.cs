using System.Collections.Immutable;
using IcpKit.Loading;
using IcpKit.Reports;

namespace IcpKit.NotebookTests;

/// <summary>
/// <c>icpkit render</c> imports the export once and hands it to every notebook (<c>loadedExport</c>), instead of each
/// notebook importing it, and for events in a warehouse or a <c>sql:</c> table folding them per account, again.
/// </summary>
[Collection(NotebookRuns.Name)]
public sealed class ImportOnceRenderTests
{
    static readonly string ReuseNotebook = Path.Combine(Repo.TestData, "notebooks", "reuse-export.ipynb");

    [Fact]
    public async Task HandedInExport_IsTheObjectTheNotebookUses_OfTheRendersOwnIcpKit()
    {
        // Type identity: the notebook #r's .build/lib/IcpKit.dll, a different file from the IcpKit this test process
        // loaded. The kernel binds that #r to the assembly already loaded (same name and version, default load context),
        // so the export handed in is an ExportData to the notebook's code, the very object, not a copy or a re-import.
        var folder = Path.Combine(Repo.TestData, "export");
        var handed = Export.Load(folder);
        var runner = new NotebookRunner { Values = ImmutableDictionary<string, object>.Empty.Add(RenderJob.LoadedExportParameter, handed) };

        var run = await runner.RunAsync(ReuseNotebook, new Dictionary<string, object?> { ["dataFolder"] = folder });

        Assert.True(run.Succeeded, run.FirstFailure?.Error);
        Assert.Equal($"reused: True; accounts: {handed.Accounts.Length}; IcpKit from {typeof(ExportData).Assembly.Location}", LastOutput(run));
    }

    [Fact]
    public async Task NothingHandedIn_TheNotebookImportsItself()
    {
        // What VS Code and Jupyter do: no render, loadedExport stays null and the notebook imports dataFolder.
        var folder = Path.Combine(Repo.TestData, "export");

        var run = await new NotebookRunner().RunAsync(ReuseNotebook, new Dictionary<string, object?> { ["dataFolder"] = folder });

        Assert.True(run.Succeeded, run.FirstFailure?.Error);
        Assert.StartsWith($"reused: False; accounts: {Export.Load(folder).Accounts.Length};", LastOutput(run), StringComparison.Ordinal);
    }

    /// <summary>
    /// Every notebook rendered with the export imported once gives exactly the outputs (every MIME type of every cell)
    /// and the files (summary.json) of the render in which each notebook imports the export itself. The subscriptions
    /// fixture folds its events with a sql: query in DuckDB, the path a warehouse source takes.
    /// </summary>
    [Fact]
    public async Task ImportOnce_OnSqlEventsFixture_SameReportsAsEveryNotebookImporting()
    {
        var folder = Path.Combine(Repo.Root, "tests", "Fixtures", "exports", "subscriptions");
        var once = Directory.CreateTempSubdirectory("icpkit-once-").FullName;
        var each = Directory.CreateTempSubdirectory("icpkit-each-").FullName;
        try
        {
            var log = new StringWriter();
            var a = await RenderJob.RunAsync(new RenderRequest(Repo.NotebookFiles, folder, null, once, KeepGoing: true, WriteSummary: true), log);
            var b = await RenderJob.RunAsync(new RenderRequest(Repo.NotebookFiles, folder, null, each, KeepGoing: true, WriteSummary: true, ImportOnce: false), TextWriter.Null);

            Assert.Contains("Imported the export once for every notebook", log.ToString(), StringComparison.Ordinal);
            AssertSameRenders(a, once, b, each);
            Assert.Contains("summary.json", Written(once));
        }
        finally
        {
            Directory.Delete(once, true);
            Directory.Delete(each, true);
        }
    }

    /// <summary>
    /// The same on the sample quarter (events.csv; the richest reports, and the files 03, 04b and 05 write: the draft
    /// icp.yaml, the interview plan, target lists), against the shared render of the notebook tests, which imports once.
    /// </summary>
    [Fact]
    public async Task ImportOnce_OnSampleQuarter_SameReportsAsEveryNotebookImporting()
    {
        var shared = await sample.Result;
        var each = Directory.CreateTempSubdirectory("icpkit-each-").FullName;
        try
        {
            var b = await RenderJob.RunAsync(new RenderRequest(Repo.NotebookFiles, Repo.SampleData, null, each, KeepGoing: true, ImportOnce: false), TextWriter.Null);

            AssertSameRenders(shared, SampleRender.OutFolder, b, each);
            Assert.Contains("icp.draft.yaml", Written(each));
        }
        finally
        {
            Directory.Delete(each, true);
        }
    }

    readonly SampleRender sample;

    public ImportOnceRenderTests(SampleRender sample) => this.sample = sample;

    static void AssertSameRenders(RenderResult a, string aFolder, RenderResult b, string bFolder)
    {
        Assert.True(a.Succeeded && b.Succeeded, "a render failed");
        Assert.Equal(Repo.NotebookFiles.Length, a.Notebooks.Length);
        Assert.Equal(a.Notebooks.Length, b.Notebooks.Length);
        var compared = 0;
        foreach (var (x, y) in a.Notebooks.Zip(b.Notebooks))
        {
            Assert.Equal(x.Run.Document.Name, y.Run.Document.Name);
            Assert.Equal(x.Run.AsOf, y.Run.AsOf);
            Assert.Equal(x.Run.Cells.Length, y.Run.Cells.Length);
            foreach (var (cx, cy) in x.Run.Cells.Zip(y.Run.Cells))
            {
                var where = $"{x.Run.Document.Name} cell {cx.Index + 1} ({cx.Cell.FirstLine})";
                Assert.True(cx.Outputs.Length == cy.Outputs.Length, where + ": a different number of outputs");
                foreach (var (ox, oy) in cx.Outputs.Zip(cy.Outputs))
                {
                    Assert.Equal(ox.Data.Keys.Order(StringComparer.Ordinal).ToList(), oy.Data.Keys.Order(StringComparer.Ordinal).ToList());
                    foreach (var (mime, value) in ox.Data)
                    {
                        Assert.True(Same(value, aFolder, oy.Data[mime], bFolder), $"{where}, {mime} differs:\n{value}\n---\n{oy.Data[mime]}");
                        compared++;
                    }
                }
            }
        }
        Assert.True(compared > 100, $"only {compared} outputs compared");
        // The files notebooks and summary.json wrote; reports and executed notebooks are left out (their outputs are
        // compared above, and their headers carry the render's time). Files the shared render's pages added are not the render's.
        Assert.Equal(Written(aFolder), Written(bFolder));
        foreach (var file in Written(aFolder))
            Assert.True(Same(File.ReadAllText(Path.Combine(aFolder, file)), aFolder, File.ReadAllText(Path.Combine(bFolder, file)), bFolder), file + " differs");
    }

    static List<string> Written(string root) =>
        [.. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetExtension(f) is not (".html" or ".ipynb" or ".png"))
            .Select(f => Path.GetRelativePath(root, f)).Order(StringComparer.Ordinal)];

    /// <summary>Equal once each render's own output folder (which some outputs name) is written the same way.</summary>
    static bool Same(string x, string xFolder, string y, string yFolder) =>
        string.Equals(x.Replace(xFolder, "<out>", StringComparison.Ordinal), y.Replace(yFolder, "<out>", StringComparison.Ordinal), StringComparison.Ordinal);

    static string LastOutput(NotebookRun run) => run.Cells.Last(c => c.Outputs.Length > 0).Outputs.Last().PlainText.Trim('"');
}
