using System.Collections.Immutable;
using System.Globalization;
using IcpKit.Rendering;
using MathNet.Numerics.Distributions;

namespace IcpKit.Statistics;

/// <summary>
/// Two rates whose trials come in clusters (the deals of one account), compared with a cluster-robust (sandwich)
/// variance: deals of one account share its budget, its fit and its sales rep, so they are not independent trials.
/// </summary>
/// <remarks>
/// The difference p1 - p2 is the coefficient of a least-squares regression of each trial's 0/1 outcome on its group, and
/// its variance is the sandwich clustered by the cluster (CR1, Stata's and statsmodels' default; R's
/// <c>sandwich::vcovCL(type = "HC1")</c>): with group rates p_g = Σy/Σn,
/// V = G/(G-1) x (N-1)/(N-2) x Σ_g Σ_{i in g} (y_i - p_g n_i)² / n_g², G the clusters and N the trials of both groups.
/// The interval is p1 - p2 ± z √V. The test is Rao and Scott's (1992) adjusted chi-square, not Wald's z = (p1 - p2)/√V:
/// each group's counts are divided by its design effect d_g = m_g/(m_g - 1) Σ (y_i - p_g n_i)² / (n_g p_g (1 - p_g)) (m_g its
/// clusters), and the pooled (score) chi-square is computed on those effective counts. Wald's z estimates the small group's
/// variance from its own rate, so a group that happened to win little looks surer than it is: on null worlds with about 70
/// ICP accounts and 90 deals at a 16% win rate, z fell below -1.96 in 4.4% of 20,000 draws instead of 2.5% (a false
/// "wrong" twice as often as the level allows); the adjusted chi-square stays at 1.9% and 3.0% in the two tails
/// (<c>ClusteredProportionsTests.CompareTwo_NullClusteredWorlds_KeepsTheLevel</c>). With one trial per cluster V is the
/// independent Wald variance p1(1-p1)/n1 + p2(1-p2)/n2 (times the small-sample factor, 1 + O(1/N)) and the test the pooled
/// chi-square (times m/(m-1)).
/// Worked case: clusters (1 of 2), (0 of 1), (2 of 3) against (0 of 2), (1 of 1), (0 of 2), (0 of 1): rates 0.5 and
/// 1/6, difference 0.3333, clustered SE 0.2269 against 0.2546 were the 12 deals independent (statsmodels OLS with
/// cov_type="cluster"; tests/IcpKit.Tests/Statistics/Reference/make_clustered_reference.py).
/// </remarks>
public static class ClusteredProportions
{
    /// <summary>Compares the rates of two groups of clusters (successes and trials per cluster).</summary>
    /// <param name="clusters1">Group 1's clusters: successes and trials each (trials at least 1).</param>
    /// <param name="clusters2">Group 2's clusters.</param>
    /// <param name="confidence">Level of the interval for the difference.</param>
    /// <param name="guard">Minimums on the counts (expected successes and failures, as for the unclustered test); <see cref="SampleGuard.Default"/> when null.</param>
    public static ClusteredProportionTest CompareTwo(IReadOnlyList<(int Successes, int Trials)> clusters1, IReadOnlyList<(int Successes, int Trials)> clusters2,
        double confidence = 0.95, SampleGuard? guard = null)
    {
        ArgumentNullException.ThrowIfNull(clusters1);
        ArgumentNullException.ThrowIfNull(clusters2);
        Fmt.CheckLevel(confidence, nameof(confidence));
        foreach (var (s, t) in clusters1.Concat(clusters2)) Proportions.CheckCounts(s, t, nameof(clusters1));
        if (clusters1.Count == 0 || clusters2.Count == 0) throw new ArgumentException("each group needs at least one cluster", nameof(clusters1));

        int x1 = clusters1.Sum(c => c.Successes), n1 = clusters1.Sum(c => c.Trials);
        int x2 = clusters2.Sum(c => c.Successes), n2 = clusters2.Sum(c => c.Trials);
        double p1 = (double)x1 / n1, p2 = (double)x2 / n2, delta = p1 - p2;
        // Each cluster's score: its successes minus what its group's rate predicts for its trials.
        static double Meat(IReadOnlyList<(int Successes, int Trials)> cs, double p, double n) =>
            cs.Sum(c => (c.Successes - p * c.Trials) * (c.Successes - p * c.Trials)) / (n * n);
        int g = clusters1.Count + clusters2.Count, n = n1 + n2;
        double factor = g > 1 && n > 2 ? (double)g / (g - 1) * (n - 1.0) / (n - 2.0) : double.NaN;
        var variance = factor * (Meat(clusters1, p1, n1) + Meat(clusters2, p2, n2));
        var independent = p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2;
        var se = Math.Sqrt(variance);
        var zc = Normal.InvCDF(0, 1, (1 + confidence) / 2);
        var interval = se > 0 && double.IsFinite(se)
            ? new ConfidenceInterval(Math.Max(delta - zc * se, -1), Math.Min(delta + zc * se, 1), confidence)
            : ConfidenceInterval.Undefined(confidence);

        var check = (guard ?? SampleGuard.Default).CheckProportions(x1, n1, x2, n2);
        if (check.IsSufficient && !(se > 0)) check = SampleCheck.Insufficient("every cluster has the outcome its group's rate predicts: no variance to test with", n);
        double z = double.NaN, pValue = double.NaN, chi = double.NaN;
        if (check.IsSufficient)
        {
            z = delta / se;
            // Rao-Scott: effective counts n_g / d_g, then the pooled chi-square on them (p_g unchanged).
            var adjusted = AdjustedZ(ClusterSums.Of(clusters1), ClusterSums.Of(clusters2));
            if (double.IsFinite(adjusted))
            {
                chi = adjusted * adjusted;
                pValue = 2 * Normal.CDF(0, 1, -Math.Abs(adjusted));
            }
        }
        return new ClusteredProportionTest(x1, n1, clusters1.Count, x2, n2, clusters2.Count, p1, p2, delta, interval, se, Math.Sqrt(independent), z, pValue, check)
        {
            ClusterRates = [Rate(clusters1), Rate(clusters2)],
            AdjustedChiSquare = chi,
        };
    }

