using IcpKit.Loading;
using IcpKit.Loading.Events;
using static IcpKit.Tests.Loading.Events.EventTestFiles;

namespace IcpKit.Tests.Loading.Events;

/// <summary>Each validation rule on a real file: the issue's line, column, value and rule, and the row balance.</summary>
public class EventUsageImporterRulesTests
{
    private static EventImportResult ImportRules(int maxIssuesPerRule = 50) =>
        EventUsageImporter.Import(Options(PathOf("events-rules.csv"), known: new HashSet<string> { "A1", "A2" }, maxIssuesPerRule: maxIssuesPerRule));

    [Fact]
    public void Import_RulesFile_BalancesRowsAndSkipsBlankLine()
    {
        var result = ImportRules();

        // Nine data rows: the blank line 10 and the rows of empty fields at the end are neither read nor counted.
        Assert.Equal(9, result.RowsRead);
        Assert.Equal(2, result.Accepted);
        Assert.Equal(7, result.Rejected); // the event after as_of (line 9) is rejected too
        Assert.Equal(result.RowsRead, result.Accepted + result.Rejected);
        Assert.Equal(0, result.Warnings);
    }

    [Fact]
    public void Import_MissingValues_AreRequiredErrorsWithTheirColumn()
    {
        var required = ImportRules().Issues.Where(i => i.Rule == "required").ToArray();

        Assert.Equal(
            [(3, "account_id"), (4, "occurred_at"), (5, "event")],
            required.Select(i => (i.Line, i.Column!)).ToArray());
        Assert.All(required, i => Assert.Equal(Severity.Error, i.Severity));
        Assert.All(required, i => Assert.Null(i.Value));
        Assert.All(required, i => Assert.Equal("events-rules.csv", i.File));
    }

    [Fact]
    public void Import_UnparseableTimestamps_AreTypeErrorsWithTheValue()
    {
        var bad = ImportRules().Issues.Where(i => i.Rule == "type.timestamp").ToArray();

        // A day-first date without a matching format, and month 13 in ISO form.
        Assert.Equal(
            [(6, "06/01/2025 10:00"), (7, "2025-13-01T10:00:00Z")],
            bad.Select(i => (i.Line, i.Value!)).ToArray());
        Assert.All(bad, i => Assert.Equal("occurred_at", i.Column));
        Assert.All(bad, i => Assert.Contains("ISO 8601", i.Expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Import_UnknownAccount_IsRejected()
    {
        var result = ImportRules();

        var issue = Assert.Single(result.Issues, i => i.Rule == "unknown-account");
        Assert.Equal((8, "account_id", "ZZ", Severity.Error), (issue.Line, issue.Column, issue.Value, issue.Severity));
        Assert.False(result.Usage.ContainsKey("ZZ"));
    }

    [Fact]
    public void Import_EventAfterAsOf_IsRejectedAndCounted()
    {
        var result = ImportRules();

        var issue = Assert.Single(result.Issues, i => i.Rule == "after-as-of");
        Assert.Equal((9, Severity.Error, "2026-02-01T00:00:00Z"), (issue.Line, issue.Severity, issue.Value));
        // Line 9 lies outside the analysis window: A2 keeps only the create_report of line 11 (09:00+02:00 = 07:00Z).
        Assert.Equal(1, result.Usage["A2"].EventCount);
        Assert.Equal(Utc(2025, 1, 7, 7), result.Usage["A2"].FirstActivationAt);
        Assert.Equal(Utc(2025, 1, 7, 7), result.Usage["A2"].LastEventAt);
    }

    [Fact]
    public void Import_AsOfMaxValue_WarnsAboutNothing()
    {
        // The loader passes DateOnly.MaxValue when the project sets no as_of.
        var result = EventUsageImporter.Import(Options(PathOf("events-rules.csv"), asOf: DateOnly.MaxValue));

        Assert.Equal(0, result.Warnings);
        Assert.False(result.IssueCountsByRule.ContainsKey("after-as-of"));
    }

    [Fact]
    public void Import_WithoutKnownAccounts_AcceptsAnyAccount()
    {
        var result = EventUsageImporter.Import(Options(PathOf("events-rules.csv")));

        // Lines 2, 8 (ZZ) and 11 are accepted; line 9 lies after as_of.
        Assert.Equal(3, result.Accepted);
        Assert.True(result.Usage.ContainsKey("ZZ"));
        Assert.DoesNotContain(result.Issues, i => i.Rule == "unknown-account");
    }

    [Fact]
    public void Import_IssueCap_KeepsFirstIssuesButCountsAll()
    {
        var result = ImportRules(maxIssuesPerRule: 1);

        var required = Assert.Single(result.Issues, i => i.Rule == "required");
        Assert.Equal(3, required.Line);
        Assert.Equal(3, result.IssueCountsByRule["required"]);
        Assert.Equal(2, result.IssueCountsByRule["type.timestamp"]);
        Assert.Equal(1, result.IssueCountsByRule["after-as-of"]);
    }

    [Fact]
    public void Import_ExtraTimestampFormat_ParsesAsUtc()
    {
        // With the day-first format given, line 6 (06/01/2025 10:00) becomes a valid 6 January event.
        var result = EventUsageImporter.Import(Options(PathOf("events-rules.csv"), known: new HashSet<string> { "A1", "A2" }, formats: "dd/MM/yyyy HH:mm"));

        Assert.Equal(1, result.IssueCountsByRule["type.timestamp"]);
        Assert.Equal(2, result.Usage["A1"].EventCount);
    }
}
