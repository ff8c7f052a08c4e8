using System.Globalization;
using IcpKit.Rendering;
using MathNet.Numerics.Distributions;

namespace IcpKit.Statistics;

/// <summary>Pearson's chi-square test of independence on a table of counts.</summary>
/// <param name="Statistic">Sum over cells of (observed - expected)² / expected.</param>
/// <param name="DegreesOfFreedom">(rows - 1)(columns - 1) after dropping empty rows and columns.</param>
/// <param name="PValue">Upper tail of the chi-square distribution; NaN when there is nothing to test.</param>
/// <param name="N">Total count.</param>
/// <param name="SmallExpectedShare">Share of cells with an expected count below 5.</param>
public sealed record ChiSquareTest(double Statistic, int DegreesOfFreedom, double PValue, int N, double SmallExpectedShare)
{
    /// <summary>Tests a rows-by-columns table of counts, as R's <c>chisq.test(table, correct = FALSE)</c>.</summary>
    /// <remarks>Empty rows and columns carry no information and would give zero expected counts, so they are dropped first.
    /// Example: [[10, 20], [30, 40]] gives X-squared 0.7937, df 1, p 0.3730.</remarks>
    public static ChiSquareTest Of(IReadOnlyList<IReadOnlyList<double>> table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var rows = table.Where(r => r.Sum() > 0).ToArray();
        int columns = rows.Length == 0 ? 0 : rows.Max(r => r.Count);
        var keep = Enumerable.Range(0, columns).Where(j => rows.Sum(r => j < r.Count ? r[j] : 0) > 0).ToArray();
        double n = rows.Sum(r => r.Sum());
        int df = (rows.Length - 1) * (keep.Length - 1);
        if (df < 1) return new ChiSquareTest(double.NaN, Math.Max(df, 0), double.NaN, (int)n, double.NaN);
        var rowSums = rows.Select(r => r.Sum()).ToArray();
        var colSums = keep.Select(j => rows.Sum(r => j < r.Count ? r[j] : 0)).ToArray();
        double statistic = 0;
        int small = 0;
        for (int i = 0; i < rows.Length; i++)
        {
            for (int k = 0; k < keep.Length; k++)
            {
                double expected = rowSums[i] * colSums[k] / n, observed = keep[k] < rows[i].Count ? rows[i][keep[k]] : 0;
                statistic += (observed - expected) * (observed - expected) / expected;
                if (expected < 5) small++;
            }
        }
        return new ChiSquareTest(statistic, df, 1 - ChiSquared.CDF(df, statistic), (int)n, (double)small / (rows.Length * keep.Length));
    }

    /// <summary>Reads like "X-squared = 12.3, df = 4, p = 0.0152 (n = 200; 10% of cells expect fewer than 5)".</summary>
    public override string ToString() => double.IsNaN(Statistic) ? "chi-square test: nothing to test (one row or one column)"
        : string.Create(CultureInfo.InvariantCulture,
            $"X-squared = {Statistic:0.###}, df = {DegreesOfFreedom}, {Format.PClause(PValue)} (n = {N}; {SmallExpectedShare * 100:0}% of cells expect fewer than 5)");
}
