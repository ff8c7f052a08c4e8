using IcpKit.Rendering;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using IcpKit.Statistics;
using Microsoft.Data.Analysis;

namespace IcpKit.Metrics;

/// <summary>One group's rate with its Wilson interval.</summary>
/// <param name="Group">Group label.</param>
/// <param name="Rate">Successes, n, estimate and 95% Wilson interval.</param>
public sealed record GroupRate(string Group, ProportionEstimate Rate)
{
    /// <summary>Trials in the group.</summary>
    public int N => Rate.N;
}

/// <summary>Where a rate's interval lies against a benchmark (e.g. PMF's 40%).</summary>
public enum BenchmarkVerdict
{
    /// <summary>The whole interval is above the benchmark.</summary>
    Above,
    /// <summary>The whole interval is below the benchmark.</summary>
    Below,
    /// <summary>The interval contains the benchmark: the data cannot tell.</summary>
    Inconclusive,
}

/// <summary>
/// A rate per group (activation, PMF "very disappointed", power accounts) with its Wilson interval, and the test of
/// whether the groups differ: two groups with the two-proportion test, more with each group against the rest
/// (Benjamini-Hochberg adjusted).
/// </summary>
/// <remarks>
/// Every test carries its n; below the <see cref="SampleGuard"/> minimums it reports "insufficient data" and no p-value.
/// "The rest" is every item not in the group, so list traits (an account in several groups) are compared fairly.
/// </remarks>
/// <param name="Measure">What is measured, e.g. "activation within 30 days".</param>
/// <param name="Segmentation">What the groups are of ("all" when ungrouped).</param>
/// <param name="Groups">One rate per group, in ordinal group order.</param>
/// <param name="Pair">The two-proportion test (first group minus second) when there are exactly two groups.</param>
/// <param name="Scan">Each group against the rest when there are more than two groups.</param>
/// <param name="Denominator">Who counts in n, in words.</param>
/// <param name="Benchmark">A reference rate to compare each interval with (0.40 for PMF), or null.</param>
public sealed partial record RateComparison(string Measure, string Segmentation, ImmutableArray<GroupRate> Groups,
    TwoProportionTest? Pair, SegmentScanResult? Scan, string Denominator, double? Benchmark = null)
{
    /// <summary>Total trials over all groups (an item in two groups counts twice).</summary>
    public int N => Groups.Sum(g => g.N);

    /// <summary>The rate of one group.</summary>
    /// <exception cref="KeyNotFoundException">No such group.</exception>
    public GroupRate this[string group] =>
        Groups.FirstOrDefault(g => g.Group == group) ?? throw new KeyNotFoundException($"no group '{group}'.");

    /// <summary>Where a group's interval lies against <see cref="Benchmark"/>; null without a benchmark.</summary>
    public BenchmarkVerdict? AgainstBenchmark(string group) => Benchmark is { } b ? VerdictOf(this[group].Rate, b) : null;

    /// <summary>True when the groups were compared with enough data and the (adjusted) p-value is below alpha.</summary>
    public bool Differs(double alpha = 0.05) =>
        Pair is { } p ? p.Check.IsSufficient && p.PValue < alpha
        : Scan is { } s && s.Segments.Any(x => x.IsSignificant(alpha));

    /// <summary>group, successes, n, rate, lower, upper, p (vs the other group or adjusted vs the rest), status[, vs benchmark].</summary>
    public DataFrame Summary
    {
        get
        {
            var columns = new List<DataFrameColumn>
            {
                new StringDataFrameColumn("group", Groups.Select(g => g.Group)),
                new Int32DataFrameColumn("successes", Groups.Select(g => g.Rate.Successes)),
                new Int32DataFrameColumn("n", Groups.Select(g => g.N)),
                new DoubleDataFrameColumn("rate", Groups.Select(g => g.Rate.Estimate)),
                new DoubleDataFrameColumn("lower", Groups.Select(g => g.Rate.Interval.Lower)),
                new DoubleDataFrameColumn("upper", Groups.Select(g => g.Rate.Interval.Upper)),
                new DoubleDataFrameColumn("p_value", Groups.Select((g, i) => PFor(i))),
                new StringDataFrameColumn("status", Groups.Select((g, i) => StatusFor(i))),
            };
            if (Benchmark is { } b)
            {
                columns.Add(new StringDataFrameColumn("vs_benchmark", Groups.Select(g => VerdictText(VerdictOf(g.Rate, b), b))));
            }
            return new DataFrame(columns);
        }
    }

    /// <summary>The comparison in one sentence: the difference and p, "no detectable difference", or "insufficient data".</summary>
    public string Verdict
    {
        get
        {
            if (Groups.Length < 2) return string.Create(CultureInfo.InvariantCulture, $"one group only (n = {N}): nothing to compare");
            if (Pair is { } p)
            {
                if (!p.Check.IsSufficient) return "insufficient data to compare: " + p.Check;
                var diff = string.Create(CultureInfo.InvariantCulture,
                    $"{Groups[0].Group} - {Groups[1].Group} = {Format.Percent(p.Difference)} [{Format.Percent(p.Interval.Lower)}, {Format.Percent(p.Interval.Upper)}], n = {p.N}, {Format.PClause(p.PValue)}");
                return (p.PValue < 0.05 ? "the groups differ: " : "no detectable difference: ") + diff;
            }
            var scan = Scan!;
            return Verdicts.AgainstRest([.. scan.Segments.Where(s => s.Test is { Check.IsSufficient: true }).Select(s => (s.Segment, s.IsSignificant()))],
                scan.Segments.Count, scan.N, "two-proportion tests, Benjamini-Hochberg adjusted");
        }
    }

    /// <summary>Header, one line per group, the verdict.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{Measure} by {Format.Trait(Segmentation)} ({Denominator})").AppendLine();
        foreach (var (g, i) in Groups.Select((g, i) => (g, i)))
        {
            sb.Append(CultureInfo.InvariantCulture, $"  {g.Group,-20} {g.Rate}");
            if (Benchmark is { } b) sb.Append("  ").Append(VerdictText(VerdictOf(g.Rate, b), b));
            sb.AppendLine();
        }
        sb.Append(Verdict);
        return sb.ToString();
    }

    internal IEnumerable<GroupFigure> Figures() =>
        Groups.Select((g, i) => new GroupFigure(g.Group, g.N, g.Rate.Estimate, g.Rate.Interval.Lower, g.Rate.Interval.Upper, PFor(i)));

    internal double PFor(int i) => Pair is { } p ? p.PValue : Scan is { } s ? s.Segments[i].AdjustedPValue : double.NaN;

    internal string StatusFor(int i) => Pair is { } p ? Format.Words(p.Check.Status)
        : Scan is { } s && s.Segments[i].Test is { } t ? Format.Words(t.Check.Status) : Format.NotTested;

    internal static BenchmarkVerdict VerdictOf(ProportionEstimate rate, double benchmark) =>
        rate.Interval.Lower > benchmark ? BenchmarkVerdict.Above
        : rate.Interval.Upper < benchmark ? BenchmarkVerdict.Below
        : BenchmarkVerdict.Inconclusive;

    internal static string VerdictText(BenchmarkVerdict verdict, double benchmark) => verdict switch
    {
        BenchmarkVerdict.Above => $"clears {Format.Percent(benchmark)}",
        BenchmarkVerdict.Below => $"below {Format.Percent(benchmark)}",
        _ => $"cannot tell against {Format.Percent(benchmark)}",
    };

    /// <summary>Builds the comparison from successes and trials per group, plus the distinct totals for "the rest".</summary>
    /// <param name="measure">What is measured.</param>
    /// <param name="segmentation">What the groups are of.</param>
    /// <param name="groups">Per group: label and the ids of its items with the success flag.</param>
    /// <param name="denominator">Who counts in n.</param>
    /// <param name="guard">Sample-size minimums.</param>
    /// <param name="benchmark">Optional reference rate.</param>
    internal static RateComparison Of<TKey>(string measure, string segmentation,
        IReadOnlyList<(string Group, IReadOnlyList<(TKey Id, bool Success)> Items)> groups, string denominator,
        SampleGuard? guard, double? benchmark = null) where TKey : notnull
    {
        var rates = groups.Where(g => g.Items.Count > 0)
            .Select(g => (g.Group, g.Items, Rate: Proportions.Wilson(g.Items.Count(x => x.Success), g.Items.Count)))
            .ToArray();
        var groupRates = rates.Select(r => new GroupRate(r.Group, r.Rate)).ToImmutableArray();
        TwoProportionTest? pair = null;
        SegmentScanResult? scan = null;
        if (rates.Length == 2)
        {
            pair = Proportions.CompareTwo(rates[0].Rate.Successes, rates[0].Rate.N, rates[1].Rate.Successes, rates[1].Rate.N, guard: guard);
        }
        else if (rates.Length > 2)
        {
            // Distinct items, so an item in two groups of a list trait is counted once in "the rest".
            var all = new Dictionary<TKey, bool>();
            foreach (var r in rates)
                foreach (var (id, success) in r.Items)
                    all[id] = success;
            int totalX = all.Values.Count(s => s), totalN = all.Count;
            var tests = rates.Select(r =>
            {
                int restN = totalN - r.Items.Select(x => x.Id).Distinct().Count();
                int restX = totalX - r.Items.Where(x => x.Success).Select(x => x.Id).Distinct().Count();
                return restN == 0 ? null : Proportions.CompareTwo(r.Rate.Successes, r.Rate.N, restX, restN, guard: guard);
            }).ToArray();
            var adjusted = PValueAdjustment.BenjaminiHochberg(tests.Select(t => t?.PValue ?? double.NaN).ToArray());
            scan = new SegmentScanResult(
                rates.Select((r, i) => new SegmentVsRest(r.Group, tests[i], adjusted.Adjusted[i])).ToArray(),
                PAdjustMethod.BenjaminiHochberg, totalN == 0 ? double.NaN : (double)totalX / totalN, totalN);
        }
        return new RateComparison(measure, segmentation, groupRates, pair, scan, denominator, benchmark);
    }
}
