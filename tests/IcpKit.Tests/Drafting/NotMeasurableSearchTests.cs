using IcpKit.Drafting;
using IcpKit.Loading;
using IcpKit.Tests.Analysis;

namespace IcpKit.Tests.Drafting;

/// <summary>
/// An outcome the export cannot measure neither ranks nor shows a lift in the search, and the result says why in the
/// outcome module's words: a HubSpot export maps no churn dates, and its 100% retention was shown as the baseline and a
/// 1.00x lift for every candidate, as if nobody had left.
/// </summary>
public sealed class NotMeasurableSearchTests
{
    private static CandidateSearchResult Search(string fixture) => CandidateSearch.Run(Export.Load(FixtureExports.Folder(fixture)));

    [Fact]
    public void HubSpotExport_NoChurnDatesNoEvents_RetentionAndActivationSaidNotMeasured()
    {
        var result = Search("hubspot");
        Assert.StartsWith("no churn dates mapped", result.NotMeasurable[Outcome.Retention], StringComparison.Ordinal);
        Assert.StartsWith("no product events", result.NotMeasurable[Outcome.Activation], StringComparison.Ordinal);
        Assert.False(result.NotMeasurable.ContainsKey(Outcome.WinRate));
        Assert.NotEmpty(result.Candidates);
        Assert.All(result.Candidates, c => Assert.False(c.Retention.IsMeasured, c.Description));
        Assert.True(double.IsNaN(result.Overall.RetentionRate));

        var header = result.Header();
        Assert.Contains("Not measurable: 12-month retention: no churn dates mapped", header, StringComparison.Ordinal);
        Assert.DoesNotContain("100.0%", header, StringComparison.Ordinal);
        var headers = CandidateSearchResult.Headers;
        Assert.All(result.Rows(5), row => Assert.Equal("not measurable", row[headers.IndexOf("retention lift")]));
        Assert.Contains("\"retention\": null", result.ToJson(), StringComparison.Ordinal);
        Assert.Contains("\"not_measurable\": {", result.ToJson(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no-amounts", Outcome.Acv)]
    [InlineData("accounts-only", Outcome.WinRate)]
    [InlineData("no-events", Outcome.Activation)]
    [InlineData("no-churn-dates", Outcome.Retention)]
    public void SparseExports_SayWhatIsMissing_AndNeverPrintNaN(string fixture, Outcome missing)
    {
        var result = Search(fixture);
        Assert.True(result.NotMeasurable.ContainsKey(missing), string.Join("; ", result.NotMeasurable));
        foreach (var text in new[] { result.Header(), result.ToText(), result.ToHtml() })
            Assert.DoesNotContain("NaN", text, StringComparison.Ordinal);
        var headers = CandidateSearchResult.Headers;
        var column = missing switch
        {
            Outcome.WinRate => "win lift",
            Outcome.Retention => "retention lift",
            Outcome.Acv => "ACV lift",
            _ => "activation lift",
        };
        Assert.All(result.Rows(5), row => Assert.Equal("not measurable", row[headers.IndexOf(column)]));
    }

    [Fact]
    public void SampleExport_MeasuresEveryOutcome() =>
        Assert.Empty(Search(Path.Combine("..", "..", "..", "data-samples", "2026Q3")).NotMeasurable);
}
