using IcpKit.Rendering;
using System.Globalization;
using System.Text;
using Microsoft.Data.Analysis;

namespace IcpKit.Statistics;

/// <summary>Which multiple-comparison adjustment to apply.</summary>
public enum PAdjustMethod
{
    /// <summary>Benjamini-Hochberg: controls the false discovery rate (R's "BH" / "fdr").</summary>
    BenjaminiHochberg,
    /// <summary>Holm's step-down: controls the family-wise error rate, uniformly better than Bonferroni (R's "holm").</summary>
    Holm,
}

/// <summary>Adjusts p-values for many comparisons, as R's <c>p.adjust</c>.</summary>
public static class PValueAdjustment
{
    /// <summary>Benjamini-Hochberg adjusted p-values, in the input order.</summary>
    /// <inheritdoc cref="Adjust" path="/remarks"/>
    public static AdjustedPValues BenjaminiHochberg(IReadOnlyList<double> pValues, IReadOnlyList<string>? labels = null) =>
        Adjust(pValues, PAdjustMethod.BenjaminiHochberg, labels);

    /// <summary>Holm adjusted p-values, in the input order.</summary>
    /// <inheritdoc cref="Adjust" path="/remarks"/>
    public static AdjustedPValues Holm(IReadOnlyList<double> pValues, IReadOnlyList<string>? labels = null) =>
        Adjust(pValues, PAdjustMethod.Holm, labels);

    /// <summary>Adjusts <paramref name="pValues"/> by <paramref name="method"/>; the output keeps the input order.</summary>
    /// <remarks>
    /// NaN marks a missing p-value (e.g. a segment the guard found insufficient): it stays NaN and does not
    /// count toward the number of tests, as R's p.adjust treats NA. Example: BH of [0.01, NaN, 0.04, 0.03]
    /// is [0.03, NaN, 0.04, 0.04].
    /// </remarks>
    /// <param name="pValues">Raw p-values in [0, 1], NaN for missing.</param>
    /// <param name="method">Benjamini-Hochberg or Holm.</param>
    /// <param name="labels">Optional names (e.g. segments), one per p-value, carried into the summary.</param>
    public static AdjustedPValues Adjust(IReadOnlyList<double> pValues, PAdjustMethod method, IReadOnlyList<string>? labels = null)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        if (labels is not null && labels.Count != pValues.Count)
            throw new ArgumentException("Need one label per p-value.", nameof(labels));
        if (pValues.Any(p => p < 0 || p > 1))
            throw new ArgumentOutOfRangeException(nameof(pValues), "p-values must lie in [0, 1] (NaN for missing).");

        var present = Enumerable.Range(0, pValues.Count).Where(i => !double.IsNaN(pValues[i]))
            .OrderBy(i => pValues[i]).ToArray(); // ascending p, stable
        var m = present.Length;
        var adjusted = Enumerable.Repeat(double.NaN, pValues.Count).ToArray();
        if (method == PAdjustMethod.BenjaminiHochberg)
        {
            // From the largest p down: running minimum of m/rank * p.
            var running = double.PositiveInfinity;
            for (var r = m; r >= 1; r--)
            {
                var i = present[r - 1];
                running = Math.Min(running, (double)m / r * pValues[i]);
                adjusted[i] = Math.Min(1, running);
            }
        }
        else
        {
            // From the smallest p up: running maximum of (m - rank + 1) * p.
            var running = 0.0;
            for (var r = 1; r <= m; r++)
            {
                var i = present[r - 1];
                running = Math.Max(running, (m - r + 1) * pValues[i]);
                adjusted[i] = Math.Min(1, running);
            }
        }
        return new AdjustedPValues(method, [.. pValues], adjusted, labels is null ? null : [.. labels]);
    }
}

/// <summary>Raw and adjusted p-values, in the order they were given.</summary>
/// <param name="Method">The adjustment applied.</param>
/// <param name="Raw">The p-values as given (NaN = missing).</param>
/// <param name="Adjusted">Adjusted p-values, same order; NaN where the raw value was missing.</param>
/// <param name="Labels">Optional names, one per p-value.</param>
public sealed partial record AdjustedPValues(PAdjustMethod Method, IReadOnlyList<double> Raw, IReadOnlyList<double> Adjusted, IReadOnlyList<string>? Labels)
{
    /// <summary>Number of p-values that were present (the m of the adjustment).</summary>
    public int N => Raw.Count(p => !double.IsNaN(p));

    /// <summary>Which adjusted p-values fall below <paramref name="alpha"/> (false for missing).</summary>
    public IReadOnlyList<bool> Significant(double alpha = 0.05) => Adjusted.Select(p => p < alpha).ToArray();

    /// <summary>Table with label (or index), raw p and adjusted p, in the input order.</summary>
    public DataFrame Summary => new(
        new StringDataFrameColumn("label", Labels ?? Enumerable.Range(1, Raw.Count).Select(i => i.ToString(CultureInfo.InvariantCulture))),
        new DoubleDataFrameColumn("p_raw", Raw),
        new DoubleDataFrameColumn("p_adjusted", Adjusted));

    /// <summary>One line per p-value: label, raw, adjusted.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{(Method == PAdjustMethod.Holm ? "Holm" : "Benjamini-Hochberg")} adjustment of {N} p-values\n");
        for (var i = 0; i < Raw.Count; i++)
            sb.Append(CultureInfo.InvariantCulture, $"  {Labels?[i] ?? (i + 1).ToString(CultureInfo.InvariantCulture),-20} {Format.PClause(Raw[i]),-14} {Format.PClause(Adjusted[i], "adjusted")}\n");
        return sb.ToString().TrimEnd('\n');
    }
}
