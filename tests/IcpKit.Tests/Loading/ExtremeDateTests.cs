using IcpKit.Loading;
using IcpKit.Metrics;

namespace IcpKit.Tests.Loading;

/// <summary>Placeholder dates (0001-01-01, 9999-12-31) are problems at validate, never a crash in an analysis.</summary>
public sealed class ExtremeDateTests
{
    const string EventsHeader = "account_id,user_id,occurred_at,event\n";

    static ExportData Load(Action<ExportFolder> files)
    {
        using var folder = new ExportFolder();
        files(folder);
        return Export.Load(folder.Path);
    }

    [Fact]
    public void CustomerSince_Year9999_IsAWarningKeptAsMissingAndActivationRuns()
    {
        // Before: validate warned nothing, and activation threw ArgumentOutOfRangeException adding 30 days to 9999-12-31.
        var export = Load(f => f.With("accounts.csv", ExportFolder.AccountsHeader + "\nA1,Acme,SaaS,10,DE,2025-01-01,,,\nA2,Beta,SaaS,10,DE,9999-12-31,,,\n")
            .With("events.csv", EventsHeader + "A1,u1,2025-01-02T10:00:00Z,login\n"));

        var issue = Assert.Single(export.Report.Issues, i => i.Rule == "range.date");
        Assert.Equal((Severity.Warning, "accounts.csv", 3, "customer_since", "9999-12-31"), (issue.Severity, issue.File, issue.Line, issue.Column, issue.Value));
        Assert.Contains("9999-12-31 are placeholders", issue.Expected, StringComparison.Ordinal);
        Assert.Null(export.Accounts[1].CustomerSince);
        Assert.Equal(new DateOnly(2025, 1, 2), export.AsOf);
        var activation = Activation.Rate(export);
        Assert.NotNull(activation);
    }

    [Fact]
    public void CreatedOn_Year1_RejectsTheDeal()
    {
        var export = Load(f => f.WithAccounts(1).With("deals.csv",
            "deal_id,account_id,created_on,closed_on,stage,outcome\nD1,A1,0001-01-01,,demo,open\nD2,A1,2025-01-01,,demo,open\n"));

        var issue = Assert.Single(export.Report.Issues, i => i.Rule == "range.date");
        Assert.Equal((Severity.Error, "deals.csv", 2, "created_on"), (issue.Severity, issue.File, issue.Line, issue.Column));
        Assert.Equal((2L, 1L, 1L), (export.Report.Files[1].RowsRead, export.Report.Files[1].Accepted, export.Report.Files[1].Rejected));
    }

    [Fact]
    public void Event_Year9999_IsRejectedAndDoesNotMoveAsOf()
    {
        // Before: the event was folded and the inferred as_of became 9999-12-31, out of range for every window after it.
        var export = Load(f => f.WithAccounts(1).With("events.csv",
            EventsHeader + "A1,u1,2025-03-01T10:00:00Z,login\nA1,u1,9999-12-31T00:00:00Z,login\n"));

        var issue = Assert.Single(export.Report.Issues, i => i.Rule == "range.date");
        Assert.Equal((Severity.Error, "events.csv", 3, "occurred_at"), (issue.Severity, issue.File, issue.Line, issue.Column));
        Assert.Equal(new DateOnly(2025, 3, 1), export.AsOf);
        var events = Assert.Single(export.Report.Files, s => s.File == "events.csv");
        Assert.Equal((2L, 1L, 1L), (events.RowsRead, events.Accepted, events.Rejected));
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    public void AsOf_Placeholder_IsAConfigErrorNamingTheKeyAndLine(string asOf)
    {
        // Before: as_of 0001-01-01 was accepted and `suggest` printed only "Value to add was out of range".
        using var folder = new ExportFolder().WithAccounts(1).With("icpkit.yaml", "preset: canonical\nas_of: " + asOf + "\n");

        var e = Assert.Throws<ProjectConfigException>(() => Export.Load(folder.Path));
        Assert.Contains("line 2, key 'as_of'", e.Message, StringComparison.Ordinal);
        Assert.Contains("out of range", e.Message, StringComparison.Ordinal);
    }
}

/// <summary><c>--strict</c>: any warning about a value fails the run; an absent optional file does not.</summary>
public sealed class StrictValidationTests
{
    [Fact]
    public void Passes_WarningOnly_PassesNormallyAndFailsStrictly()
    {
        using var folder = new ExportFolder().With("accounts.csv", ExportFolder.AccountsHeader + "\nA1,Acme,SaaS,ten,DE,,,,\n");
        var report = Export.Load(folder.Path).Report;

        Assert.Equal(1, report.WarningCount); // employees 'ten' kept as missing; the absent deals, events and surveys files are not counted
        Assert.True(report.Passes(strict: false));
        Assert.False(report.Passes(strict: true));
    }

    [Fact]
    public void Passes_CleanExportWithoutOptionalFiles_PassesStrictly()
    {
        using var folder = new ExportFolder().WithAccounts(2);
        var report = Export.Load(folder.Path).Report;

        Assert.Equal(0, report.WarningCount);
        Assert.True(report.Passes(strict: true));
    }
}
