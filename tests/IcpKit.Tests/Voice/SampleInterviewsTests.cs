using IcpKit.Icp;
using IcpKit.Loading;
using IcpKit.Tests.Generation;
using IcpKit.Voice;

namespace IcpKit.Tests.Voice;

/// <summary>The invented interview notes of data-samples/2026Q3: marked synthetic, clean, and carrying the planted voice difference.</summary>
public class SampleInterviewsTests
{
    private static readonly string Folder = Path.Combine(DataSamplesTests.RepoRoot(), "data-samples", "2026Q3");

    [Fact]
    public void Interviews_EveryRowMarkedSyntheticAndClean()
    {
        var lines = File.ReadAllLines(Path.Combine(Folder, "interviews.csv"));
        Assert.EndsWith(",synthetic", lines[0], StringComparison.Ordinal);
        Assert.All(lines.Skip(1), l => Assert.EndsWith(",yes", l, StringComparison.Ordinal));
        var export = Export.Load(Folder);
        Assert.Equal(lines.Length - 1, export.Interviews.Length);
        Assert.DoesNotContain(export.Report.Issues, i => i.File == "interviews.csv");
    }

    [Fact]
    public void Interviews_PlantedVoice_IcpMoreEnthusiasticAndFewerRedFlags()
    {
        // Planted by InterviewWriter (ICP: enthusiasm tags at 40-75%, red flags at 5-10%; the rest 10-25% and 30-50%).
        // Counted from the committed file with the committed icp.yaml: 17 of 17 ICP interviews show enthusiasm against
        // 2 of 6 others; red flags 2 of 17 against 6 of 6.
        var export = Export.Load(Folder);
        var icp = IcpDefinition.Load(Path.Combine(Folder, "icp.yaml"), export);
        var rates = Interviews.TagRates(export, icp).Value;
        Assert.Equal((17, 6), (rates.IcpInterviews, rates.NonIcpInterviews));
        Assert.Equal((17, 2), (rates[TagRates.AnyEnthusiasm].Icp.Successes, rates[TagRates.AnyEnthusiasm].NonIcp.Successes));
        Assert.Equal((2, 6), (rates[TagRates.AnyRedFlag].Icp.Successes, rates[TagRates.AnyRedFlag].NonIcp.Successes));
        Assert.False(Interviews.Contradiction(export, icp).Value.Contradicts);
    }
}
