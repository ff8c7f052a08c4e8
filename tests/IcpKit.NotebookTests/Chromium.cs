using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IcpKit.NotebookTests;

/// <summary>A page to open: its HTML file, where its screenshot goes, and how many figures its outputs hold.</summary>
public sealed record PageSpec(string Html, string Png, int Figures);

/// <summary>What Chromium saw on a page (Browser/check-pages.mjs writes it).</summary>
public sealed record PageResult(string Html, int Figures, int Drawn, int FigureDivs,
    string[] ConsoleErrors, string[] PageErrors, string[] ExternalRequests)
{
    /// <summary>Everything wrong with the page, in words; empty when every figure drew, nothing failed and nothing left the machine.</summary>
    public List<string> Problems()
    {
        var problems = new List<string>();
        if (Drawn != Figures) problems.Add($"{Drawn} of {Figures} figures drew");
        if (FigureDivs != Figures) problems.Add($"the page holds {FigureDivs} figure divs, the outputs {Figures}");
        problems.AddRange(ConsoleErrors.Select(e => "console error: " + e));
        problems.AddRange(PageErrors.Select(e => "uncaught exception: " + e));
        problems.AddRange(ExternalRequests.Select(u => "request leaving the machine (blocked): " + u));
        return problems;
    }
}

/// <summary>
/// Debian's chromium driven by npm's puppeteer-core (pinned in Browser/package-lock.json): one browser for a batch of
/// pages. Fails with what to install when chromium, node or the npm packages are missing (.ci/setup-browser.sh).
/// </summary>
internal static class Chromium
{
    static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    static string Folder => Path.Combine(Repo.Root, "tests", "IcpKit.NotebookTests", "Browser");

    /// <summary>The test output folder for pages and screenshots: bin/…/browser/.</summary>
    public static string OutputFolder => Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "browser")).FullName;

    /// <summary>ICPKIT_CHROMIUM, else Debian's /usr/bin/chromium.</summary>
    static string Executable => Environment.GetEnvironmentVariable("ICPKIT_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>Opens every page in one headless Chromium and returns what it saw, in the same order.</summary>
    public static async Task<IReadOnlyList<PageResult>> CheckAsync(IReadOnlyList<PageSpec> pages)
    {
        if (!File.Exists(Executable))
            throw new InvalidOperationException($"The browser check needs Chromium at {Executable} (or ICPKIT_CHROMIUM): run .ci/setup-browser.sh, which installs Debian's chromium.");
        if (!Directory.Exists(Path.Combine(Folder, "node_modules", "puppeteer-core")))
            throw new InvalidOperationException($"The browser check needs npm's puppeteer-core in {Folder}/node_modules: run .ci/setup-browser.sh (npm ci there).");
        var work = Directory.CreateTempSubdirectory("icpkit-browser-").FullName;
        var job = Path.Combine(work, "job.json");
        var result = Path.Combine(work, "result.json");
        await File.WriteAllTextAsync(job, new JsonObject
        {
            ["chromium"] = Executable,
            ["pages"] = new JsonArray([.. pages.Select(p => (JsonNode)new JsonObject { ["html"] = p.Html, ["png"] = p.Png, ["figures"] = p.Figures })]),
        }.ToJsonString());
        var run = await Processes.RunAsync("node", $"check-pages.mjs \"{job}\" \"{result}\"", Folder, TimeSpan.FromMinutes(5),
            "The browser check needs node (Node.js 18 or later) on PATH");
        if (run.ExitCode != 0 || !File.Exists(result))
            throw new InvalidOperationException($"node check-pages.mjs exited {run.ExitCode}: {run.Output}");
        return JsonSerializer.Deserialize<PageResult[]>(await File.ReadAllTextAsync(result), Web)!;
    }

    /// <summary>Fails with every problem Chromium found on the page, naming it.</summary>
    public static void AssertClean(PageResult page, string what)
    {
        var problems = page.Problems();
        Assert.True(problems.Count == 0, $"{what} ({page.Html}): " + string.Join("; ", problems));
    }
}

/// <summary>
/// A page made from an executed notebook's outputs alone, as VS Code or Jupyter shows them: each output's text/html in
/// order (text in &lt;pre&gt;), no report wrapper and no plotly.js other than what the outputs carry.
/// </summary>
internal static class OutputsPage
{
    const string FigureClass = "class=\"icpkit-figure\"";

    /// <summary>The number of kit figures in an HTML fragment (each Figure.ToHtml writes one such div).</summary>
    public static int CountFigures(string? html) =>
        html is null ? 0 : (html.Length - html.Replace(FigureClass, "", StringComparison.Ordinal).Length) / FigureClass.Length;

    /// <summary>Writes the page for <paramref name="ipynb"/> to <paramref name="htmlPath"/> and returns how many figures its outputs hold.</summary>
    /// <param name="ipynb">An executed notebook.</param>
    /// <param name="htmlPath">Where the page goes.</param>
    /// <param name="drop">Outputs to leave out (e.g. the Jupyter kernel's own bootstrap); null keeps all.</param>
    public static int Write(string ipynb, string htmlPath, Func<string, bool>? drop = null)
    {
        var body = new StringBuilder();
        var figures = 0;
        foreach (var cell in JsonNode.Parse(File.ReadAllText(ipynb))!["cells"]!.AsArray())
        {
            if (cell!["outputs"] is not JsonArray outputs) continue;
            foreach (var output in outputs)
            {
                var html = Text(output!["data"]?["text/html"]);
                if (html is not null && drop?.Invoke(html) == true) continue;
                figures += CountFigures(html);
                body.Append("<div class=\"output\">").Append(output["output_type"]?.GetValue<string>() switch
                {
                    "stream" => Pre(Text(output["text"])),
                    "error" => Pre(output["ename"] + ": " + output["evalue"]),
                    _ => html ?? Pre(Text(output["data"]?["text/plain"])),
                }).Append("</div>\n");
            }
        }
        File.WriteAllText(htmlPath, $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>{WebUtility.HtmlEncode(Path.GetFileName(ipynb))}: outputs</title></head>
            <body>
            {body}
            </body></html>
            """, new UTF8Encoding(false));
        return figures;
    }

    static string Pre(string? text) => "<pre>" + WebUtility.HtmlEncode(text ?? "") + "</pre>";

    /// <summary>nbformat's multi-line string: a string or a list of lines.</summary>
    static string? Text(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>())),
        JsonValue v => v.GetValue<string>(),
        _ => null,
    };
}

/// <summary>Runs a tool and collects its output; a tool that cannot start fails with what it is needed for.</summary>
internal static class Processes
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string file, string arguments, string directory, TimeSpan timeout, string? neededFor = null)
    {
        Process process;
        try
        {
            process = Process.Start(new ProcessStartInfo(file, arguments)
            {
                WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            })!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{neededFor ?? "This test needs " + file}: cannot start `{file}` ({e.Message}).", e);
        }
        using (process)
        {
            using var cts = new CancellationTokenSource(timeout);
            var stdout = process.StandardOutput.ReadToEndAsync(cts.Token);
            var stderr = process.StandardError.ReadToEndAsync(cts.Token);
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"`{file} {arguments}` did not finish within {timeout.TotalMinutes:0} min.");
            }
            return (process.ExitCode, await stdout + await stderr);
        }
    }
}
