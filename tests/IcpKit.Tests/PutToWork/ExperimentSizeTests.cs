using System.Globalization;
using IcpKit.PutToWork;

namespace IcpKit.Tests.PutToWork;

public class ExperimentSizeTests
{
    public static TheoryData<double, double, double, double, double> Reference()
    {
        // Rows written by Reference/make_reference.R: power.prop.test(p1 = b, p2 = b * (1 + lift), sig.level, power, tol = 1e-12)$n
        var data = new TheoryData<double, double, double, double, double>();
        foreach (var line in File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "PutToWork", "Reference", "power_prop_test.csv")).Skip(1))
        {
            var f = line.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            data.Add(f[0], f[1], f[2], f[3], f[4]);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Reference))]
    public void PerArm_MatchesRPowerPropTest_RelativeTolerance1e6(double baseline, double lift, double alpha, double power, double rN)
    {
        var size = ExperimentSize.PerArm(baseline, lift, alpha, power);

        Assert.Equal(rN, size.Power.NPerGroup, rN * 1e-6);
        Assert.Equal((int)Math.Ceiling(rN), size.PerArmCount);
        Assert.Equal(2 * size.PerArmCount, size.Total);
        Assert.Equal(baseline * (1 + lift), size.TargetRate, 12);
    }

    [Fact]
    public void PerArm_SmallerLift_NeedsMoreAccounts()
    {
        // Halving the lift roughly quadruples the sample: the cost of looking for small effects.
        var sizes = ExperimentSize.ForLifts(0.2, [1.0, 0.5, 0.25]).Sizes;

        Assert.True(sizes[0].PerArmCount < sizes[1].PerArmCount && sizes[1].PerArmCount < sizes[2].PerArmCount);
        Assert.Contains("per arm", sizes[1].ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.6, 1.0)]  // target 1.2 is not a rate
    [InlineData(0.2, 0)]    // no lift to detect
    [InlineData(0.2, -0.5)]
    public void PerArm_ImpossibleTarget_Throws(double baseline, double lift) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ExperimentSize.PerArm(baseline, lift));
}
