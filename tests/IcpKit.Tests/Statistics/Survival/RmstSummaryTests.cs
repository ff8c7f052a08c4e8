using IcpKit.Statistics.Survival;
using static IcpKit.Tests.Architecture.SummaryFrame;

namespace IcpKit.Tests.Statistics.Survival;

public sealed class RmstSummaryTests
{
    // R: survRM2 / print(survfit(Surv(time, status) ~ 1, lung), rmean = 365): rmean 263.222, se 7.79886, interval [247.937, 278.507].
    private static readonly RestrictedMeanSurvival Lung = new("all", 365, 263.222, 7.79886, 0.95);

    [Fact]
    public void RestrictedMeanSurvival_Summary_MatchesROnLung_Tolerance1e3()
    {
        var s = Lung.Summary;
        Assert.Equal(["group", "tau", "rmst", "std_error", "lower", "upper"], Columns(s));
        Assert.Equal(365, Number(s, "tau"));
        Assert.Equal(263.222, Number(s, "rmst"));
        Assert.Equal(247.937, Number(s, "lower"), 1e-3);
        Assert.Equal(278.507, Number(s, "upper"), 1e-3);
    }

    [Fact]
    public void RmstDifference_Summary_GroupsThenTheDifference()
    {
        // B - A = 280 - 263.222 = 16.778; se sqrt(7.79886^2 + 6^2).
        var b = Lung with { Group = "icp", Estimate = 280, StdError = 6 };
        var se = Math.Sqrt(7.79886 * 7.79886 + 36);
        var d = new RmstDifference(Lung, b, 16.778, se, 16.778 - 1.959964 * se, 16.778 + 1.959964 * se, 0.09, SurvivalStatus.Ok, null);
        var s = d.Summary;
        Assert.Equal(["all", "icp", "icp - all"], Enumerable.Range(0, 3).Select(i => Cell(s, "row", i)));
        Assert.Equal(16.778, Number(s, "rmst", 2));
        Assert.Equal(se, Number(s, "std_error", 2), 1e-12);
        Assert.Equal(0.09, Number(s, "p_value", 2));
        Assert.True(double.IsNaN(Number(s, "p_value", 0)));
        Assert.Equal("ok", Cell(s, "status", 2));
    }
}
