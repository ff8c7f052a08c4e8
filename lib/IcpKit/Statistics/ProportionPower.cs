using IcpKit.Rendering;
using System.Globalization;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.RootFinding;
using Microsoft.Data.Analysis;

namespace IcpKit.Statistics;

/// <summary>
/// Power and sample size for comparing two proportions, as R's <c>power.prop.test</c> (two-sided,
/// strict = FALSE: the far tail's negligible rejection probability is ignored).
/// </summary>
public static class ProportionPower
{
    /// <summary>Subjects per group needed to detect <paramref name="p1"/> vs <paramref name="p2"/>.</summary>
    /// <remarks>
    /// n = ((z_{α/2} sqrt((p1+p2)(q1+q2)/2) + z_β sqrt(p1 q1 + p2 q2)) / |p1 - p2|)², the closed form of
    /// the equation R's power.prop.test solves numerically. Example: p1 = 0.5, p2 = 0.75, α = 0.05,
    /// power = 0.9 gives n = 76.71, i.e. 77 per group.
    /// </remarks>
    /// <param name="p1">Baseline rate, in (0, 1).</param>
    /// <param name="p2">Rate to detect, in (0, 1), different from p1.</param>
    /// <param name="alpha">Two-sided significance level.</param>
    /// <param name="power">Probability of detecting the difference.</param>
    public static ProportionPowerResult SampleSize(double p1, double p2, double alpha = 0.05, double power = 0.8)
    {
        CheckRate(p1, nameof(p1));
        CheckRate(p2, nameof(p2));
        Fmt.CheckLevel(alpha, nameof(alpha));
        Fmt.CheckLevel(power, nameof(power));
        if (p1 == p2) throw new ArgumentException("p1 and p2 must differ.", nameof(p2));
        var za = Normal.InvCDF(0, 1, 1 - alpha / 2);
        var zb = Normal.InvCDF(0, 1, power);
        var root = (za * Math.Sqrt((p1 + p2) * (2 - p1 - p2) / 2) + zb * Math.Sqrt(p1 * (1 - p1) + p2 * (1 - p2))) / Math.Abs(p1 - p2);
        return new ProportionPowerResult(p1, p2, root * root, alpha, power);
    }

    /// <summary>Power of the two-sided test with <paramref name="nPerGroup"/> subjects in each group.</summary>
    public static ProportionPowerResult PowerAt(double nPerGroup, double p1, double p2, double alpha = 0.05)
    {
        CheckRate(p1, nameof(p1));
        CheckRate(p2, nameof(p2));
        Fmt.CheckLevel(alpha, nameof(alpha));
        if (!(nPerGroup > 0)) throw new ArgumentOutOfRangeException(nameof(nPerGroup), nPerGroup, "Need a positive sample size.");
        return new ProportionPowerResult(p1, p2, nPerGroup, alpha, Power(nPerGroup, p1, p2, Normal.InvCDF(0, 1, 1 - alpha / 2)));
    }

    /// <summary>
    /// The rate p2 that <paramref name="nPerGroup"/> per group detects against <paramref name="p1"/> with the
    /// given power: above p1 when <paramref name="higher"/> (as R, which searches p2 in (p1, 1)), else below.
    /// </summary>
    /// <remarks>Solved with MathNet's Brent root finder to 1e-12. Example: n = 50, p1 = 0.5, power 0.9 gives p2 = 0.8026.</remarks>
    public static ProportionPowerResult DetectableRate(double nPerGroup, double p1, double alpha = 0.05, double power = 0.8, bool higher = true)
    {
        CheckRate(p1, nameof(p1));
        Fmt.CheckLevel(alpha, nameof(alpha));
        Fmt.CheckLevel(power, nameof(power));
        if (!(nPerGroup > 0)) throw new ArgumentOutOfRangeException(nameof(nPerGroup), nPerGroup, "Need a positive sample size.");
        var za = Normal.InvCDF(0, 1, 1 - alpha / 2);
        double lo = higher ? p1 : 1e-12, hi = higher ? 1 - 1e-12 : p1;
        double f(double p2) => Power(nPerGroup, p1, p2, za) - power;
        if (f(higher ? hi : lo) < 0)
            throw new ArgumentException("No rate in range reaches that power with this sample size.", nameof(nPerGroup));
        var p2 = Brent.FindRoot(f, lo, hi, 1e-12, 500);
        return new ProportionPowerResult(p1, p2, nPerGroup, alpha, power);
    }

    private static double Power(double n, double p1, double p2, double za)
    {
        var q1 = 1 - p1;
        var q2 = 1 - p2;
        return Normal.CDF(0, 1, (Math.Sqrt(n) * Math.Abs(p1 - p2) - za * Math.Sqrt((p1 + p2) * (q1 + q2) / 2)) / Math.Sqrt(p1 * q1 + p2 * q2));
    }

    private static void CheckRate(double p, string name)
    {
        if (!(p > 0 && p < 1)) throw new ArgumentOutOfRangeException(name, p, "A rate must lie strictly between 0 and 1.");
    }
}

/// <summary>A power calculation for two proportions: all five quantities, one of them solved for.</summary>
/// <param name="P1">Baseline rate.</param>
/// <param name="P2">Compared rate.</param>
/// <param name="NPerGroup">Subjects per group (fractional as solved; round up with <see cref="NPerGroupRoundedUp"/>).</param>
/// <param name="Alpha">Two-sided significance level.</param>
/// <param name="Power">Probability of detecting the difference.</param>
public sealed record ProportionPowerResult(double P1, double P2, double NPerGroup, double Alpha, double Power)
{
    /// <summary>The whole number of subjects per group to recruit.</summary>
    public int NPerGroupRoundedUp => (int)Math.Ceiling(NPerGroup - 1e-9);

    /// <summary>P2 - P1, the minimum detectable effect.</summary>
    public double Difference => P2 - P1;

    /// <summary>One row with all five quantities.</summary>
    public DataFrame Summary => new(
        new DoubleDataFrameColumn("p1", [P1]), new DoubleDataFrameColumn("p2", [P2]),
        new DoubleDataFrameColumn("n_per_group", [NPerGroup]),
        new DoubleDataFrameColumn("alpha", [Alpha]), new DoubleDataFrameColumn("power", [Power]));

    /// <summary>Reads like "p1 = 50.0%, p2 = 75.0%: n = 76.71 (77) per group for power 0.9 at alpha 0.05 (two-sided)".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"p1 = {Format.Percent(P1)}, p2 = {Format.Percent(P2)}: n = {NPerGroup:0.##} ({NPerGroupRoundedUp}) per group for power {Format.Number(Power)} at alpha {Format.Number(Alpha)} (two-sided)");
}
