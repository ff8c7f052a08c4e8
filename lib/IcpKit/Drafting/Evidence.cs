using MathNet.Numerics;

namespace IcpKit.Drafting;

/// <summary>
/// Each outcome's one-sided evidence that a candidate does better than the rest of the accounts, as a z statistic
/// (positive: better): win rate by Rao and Scott's clustered test (<see cref="Statistics.ClusteredProportions.AdjustedZ"/>,
/// the one step 4 tests with), retention by the log-rank statistic (fewer churns than expected: positive), ACV by the log
/// ratio of median won amounts, activation by the two-proportion test. NaN where an outcome cannot be compared.
/// </summary>
/// <param name="WinRate">Win rate's z.</param>
/// <param name="Retention">Retention's z.</param>
/// <param name="Acv">ACV's z.</param>
/// <param name="Activation">Activation's z.</param>
public sealed record OutcomeEvidence(double WinRate, double Retention, double Acv, double Activation)
{
    /// <summary>
    /// The weighted Stouffer combination Σ wₖ zₖ / √(Σ wₖ²) over the outcomes measured with a positive weight: a z again,
    /// standard normal when the candidate is no better on any (the outcomes' tests are nearly independent); 0 when none is
    /// measured.
    /// </summary>
    /// <param name="weights">The outcomes' weights (<see cref="OutcomeWeights.Default"/>: ACV weighs nothing, since it is mostly size).</param>
    /// <example><code>
    /// // (1 x 3 + 0.5 x 2) / √(1 + 0.25): win rate z 3, retention z 2, no usage data.
    /// Math.Round(new IcpKit.Drafting.OutcomeEvidence(3, 2, 5, double.NaN).Combined(IcpKit.Drafting.OutcomeWeights.Default), 4) // => 3.5777
    /// </code></example>
    public double Combined(OutcomeWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        double sum = 0, squares = 0;
        foreach (var (w, z) in new[] { (weights.WinRate, WinRate), (weights.Retention, Retention), (weights.Acv, Acv), (weights.Activation, Activation) })
        {
            if (!(w > 0) || !double.IsFinite(z)) continue;
            sum += w * z;
            squares += w * w;
        }
        return squares > 0 ? sum / Math.Sqrt(squares) : 0;
    }
}

/// <summary>Evidence (one-sided z statistics) after the choices a search made on the same data.</summary>
public static class Evidence
{
    /// <summary>
    /// The z of min(1, <paramref name="choices"/> × p), p = 1 - Φ(z): a Bonferroni factor for a multi-value condition whose
    /// values were chosen by win rate on the same deals (k of K values: K choose k); 0 when nothing survives it. Evidence at
    /// or below 0, and a factor of 1, are returned unchanged.
    /// </summary>
    /// <param name="z">The evidence before the choice.</param>
    /// <param name="choices">How many value sets it was chosen from.</param>
    /// <example><code>
    /// // p = 1 - Φ(3) = 0.0013499; ten choices: 0.013499, whose z is 2.2115 (SciPy: norm.isf(10 * norm.sf(3))).
    /// Math.Round(IcpKit.Drafting.Evidence.Penalised(3, 10), 4) // => 2.2115
    /// </code></example>
    public static double Penalised(double z, double choices)
    {
        if (!(z > 0) || !(choices > 1)) return z;
        var logP = LogUpperTail(z) + Math.Log(choices);
        if (logP >= Math.Log(0.5)) return 0;
        // Bisection on the upper tail, on a log scale so that a z of 40 (p below 1e-300) still has an answer.
        double lo = 0, hi = z;
        for (var it = 0; it < 200 && hi - lo > 1e-12 * hi; it++)
        {
            var mid = (lo + hi) / 2;
            if (LogUpperTail(mid) > logP) lo = mid;
            else hi = mid;
        }
        return (lo + hi) / 2;
    }

    /// <summary>log(1 - Φ(z)): from erfc while it does not underflow, then the first term of its asymptotic series.</summary>
    private static double LogUpperTail(double z) => z < 35
        ? Math.Log(0.5 * SpecialFunctions.Erfc(z / Math.Sqrt(2)))
        : -z * z / 2 - Math.Log(z * Math.Sqrt(2 * Math.PI));
}
