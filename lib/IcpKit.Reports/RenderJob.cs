using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using IcpKit.Loading;
using IcpKit.Rendering;

namespace IcpKit.Reports;

/// <summary>What <c>icpkit render</c> was asked to do.</summary>
/// <param name="Notebooks">The .ipynb files, in the order to run them.</param>
/// <param name="DataFolder">The export folder, passed to each notebook as <c>dataFolder</c>.</param>
/// <param name="IcpFile">An icp.yaml passed as <c>icpFile</c>; null to keep the notebooks' defaults.</param>
/// <param name="OutFolder">Where the executed notebooks, reports and index.html go.</param>
/// <param name="KeepGoing">True runs every notebook (and every cell) even after a failure.</param>
/// <param name="Redact">True replaces account and contact names with pseudonyms in every output.</param>
/// <param name="RedactKey">HMAC key for pseudonyms; null takes ICPKIT_REDACT_KEY or a fresh random key.</param>
/// <param name="Parameters">Other notebook parameters to set (<c>--param name=value</c>), overriding the notebooks' defaults.</param>
/// <param name="WriteSummary">True also writes the quarter's summary.json into <paramref name="OutFolder"/> (what <c>icpkit render</c> does).</param>
/// <param name="ImportOnce">True (the default) imports the export once and hands it to every notebook and to summary.json;
/// false lets each notebook import it itself, as a notebook run on its own does.</param>
public sealed record RenderRequest(ImmutableArray<string> Notebooks, string DataFolder, string? IcpFile, string OutFolder,
    bool KeepGoing = false, bool Redact = false, byte[]? RedactKey = null, IReadOnlyDictionary<string, object?>? Parameters = null,
    bool WriteSummary = false, bool ImportOnce = true)
{
    /// <summary>The import of <see cref="DataFolder"/> to hand to the notebooks, when the caller made it already
    /// (<c>icpkit render --strict</c> validates it first); null: the job imports it when <see cref="ImportOnce"/>.</summary>
    public ExportData? Export { get; init; }
}

/// <summary>One notebook's outcome.</summary>
/// <param name="Run">The executed notebook.</param>
/// <param name="HtmlPath">The report written.</param>
/// <param name="IpynbPath">The executed notebook written.</param>
public sealed record RenderedNotebook(NotebookRun Run, string HtmlPath, string IpynbPath);

/// <summary>The outcome of a render: per notebook, and the index page.</summary>
public sealed record RenderResult(ImmutableArray<RenderedNotebook> Notebooks, string IndexPath, TimeSpan Elapsed)
{
    /// <summary>True when every notebook ran without a failing cell.</summary>
    public bool Succeeded => Notebooks.All(n => n.Run.Succeeded);
}

