using IcpKit.Statistics.Survival;
using static IcpKit.Tests.Statistics.Survival.RReference;

namespace IcpKit.Tests.Statistics.Survival;

/// <summary>Comparisons below the minimum number of events per group say "insufficient data" instead of a p-value.</summary>
public class SurvivalGuardTests
{
    // ovarian's rx2 arm has 5 deaths, rx1 7: the default guard of 5 passes, a guard of 6 does not.
    [Fact]
    public void LogRank_GroupBelowMinimumEvents_ReportsInsufficientData()
    {
        var data = Data("ovarian");
        Assert.Equal(SurvivalStatus.Ok, LogRank.Test(data).Status);
        var guarded = LogRank.Test(data, minEventsPerGroup: 6);
        Assert.Equal(SurvivalStatus.InsufficientData, guarded.Status);
        Assert.True(double.IsNaN(guarded.PValue) && double.IsNaN(guarded.ChiSquare));
        Assert.Contains("rx2 has 5 events", guarded.Reason, StringComparison.Ordinal);
        Assert.Contains("insufficient data", guarded.ToString(), StringComparison.Ordinal);
        // Observed and expected are still shown, so the reader sees why.
        Assert.Equal(5, guarded.Groups.Single(g => g.Group == "rx2").Observed);
    }

    // Pairs with too few events are left out of the adjustment, like NA in R's p.adjust.
    [Fact]
    public void Pairwise_OneThinGroup_ExcludesItsPairsFromAdjustment()
    {
        var times = new List<double>();
        var events = new List<bool>();
        var groups = new List<string>();
        void Add(string g, int n, int offset)
        {
            for (int i = 0; i < n; i++)
            {
                times.Add(offset + i);
                events.Add(true);
                groups.Add(g);
            }
        }
        Add("a", 20, 0);
        Add("b", 20, 10);
        Add("thin", 2, 5);
        var pairs = LogRank.Pairwise(SurvivalData.Create(times, events, groups));
        Assert.Equal(SurvivalStatus.InsufficientData, pairs["a", "thin"].Status);
        Assert.True(double.IsNaN(pairs["thin", "b"].PHolm));
        var ab = pairs["a", "b"];
        Assert.Equal(SurvivalStatus.Ok, ab.Status);
        // The only called pair: adjusting one p-value leaves it unchanged.
        Assert.Equal(ab.PValue, ab.PHolm);
        Assert.Equal(ab.PValue, ab.PBenjaminiHochberg);
    }

    [Fact]
    public void RmstDifference_TauBeyondFollowUp_ReportsInsufficientData()
    {
        // aml's Nonmaintained arm is followed up to day 45 only.
        var d = Rmst.Difference(Data("aml"), "Maintained", "Nonmaintained", 100, minEventsPerGroup: 0);
        Assert.Equal(SurvivalStatus.InsufficientData, d.Status);
        Assert.Contains("beyond group Nonmaintained", d.Reason, StringComparison.Ordinal);
        Assert.True(double.IsNaN(d.PValue));
    }

    [Fact]
    public void RmstDifference_FewEvents_ReportsInsufficientData()
    {
        var d = Rmst.Difference(Data("aml"), "Maintained", "Nonmaintained", 40, minEventsPerGroup: 8);
        Assert.Equal(SurvivalStatus.InsufficientData, d.Status);
        Assert.Contains("Maintained has 7 events", d.Reason, StringComparison.Ordinal);
    }
}
