using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using IcpKit.Charts;
using IcpKit.Reports;
using Microsoft.VisualBasic.FileIO;

namespace IcpKit.NotebookTests;

/// <summary>
/// A render writes only under --out, and a redacted render leaves no name from the export in any file there:
/// reports, executed notebooks, the draft icp.yaml, target lists, summary.json, validation messages.
/// </summary>
[Collection(NotebookRuns.Name)]
public sealed partial class RedactedRenderTests
{
    static readonly byte[] Key = Encoding.UTF8.GetBytes("test-key");

    static async Task<(RenderResult Result, string Out)> Render(string data, params string[] notebooks)
    {
        var outFolder = Directory.CreateTempSubdirectory("icpkit-redacted-").FullName;
        using var log = new StringWriter();
        var result = await RenderJob.RunAsync(new RenderRequest([.. notebooks], data, null, outFolder, Redact: true, RedactKey: Key, WriteSummary: true), log);
        Assert.True(result.Succeeded, log.ToString());
        return (result, outFolder);
    }

    [Fact]
    public async Task Render_EveryNotebookRedacted_WritesOnlyUnderOutAndNoNameInAnyFile()
    {
        var reports = Repo.ReportsSnapshot();
        var (_, outFolder) = await Render(Repo.SampleData, [.. Repo.NotebookFiles]);

        // Before: notebooks 03 and 05 wrote the draft and the target lists into <repo>/reports whatever --out said.
        Assert.Equal(reports, Repo.ReportsSnapshot());
        Assert.True(File.Exists(Path.Combine(outFolder, "icp.draft.yaml")));
        Assert.True(File.Exists(Path.Combine(outFolder, "target-lists", "target-accounts.csv")));
        Assert.True(File.Exists(Path.Combine(outFolder, "target-lists", "target-accounts.json")));
        Assert.True(File.Exists(Path.Combine(outFolder, "summary.json")));
        // Before: target-accounts.csv kept 891 real names (row 2 "Cedarwind Partners SAS").
        var names = NamesIn(Path.Combine(Repo.SampleData, "accounts.csv"), "name", ',', Encoding.UTF8);
        Assert.True(names.Count > 1000, $"{names.Count} names read");
        AssertNoName(outFolder, names);
        Assert.Contains("Account-", await File.ReadAllTextAsync(Path.Combine(outFolder, "target-lists", "target-accounts.csv")), StringComparison.Ordinal);
        // 04b's interview plan: names of the export, and the icp.yaml examples, which need not be in the export at all.
        var plan = await File.ReadAllTextAsync(Path.Combine(outFolder, "interview-plan.csv"));
        Assert.Contains("Account-", plan, StringComparison.Ordinal);
        AssertNoName(outFolder, ["Contoso Analytics", "Summitgate Group", "Helixforge Software Pty Ltd"]);
        // Interviewees' names (interviews.csv's contact column) are people's names.
        AssertNoName(outFolder, NamesIn(Path.Combine(Repo.SampleData, "interviews.csv"), "contact", ',', Encoding.UTF8));
    }

    [Fact]
    public async Task Render_MessyExportRedacted_HidesMappedWindows1252NamesAndNamesInValidationMessages()
    {
        // The messy export: accounts.csv in Windows-1252 with ';', names under "Company Name" (mapped in icpkit.yaml).
        // Before: the redactor guessed columns by header ("company name" matched nothing) and read the file as UTF-8.
        var messy = Path.Combine(Repo.Root, "data-samples", "messy");
        var (_, outFolder) = await Render(messy, Path.Combine(Repo.Notebooks, "00-load-and-validate.ipynb"));

        var names = NamesIn(Path.Combine(messy, "accounts.csv"), "Company Name", ';', CodePagesEncodingProvider.Instance.GetEncoding(1252)!);
        Assert.Contains("Müller GmbH", names);
        AssertNoName(outFolder, names);
    }

