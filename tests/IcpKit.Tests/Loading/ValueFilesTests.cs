using IcpKit.Analysis;
using IcpKit.Loading;

namespace IcpKit.Tests.Loading;

/// <summary>The optional value files, spend.csv and mrr_history.csv: read, checked, mapped like any contract file.</summary>
public class ValueFilesTests
{
    private static ExportFolder Folder() => new ExportFolder()
        .With("accounts.csv", ExportFolder.AccountsHeader + "\nA1,Acme,SaaS,10,DE,2025-01-10,,100,\nA2,Beta,SaaS,20,DE,2025-02-01,,200,\n");

    [Fact]
    public void Load_CanonicalFiles_ReadsMonthsAmountsAndSegments()
    {
        using var folder = Folder()
            .With("spend.csv", "month,channel,amount,segment\n2025-01,ads,1000.50,\n2025-02-14,events,300,ICP\n")
            .With("mrr_history.csv", "account_id,month,mrr\nA1,2025-01,100\nA1,2025-02,120\nA2,2025-02-01,200\n");
        var export = Export.Load(folder.Path);

        Assert.True(export.Has(ExportFile.Spend) && export.Has(ExportFile.MrrHistory));
        Assert.Equal([(new DateOnly(2025, 1, 1), "ads", 1000.50m, (string?)null), (new DateOnly(2025, 2, 1), "events", 300m, "ICP")],
            export.Spend.Select(s => (s.Month, s.Channel, s.Amount, s.Segment)));
        Assert.Equal([("A1", 1, 100m), ("A1", 2, 120m), ("A2", 2, 200m)], export.MrrHistory.Select(p => (p.AccountId, p.Month.Month, p.Mrr)));
        Assert.DoesNotContain(export.Report.Issues, i => i.File is "spend.csv" or "mrr_history.csv");
    }

    [Fact]
    public void Load_WithoutValueFiles_NoWarning_AndTheNeedsSayWhichFile()
    {
        using var folder = Folder();
        var export = Export.Load(folder.Path);

        Assert.False(export.Has(ExportFile.Spend));
        Assert.DoesNotContain(export.Report.Issues, i => ValidationText.Describe(i).Contains("spend", StringComparison.Ordinal) || ValidationText.Describe(i).Contains("mrr_history", StringComparison.Ordinal));
        Assert.Equal("no acquisition spend in this export (add spend.csv with month, channel and amount, or map spend.file, spend.columns or spend.sql in icpkit.yaml)",
            Inputs.Check(export, Need.Spend));
        Assert.Equal("no MRR history in this export (add mrr_history.csv with account_id, month and mrr, or map mrr_history.file, mrr_history.columns or mrr_history.sql in icpkit.yaml)",
            Inputs.Check(export, Need.MrrHistory));
    }

    [Fact]
    public void Load_BadRows_AreRejectedNamingLineAndColumn()
    {
        using var folder = Folder()
            .With("spend.csv", "month,channel,amount\n2025-13,ads,10\n2025-01,,10\n2025-01,ads,abc\n2025-01,ads,-5\n2025-01,ads,\n2025-01,ads,7\n")
            .With("mrr_history.csv", "account_id,month,mrr\nA1,2025-01,100\nA1,2025-01,110\nZZ,2025-01,5\nA2,2025-01,\n");
        var export = Export.Load(folder.Path);

        Assert.Equal(7m, Assert.Single(export.Spend).Amount);
        Assert.Equal(100m, Assert.Single(export.MrrHistory).Mrr);
        Assert.Equal(
        [
            "mrr_history.csv:3:month = 'A1 2025-01': expected a unique month; 'A1 2025-01' is already on line 2",
            "mrr_history.csv:4:account_id = 'ZZ': expected an account_id present in accounts.csv",
            "mrr_history.csv:5:mrr (empty): expected a value for mrr (required; 0 for a month without revenue)",
            "spend.csv:2:month = '2025-13': expected a date (yyyy-MM-dd; another format goes in date_formats in icpkit.yaml)",
            "spend.csv:3:channel (empty): expected a value for channel (required)",
            "spend.csv:4:amount = 'abc': expected a number (decimal separator '.')",
            "spend.csv:5:amount = '-5': expected amount of 0 or more",
            "spend.csv:6:amount (empty): expected a value for amount (required)",
        ], export.Report.Issues.Where(i => i.File is "spend.csv" or "mrr_history.csv").Select(ValidationText.Describe).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Mapping_RenamesColumnsAndFiles()
    {
        using var folder = Folder()
            .With("marketing.csv", "Period;Source;Cost\n2025-01;ads;1000\n")
            .With("icpkit.yaml", "spend:\n  file: marketing.csv\n  columns: {month: Period, channel: Source, amount: Cost}\nvalue: {horizon_months: 36, gross_margin: 75%}\n");
        var export = Export.Load(folder.Path);

        Assert.Equal(("ads", 1000m), (export.Spend.Single().Channel, export.Spend.Single().Amount));
        Assert.Equal(new ValueSettings(36, 0.75, true), export.Config.Value);
    }

    [Fact]
    public void SqlTable_SuppliesMrrHistory()
    {
        using var folder = Folder()
            .With("billing.csv", "customer,period,amount_cents\nA1,2025-01-01,10000\nA2,2025-02-01,25050\n")
            .With("icpkit.yaml", "mrr_history:\n  sql: select customer as account_id, period as month, cast(amount_cents as integer) / 100.0 as mrr from read_csv('billing.csv', all_varchar = true)\n");
        var export = Export.Load(folder.Path);

        Assert.Equal([("A1", 100m), ("A2", 250.5m)], export.MrrHistory.OrderBy(p => p.AccountId).Select(p => (p.AccountId, p.Mrr)));
    }

    [Theory]
    [InlineData("value: {horizon_months: 0}", "icpkit.yaml line 1, key 'value.horizon_months': '0' is not allowed; expected whole months from 1 to 120, e.g. 24")]
    [InlineData("value: {gross_margin: 1.5}", "icpkit.yaml line 1, key 'value.gross_margin': '1.5' is not allowed; expected a share of revenue above 0 and at most 1, e.g. 0.8 or 80%")]
    [InlineData("value: {margin: 0.8}", "icpkit.yaml line 1, key 'value.margin': unknown key; expected one of horizon_months, gross_margin")]
    public void ValueSection_BadValue_NamesLineAndKey(string yaml, string message)
    {
        var e = Assert.Throws<ProjectConfigException>(() => ProjectConfigReader.Parse(yaml));
        Assert.Equal(message, e.Message);
    }
}
