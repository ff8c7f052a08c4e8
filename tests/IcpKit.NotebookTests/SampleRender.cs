using System.Collections.Immutable;
using IcpKit.Reports;

namespace IcpKit.NotebookTests;

/// <summary>
/// One render of every notebook on the sample export, shared by the tests of the notebook collection (cell errors,
/// the browser check of the reports and of the outputs), so CI runs the notebooks in-process once. Lazy: a filtered
/// run that needs none of it pays nothing.
/// </summary>
public sealed class SampleRender
{
    readonly Lazy<Task<RenderResult>> render = new(RenderAsync);
    readonly Lazy<Task<ImmutableDictionary<string, PageResult>>> pages;

    public SampleRender() => pages = new(CheckPagesAsync);

    /// <summary>Where the reports, executed notebooks and outputs pages go: bin/…/browser/render/.</summary>
    public static string OutFolder => Path.Combine(Chromium.OutputFolder, "render");

    /// <summary>The render (keep-going, so every notebook's own test can say how it failed).</summary>
    public Task<RenderResult> Result => render.Value;

    /// <summary>The render's notebook named like <paramref name="notebook"/> ("01-existing-customers.ipynb").</summary>
    public async Task<RenderedNotebook> NotebookAsync(string notebook) =>
        (await Result).Notebooks.Single(n => n.Run.Document.Name == Path.GetFileNameWithoutExtension(notebook));

    /// <summary>What Chromium saw, keyed "report:NAME", "outputs:NAME" and "index"; one browser session for all pages.</summary>
    public Task<ImmutableDictionary<string, PageResult>> PagesAsync() => pages.Value;

    static Task<RenderResult> RenderAsync()
    {
        if (Directory.Exists(OutFolder)) Directory.Delete(OutFolder, recursive: true);
        return RenderJob.RunAsync(new RenderRequest(Repo.NotebookFiles, Repo.SampleData, null, OutFolder, KeepGoing: true), TextWriter.Null);
    }

    async Task<ImmutableDictionary<string, PageResult>> CheckPagesAsync()
    {
        var result = await Result;
        var keys = new List<string>();
        var specs = new List<PageSpec>();
        foreach (var n in result.Notebooks)
        {
            var name = n.Run.Document.Name;
            // The report: every figure in the run's outputs must draw from the plotly.js the report embeds.
            keys.Add("report:" + name);
            specs.Add(new PageSpec(n.HtmlPath, Path.Combine(Chromium.OutputFolder, $"report-{name}.png"),
                n.Run.Cells.Sum(c => c.Outputs.Sum(o => OutputsPage.CountFigures(o.Html)))));
            // The executed notebook's outputs alone: what VS Code shows, with only the plotly.js the outputs carry.
            var page = Path.Combine(OutFolder, $"outputs-{name}.html");
            keys.Add("outputs:" + name);
            specs.Add(new PageSpec(page, Path.Combine(Chromium.OutputFolder, $"outputs-{name}.png"), OutputsPage.Write(n.IpynbPath, page)));
        }
        keys.Add("index");
        specs.Add(new PageSpec(result.IndexPath, Path.Combine(Chromium.OutputFolder, "report-index.png"), 0));
        var seen = await Chromium.CheckAsync(specs);
        return keys.Zip(seen).ToImmutableDictionary(x => x.First, x => x.Second);
    }
}
