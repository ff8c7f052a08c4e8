using IcpKit.PutToWork;
using IcpKit.Tests.Generation;

namespace IcpKit.Tests.PutToWork;

/// <summary>
/// The sample quarters tell the quarterly story: 2026Q2/icp.yaml pre-registered an experiment, and 2026Q3 grades it.
/// Expected values by hand from data-samples/2026Q3 (deals won 2026-07-01..2026-09-30: 7 from ICP accounts, 19 from
/// the rest) and the Wilson interval from statsmodels:
/// <c>proportion_confint(7, 26, method='wilson')</c> = (0.13704448322018375, 0.4608304037917618).
/// </summary>
public class QuarterStoryTests
{
    static string Samples => Path.Combine(DataSamplesTests.RepoRoot(), "data-samples");

    [Fact]
    public void PreviousIcpFile_2026Q3_IsThe2026Q2File()
    {
        Assert.Equal(Path.Combine(Samples, "2026Q2", "icp.yaml"), QuarterFolders.PreviousIcpFile(Path.Combine(Samples, "2026Q3")));
        Assert.Null(QuarterFolders.PreviousIcpFile(Path.Combine(Samples, "2026Q2")));
        Assert.Null(QuarterFolders.PreviousIcpFile(Path.Combine(Samples, "messy")));
    }

    [Fact]
    public void ForFolder_2026Q3_GradesLastQuartersExperiment_MatchesStatsmodelsWilson()
    {
        var (summary, source) = QuarterSummary.ForFolder(Path.Combine(Samples, "2026Q3"));
        Assert.Contains("built from the export", source, StringComparison.Ordinal);
        var verdict = Assert.Single(summary.Verdicts);
        Assert.Equal("icp_share_of_wins", verdict.Metric);
        Assert.Equal("met", verdict.Outcome);
        Assert.Equal(7.0 / 26, verdict.Value!.Value, 1e-12);
        Assert.Contains("7 of 26 deals won in the window came from ICP accounts", verdict.Reason, StringComparison.Ordinal);
        Assert.Contains("icp_share_of_wins = 0.27 [0.14, 0.46] (95%)", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Comparison_OneQuarter_SaysThereIsNothingToCompare()
    {
        var (summary, _) = QuarterSummary.ForFolder(Path.Combine(Samples, "2026Q3"));
        var headline = QuarterComparison.Of([summary]).Headline();
        Assert.StartsWith("Only one quarter (2026Q3), so nothing to compare yet", headline, StringComparison.Ordinal);
        Assert.DoesNotContain("1 quarters", headline, StringComparison.Ordinal);
    }

    [Fact]
    public void Comparison_Sources_AreShownUnderTheTables()
    {
        var (summary, source) = QuarterSummary.ForFolder(Path.Combine(Samples, "2026Q3"));
        var comparison = QuarterComparison.Of([summary]) with
        {
            Sources = System.Collections.Immutable.ImmutableSortedDictionary<string, string>.Empty.Add("2026Q3", source),
        };
        Assert.Contains("2026Q3: built from the export in ", comparison.ToHtml(), StringComparison.Ordinal);
        Assert.DoesNotContain("summary.json files", comparison.ToHtmlDocument(), StringComparison.Ordinal);
    }
}
