using IcpKit.Rendering;
using System.Globalization;
using MathNet.Numerics;
using MathNet.Numerics.Distributions;
using Microsoft.Data.Analysis;

namespace IcpKit.Statistics;

/// <summary>Rates with honest uncertainty: the Wilson score interval and the two-proportion test.</summary>
public static class Proportions
{
    /// <summary>
    /// The rate <paramref name="successes"/>/<paramref name="trials"/> with its Wilson score interval,
    /// the interval R's <c>prop.test(x, n, correct = ...)</c> reports for one sample.
    /// </summary>
    /// <remarks>
    /// Unlike the Wald interval, Wilson's stays inside [0, 1] and is not degenerate at 0 or n successes:
    /// 0 of 10 gives [0, 0.2775] at 95% (no correction). With <paramref name="continuityCorrection"/> the
    /// bounds move out by 0.5/n before solving, as R does; R skips the correction when x equals n/2
    /// exactly (it caps it at |x - n/2| for its default null p = 0.5), and so does this method.
    /// </remarks>
    /// <example>
    /// 12 wins of 40 closed deals. R: <c>prop.test(12, 40, correct = FALSE)$conf.int</c> = 0.1807484523 0.4543001882.
    /// <code>
    /// var rate = Proportions.Wilson(12, 40);
    /// Math.Round(rate.Interval.Lower, 10)     // => 0.1807484523
    /// Math.Round(rate.Interval.Upper, 10)     // => 0.4543001882
    /// </code>
    /// </example>
    /// <param name="successes">Number of successes, 0..trials.</param>
    /// <param name="trials">Number of trials, at least 1.</param>
    /// <param name="confidence">Two-sided confidence level, default 0.95.</param>
    /// <param name="continuityCorrection">Apply Yates' continuity correction (R's default is TRUE).</param>
    public static ProportionEstimate Wilson(int successes, int trials, double confidence = 0.95, bool continuityCorrection = false)
    {
        if (trials < 1) throw new ArgumentOutOfRangeException(nameof(trials), trials, "Need at least one trial.");
        if (successes < 0 || successes > trials)
            throw new ArgumentOutOfRangeException(nameof(successes), successes, "Successes must lie in 0..trials.");
        Fmt.CheckLevel(confidence, nameof(confidence));

        double n = trials, p = successes / n;
        var z = Normal.InvCDF(0, 1, (1 + confidence) / 2);
        var yates = continuityCorrection ? Math.Min(0.5, Math.Abs(successes - n / 2)) : 0;
        var z22n = z * z / (2 * n);
        var pc = p + yates / n;
        var upper = pc >= 1 ? 1 : (pc + z22n + z * Math.Sqrt(pc * (1 - pc) / n + z22n / (2 * n))) / (1 + 2 * z22n);
        pc = p - yates / n;
        var lower = pc <= 0 ? 0 : (pc + z22n - z * Math.Sqrt(pc * (1 - pc) / n + z22n / (2 * n))) / (1 + 2 * z22n);
        return new ProportionEstimate(successes, trials, p,
            new ConfidenceInterval(Math.Max(lower, 0), Math.Min(upper, 1), confidence), continuityCorrection);
    }

