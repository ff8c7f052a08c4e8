using IcpKit.Drafting;
using IcpKit.Metrics;
using IcpKit.PutToWork;
using IcpKit.WinLoss;

namespace IcpKit.Tests.Analysis;

/// <summary>Results that used to be silently wrong on real exports (issue 11), each pinned on a fixture whose answer is counted by hand.</summary>
public class SilentResultTests
{
    [Fact]
    public void Funnel_HubSpotClosedLostStage_KeepsEveryLostDealAndWarns()
    {
        // HubSpot writes "Closed Lost" into the stage: 7 lost deals (D09-D15) carry no funnel stage.
        var funnel = Funnel.By(FixtureExports.Load("hubspot"));

        Assert.Equal(15, funnel.All.Closed);   // 8 won + 7 lost; it was 8 (every lost deal dropped)
        Assert.Equal(7, funnel.All.Lost);
        Assert.Equal(7, funnel.All.LostAt[0]); // the first stage is the only one they are known to have reached
        Assert.Equal(8.0 / 15, funnel.All.ToWon(0), 12); // it was 100%
        Assert.Contains("Closed Lost (7 deals)", funnel.Warning, StringComparison.Ordinal);
    }

    [Fact]
    public void CandidateSearch_MedianWonAmount_IncludesZeroAmounts()
    {
        // Won amounts 0, 4800, 10800, 13200, 14400, 15600, 18000, 36000: median (13200 + 14400) / 2; 14400 without the zero.
        var search = CandidateSearch.Run(FixtureExports.Load("no-surveys"));

        Assert.Equal(13800, search.Overall.MedianWonAmount, 9);
    }

    [Fact]
    public void ExperimentSize_RelativeLiftsOnAHighBaseline_NeverThrowAndNameWhatTheyCannotSize()
    {
        // 0.63 x 2 = 1.26: a lift of 1 cannot be sized on that baseline; 0.25 and 0.5 can (0.7875, 0.945).
        var sizes = ExperimentSize.ForLifts(0.63, [0.25, 0.5, 1.0]);

        Assert.Equal([0.25, 0.5], sizes.Sizes.Select(s => s.MinimumLift));
        Assert.Equal([1.0], sizes.Unreachable.ToArray());
        Assert.Contains("+100%", sizes.ToText(), StringComparison.Ordinal);
        Assert.Empty(ExperimentSize.ForLifts(0, [0.5]).Sizes);
    }

    [Theory]
    [InlineData(3, 91)]
    [InlineData(6, 183)]
    [InlineData(12, 365)]
    public void Months_Days_IsTheOneDefinitionOfNMonths(int months, double days) => Assert.Equal(days, Months.Days(months));
}