/// <summary>Runs notebooks and writes their reports: what <c>icpkit render</c> does, callable from tests.</summary>
public static class RenderJob
{
    /// <summary>Runs each notebook, writes its executed .ipynb and HTML report, then index.html.</summary>
    /// <param name="request">What to render.</param>
    /// <param name="log">Progress and failure lines (the CLI passes the console's original writer).</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <remarks>Without <see cref="RenderRequest.KeepGoing"/> the first failing notebook ends the job; its partial report is still written.</remarks>
    public static async Task<RenderResult> RunAsync(RenderRequest request, TextWriter log, CancellationToken cancellationToken = default)
    {
        var started = DateTimeOffset.UtcNow;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var outFolder = Directory.CreateDirectory(request.OutFolder).FullName;
        var dataFolder = Path.GetFullPath(request.DataFolder);
        var icpFile = request.IcpFile is null ? null : Path.GetFullPath(request.IcpFile);
        var context = new ReportContext(dataFolder, KitVersion,
            InputFingerprint.Compute(dataFolder, icpFile is null ? [] : [icpFile]), started, request.Redact);
        var redactor = request.Redact ? Redactor.FromExport(dataFolder, icpFile, request.RedactKey ?? RedactKey()) : null;
        // outFolder: where a notebook writes files of its own (03's draft icp.yaml, 05's target lists), so nothing lands
        // outside --out, and 04 and 05 find the draft of this render there.
        var parameters = new Dictionary<string, object?> { ["dataFolder"] = dataFolder, ["outFolder"] = outFolder };
        if (icpFile is not null) parameters["icpFile"] = icpFile;
        if (request.Redact) parameters["redact"] = true;
        foreach (var (name, value) in request.Parameters ?? new Dictionary<string, object?>()) parameters[name] = value;

        var export = request.ImportOnce ? request.Export ?? ImportOnce(dataFolder, log) : null;
        var runner = new NotebookRunner
        {
            Values = export is null ? ImmutableDictionary<string, object>.Empty : ImmutableDictionary<string, object>.Empty.Add(LoadedExportParameter, export),
        };
        var done = ImmutableArray.CreateBuilder<RenderedNotebook>();
        var redactedAlready = new HashSet<string>(StringComparer.Ordinal);
        foreach (var notebook in request.Notebooks)
        {
            var name = Path.GetFileName(notebook);
            var run = await runner.RunAsync(notebook, parameters,
                p => log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: cell {p.Cell}/{p.CellCount} ({p.Elapsed.TotalSeconds:0.0} s)")),
                stopOnError: !request.KeepGoing, cancellationToken).ConfigureAwait(false);
            if (redactor is not null) run = run.MapText(redactor.Redact);
            // Every report header carries the as-of date: a notebook that does not state one shares the export's,
            // which an earlier notebook of the same job stated.
            if (run.AsOf is null && done.Select(d => d.Run.AsOf).FirstOrDefault(a => a is not null) is { } known) run = run with { AsOf = known };
            var stem = Path.Combine(outFolder, run.Document.Name);
            await File.WriteAllTextAsync(stem + ".ipynb", IpynbWriter.Write(run), Utf8, cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(stem + ".html", ReportRenderer.Render(run, context), Utf8, cancellationToken).ConfigureAwait(false);
            done.Add(new RenderedNotebook(run, stem + ".html", stem + ".ipynb"));
            redactedAlready.Add(stem + ".html");
            redactedAlready.Add(stem + ".ipynb");
            if (run.FirstFailure is { } failure)
            {
                log.WriteLine($"FAILED {name}, cell {failure.Index + 1}: {failure.Cell.FirstLine}");
                log.WriteLine("  " + failure.Error!.Split('\n')[0].Trim());
                if (!request.KeepGoing) break;
            }
            else
            {
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: done in {run.Elapsed.TotalSeconds:0.0} s"));
            }
        }
        if (request.WriteSummary) log.WriteLine(IcpKit.PutToWork.QuarterSummary.WriteForRender(dataFolder, icpFile, outFolder, export));
        if (redactor is not null) await RedactOtherFiles(outFolder, redactedAlready, redactor, cancellationToken).ConfigureAwait(false);
        var indexPath = Path.Combine(outFolder, "index.html");
        var result = new RenderResult(done.ToImmutable(), indexPath, watch.Elapsed);
        await File.WriteAllTextAsync(indexPath, IndexPage(result, request, context), Utf8, cancellationToken).ConfigureAwait(false);
        log.WriteLine($"Wrote {result.Notebooks.Length} report(s) and index.html to {outFolder}"
            + (result.Succeeded ? "" : ": " + string.Join(", ", result.Notebooks.Select(n => Path.GetFileName(n.HtmlPath) + (n.Run.Succeeded ? "" : " (failed)")))));
        var skipped = request.Notebooks.Skip(result.Notebooks.Length).Select(Path.GetFileName).ToList();
        if (skipped.Count > 0) log.WriteLine("Not run: " + string.Join(", ", skipped));
        return result;
    }

    /// <summary>The notebook parameter a render sets to the export it imported (<see cref="Export.LoadOrReuse"/> reads it).</summary>
    public const string LoadedExportParameter = "loadedExport";

    /// <summary>
    /// Imports the export once for every notebook: each would otherwise import it again, and for events in a warehouse
    /// or a <c>sql:</c> table that is one more fold of every account's events in the engine.
    /// </summary>
    /// <returns>The import; null when it fails, so each notebook imports it itself and its report shows the error, as before.</returns>
    static ExportData? ImportOnce(string dataFolder, TextWriter log)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            var export = Export.Load(dataFolder);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Imported the export once for every notebook in {watch.Elapsed.TotalSeconds:0.0} s"));
            return export;
        }
        catch (Exception e) when (e is ProjectConfigException or ExportLoadException)
        {
            log.WriteLine("The export did not import (" + e.Message.Split('\n')[0] + "): each notebook imports it and shows why.");
            return null;
        }
    }

    /// <summary>IcpKit's informational version.</summary>
    public static string KitVersion =>
        typeof(HtmlTable).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    static readonly UTF8Encoding Utf8 = new(false);

    /// <summary>Redacts every file under the output folder but the reports this run redacted as it wrote them.</summary>
    /// <remarks>That covers what notebooks wrote (a draft icp.yaml, target lists), summary.json, and files an earlier
    /// render without --redact left in the same folder: a redacted render leaves no name in any file under --out.</remarks>
    static async Task RedactOtherFiles(string folder, HashSet<string> redactedAlready, Redactor redactor, CancellationToken cancellationToken)
    {
        foreach (var path in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).ToList())
        {
            if (redactedAlready.Contains(path)) continue;
            var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            var bom = bytes.AsSpan().StartsWith(Utf8Bom);
            string text;
            try { text = StrictUtf8.GetString(bytes, bom ? 3 : 0, bytes.Length - (bom ? 3 : 0)); }
            catch (DecoderFallbackException)
            {
                // Not UTF-8 text (the kit writes no other kind): it cannot be redacted, so it must not stay to be shared.
                File.Delete(path);
                continue;
            }
            var redacted = redactor.Redact(text);
            if (!string.Equals(redacted, text, StringComparison.Ordinal))
                await File.WriteAllTextAsync(path, redacted, bom ? new UTF8Encoding(true) : Utf8, cancellationToken).ConfigureAwait(false);
        }
    }

    static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];
    static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    static byte[] RedactKey() =>
        Environment.GetEnvironmentVariable("ICPKIT_REDACT_KEY") is { Length: > 0 } key ? Encoding.UTF8.GetBytes(key) : RandomNumberGenerator.GetBytes(32);

    static string IndexPage(RenderResult result, RenderRequest request, ReportContext c)
    {
        var asOf = result.Notebooks.Select(n => n.Run.AsOf).FirstOrDefault(a => a is not null) ?? "not stated by the notebooks";
        var rows = result.Notebooks.Select(n => new object?[]
        {
            n.Run.Document.Name, n.Run.Document.Title, n.Run.Succeeded ? "ok" : $"failed at cell {n.Run.FirstFailure!.Index + 1}",
            Math.Round(n.Run.Elapsed.TotalSeconds, 1),
        }).ToList();
        // Links are the only markup around data: the table is built by HtmlTable (escaped), then names become links.
        var table = HtmlTable.Render(["notebook", "title", "status", "seconds"], rows);
        foreach (var n in result.Notebooks)
        {
            var name = HtmlText.Escape(n.Run.Document.Name);
            table = table.Replace($"<td>{name}</td>",
                $"<td><a href=\"{HtmlText.Escape(Uri.EscapeDataString(Path.GetFileName(n.HtmlPath)))}\">{name}</a> (<a href=\"{HtmlText.Escape(Uri.EscapeDataString(Path.GetFileName(n.IpynbPath)))}\">ipynb</a>)</td>",
                StringComparison.Ordinal);
        }
        var notRun = request.Notebooks.Skip(result.Notebooks.Length).Select(Path.GetFileName).ToList();
        return $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>IcpKit reports</title><style>{ReportRenderer.Css}</style></head>
            <body>
            <h1>IcpKit reports</h1>
            <table class="icpkit-table">
            <tr><th>data folder</th><td><code>{HtmlText.Escape(c.DataFolder)}</code></td></tr>
            <tr><th>as of</th><td>{HtmlText.Escape(asOf)}</td></tr>
            <tr><th>IcpKit version</th><td>{HtmlText.Escape(c.KitVersion)}</td></tr>
            <tr><th>input fingerprint (SHA-256)</th><td><code>{HtmlText.Escape(c.Fingerprint)}</code></td></tr>
            <tr><th>rendered</th><td>{c.GeneratedAt.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)} in {result.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s</td></tr>
            <tr><th>names</th><td>{(c.Redacted ? "redacted (pseudonyms)" : "as in the export")}</td></tr>
            </table>
            {table}
            {(notRun.Count > 0 ? $"<p class=\"failed\">Not run: {HtmlText.Escape(string.Join(", ", notRun))}</p>" : "")}
            </body></html>
            """;
    }
}