    /// <summary>
    /// Rao and Scott's adjusted statistic from each group's sums alone, signed as p1 - p2: the pooled z on the effective
    /// counts n_g / d_g; NaN when it cannot be computed (no trials, or no variance under the pooled rate). Its square is
    /// <see cref="ClusteredProportionTest.AdjustedChiSquare"/>; the candidate search ranks thousands of groups with it from
    /// running sums.
    /// </summary>
    /// <param name="group1">Group 1's cluster sums.</param>
    /// <param name="group2">Group 2's cluster sums.</param>
    public static double AdjustedZ(ClusterSums group1, ClusterSums group2)
    {
        if (group1.Trials == 0 || group2.Trials == 0) return double.NaN;
        double p1 = (double)group1.Successes / group1.Trials, p2 = (double)group2.Successes / group2.Trials;
        double e1 = group1.Trials / DesignEffect(group1, p1), e2 = group2.Trials / DesignEffect(group2, p2);
        var pooled = (p1 * e1 + p2 * e2) / (e1 + e2);
        var v0 = pooled * (1 - pooled) * (1 / e1 + 1 / e2);
        return v0 > 0 && double.IsFinite(v0) ? (p1 - p2) / Math.Sqrt(v0) : double.NaN;
    }

    /// <summary>Rao and Scott's design effect of one group's rate: its cluster variance (with m/(m-1)) over the binomial one;
    /// 1 when the rate is 0 or 1 (nothing varies to measure clustering with).</summary>
    private static double DesignEffect(ClusterSums s, double p)
    {
        var m = s.Clusters;
        if (m < 2 || !(p > 0 && p < 1)) return 1;
        // Σ (y_i - p n_i)² from the sums: Σy² - 2p Σyn + p² Σn².
        var scores = s.SuccessesSquared - 2 * p * s.SuccessesTrials + p * p * s.TrialsSquared;
        var d = (double)m / (m - 1) * scores / (s.Trials * p * (1 - p));
        return d > 0 && double.IsFinite(d) ? d : 1;
    }

    // The share of clusters with at least one success: the account-level view beside the deal-level rate.
    private static ProportionEstimate Rate(IReadOnlyList<(int Successes, int Trials)> cs) => Proportions.Wilson(cs.Count(c => c.Successes > 0), cs.Count);
}

