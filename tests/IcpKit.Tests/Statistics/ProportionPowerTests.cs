using IcpKit.Statistics;
using static IcpKit.Tests.Statistics.ReferenceValues;

namespace IcpKit.Tests.Statistics;

/// <summary>Power and sample size for two proportions against R's power.prop.test.</summary>
public class ProportionPowerTests
{
    private const double Tol = 1e-6;

    // R: power.prop.test(p1 =, p2 =, sig.level =, power =, tol = 1e-12)$n (default tol would only give ~1e-4).
    [Theory]
    [InlineData(0.50, 0.75, 0.05, 0.90)]
    [InlineData(0.20, 0.30, 0.05, 0.80)]
    [InlineData(0.10, 0.12, 0.01, 0.90)]
    [InlineData(0.40, 0.25, 0.05, 0.80)]
    public void SampleSize_MatchesRPowerPropTest(double p1, double p2, double alpha, double power)
    {
        var r = ProportionPower.SampleSize(p1, p2, alpha, power);
        AssertClose(FromR(FormattableString.Invariant($"power_n_p1{p1}_p2{p2}_a{alpha}_pow{power}"), "n"), r.NPerGroup, Tol, "n");
    }

    // R: power.prop.test(n =, p1 =, p2 =, sig.level =)$power.
    [Theory]
    [InlineData(50, 0.5, 0.75, 0.05)]
    [InlineData(300, 0.2, 0.3, 0.05)]
    [InlineData(1000, 0.1, 0.12, 0.01)]
    public void PowerAt_MatchesRPowerPropTest(double n, double p1, double p2, double alpha)
    {
        var r = ProportionPower.PowerAt(n, p1, p2, alpha);
        AssertClose(FromR(FormattableString.Invariant($"power_power_n{n}_p1{p1}_p2{p2}_a{alpha}"), "power"), r.Power, Tol, "power");
    }

    // R: power.prop.test(n =, p1 =, sig.level =, power =, tol = 1e-12)$p2 (R searches p2 above p1).
    [Theory]
    [InlineData(50, 0.5, 0.05, 0.9)]
    [InlineData(400, 0.2, 0.05, 0.8)]
    [InlineData(2000, 0.1, 0.01, 0.9)]
    public void DetectableRate_MatchesRPowerPropTest(double n, double p1, double alpha, double power)
    {
        var r = ProportionPower.DetectableRate(n, p1, alpha, power);
        AssertClose(FromR(FormattableString.Invariant($"power_p2_n{n}_p1{p1}_a{alpha}_pow{power}"), "p2"), r.P2, Tol, "p2");
    }

    [Fact]
    public void SampleSizeAndPowerAt_AreInverses()
    {
        var n = ProportionPower.SampleSize(0.3, 0.22, 0.05, 0.85);
        Assert.Equal(0.85, ProportionPower.PowerAt(n.NPerGroup, 0.3, 0.22, 0.05).Power, 10);
        // Lower side: the detectable rate below p1 for that n is p2 again.
        Assert.Equal(0.22, ProportionPower.DetectableRate(n.NPerGroup, 0.3, 0.05, 0.85, higher: false).P2, 8);
    }

    [Fact]
    public void ToString_ShowsRoundedUpN()
    {
        Assert.Equal("p1 = 50.0%, p2 = 75.0%: n = 76.71 (77) per group for power 0.9 at alpha 0.05 (two-sided)",
            ProportionPower.SampleSize(0.5, 0.75, 0.05, 0.9).ToString());
    }
}
