using IcpKit.Voice;
using static IcpKit.Tests.Voice.TagRatesTests;

namespace IcpKit.Tests.Voice;

public class SaturationTests
{
    [Fact]
    public void Of_RemarkExample_SaturatesAfterTwoQuietInterviews()
    {
        // Themes {a, b}, {b}, {a, c}, {c}, {a}: 2, 0, 1, 0, 0 new; written out of date order on purpose.
        var s = Saturation.Of([Row("X5", 5, themes: "a"), Row("X1", 1, themes: "a;b"), Row("X3", 3, themes: "a;c"), Row("X2", 2, themes: "b"), Row("X4", 4, themes: "c")], "ICP", run: 2);
        Assert.Equal([2, 0, 1, 0, 0], s.Steps.Select(x => x.New.Length));
        Assert.Equal([2, 2, 3, 3, 3], s.Steps.Select(x => x.Distinct));
        Assert.Equal(["X1", "X2", "X3", "X4", "X5"], s.Steps.Select(x => x.AccountId));
        Assert.Equal(2, s.QuietStreak);
        Assert.Equal([1, 2, 3, 4, 5], s.Summary["interview"].Cast<int>());
        Assert.Equal(["X1", "X2", "X3", "X4", "X5"], s.Summary["account_id"].Cast<string>());
        Assert.Equal([2, 2, 3, 3, 3], s.Summary["distinct_so_far"].Cast<int>());
        Assert.Equal(["", "", ""], s.Summary["new"].Cast<string>().Where((_, i) => i is 1 or 3 or 4));
        Assert.True(s.Saturated);
        Assert.StartsWith("Saturated: the last 2 of 5 ICP interviews added no new theme or tag (3 in all)", s.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_LastInterviewAddsATag_NotSaturatedAndNamesIt()
    {
        // A tag and a theme of the same name are two items.
        var s = Saturation.Of([Row("X1", 1, themes: "demo_excitement"), Row("X2", 2, "demo_excitement")], "ICP", run: 1);
        Assert.Equal([1, 1], s.Steps.Select(x => x.New.Length));
        Assert.False(s.Saturated);
        Assert.Equal("Not saturated yet: ICP interview 2 of 2 still added tag: demo excitement; keep interviewing until 1 in a row add nothing new (0 so far).", s.Verdict);
    }

    [Fact]
    public void Of_AsManyInterviewsAsTheRun_IsNotSaturated()
    {
        // Three silent interviews after nothing at all are not "trends repeating": the run must follow something heard.
        var s = Saturation.Of([Row("X1", 1), Row("X2", 2), Row("X3", 3)], "ICP", run: 3);
        Assert.False(s.Saturated);
    }
}
