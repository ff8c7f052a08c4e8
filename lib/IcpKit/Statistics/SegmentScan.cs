using IcpKit.Rendering;
using System.Globalization;
using System.Text;
using Microsoft.Data.Analysis;

namespace IcpKit.Statistics;

/// <summary>Compares every segment's rate with the rest of the population, adjusting for the many comparisons.</summary>
public static class SegmentScan
{
    /// <summary>
    /// Tests each segment against all other segments pooled (two-proportion test, as
    /// <see cref="Proportions.CompareTwo"/>), then adjusts the p-values across segments.
    /// </summary>
    /// <remarks>
    /// Segments the guard finds insufficient get NaN p-values and do not count toward the adjustment
    /// (R's p.adjust with NA), so a scan over many tiny segments is not penalised for tests it never ran.
    /// Example: 24 segments with 3 of 3 among them: that segment is "insufficient data", the rest are tested
    /// and Benjamini-Hochberg-adjusted over the 23 that were.
    /// </remarks>
    /// <param name="segments">Two or more segments; names should be unique.</param>
    /// <param name="adjustment">Multiple-comparison adjustment (default Benjamini-Hochberg).</param>
    /// <param name="continuityCorrection">Yates' correction of each test (R's default TRUE).</param>
    /// <param name="guard">Minimum expected counts; <see cref="SampleGuard.Default"/> when null.</param>
    public static SegmentScanResult AgainstRest(IEnumerable<SegmentCount> segments,
        PAdjustMethod adjustment = PAdjustMethod.BenjaminiHochberg, bool continuityCorrection = true, SampleGuard? guard = null)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var segs = segments.ToArray();
        if (segs.Length < 2) throw new ArgumentException("A scan needs at least two segments.", nameof(segments));
        long totalX = segs.Sum(s => (long)s.Successes), totalN = segs.Sum(s => (long)s.Trials);
        var tests = segs.Select(s =>
        {
            s.ThrowIfInvalid(nameof(segments));
            int restX = (int)(totalX - s.Successes), restN = (int)(totalN - s.Trials);
            return s.Trials == 0 || restN == 0
                ? null
                : Proportions.CompareTwo(s.Successes, s.Trials, restX, restN, continuityCorrection, guard: guard);
        }).ToArray();
        var adjusted = PValueAdjustment.Adjust(tests.Select(t => t?.PValue ?? double.NaN).ToArray(), adjustment,
            segs.Select(s => s.Segment).ToArray());
        var rows = segs.Select((s, i) => new SegmentVsRest(s.Segment, tests[i], adjusted.Adjusted[i])).ToArray();
        return new SegmentScanResult(rows, adjustment, (double)totalX / totalN, (int)totalN);
    }
}

/// <summary>One segment compared with the rest.</summary>
/// <param name="Segment">Segment name.</param>
/// <param name="Test">The two-proportion test (segment = group 1, rest = group 2); null when the segment or the rest is empty.</param>
/// <param name="AdjustedPValue">p-value adjusted across the scan; NaN when not tested.</param>
public sealed record SegmentVsRest(string Segment, TwoProportionTest? Test, double AdjustedPValue)
{
    /// <summary>True when the segment was tested and its adjusted p is below <paramref name="alpha"/>.</summary>
    public bool IsSignificant(double alpha = 0.05) => AdjustedPValue < alpha;
}

/// <summary>Result of scanning many segments against the rest.</summary>
/// <param name="Segments">One row per segment, in input order.</param>
/// <param name="Adjustment">The multiple-comparison adjustment used.</param>
/// <param name="OverallRate">Total successes / total trials.</param>
/// <param name="N">Total trials.</param>
public sealed partial record SegmentScanResult(IReadOnlyList<SegmentVsRest> Segments, PAdjustMethod Adjustment, double OverallRate, int N)
{
    /// <summary>One row per segment: n, rate, rest rate, difference and interval, p, adjusted p, status.</summary>
    public DataFrame Summary => new(
        new StringDataFrameColumn("segment", Segments.Select(s => s.Segment)),
        new Int32DataFrameColumn("successes", Segments.Select(s => s.Test?.Successes1 ?? 0)),
        new Int32DataFrameColumn("n", Segments.Select(s => s.Test?.N1 ?? 0)),
        new DoubleDataFrameColumn("rate", Segments.Select(s => s.Test?.Rate1 ?? double.NaN)),
        new DoubleDataFrameColumn("rest_rate", Segments.Select(s => s.Test?.Rate2 ?? double.NaN)),
        new DoubleDataFrameColumn("difference", Segments.Select(s => s.Test?.Difference ?? double.NaN)),
        new DoubleDataFrameColumn("lower", Segments.Select(s => s.Test?.Interval.Lower ?? double.NaN)),
        new DoubleDataFrameColumn("upper", Segments.Select(s => s.Test?.Interval.Upper ?? double.NaN)),
        new DoubleDataFrameColumn("p_value", Segments.Select(s => s.Test?.PValue ?? double.NaN)),
        new DoubleDataFrameColumn("p_adjusted", Segments.Select(s => s.AdjustedPValue)),
        new StringDataFrameColumn("status", Segments.Select(s => s.Test?.Check.Status.ToString() ?? "NotTested")));

    /// <summary>One line per segment with its rate against the rest and the adjusted p, or why it was not tested.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture,
            $"Each segment against the rest (overall {Format.Percent(OverallRate)}, n = {N}; {(Adjustment == PAdjustMethod.Holm ? "Holm" : "Benjamini-Hochberg")}-adjusted)\n");
        foreach (var s in Segments)
        {
            var t = s.Test;
            sb.Append(CultureInfo.InvariantCulture, $"  {s.Segment,-20} ");
            sb.Append(t is null ? "not tested (no trials)"
                : string.Create(CultureInfo.InvariantCulture,
                    $"{t.Successes1,6}/{t.N1,-6} {Format.Percent(t.Rate1),6} vs {Format.Percent(t.Rate2),6}  {(t.Check.IsSufficient ? Format.PClause(s.AdjustedPValue, "adjusted p") : t.Check.ToString())}"));
            sb.Append('\n');
        }
        return sb.ToString().TrimEnd('\n');
    }
}
