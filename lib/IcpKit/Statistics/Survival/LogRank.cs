using IcpKit.Rendering;
using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;
using Microsoft.Data.Analysis;

namespace IcpKit.Statistics.Survival;

/// <summary>Observed and expected events of one group in a log-rank test.</summary>
/// <param name="Group">Group label.</param>
/// <param name="N">Subjects.</param>
/// <param name="Observed">Observed events.</param>
/// <param name="Expected">Events expected if every group had the pooled hazard.</param>
public readonly record struct LogRankGroup(string Group, int N, int Observed, double Expected);

/// <summary>Log-rank test of equal survival across groups, as R's <c>survdiff(Surv(time, status) ~ group)</c>.</summary>
/// <param name="Groups">Per group: n, observed and expected events.</param>
/// <param name="ChiSquare">(O − E)ᵀ V⁻ (O − E) over k − 1 groups; NaN when data are insufficient.</param>
/// <param name="DegreesOfFreedom">Groups with expected events above 0, minus 1.</param>
/// <param name="PValue">Upper chi-square tail; NaN when data are insufficient.</param>
/// <param name="Status">Whether every group expected at least <paramref name="MinEventsPerGroup"/> events under no difference.</param>
/// <param name="Reason">Why the test was not called, when insufficient.</param>
/// <param name="MinEventsPerGroup">The guard used.</param>
public sealed partial record LogRankResult(ImmutableArray<LogRankGroup> Groups, double ChiSquare, int DegreesOfFreedom, double PValue,
    SurvivalStatus Status, string? Reason, int MinEventsPerGroup)
{
    // Row-major k x k variance-covariance of O − E (R's survdiff $var).
    internal ImmutableArray<double> VarianceMatrix { get; init; } = [];

    /// <summary>Subjects in all groups.</summary>
    public int N => Groups.Sum(g => g.N);

    /// <summary>Covariance of (O − E) between groups <paramref name="i"/> and <paramref name="j"/> (R's <c>$var[i, j]</c>).</summary>
    public double Variance(int i, int j) => VarianceMatrix[i * Groups.Length + j];

    /// <summary>Per group: group, n, observed, expected, (O−E)²/E, (O−E)²/V as print.survdiff shows.</summary>
    public DataFrame Summary => new(
        new StringDataFrameColumn("group", Groups.Select(g => g.Group)),
        new Int32DataFrameColumn("n", Groups.Select(g => g.N)),
        new Int32DataFrameColumn("observed", Groups.Select(g => g.Observed)),
        new DoubleDataFrameColumn("expected", Groups.Select(g => g.Expected)),
        new DoubleDataFrameColumn("(O-E)^2/E", Groups.Select(g => Sq(g.Observed - g.Expected) / g.Expected)),
        new DoubleDataFrameColumn("(O-E)^2/V", Groups.Select((g, i) => Sq(g.Observed - g.Expected) / Variance(i, i))));

    /// <summary>The per-group table followed by "Chisq = … on df degrees of freedom, p = …" (or the reason it was not called).</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        SurvivalText.Table(sb, ["group", "N", "Observed", "Expected"],
            Groups.Select(g => new[] { g.Group, SurvivalText.Int(g.N), SurvivalText.Int(g.Observed), SurvivalText.Num(g.Expected) }));
        sb.AppendLine(Status == SurvivalStatus.Ok
            ? string.Create(CultureInfo.InvariantCulture,
                $"Log-rank chisq = {SurvivalText.Num(ChiSquare)} on {DegreesOfFreedom} degrees of freedom, p = {Format.P(PValue)}")
            : $"Log-rank: insufficient data ({Reason})");
        return sb.ToString();
    }

    private static double Sq(double x) => x * x;
}

/// <summary>One pair of a pairwise log-rank comparison.</summary>
/// <param name="GroupA">First group (ordinal order).</param>
/// <param name="GroupB">Second group.</param>
/// <param name="ChiSquare">Two-group log-rank chi-square on 1 df.</param>
/// <param name="PValue">Unadjusted p-value.</param>
/// <param name="PHolm">Holm-adjusted p-value over all called pairs.</param>
/// <param name="PBenjaminiHochberg">Benjamini-Hochberg-adjusted p-value over all called pairs (survminer's default).</param>
/// <param name="Status">Insufficient when either group has too few events; its p-values are NaN and it is left out
/// of the adjustment (as R's p.adjust drops NA).</param>
public readonly record struct PairwiseLogRankRow(string GroupA, string GroupB, double ChiSquare, double PValue, double PHolm,
    double PBenjaminiHochberg, SurvivalStatus Status);

