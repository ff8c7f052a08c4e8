using IcpKit.Reports;

namespace IcpKit.NotebookTests;

/// <summary>
/// Every notebook runs on the stock dotnet-interactive 1.0.712001 kernel (what VS Code's Polyglot Notebooks runs),
/// so a notebook that would break in VS Code breaks CI.
/// </summary>
[Collection(NotebookRuns.Name)]
public sealed class StockKernelNotebookTests
{
    [Theory]
    [MemberData(nameof(Repo.NotebookNames), MemberType = typeof(Repo))]
    public async Task Notebook_OnStockKernel_RunsWithoutCellErrors(string notebook)
    {
        var document = NotebookDocument.Read(Path.Combine(Repo.Notebooks, notebook));
        // The same parameters the runner injects, after the parameters cell.
        var cells = Parameters.Inject(document.Cells, new Dictionary<string, object?> { ["dataFolder"] = Repo.SampleData });
        await using var kernel = await StockKernel.StartAsync(Repo.Notebooks);

        for (var i = 0; i < cells.Length; i++)
        {
            if (!cells[i].IsCode || string.IsNullOrWhiteSpace(cells[i].Source)) continue;
            var events = await kernel.SubmitAsync(cells[i].Source, TimeSpan.FromMinutes(3));
            var failed = events.FirstOrDefault(e => e.Type is "CommandFailed" or "ErrorProduced");
            Assert.True(failed is null,
                $"{notebook}, cell {i + 1} ({cells[i].FirstLine}) on the stock kernel: {failed?.Event["event"]?["message"]}");
        }
    }

    [Fact]
    public async Task Setup_OnStockKernel_RegistersFormattersTheKernelUses()
    {
        // The formatter registry is the kernel's: a Table must come back as the kit's escaped HTML table, and plotly.js
        // must come back marked, from the kernel VS Code runs (not just from our in-process host), even when the setup
        // call ends in a semicolon (notebook 01's old bug: its charts were blank in VS Code).
        await using var kernel = await StockKernel.StartAsync(Repo.Notebooks);
        var setup = await kernel.SubmitAsync(
            "#r \"../.build/lib/IcpKit.dll\"\n#r \"../.build/lib/IcpKit.Interactive.dll\"\nIcpKit.Interactive.Notebook.Setup();", TimeSpan.FromMinutes(3));
        var table = await kernel.SubmitAsync("IcpKit.Rendering.Table.Of([\"name\", \"n\"], [new object[] { \"<script>x</script>\", 3 }])", TimeSpan.FromMinutes(1));
        var chart = await kernel.SubmitAsync("IcpKit.Charts.Chart.Bar([\"a\"], [1.0])", TimeSpan.FromMinutes(1));
        var frame = await kernel.SubmitAsync(
            "new Microsoft.Data.Analysis.DataFrame(new Microsoft.Data.Analysis.StringDataFrameColumn(\"name\", [\"<i>\"]))", TimeSpan.FromMinutes(1));

        Assert.Contains(setup, e => e.Type == "DisplayedValueProduced" && Html(e).Contains(IcpKit.Charts.PlotlyJs.MarkerAttribute, StringComparison.Ordinal));
        var html = Html(table.Single(e => e.Type == "ReturnValueProduced"));
        Assert.Contains("<table class=\"icpkit-table\">", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;x&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("<td style=\"text-align:right\">3</td>", html, StringComparison.Ordinal);
        Assert.Contains("window.Plotly.newPlot", Html(chart.Single(e => e.Type == "ReturnValueProduced")), StringComparison.Ordinal);
        Assert.Contains("<td>&lt;i&gt;</td>", Html(frame.Single(e => e.Type == "ReturnValueProduced")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SqlDefinedExport_OnStockKernel_FindsDuckDbsNativeLibrary()
    {
        // A notebook's #r of the build output loads IcpKit.dll by path: DuckDB's native library (under runtimes/) is
        // not in the kernel's deps.json, so the kit resolves it itself. 14 of the fixture's 16 opportunities are kept.
        await using var kernel = await StockKernel.StartAsync(Repo.Notebooks);
        var folder = Path.Combine(Repo.Root, "tests", "Fixtures", "exports", "crm-opportunities");
        var events = await kernel.SubmitAsync(
            $"#r \"../.build/lib/IcpKit.dll\"\n\"deals: \" + IcpKit.Loading.Export.Load(@\"{folder}\").Deals.Length", TimeSpan.FromMinutes(3));
        var failed = events.FirstOrDefault(e => e.Type is "CommandFailed" or "ErrorProduced");
        Assert.True(failed is null, $"on the stock kernel: {failed?.Event["event"]?["message"]}");
        Assert.Contains("deals: 14", Values(events.Single(e => e.Type == "ReturnValueProduced")), StringComparison.Ordinal);
    }

    static string Values(KernelEventLine e) =>
        string.Join("\n", e.Event["event"]?["formattedValues"]?.AsArray().Select(v => v?["value"]?.GetValue<string>()) ?? []);

    static string Html(KernelEventLine e) =>
        e.Event["event"]?["formattedValues"]?.AsArray().FirstOrDefault(v => v?["mimeType"]?.GetValue<string>() == "text/html")?["value"]?.GetValue<string>() ?? "";
}
