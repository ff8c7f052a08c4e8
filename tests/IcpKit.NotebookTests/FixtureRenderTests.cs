using System.Collections.Immutable;
using System.Text.RegularExpressions;
using IcpKit.PutToWork;
using IcpKit.Reports;

namespace IcpKit.NotebookTests;

/// <summary>
/// Every notebook renders on every export under tests/Fixtures/exports (CRM-shaped, SQL-shaped and sparse) with no error
/// output and no .NET exception text, says in words what it could not measure, and gets the counts right.
/// </summary>
/// <remarks>
/// The hand-written fixtures share one world (tests/Fixtures/exports/make_fixtures.py): 16 accounts, 18 deals of which
/// D01-D08 are won and D09-D15 lost (win rate 8/15 = 53.3%), customers A01-A08 of which A03 and A06 churned (2/8).
/// Folders added by others are rendered and checked for errors; their numbers are pinned by their own tests.
/// </remarks>
[Collection(NotebookRuns.Name)]
public sealed class FixtureRenderTests
{
    public static string Fixtures => Path.Combine(Repo.Root, "tests", "Fixtures", "exports");

    /// <summary>Every fixture folder: one test case each, so a failure names it.</summary>
    public static TheoryData<string> FixtureNames()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.EnumerateDirectories(Fixtures).Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(dir));
        return data;
    }

    /// <summary>What each hand-written fixture holds, counted by hand from make_fixtures.py.</summary>
    /// <param name="WinRate">Won / closed deals, or null when it has no deals.</param>
    /// <param name="ChurnRate">Churned / customers (2/8), or null when no churn date is mapped; summary.json keeps retention
    /// (Kaplan-Meier, pinned by hand in NotMeasurableTests), so here it must be measured exactly when churn dates are mapped.</param>
    /// <param name="Unmeasurable">Sentences its reports must contain, naming what is missing.</param>
    private sealed record Expected(double? WinRate, double? ChurnRate, string[] Unmeasurable);

    private static readonly double EightOfFifteen = 8.0 / 15;
    private static readonly ImmutableDictionary<string, Expected> Known = new Dictionary<string, Expected>
    {
        ["hubspot"] = new(EightOfFifteen, null, ["no churn dates mapped", "no MRR mapped (map accounts.columns.mrr", "Stage values outside the funnel order: Closed Lost (7 deals)"]),
        ["salesforce"] = new(EightOfFifteen, null, ["no churn dates mapped", "no MRR mapped", "Stage values outside the funnel order: Closed Lost (7 deals)"]),
        ["pipedrive"] = new(EightOfFifteen, null, ["no churn dates mapped", "no MRR mapped", "no product events in this export"]),
        ["accounts-only"] = new(null, 2.0 / 8, ["no deals in this export (add deals.csv", "no ICP yet: run 03"]),
        ["accounts-deals"] = new(EightOfFifteen, 2.0 / 8, ["no survey answers in this export"]),
        ["no-churn-dates"] = new(EightOfFifteen, null, ["no churn dates mapped, so nobody can be seen to leave (map accounts.columns.churned_on"]),
        ["no-amounts"] = new(EightOfFifteen, 2.0 / 8, ["no deal amounts mapped (map deals.columns.amount"]),
        ["no-industry"] = new(EightOfFifteen, 2.0 / 8, []),
        ["no-events"] = new(EightOfFifteen, 2.0 / 8, ["no product events in this export (add events.csv"]),
        ["no-surveys"] = new(EightOfFifteen, 2.0 / 8, ["no survey answers in this export (add surveys.csv"]),
    }.ToImmutableDictionary();

    [Theory]
    [MemberData(nameof(FixtureNames))]
    public async Task Render_EveryNotebookOnFixture_NoErrorsAndSaysWhatItCannotMeasure(string fixture)
    {
        var folder = Path.Combine(Fixtures, fixture);
        var output = Directory.CreateTempSubdirectory("icpkit-fixture-").FullName;
        try
        {
            var result = await RenderJob.RunAsync(new RenderRequest(Repo.NotebookFiles, folder, null, output, KeepGoing: true), TextWriter.Null);

            var problems = result.Notebooks.SelectMany(n => n.Run.Cells.SelectMany(c => c.Outputs
                .Where(o => o.Kind == "error" || Regex.IsMatch(o.PlainText + o.Html, @"\w+Exception\b|   at [\w.]+\("))
                .Select(o => $"{n.Run.Document.Name} cell {c.Index + 1} ({c.Cell.FirstLine}): {o.PlainText.Split('\n')[0]}"))).ToList();
            Assert.True(problems.Count == 0, $"{fixture}:\n" + string.Join("\n", problems));
            Assert.True(result.Succeeded, fixture);

            var summary = QuarterSummary.Load(WriteSummary(folder, output)); // as icpkit render does after the notebooks
            if (!Known.TryGetValue(fixture, out var expected)) return;

            var text = string.Join("\n", result.Notebooks.SelectMany(n => n.Run.Cells.SelectMany(c => c.Outputs.Select(o => o.Html ?? o.PlainText))));
            text = System.Net.WebUtility.HtmlDecode(text);
            foreach (var sentence in expected.Unmeasurable) Assert.Contains(sentence, text, StringComparison.Ordinal);
            // No fixture has spend.csv: 01's CAC section and summary.json say which file would supply it, never a number.
            Assert.Contains("Not measurable: no acquisition spend in this export (add spend.csv with month, channel and amount", text, StringComparison.Ordinal);
            Assert.Null(summary.Outcome("cac_payback")!.Value);
            Assert.StartsWith("no acquisition spend in this export", summary.Outcome("cac_payback")!.NotMeasurable, StringComparison.Ordinal);

            Assert.Equal(8, summary.Outcome("customers")!.Value); // A01-A08 (CRM exports: the first won deal makes the customer)
            AssertRate(expected.WinRate, summary.Outcome("win_rate")!);
            var retention = summary.Outcome("retention")!;
            Assert.Equal(expected.ChurnRate is null, retention.Value is null);
            Assert.Equal(expected.ChurnRate is null, retention.NotMeasurable is not null);
            if (expected.WinRate is not null) Assert.Contains("overall 8 / 15 = 53.3%", text, StringComparison.Ordinal); // 02, by lead source
        }
        finally
        {
            Directory.Delete(output, true);
        }
    }

    private static string WriteSummary(string folder, string output)
    {
        var line = QuarterSummary.WriteForRender(folder, null, output);
        Assert.StartsWith("Wrote ", line, StringComparison.Ordinal);
        return Path.Combine(output, QuarterSummary.FileName);
    }

    private static void AssertRate(double? expected, QuarterOutcome outcome)
    {
        if (expected is { } rate)
        {
            Assert.Equal(rate, outcome.Value!.Value, 6);
        }
        else
        {
            Assert.Null(outcome.Value);
            Assert.False(string.IsNullOrEmpty(outcome.NotMeasurable), outcome.Name + " has neither a value nor a reason");
        }
    }
}