/// <summary>One group's clusters as the sums a clustered comparison needs: clusters, successes, trials, and the sums of
/// successes², successes × trials and trials² over clusters. Sums add over disjoint groups, so a group's rest is the
/// whole minus the group.</summary>
/// <param name="Clusters">Clusters with at least one trial.</param>
/// <param name="Successes">Σ successes.</param>
/// <param name="Trials">Σ trials.</param>
/// <param name="SuccessesSquared">Σ successes².</param>
/// <param name="SuccessesTrials">Σ successes × trials.</param>
/// <param name="TrialsSquared">Σ trials².</param>
public readonly record struct ClusterSums(int Clusters, long Successes, long Trials, double SuccessesSquared, double SuccessesTrials, double TrialsSquared)
{
    /// <summary>The sums of the given clusters (successes and trials each).</summary>
    public static ClusterSums Of(IEnumerable<(int Successes, int Trials)> clusters)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        var sums = new ClusterSums();
        foreach (var (x, n) in clusters) sums = sums.Add(x, n);
        return sums;
    }

    /// <summary>These sums with one more cluster (none added when it has no trials).</summary>
    public ClusterSums Add(int successes, int trials) => trials == 0 ? this
        : new(Clusters + 1, Successes + successes, Trials + trials, SuccessesSquared + (double)successes * successes,
            SuccessesTrials + (double)successes * trials, TrialsSquared + (double)trials * trials);

    /// <summary>The sums of the clusters in this group and not in <paramref name="part"/> (a subset of them).</summary>
    public ClusterSums Minus(ClusterSums part) => new(Clusters - part.Clusters, Successes - part.Successes, Trials - part.Trials,
        SuccessesSquared - part.SuccessesSquared, SuccessesTrials - part.SuccessesTrials, TrialsSquared - part.TrialsSquared);
}

/// <summary>Two clustered rates compared (<see cref="ClusteredProportions.CompareTwo"/>).</summary>
/// <param name="Successes1">Successes in group 1.</param>
/// <param name="N1">Trials in group 1.</param>
/// <param name="Clusters1">Clusters in group 1.</param>
/// <param name="Successes2">Successes in group 2.</param>
/// <param name="N2">Trials in group 2.</param>
/// <param name="Clusters2">Clusters in group 2.</param>
/// <param name="Rate1">Successes1 / N1.</param>
/// <param name="Rate2">Successes2 / N2.</param>
/// <param name="Difference">Rate1 - Rate2.</param>
/// <param name="Interval">Wald interval with the cluster-robust standard error.</param>
/// <param name="StandardError">Cluster-robust standard error of the difference.</param>
/// <param name="IndependentStandardError">The standard error were every trial independent (√(p1(1-p1)/n1 + p2(1-p2)/n2)).</param>
/// <param name="Z">Wald statistic (p1 - p2)/SE, as statsmodels' clustered OLS; NaN when the data are insufficient.</param>
/// <param name="PValue">Two-sided p-value of Rao and Scott's adjusted chi-square (see <see cref="ClusteredProportions"/>); NaN when the data are insufficient.</param>
/// <param name="Check">The sample-size guard's verdict.</param>
public sealed record ClusteredProportionTest(
    int Successes1, int N1, int Clusters1, int Successes2, int N2, int Clusters2, double Rate1, double Rate2, double Difference,
    ConfidenceInterval Interval, double StandardError, double IndependentStandardError, double Z, double PValue, SampleCheck Check)
{
    /// <summary>Design effect: the clustered variance over the independent one (1.3 = clustering makes 100 deals worth about 77).</summary>
    public double DesignEffect => IndependentStandardError > 0 ? StandardError * StandardError / (IndependentStandardError * IndependentStandardError) : double.NaN;

    /// <summary>Rao and Scott's adjusted chi-square on 1 degree of freedom, behind <see cref="PValue"/>; NaN when not tested.</summary>
    public double AdjustedChiSquare { get; init; } = double.NaN;

    /// <summary>Per group, the share of clusters with at least one success (accounts that won at least once), with Wilson intervals.</summary>
    public ImmutableArray<ProportionEstimate> ClusterRates { get; init; } = [];

    /// <summary>Multi-line text: rates, clusters, difference with interval, design effect and p.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"""
        Two proportions, clustered (sandwich, CR1)
          group 1: {Successes1}/{N1} = {Format.Percent(Rate1)} in {Clusters1} clusters
          group 2: {Successes2}/{N2} = {Format.Percent(Rate2)} in {Clusters2} clusters
          difference: {Format.Number(Difference)} {Interval}, SE {Format.Number(StandardError)} (independent {Format.Number(IndependentStandardError)}, design effect {Format.Number(DesignEffect)})
          {(Check.IsSufficient ? $"Rao-Scott chi-square = {Format.Number(AdjustedChiSquare)}, {Format.PClause(PValue)}" : Check.ToString())}
        """);
}
