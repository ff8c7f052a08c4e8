using MathNet.Numerics;

namespace IcpKit.Statistics;

/// <summary>Chi-square test for trend in proportions (Cochran-Armitage), as R's <c>prop.trend.test</c>.</summary>
/// <param name="Slope">Weighted least-squares slope of the rate per unit of score (per quarter): the change per quarter.</param>
/// <param name="ChiSquare">Statistic on 1 degree of freedom; NaN when not testable.</param>
/// <param name="PValue">Two-sided p; NaN when not testable (fewer than two scores, or all won or all lost).</param>
public sealed record TrendTest(double Slope, double ChiSquare, double PValue)
{
    /// <summary>Tests for a linear trend of the rate x/n over the scores.</summary>
    /// <remarks>With pooled rate p and weights w = n / (p(1 - p)), the statistic is the weighted regression sum of
    /// squares of x/n on the score: (Σ w (s - s̄)(f - p))² / Σ w (s - s̄)², s̄ the n-weighted mean score.</remarks>
    public static TrendTest Of(IReadOnlyList<(int Successes, int Trials, double Score)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var used = points.Where(p => p.Trials > 0).ToArray();
        double n = used.Sum(p => (double)p.Trials), x = used.Sum(p => (double)p.Successes);
        if (used.Select(p => p.Score).Distinct().Count() < 2 || x == 0 || x == n) return new TrendTest(double.NaN, double.NaN, double.NaN);
        double p = x / n, meanScore = used.Sum(q => q.Trials * q.Score) / n;
        double sxy = 0, sxx = 0;
        foreach (var q in used)
        {
            double w = q.Trials / (p * (1 - p)), ds = q.Score - meanScore;
            sxy += w * ds * ((double)q.Successes / q.Trials - p);
            sxx += w * ds * ds;
        }
        double chi = sxy * sxy / sxx;
        return new TrendTest(sxy / sxx, chi, SpecialFunctions.GammaUpperRegularized(0.5, chi / 2));
    }
}
