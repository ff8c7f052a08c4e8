using IcpKit.Loading;

namespace IcpKit.Tests.Loading;

/// <summary>Issue 11, item 5 (loading side): dates that do not parse are said, once, naming date_formats; never guessed around.</summary>
public class DateSilenceTests
{
    [Fact]
    public void NoReadableDate_AndNoAsOf_IsAnError_NotToday()
    {
        // Every date is dd.MM.yyyy and date_formats does not say so: there is no latest date to use.
        using var folder = new ExportFolder().With("accounts.csv", "account_id,customer_since\nA1,13.01.2025\nA2,02.03.2025\n");
        var e = Assert.Throws<ExportLoadException>(() => Export.Load(folder.Path));
        Assert.StartsWith("no date in the export could be read, so there is no analysis date (as_of); 2 date value(s) did not parse, " +
            "e.g. accounts.csv:2:customer_since = '13.01.2025'", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("Add the export's date format to date_formats in icpkit.yaml, or set as_of: yyyy-mm-dd there", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DateError_NamesDateFormats()
    {
        using var folder = new ExportFolder().With("accounts.csv", "account_id,customer_since\nA1,13.01.2025\nA2,2025-03-02\n");
        var issue = Assert.Single(Export.Load(folder.Path).Report.Issues, i => i.Rule == "type.date");
        Assert.Equal("a date (yyyy-MM-dd; another format goes in date_formats in icpkit.yaml); kept as missing", issue.Expected);
    }

    [Fact]
    public void OneCellReadByTwoColumns_IsSaidOnce()
    {
        // created_on and closed_on both read "Date": a bad date in it is one problem, not two.
        using var folder = new ExportFolder().WithAccounts()
            .With("deals.csv", "deal_id,account_id,Date,stage,outcome\nD1,A1,2025-01-01,demo,won\nD2,A1,01.02.2025,demo,won\n")
            .With("icpkit.yaml", "deals:\n  columns: {created_on: Date, closed_on: Date}\n");
        var export = Export.Load(folder.Path);
        var issue = Assert.Single(export.Report.Issues, i => i.Rule == "type.date");
        Assert.Equal(("Date", 3, "01.02.2025"), (issue.Column, issue.Line, issue.Value));
        Assert.Equal(["D1"], export.Deals.Select(d => d.DealId));
    }

    [Fact]
    public void ExtraColumnOfDatesInAnUnknownFormat_IsFlaggedOnce_NotACategoryTrait()
    {
        using var folder = new ExportFolder().With("accounts.csv",
            "account_id,customer_since,Signed Up\nA1,2025-01-01,13.01.2025\nA2,2025-02-01,02.03.2025\nA3,,28.02.2025\n");
        var export = Export.Load(folder.Path);
        var issue = Assert.Single(export.Report.Issues, i => i.Rule == "unknown-date-format");
        Assert.Equal((Severity.Warning, "accounts.csv", "Signed Up", "13.01.2025"), (issue.Severity, issue.File, issue.Column, issue.Value));
        Assert.Contains("they read as dd.MM.yyyy: add it to date_formats", issue.Expected, StringComparison.Ordinal);
        Assert.DoesNotContain(export.Traits.Traits, t => t.Name == "signed_up");
    }
}
