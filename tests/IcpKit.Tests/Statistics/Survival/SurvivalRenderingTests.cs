using IcpKit.Statistics.Survival;
using static IcpKit.Tests.Statistics.Survival.RReference;

namespace IcpKit.Tests.Statistics.Survival;

/// <summary>Text and DataFrame forms of the survival results (invariant culture, R's spellings).</summary>
public class SurvivalRenderingTests
{
    [Fact]
    public void KaplanMeierToString_Lung_ShowsMedianAndEventRows()
    {
        var text = KaplanMeier.Fit(Data("lung")).ToString();
        Assert.StartsWith("Kaplan-Meier all: n = 228, events = 165, median = 310 [284, 361] (95% log-log CI)", text, StringComparison.Ordinal);
        Assert.Contains("time  n.risk  n.event", text, StringComparison.Ordinal);
        // lung has 139 distinct event times; 25 are listed.
        Assert.Contains("... 114 more event times", text, StringComparison.Ordinal);
    }

    [Fact]
    public void MedianToString_NotReached_SaysNotReached()
    {
        // ovarian rx2: R prints median NA, 0.95LCL 464, 0.95UCL NA.
        var median = KaplanMeier.Fit(Data("ovarian"), "rx2").Median;
        Assert.Equal("not reached [464, not reached]", median.ToString());
    }

    [Fact]
    public void LogRankToString_Lung_ReadsLikePrintSurvdiff()
    {
        var text = LogRank.Test(Data("lung")).ToString();
        Assert.Contains("female   90        53", text, StringComparison.Ordinal);
        Assert.Contains("Log-rank chisq = 10.33 on 1 degrees of freedom, p = 0.0013", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Summaries_Lung_HaveOneRowPerStepOrGroup()
    {
        var data = Data("lung");
        var fit = KaplanMeier.Fit(data);
        var steps = fit.Summary;
        Assert.Equal(fit.Steps.Length, steps.Rows.Count);
        Assert.Equal(["time", "n.risk", "n.event", "n.censor", "surv", "std.err", "lower", "upper"], steps.Columns.Select(c => c.Name));
        var groups = KaplanMeier.FitGroups(data);
        Assert.Equal(2, groups.Summary.Rows.Count);
        Assert.Equal(270.0, groups["male"].Median.Estimate);
        var risk = groups.NumberAtRisk([0, 365]);
        Assert.Equal(["group", "0", "365"], risk.Columns.Select(c => c.Name));
        Assert.Equal(90, risk["0"][0]);   // female
        Assert.Equal(2 * 2, groups.SurvivalAt([0, 365]).Rows.Count);
        Assert.Equal(groups.Fits.Sum(f => f.Steps.Length), groups.Steps.Rows.Count);
        Assert.Equal(2, LogRank.Test(data).Summary.Rows.Count);
    }
}