/// <summary>All pairwise log-rank tests with adjusted p-values, as survminer::pairwise_survdiff.</summary>
/// <param name="Comparisons">One row per pair, in ordinal group order.</param>
/// <param name="MinEventsPerGroup">The guard used.</param>
public sealed partial record PairwiseLogRankResult(ImmutableArray<PairwiseLogRankRow> Comparisons, int MinEventsPerGroup)
{
    /// <summary>The comparison of two groups, in either order.</summary>
    /// <exception cref="KeyNotFoundException">No such pair.</exception>
    public PairwiseLogRankRow this[string a, string b]
    {
        get
        {
            foreach (var r in Comparisons)
                if ((r.GroupA == a && r.GroupB == b) || (r.GroupA == b && r.GroupB == a))
                    return r;
            throw new KeyNotFoundException($"no comparison of '{a}' and '{b}'.");
        }
    }

    /// <summary>group_a, group_b, chisq, p, p_holm, p_bh, status.</summary>
    public DataFrame Summary => new(
        new StringDataFrameColumn("group_a", Comparisons.Select(r => r.GroupA)),
        new StringDataFrameColumn("group_b", Comparisons.Select(r => r.GroupB)),
        new DoubleDataFrameColumn("chisq", Comparisons.Select(r => r.ChiSquare)),
        new DoubleDataFrameColumn("p", Comparisons.Select(r => r.PValue)),
        new DoubleDataFrameColumn("p_holm", Comparisons.Select(r => r.PHolm)),
        new DoubleDataFrameColumn("p_bh", Comparisons.Select(r => r.PBenjaminiHochberg)),
        new StringDataFrameColumn("status", Comparisons.Select(r => r.Status.ToString())));

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder();
        SurvivalText.Table(sb, ["group_a", "group_b", "chisq", "p", "p_holm", "p_bh"],
            Comparisons.Select(r => r.Status == SurvivalStatus.Ok
                ? new[] { r.GroupA, r.GroupB, SurvivalText.Num(r.ChiSquare), Format.P(r.PValue), Format.P(r.PHolm), Format.P(r.PBenjaminiHochberg) }
                : [r.GroupA, r.GroupB, "insufficient data", "", "", ""]));
        return sb.ToString();
    }
}

/// <summary>Log-rank tests (R's survdiff with rho = 0).</summary>
/// <example>
/// Two groups of four. R: <c>survdiff(Surv(t, e) ~ g)</c> gives Chisq = 5.34777 on 1 df, p = 0.02075.
/// <code>
/// var data = SurvivalData.Create([3, 5, 5, 8, 10, 12, 15, 20], [true, true, false, true, true, false, true, false],
///     ["a", "a", "a", "a", "b", "b", "b", "b"]);
/// var test = LogRank.Test(data, minEventsPerGroup: 1);   // the default asks 5 expected events per group before calling a difference
/// Math.Round(test.ChiSquare, 5)                          // => 5.34777
/// Math.Round(test.PValue, 5)                             // => 0.02075
/// </code>
/// </example>
public static class LogRank
{
    /// <summary>The default minimum number of events a group needs before a difference is called.</summary>
    public const int DefaultMinEventsPerGroup = 5;

