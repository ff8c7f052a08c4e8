using System.Collections.Immutable;
using IcpKit.Charts;
using IcpKit.Reports;

namespace IcpKit.NotebookTests;

/// <summary>
/// The reports and the notebooks' own outputs in a real browser (headless Chromium): every figure draws, no console
/// error, nothing requested from outside the machine. Screenshots land in bin/…/browser/ (one PNG per page).
/// </summary>
[Collection(NotebookRuns.Name)]
public sealed class BrowserTests(SampleRender render)
{
    [Theory]
    [MemberData(nameof(Repo.NotebookNames), MemberType = typeof(Repo))]
    public async Task Report_InChromium_DrawsEveryFigureOfflineWithoutErrors(string notebook)
    {
        var page = (await render.PagesAsync())["report:" + Path.GetFileNameWithoutExtension(notebook)];
        Chromium.AssertClean(page, notebook + " report");
    }

    [Theory]
    [MemberData(nameof(Repo.NotebookNames), MemberType = typeof(Repo))]
    public async Task NotebookOutputs_InChromium_DrawEveryFigureOfflineWithoutErrors(string notebook)
    {
        // What VS Code shows: the outputs alone, drawing with the plotly.js that the setup cell's output carries.
        var page = (await render.PagesAsync())["outputs:" + Path.GetFileNameWithoutExtension(notebook)];
        Chromium.AssertClean(page, notebook + " outputs");
    }

    [Fact]
    public async Task Index_InChromium_OpensOfflineWithoutErrors()
    {
        Chromium.AssertClean((await render.PagesAsync())["index"], "index.html");
    }

    [Fact]
    public async Task SampleReports_HoldFigures()
    {
        // Guards against a vacuous pass: the steps that chart something do chart on the samples.
        var pages = await render.PagesAsync();
        foreach (var step in new[] { "01-existing-customers", "02-win-loss", "04-test-icp" })
            Assert.True(pages["report:" + step].Figures > 0, $"{step} shows no figure");
    }
}

/// <summary>The check itself fails on a blank chart, a console error and an outside request, and passes a drawn chart.</summary>
public sealed class BrowserCheckTests : IClassFixture<BrowserCheckTests.Pages>
{
    readonly Pages pages;

    public BrowserCheckTests(Pages pages) => this.pages = pages;

    /// <summary>Small hand-made pages, checked in one Chromium session.</summary>
    public sealed class Pages
    {
        static readonly string Chart = IcpKit.Charts.Chart.Bar(["a", "b"], [0.2, 0.5], name: "win rate").ToHtml();
        readonly Lazy<Task<ImmutableDictionary<string, PageResult>>> results = new(CheckAsync);

        public Task<ImmutableDictionary<string, PageResult>> Results => results.Value;

        static async Task<ImmutableDictionary<string, PageResult>> CheckAsync()
        {
            var made = new Dictionary<string, (string Html, int Figures)>
            {
                // A figure with no plotly.js on the page: notebook 01's outputs before the fix.
                ["blank"] = (Chart, 1),
                ["drawn"] = (PlotlyJs.ScriptTag() + Chart, 1),
                ["noisy"] = ("<img src=\"http://192.0.2.1/pixel.png\" alt=\"\"><script>console.error(\"planted error\");</script>", 0),
            };
            var folder = Directory.CreateDirectory(Path.Combine(Chromium.OutputFolder, "check")).FullName;
            var specs = made.Select(m =>
            {
                var html = Path.Combine(folder, m.Key + ".html");
                File.WriteAllText(html, $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{m.Key}</title></head><body>{m.Value.Html}</body></html>");
                return new PageSpec(html, Path.Combine(folder, m.Key + ".png"), m.Value.Figures);
            }).ToList();
            var seen = await Chromium.CheckAsync(specs);
            return made.Keys.Zip(seen).ToImmutableDictionary(x => x.First, x => x.Second);
        }
    }

    [Fact]
    public async Task Check_FigureWithoutPlotlyJs_FailsAsNotDrawn()
    {
        var blank = (await pages.Results)["blank"];
        Assert.Equal(0, blank.Drawn);
        Assert.Contains("0 of 1 figures drew", blank.Problems());
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => Chromium.AssertClean(blank, "blank"));
    }

    [Fact]
    public async Task Check_FigureWithPlotlyJs_Passes()
    {
        var drawn = (await pages.Results)["drawn"];
        Assert.Equal(1, drawn.Drawn);
        Assert.Empty(drawn.Problems());
    }

    [Fact]
    public async Task Check_ConsoleErrorAndOutsideRequest_AreReported()
    {
        var noisy = (await pages.Results)["noisy"];
        Assert.Contains(noisy.ConsoleErrors, e => e.Contains("planted error", StringComparison.Ordinal));
        Assert.Contains("http://192.0.2.1/pixel.png", noisy.ExternalRequests);
    }
}

/// <summary>Notebook 01's old bug, pinned: a setup call ending in a semicolon still sends plotly.js, so charts draw.</summary>
[Collection(NotebookRuns.Name)]
public sealed class SetupSemicolonTests
{
    [Fact]
    public async Task SetupEndingInSemicolon_ChartsDrawFromTheOutputsAlone()
    {
        var run = await new NotebookRunner().RunAsync(Path.Combine(Repo.TestData, "notebooks", "setup-semicolon.ipynb"), new Dictionary<string, object?>());
        Assert.True(run.Succeeded, run.FirstFailure?.Error);
        var folder = Directory.CreateDirectory(Path.Combine(Chromium.OutputFolder, "check")).FullName;
        var ipynb = Path.Combine(folder, "setup-semicolon.ipynb");
        await File.WriteAllTextAsync(ipynb, IpynbWriter.Write(run));
        var html = Path.Combine(folder, "setup-semicolon.html");

        var page = (await Chromium.CheckAsync([new PageSpec(html, Path.Combine(folder, "setup-semicolon.png"), OutputsPage.Write(ipynb, html))]))[0];

        Assert.Equal(1, page.Figures);
        Chromium.AssertClean(page, "setup-semicolon.ipynb outputs");
    }
}
