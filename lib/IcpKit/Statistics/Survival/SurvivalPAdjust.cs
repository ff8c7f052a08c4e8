namespace IcpKit.Statistics.Survival;

/// <summary>Holm and Benjamini-Hochberg p-value adjustment for the pairwise log-rank table, as R's p.adjust.</summary>
/// <remarks>Internal stop-gap: the statistics engine's general multiple-comparison helper replaces it once both
/// land. NaN p-values are left out of the count (R's p.adjust with n = sum(!is.na(p))) and stay NaN.</remarks>
internal static class SurvivalPAdjust
{
    public static double[] Holm(IReadOnlyList<double> p)
    {
        var (order, m, result) = Prepare(p);
        double running = 0;
        for (int r = 0; r < m; r++)
        {
            running = Math.Max(running, Math.Min(1, (m - r) * p[order[r]]));
            result[order[r]] = running;
        }
        return result;
    }

    public static double[] BenjaminiHochberg(IReadOnlyList<double> p)
    {
        var (order, m, result) = Prepare(p);
        double running = 1;
        for (int r = m - 1; r >= 0; r--)
        {
            running = Math.Min(running, Math.Min(1, (double)m / (r + 1) * p[order[r]]));
            result[order[r]] = running;
        }
        return result;
    }

    // Indices of the non-NaN p-values in ascending order (ties by position, as R's order), their count, and a
    // result array pre-filled with NaN.
    private static (int[] Order, int M, double[] Result) Prepare(IReadOnlyList<double> p)
    {
        var order = Enumerable.Range(0, p.Count).Where(i => !double.IsNaN(p[i])).OrderBy(i => p[i]).ToArray();
        var result = new double[p.Count];
        Array.Fill(result, double.NaN);
        return (order, order.Length, result);
    }
}