    /// <summary>
    /// Compares two rates with the pooled two-proportion z-test (the chi-square test of a 2x2 table),
    /// matching R's <c>prop.test(c(x1, x2), c(n1, n2), correct = ...)</c>: statistic, p-value and the
    /// interval for the difference p1 - p2.
    /// </summary>
    /// <remarks>
    /// The chi-square statistic equals z² of the pooled z-test; with <paramref name="continuityCorrection"/>
    /// Yates' correction is min(0.5, |p1 - p2| / (1/n1 + 1/n2)) as in R. When <paramref name="guard"/>
    /// finds an expected count below its minimum (default 5), the result is "insufficient data": the rates
    /// and the interval are still reported, the statistic and p-value are NaN.
    /// </remarks>
    /// <param name="successes1">Successes in group 1.</param>
    /// <param name="trials1">Trials in group 1.</param>
    /// <param name="successes2">Successes in group 2.</param>
    /// <param name="trials2">Trials in group 2.</param>
    /// <param name="continuityCorrection">Yates' correction (R's default TRUE).</param>
    /// <param name="confidence">Level of the interval for the difference.</param>
    /// <param name="guard">Minimums; <see cref="SampleGuard.Default"/> when null.</param>
    public static TwoProportionTest CompareTwo(int successes1, int trials1, int successes2, int trials2,
        bool continuityCorrection = true, double confidence = 0.95, SampleGuard? guard = null)
    {
        CheckCounts(successes1, trials1, nameof(successes1));
        CheckCounts(successes2, trials2, nameof(successes2));
        Fmt.CheckLevel(confidence, nameof(confidence));
        var check = (guard ?? SampleGuard.Default).CheckProportions(successes1, trials1, successes2, trials2);

        double n1 = trials1, n2 = trials2, p1 = successes1 / n1, p2 = successes2 / n2;
        var delta = p1 - p2;
        var sumInv = 1 / n1 + 1 / n2;
        var yates = continuityCorrection ? Math.Min(0.5, Math.Abs(delta) / sumInv) : 0;
        var z = Normal.InvCDF(0, 1, (1 + confidence) / 2);
        var width = z * Math.Sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2) + yates * sumInv;
        var interval = new ConfidenceInterval(Math.Max(delta - width, -1), Math.Min(delta + width, 1), confidence);

        double statistic = double.NaN, pValue = double.NaN;
        if (check.IsSufficient)
        {
            statistic = ChiSquare(successes1, trials1, successes2, trials2, continuityCorrection);
            // Upper tail of chi-square(1) via the regularized gamma function keeps tiny p-values accurate.
            pValue = SpecialFunctions.GammaUpperRegularized(0.5, statistic / 2);
        }
        return new TwoProportionTest(successes1, trials1, successes2, trials2, p1, p2, delta, interval,
            statistic, pValue, continuityCorrection, check);
    }

    /// <summary>
    /// The pooled chi-square statistic of <see cref="CompareTwo"/> (R's <c>prop.test</c>; Yates' correction, capped at
    /// half the difference's scale, when <paramref name="continuityCorrection"/>), without the sample guard: for callers
    /// that rank many groups by it, signed by the difference (<c>Math.Sign(p1 - p2) * Math.Sqrt(statistic)</c>). NaN when
    /// a group has no trials or both rates are 0 or 1.
    /// </summary>
    /// <param name="successes1">Successes in group 1.</param>
    /// <param name="trials1">Trials in group 1.</param>
    /// <param name="successes2">Successes in group 2.</param>
    /// <param name="trials2">Trials in group 2.</param>
    /// <param name="continuityCorrection">Apply Yates' correction.</param>
    public static double ChiSquare(int successes1, int trials1, int successes2, int trials2, bool continuityCorrection = true)
    {
        if (trials1 < 1 || trials2 < 1) return double.NaN;
        double n1 = trials1, n2 = trials2;
        var sumInv = 1 / n1 + 1 / n2;
        var yates = continuityCorrection ? Math.Min(0.5, Math.Abs(successes1 / n1 - successes2 / n2) / sumInv) : 0;
        var pooled = (successes1 + successes2) / (n1 + n2);
        if (!(pooled > 0 && pooled < 1)) return double.NaN;
        var statistic = 0.0;
        foreach (var (x, n) in new[] { (successes1, n1), (successes2, n2) })
        {
            double e1 = n * pooled, e0 = n * (1 - pooled);
            statistic += Sq(Math.Abs(x - e1) - yates) / e1 + Sq(Math.Abs(n - x - e0) - yates) / e0;
        }
        return statistic;
    }

    internal static void CheckCounts(int successes, int trials, string paramName)
    {
        if (trials < 1 || successes < 0 || successes > trials)
            throw new ArgumentOutOfRangeException(paramName, string.Create(CultureInfo.InvariantCulture,
                $"Need 0 <= successes <= trials and trials >= 1; got {successes} of {trials}."));
    }

    private static double Sq(double v) => v * v;
}