    /// <summary>Tests whether all groups share one survival curve.</summary>
    /// <param name="data">Grouped survival data with at least two groups.</param>
    /// <param name="minEventsPerGroup">Below this many expected events (under no difference) in any group the result is
    /// <see cref="SurvivalStatus.InsufficientData"/> and no p-value is given.</param>
    /// <exception cref="ArgumentException">Fewer than two groups.</exception>
    public static LogRankResult Test(SurvivalData data, int minEventsPerGroup = DefaultMinEventsPerGroup)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Groups.Count < 2)
            throw new ArgumentException($"a log-rank test needs at least two groups; the data have {data.Groups.Count}.", nameof(data));
        var include = new bool[data.Groups.Count];
        Array.Fill(include, true);
        return TestCore(data, include, minEventsPerGroup);
    }

    /// <summary>Log-rank test for every pair of groups (each on that pair's subjects only), with Holm and
    /// Benjamini-Hochberg adjusted p-values, as survminer::pairwise_survdiff.</summary>
    /// <exception cref="ArgumentException">Fewer than two groups.</exception>
    public static PairwiseLogRankResult Pairwise(SurvivalData data, int minEventsPerGroup = DefaultMinEventsPerGroup)
    {
        ArgumentNullException.ThrowIfNull(data);
        int k = data.Groups.Count;
        if (k < 2)
            throw new ArgumentException($"pairwise log-rank tests need at least two groups; the data have {k}.", nameof(data));
        var tests = new List<(int A, int B, LogRankResult R)>();
        var include = new bool[k];
        for (int a = 0; a < k; a++)
        {
            for (int b = a + 1; b < k; b++)
            {
                Array.Clear(include);
                include[a] = include[b] = true;
                tests.Add((a, b, TestCore(data, include, minEventsPerGroup)));
            }
        }
        var p = tests.Select(t => t.R.PValue).ToArray();
        var holm = PValueAdjustment.Holm(p).Adjusted;
        var bh = PValueAdjustment.BenjaminiHochberg(p).Adjusted;
        var rows = new PairwiseLogRankRow[tests.Count];
        for (int i = 0; i < rows.Length; i++)
        {
            var (a, b, r) = tests[i];
            rows[i] = new PairwiseLogRankRow(data.Groups[a], data.Groups[b], r.ChiSquare, r.PValue, holm[i], bh[i], r.Status);
        }
        return new PairwiseLogRankResult(ImmutableCollectionsMarshal.AsImmutableArray(rows), minEventsPerGroup);
    }

    // One pass over the time-sorted data, accumulating O, E and V at each distinct event time.
    private static LogRankResult TestCore(SurvivalData data, bool[] include, int minEvents)
    {
        var local = new int[include.Length];
        int k = 0;
        for (int g = 0; g < include.Length; g++)
            local[g] = include[g] ? k++ : -1;

        var times = data.Times;
        var events = data.Events;
        var codes = data.GroupCodes;
        int total = times.Length;

        var atRisk = new long[k];
        var observed = new int[k];
        for (int i = 0; i < total; i++)
        {
            int g = local[codes[i]];
            if (g < 0) continue;
            atRisk[g]++;
            if (events[i]) observed[g]++;
        }
        var n = (long[])atRisk.Clone();
        long nTotal = 0;
        for (int g = 0; g < k; g++) nTotal += atRisk[g];

        var expected = new double[k];
        var variance = new double[k * k];
        var leaving = new int[k];
        int j = 0;
        while (j < total)
        {
            double t = times[j];
            int d = 0;
            for (; j < total && times[j] == t; j++)
            {
                int g = local[codes[j]];
                if (g < 0) continue;
                leaving[g]++;
                if (events[j]) d++;
            }
            if (d > 0)
            {
                double nt = nTotal;
                for (int a = 0; a < k; a++)
                    expected[a] += d * (atRisk[a] / nt);
                if (nTotal > 1)
                {
                    // Hypergeometric covariance: d (n − d)/(n − 1) · (n_a/n) (δ_ab − n_b/n).
                    double scale = d * (nt - d) / (nt - 1);
                    for (int a = 0; a < k; a++)
                    {
                        double pa = atRisk[a] / nt;
                        for (int b = 0; b < k; b++)
                            variance[a * k + b] += scale * pa * ((a == b ? 1.0 : 0.0) - atRisk[b] / nt);
                    }
                }
            }
            for (int g = 0; g < k; g++)
            {
                atRisk[g] -= leaving[g];
                nTotal -= leaving[g];
                leaving[g] = 0;
            }
        }

        var labels = new string[k];
        for (int g = 0; g < include.Length; g++)
            if (local[g] >= 0) labels[local[g]] = data.Groups[g];
        var groups = new LogRankGroup[k];
        for (int g = 0; g < k; g++)
            groups[g] = new LogRankGroup(labels[g], (int)n[g], observed[g], expected[g]);

        // The chi-square approximation needs enough events expected under the null (Cochran's rule, as the proportions guard
        // counts expected successes): a group that shows 1 churn where 9 were expected is strong evidence, not too little data.
        string? reason = null;
        for (int g = 0; g < k && reason is null; g++)
            if (expected[g] < minEvents)
                reason = string.Create(CultureInfo.InvariantCulture, $"group {labels[g]} expects {expected[g]:0.#} events under no difference (it has {observed[g]}), fewer than {minEvents}");

        // As survdiff: keep groups with expected > 0, drop the first of them, solve V x = (O − E).
        var kept = Enumerable.Range(0, k).Where(g => expected[g] > 0).ToArray();
        int df = kept.Length - 1;
        double chi = double.NaN, p = double.NaN;
        if (reason is null && df < 1)
            reason = "fewer than two groups have subjects at risk at event times";
        if (reason is null)
        {
            var v = Matrix<double>.Build.Dense(df, df, (r, c) => variance[kept[r + 1] * k + kept[c + 1]]);
            var diff = Vector<double>.Build.Dense(df, r => observed[kept[r + 1]] - expected[kept[r + 1]]);
            chi = diff.DotProduct(v.Solve(diff));
            p = SpecialFunctions.GammaUpperRegularized(df / 2.0, chi / 2.0);
        }
        return new LogRankResult(ImmutableCollectionsMarshal.AsImmutableArray(groups), chi, Math.Max(df, 0), p,
            reason is null ? SurvivalStatus.Ok : SurvivalStatus.InsufficientData, reason, minEvents)
        {
            VarianceMatrix = ImmutableCollectionsMarshal.AsImmutableArray(variance),
        };
    }
}
