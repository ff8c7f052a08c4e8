using IcpKit.Reports;

namespace IcpKit.NotebookTests;

/// <summary><c>icpkit render --param name=value</c>: values typed the way a parameters cell declares them.</summary>
public class ParameterParsingTests
{
    [Fact]
    public void ParsePairs_TypesEachValue()
    {
        var p = Parameters.ParsePairs(["focusTrait=industry", "minClosed=5", "alpha=0.1", "redact=true", "lifts=0.05, 0.1", "flatteringSources=warm_intro,partner"]);

        Assert.Equal("industry", p["focusTrait"]);
        Assert.Equal(5, p["minClosed"]);
        Assert.Equal(0.1, p["alpha"]);
        Assert.Equal(true, p["redact"]);
        Assert.Equal([0.05, 0.1], (double[])p["lifts"]!);
        Assert.Equal(["warm_intro", "partner"], (string[])p["flatteringSources"]!);
        Assert.Contains("var lifts = new double[] { 0.05d, 0.1d };", Parameters.ToCode(p), StringComparison.Ordinal);
    }

    [Fact]
    public void ParsePairs_NotAPair_NamesIt()
    {
        var e = Assert.Throws<ArgumentException>(() => Parameters.ParsePairs(["focus-trait"]));
        Assert.Contains("--param 'focus-trait'", e.Message, StringComparison.Ordinal);
    }
}
