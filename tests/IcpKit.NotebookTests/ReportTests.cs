using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using IcpKit.Charts;
using IcpKit.Reports;

namespace IcpKit.NotebookTests;

/// <summary>Rendered reports open offline, escape data, redact names when asked, and say where a run stopped.</summary>
[Collection(NotebookRuns.Name)]
public sealed partial class ReportTests
{
    static readonly string ShowNames = Path.Combine(Repo.TestData, "notebooks", "show-names.ipynb");
    static readonly string Fails = Path.Combine(Repo.TestData, "notebooks", "fails.ipynb");
    static readonly string Export = Path.Combine(Repo.TestData, "export");
    static readonly byte[] Key = Encoding.UTF8.GetBytes("test-key");

    static async Task<(RenderResult Result, string Log, string Out)> Render(bool redact = false, bool keepGoing = false, params string[] notebooks)
    {
        var outFolder = Directory.CreateTempSubdirectory("icpkit-report-").FullName;
        using var log = new StringWriter();
        var result = await RenderJob.RunAsync(new RenderRequest([.. notebooks], Export, null, outFolder, keepGoing, redact, Key), log);
        return (result, log.ToString(), outFolder);
    }

    [Fact]
    public async Task Render_Report_LoadsNothingFromTheNetwork()
    {
        var (result, _, _) = await Render(notebooks: ShowNames);
        var html = await File.ReadAllTextAsync(result.Notebooks[0].HtmlPath);

        Assert.DoesNotMatch(ScriptWithSrc(), html);
        Assert.DoesNotMatch(LinkTag(), html);
        Assert.DoesNotContain("@import", html, StringComparison.Ordinal);
        Assert.DoesNotContain("url(http", html, StringComparison.Ordinal);
        // plotly.js once, in the head; the notebook's own bootstrap output is dropped.
        Assert.Equal(1, Regex.Count(html, Regex.Escape(PlotlyJs.MarkerAttribute)));
        Assert.True(html.IndexOf(PlotlyJs.MarkerAttribute, StringComparison.Ordinal) < html.IndexOf("</head>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Render_AccountNamedScriptTag_ShowsAsText()
    {
        var (result, _, _) = await Render(notebooks: ShowNames);
        var html = await File.ReadAllTextAsync(result.Notebooks[0].HtmlPath);

        Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
        Assert.Contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>", html, StringComparison.Ordinal); // table
        // chart JSON: entities for plotly.js's pseudo-HTML, then JSON-escaped for the script tag
        Assert.Contains("\\u0026lt;script\\u0026gt;alert(1)\\u0026lt;/script\\u0026gt;", html, StringComparison.Ordinal);
        Assert.Contains("Biggest: &lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal); // printed text
        Assert.Contains("Acme &amp; Sons", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_Redact_ReplacesEveryNameInEveryOutputWithStablePseudonyms()
    {
        var (first, _, _) = await Render(redact: true, notebooks: ShowNames);
        var (second, _, _) = await Render(redact: true, notebooks: ShowNames);
        var html = await File.ReadAllTextAsync(first.Notebooks[0].HtmlPath);
        var ipynb = await File.ReadAllTextAsync(first.Notebooks[0].IpynbPath);
        var acme = Redactor.FromExport(Export, Key).Redact("Acme & Sons");

        Assert.Matches("^Account-[0-9a-f]{8}$", acme);
        foreach (var name in new[] { "Acme", "alert(1)", "Initech", "Jane Roe" })
        {
            Assert.DoesNotContain(name, html, StringComparison.Ordinal);
            Assert.DoesNotContain(name, ipynb, StringComparison.Ordinal);
        }
        // The same name gets the same pseudonym in the table, the chart, the text, and in a second run with the same key.
        Assert.True(Regex.Count(html, acme) >= 3, $"{acme} appears {Regex.Count(html, acme)} times");
        Assert.Equal(Regex.Count(html, acme), Regex.Count(await File.ReadAllTextAsync(second.Notebooks[0].HtmlPath), acme));
        Assert.Contains("redacted", await File.ReadAllTextAsync(first.IndexPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_FailingCell_StopsNamesTheCellAndSaysWhatWasWritten()
    {
        var (result, log, outFolder) = await Render(notebooks: [Fails, ShowNames]);

        Assert.False(result.Succeeded);
        Assert.Single(result.Notebooks);
        // fails.ipynb has no parameters cell, so the injected one comes first and the throwing cell is the 4th.
        Assert.Contains("FAILED fails.ipynb, cell 4: throw new InvalidOperationException(\"planted failure\");", log, StringComparison.Ordinal);
        Assert.Contains("planted failure", log, StringComparison.Ordinal);
        Assert.Contains("Not run: show-names.ipynb", log, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(outFolder, "fails.html")));
        Assert.Contains("stopped at cell 4", await File.ReadAllTextAsync(Path.Combine(outFolder, "fails.html")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_KeepGoing_RunsTheNotebooksAfterAFailure()
    {
        var (result, _, _) = await Render(keepGoing: true, notebooks: [Fails, ShowNames]);

        Assert.Equal(2, result.Notebooks.Length);
        Assert.False(result.Succeeded);
        Assert.True(result.Notebooks[1].Run.Succeeded);
    }

    [Fact]
    public async Task Render_Index_NamesDataFolderVersionFingerprintAndLinksEachReport()
    {
        var (result, _, _) = await Render(notebooks: ShowNames);
        var index = await File.ReadAllTextAsync(result.IndexPath);

        Assert.Contains(Path.GetFullPath(Export), index, StringComparison.Ordinal);
        Assert.Contains(InputFingerprint.Compute(Export), index, StringComparison.Ordinal);
        Assert.Contains(RenderJob.KitVersion, index, StringComparison.Ordinal);
        Assert.Contains("href=\"show-names.html\"", index, StringComparison.Ordinal);
        Assert.Contains("href=\"show-names.ipynb\"", index, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_ExecutedNotebook_HoldsOutputsAndTheInjectedCell()
    {
        var (result, _, _) = await Render(notebooks: ShowNames);
        var ipynb = await File.ReadAllTextAsync(result.Notebooks[0].IpynbPath);

        Assert.NotEmpty(CleanNotebookTests.DirtyCells(ipynb)); // the clean check does catch outputs
        Assert.Contains("injected-parameters", ipynb, StringComparison.Ordinal);
    }

    [GeneratedRegex("<script[^>]*\\ssrc\\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptWithSrc();

    [GeneratedRegex("<link\\b", RegexOptions.IgnoreCase)]
    private static partial Regex LinkTag();
}

/// <summary>The fingerprint names the exact input files.</summary>
public sealed class InputFingerprintTests
{
    [Fact]
    public void Compute_ContentChanges_ChangesTheFingerprint()
    {
        var folder = Directory.CreateTempSubdirectory("icpkit-fp-").FullName;
        File.WriteAllText(Path.Combine(folder, "accounts.csv"), "account_id\nA1\n");
        var before = InputFingerprint.Compute(folder);
        Assert.Equal(before, InputFingerprint.Compute(folder)); // deterministic
        File.WriteAllText(Path.Combine(folder, "accounts.csv"), "account_id\nA2\n");
        Assert.NotEqual(before, InputFingerprint.Compute(folder));
        Assert.Matches("^[0-9a-f]{64}$", before);
    }
}

/// <summary>Pseudonyms are stable per key, replace longer names first, and cover the escaped forms.</summary>
public sealed class RedactorTests
{
    static readonly byte[] Key = Encoding.UTF8.GetBytes("k");

    [Fact]
    public void Redact_NameInsideLongerName_ReplacesTheLongerNameWhole()
    {
        var r = new Redactor([("Acme", "Account"), ("Acme Group", "Account")], Key);
        var text = r.Redact("Acme Group and Acme");
        Assert.DoesNotContain("Group", text, StringComparison.Ordinal); // not "Account-xxxx Group"
        Assert.Equal(r.Redact("Acme Group"), text.Split(" and ")[0]);
    }

    [Fact]
    public void Redact_EscapedForms_AreReplacedWithTheSamePseudonym()
    {
        var r = new Redactor([("Smith & Co", "Account")], Key);
        var plain = r.Redact("Smith & Co");
        Assert.Equal(plain, r.Redact("Smith &amp; Co"));
        Assert.Equal(plain, r.Redact("Smith \\u0026 Co"));
    }

    [Fact]
    public void Redact_DifferentKeys_GiveDifferentPseudonyms()
    {
        ImmutableArray<(string, string)> names = [("Initech", "Account")];
        Assert.NotEqual(new Redactor(names, Key).Redact("Initech"), new Redactor(names, [1, 2, 3]).Redact("Initech"));
    }
}
