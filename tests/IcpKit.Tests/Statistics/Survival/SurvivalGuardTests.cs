using IcpKit.Statistics.Survival;
using static IcpKit.Tests.Statistics.Survival.RReference;

namespace IcpKit.Tests.Statistics.Survival;

/// <summary>Comparisons below the minimum number of events per group say "insufficient data" instead of a p-value.</summary>
public class SurvivalGuardTests
{
    // ovarian's rx1 arm has 7 deaths where 5.23 were expected under no difference, rx2 5 where 6.77 were (R's survdiff):
    // the guard counts expected events (Cochran's rule), so the default 5 passes and 6 does not, on rx1.
    [Fact]
    public void LogRank_GroupBelowMinimumEvents_ReportsInsufficientData()
    {
        var data = Data("ovarian");
        Assert.Equal(SurvivalStatus.Ok, LogRank.Test(data).Status);
        var guarded = LogRank.Test(data, minEventsPerGroup: 6);
        Assert.Equal(SurvivalStatus.InsufficientData, guarded.Status);
        Assert.True(double.IsNaN(guarded.PValue) && double.IsNaN(guarded.ChiSquare));
        Assert.Contains("rx1 expects 5.2 events under no difference (it has 7)", guarded.Reason, StringComparison.Ordinal);
        Assert.Contains("insufficient data", guarded.ToString(), StringComparison.Ordinal);
        // Observed and expected are still shown, so the reader sees why.
        Assert.Equal(5, guarded.Groups.Single(g => g.Group == "rx2").Observed);
    }

    // A group that churns far less than expected is evidence, not too little data: 2 events where about 9 were expected
    // under no difference still gets a p-value (the guard before counted observed events and refused it).
    [Fact]
    public void LogRank_FewObservedButEnoughExpectedEvents_IsTested()
    {
        var times = new List<double>();
        var events = new List<bool>();
        var groups = new List<string>();
        for (int i = 0; i < 30; i++) { times.Add(10 + i); events.Add(i < 2); groups.Add("icp"); }
        for (int i = 0; i < 30; i++) { times.Add(10 + i); events.Add(i < 20); groups.Add("rest"); }
        var test = LogRank.Test(SurvivalData.Create(times, events, groups));
        var icp = test.Groups.Single(g => g.Group == "icp");
        Assert.Equal(2, icp.Observed);
        Assert.True(icp.Expected >= 5, test.ToString());
        Assert.Equal(SurvivalStatus.Ok, test.Status);
        Assert.True(test.PValue < 0.001, test.ToString());
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