/// <summary>A rate with its Wilson score interval.</summary>
/// <param name="Successes">Number of successes.</param>
/// <param name="N">Number of trials.</param>
/// <param name="Estimate">Successes / N.</param>
/// <param name="Interval">Wilson score interval.</param>
/// <param name="ContinuityCorrected">Whether Yates' continuity correction was applied.</param>
public sealed partial record ProportionEstimate(int Successes, int N, double Estimate, ConfidenceInterval Interval, bool ContinuityCorrected)
{
    /// <summary>One row: successes, n, estimate, lower, upper.</summary>
    public DataFrame Summary => new(
        new Int32DataFrameColumn("successes", [Successes]),
        new Int32DataFrameColumn("n", [N]),
        new DoubleDataFrameColumn("estimate", [Estimate]),
        new DoubleDataFrameColumn("lower", [Interval.Lower]),
        new DoubleDataFrameColumn("upper", [Interval.Upper]));

    /// <summary>Reads like "12/40 = 30.0% [18.1%, 45.4%] (95% Wilson)".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Successes}/{N} = {Format.Percent(Estimate)} [{Format.Percent(Interval.Lower)}, {Format.Percent(Interval.Upper)}] ({Interval.Level * 100:0.##}% Wilson{(ContinuityCorrected ? ", continuity-corrected" : "")})");
}

/// <summary>Result of the two-proportion test (chi-square on the 2x2 table, pooled variance).</summary>
/// <param name="Successes1">Successes in group 1.</param>
/// <param name="N1">Trials in group 1.</param>
/// <param name="Successes2">Successes in group 2.</param>
/// <param name="N2">Trials in group 2.</param>
/// <param name="Rate1">Successes1 / N1.</param>
/// <param name="Rate2">Successes2 / N2.</param>
/// <param name="Difference">Rate1 - Rate2, the estimate.</param>
/// <param name="Interval">Wald interval for the difference, continuity-corrected when the test is (as R).</param>
/// <param name="ChiSquare">Chi-square statistic with 1 df (= z²); NaN when the data are insufficient.</param>
/// <param name="PValue">Two-sided p-value; NaN when the data are insufficient.</param>
/// <param name="ContinuityCorrected">Whether Yates' correction was applied.</param>
/// <param name="Check">The sample-size guard's verdict.</param>
public sealed partial record TwoProportionTest(
    int Successes1, int N1, int Successes2, int N2,
    double Rate1, double Rate2, double Difference, ConfidenceInterval Interval,
    double ChiSquare, double PValue, bool ContinuityCorrected, SampleCheck Check)
{
    /// <summary>Total trials in both groups.</summary>
    public int N => N1 + N2;

    /// <summary>The signed z statistic (sign of the difference times sqrt of the chi-square).</summary>
    public double Z => Math.Sign(Difference) * Math.Sqrt(ChiSquare);

    /// <summary>One row with both rates, the difference, its interval, chi-square, p and the guard's status.</summary>
    public DataFrame Summary => new(
        new Int32DataFrameColumn("n1", [N1]), new DoubleDataFrameColumn("rate1", [Rate1]),
        new Int32DataFrameColumn("n2", [N2]), new DoubleDataFrameColumn("rate2", [Rate2]),
        new DoubleDataFrameColumn("difference", [Difference]),
        new DoubleDataFrameColumn("lower", [Interval.Lower]), new DoubleDataFrameColumn("upper", [Interval.Upper]),
        new DoubleDataFrameColumn("chi_square", [ChiSquare]), new DoubleDataFrameColumn("p_value", [PValue]),
        new StringDataFrameColumn("status", [Check.Status.ToString()]));

    /// <summary>Multi-line text: rates, difference with interval, statistic and p, or "insufficient data".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"""
        Two-proportion test{(ContinuityCorrected ? " (continuity-corrected)" : "")}
          group 1: {Successes1}/{N1} = {Format.Percent(Rate1)}
          group 2: {Successes2}/{N2} = {Format.Percent(Rate2)}
          difference: {Format.Number(Difference)} {Interval}
          {(Check.IsSufficient ? $"X-squared = {Format.Number(ChiSquare)}, df = 1, {Format.PClause(PValue)}" : Check.ToString())}
        """);
}
