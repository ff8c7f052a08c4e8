using IcpKit.Loading;
using IcpKit.Overview;

namespace IcpKit.Tests.Overview;

public class ExportOverviewTests
{
    private static string Sample(string name) =>
        Path.Combine(IcpKit.Tests.Generation.DataSamplesTests.RepoRoot(), "data-samples", name);

    [Fact]
    public void Completeness_MessyExport_CountsOnlyAcceptedRowsWithAValue()
    {
        var export = Export.Load(Sample("messy"));
        var table = ExportOverview.Completeness(export);
        var employees = table.Rows.Single(r => (string?)r[0] == "accounts" && (string?)r[1] == "employees");

        // Every accepted account is a row; 'about 50' was kept as missing, so employees is not complete.
        Assert.Equal(export.Accounts.Length, Convert.ToInt32(employees[3], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(export.Accounts.Count(a => a.Employees is not null), Convert.ToInt32(employees[2], System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(Convert.ToInt32(employees[2], System.Globalization.CultureInfo.InvariantCulture) < export.Accounts.Length);
    }

    [Fact]
    public void DateRanges_SampleExport_SpanEndsOnOrBeforeAsOf()
    {
        var export = Export.Load(Sample("2026Q3"));
        var table = ExportOverview.DateRanges(export);

        Assert.Contains(table.Rows, r => (string?)r[1] == "created_on");
        foreach (var row in table.Rows.Where(r => r[4] is DateOnly))
            Assert.True((DateOnly)row[4]! <= export.AsOf, $"{row[0]}.{row[1]} ends after as_of");
    }

    [Fact]
    public void StepsFed_AbsentFile_SaysWhatIsSkipped()
    {
        var folder = Directory.CreateTempSubdirectory("icpkit-overview-").FullName;
        File.Copy(Path.Combine(Sample("2026Q3"), "accounts.csv"), Path.Combine(folder, "accounts.csv"));
        var export = Export.Load(folder);

        var deals = ExportOverview.StepsFed(export).Rows.Single(r => (string?)r[0] == "deals.csv");
        Assert.Equal("no", deals[1]);
        Assert.Contains("skipped", (string?)deals[3], StringComparison.Ordinal);
    }
}