    [Theory]
    // Deal traits naming people: the owner columns of the CRMs' default exports, and a sales team's manager joined by SQL.
    [InlineData("hubspot", "deals.csv", "Deal owner")]
    [InlineData("salesforce", "opportunities.csv", "Opportunity Owner")]
    [InlineData("pipedrive", "deals.csv", "Deal - Owner")]
    [InlineData("crm-opportunities", "sales_teams.csv", "manager")]
    public async Task Render_FixtureRedacted_HidesTheDealOwnersInEveryFile(string fixture, string file, string column)
    {
        var data = Path.Combine(Repo.Root, "tests", "Fixtures", "exports", fixture);
        var (_, outFolder) = await Render(data, [.. Repo.NotebookFiles]);
        var people = NamesIn(Path.Combine(data, file), column, ',', Encoding.UTF8).Distinct().ToList();
        Assert.NotEmpty(people);
        Assert.True(File.Exists(Path.Combine(outFolder, "summary.json")));
        AssertNoName(outFolder, people);
        // The owner is a deal trait the reports show (win rate by deal owner, the draft's conditions): its pseudonym is there.
        Assert.Contains(Directory.EnumerateFiles(outFolder, "*.html"), f => File.ReadAllText(f).Contains("Contact-", StringComparison.Ordinal));
    }

    /// <summary>The values of one column, read here independently of the kit's loader.</summary>
    static List<string> NamesIn(string csv, string column, char delimiter, Encoding encoding)
    {
        using var parser = new TextFieldParser(csv, encoding) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true };
        parser.SetDelimiters(delimiter.ToString());
        var header = parser.ReadFields()!;
        var at = Array.IndexOf(header, column);
        Assert.True(at >= 0, $"no column {column} in {csv}");
        var names = new List<string>();
        while (!parser.EndOfData)
        {
            var row = parser.ReadFields();
            if (row is not null && at < row.Length && row[at].Trim().Length >= Redactor.MinLength) names.Add(row[at].Trim());
        }
        return names;
    }

    /// <summary>Fails naming the file and the name when any name shows in any file under the folder, in any escaped form.</summary>
    static void AssertNoName(string folder, List<string> names)
    {
        var files = Directory.EnumerateFiles(folder, "*", System.IO.SearchOption.AllDirectories).ToList();
        Assert.True(files.Count >= 3, string.Join(", ", files));
        foreach (var file in files)
        {
            var text = Decoded(File.ReadAllText(file));
            // Only names sharing a word with the file are searched whole: fast on multi-megabyte reports.
            var words = Words().Matches(text).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
            foreach (var name in names)
            {
                var nameWords = Words().Matches(name).Select(m => m.Value).ToList();
                if (nameWords.Count > 0 && !nameWords.All(words.Contains)) continue;
                Assert.False(text.Contains(name, StringComparison.Ordinal), $"'{name}' is in {Path.GetRelativePath(folder, file)}");
            }
        }
    }

    /// <summary>The text with JSON \uXXXX escapes and HTML entities (twice: entities inside chart JSON) undone, and plotly.js left out.</summary>
    static string Decoded(string text)
    {
        text = JsonEscape().Replace(text, m => ((char)int.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString())
            .Replace("\\\"", "\"", StringComparison.Ordinal);
        // plotly.js's own source is the kit's, not data: an account called "Nova" may well appear in it as a word.
        text = PlotlyScript().Replace(text, "");
        return WebUtility.HtmlDecode(WebUtility.HtmlDecode(text));
    }

    [GeneratedRegex(@"\\u([0-9a-fA-F]{4})")]
    private static partial Regex JsonEscape();

    [GeneratedRegex(@"[\p{L}\p{N}]{3,}")]
    private static partial Regex Words();

    [GeneratedRegex("<script[^>]*" + PlotlyJs.MarkerAttribute + @">[\s\S]*?</script>")]
    private static partial Regex PlotlyScript();
}
