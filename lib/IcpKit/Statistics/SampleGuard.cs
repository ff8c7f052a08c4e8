using System.ComponentModel;
using System.Globalization;

namespace IcpKit.Statistics;

/// <summary>
/// Minimum sample sizes below which a comparison reports "insufficient data" instead of calling a difference.
/// </summary>
/// <remarks>
/// The defaults follow the usual validity rules: a two-proportion z (chi-square) test needs expected counts
/// n*p and n*(1-p) of at least 5 in every group, with p the pooled rate under the null hypothesis; rank and
/// exact tests need a handful of observations per group. Pass <see cref="None"/> to run every test anyway.
/// Example: 3 wins of 4 deals against 40 of 100 gives expected wins 4 * 0.413 = 1.65 &lt; 5, so
/// <see cref="Proportions.CompareTwo"/> reports "insufficient data" with n = 104 and a NaN p-value.
/// </remarks>
public sealed record SampleGuard
{
    /// <summary>Minimum expected successes and failures per group (n*p and n*(1-p), p pooled). Default 5.</summary>
    public double MinExpectedCount { get; init; } = 5;

    /// <summary>Minimum observations per group for rank tests, exact tests and bootstrap differences. Default 5.</summary>
    public int MinGroupSize { get; init; } = 5;

    /// <summary>Minimum events per group for survival comparisons (read by the survival engine): expected under no difference for the log-rank test, observed for Gray's. Default 5.</summary>
    public int MinEventsPerGroup { get; init; } = 5;

    /// <summary>The defaults above.</summary>
    public static SampleGuard Default { get; } = new();

    /// <summary>No minimums: every comparison is computed (a group still needs one observation).</summary>
    public static SampleGuard None { get; } = new() { MinExpectedCount = 0, MinGroupSize = 1, MinEventsPerGroup = 0 };

    /// <summary>Checks expected successes and failures per group under the pooled rate.</summary>
    public SampleCheck CheckProportions(int successes1, int trials1, int successes2, int trials2)
    {
        var n = trials1 + trials2;
        var pooled = n == 0 ? double.NaN : (successes1 + successes2) / (double)n;
        var smallest = Math.Min(Math.Min(trials1 * pooled, trials1 * (1 - pooled)),
                                Math.Min(trials2 * pooled, trials2 * (1 - pooled)));
        if (trials1 < 1 || trials2 < 1)
            return SampleCheck.Insufficient("a group has no observations", n);
        return smallest >= MinExpectedCount
            ? SampleCheck.Sufficient(n)
            : SampleCheck.Insufficient(string.Create(CultureInfo.InvariantCulture,
                $"smallest expected count n*p or n*(1-p) is {smallest:0.##} (pooled p = {pooled:0.####}), below {MinExpectedCount:0.##}"), n);
    }

    /// <summary>Checks every group has at least <see cref="MinGroupSize"/> observations.</summary>
    public SampleCheck CheckGroupSizes(params int[] sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        var n = sizes.Sum();
        var smallest = sizes.Length == 0 ? 0 : sizes.Min();
        return smallest >= Math.Max(1, MinGroupSize)
            ? SampleCheck.Sufficient(n)
            : SampleCheck.Insufficient(string.Create(CultureInfo.InvariantCulture,
                $"smallest group has {smallest} observations, below {Math.Max(1, MinGroupSize)}"), n);
    }
}

/// <summary>Whether a comparison had enough data to be called.</summary>
public enum SampleStatus
{
    /// <summary>The minimums were met; the test statistic and p-value are reported.</summary>
    [Description("tested")]
    Sufficient,
    /// <summary>Below the minimums: estimates are shown but no test statistic or p-value is called.</summary>
    [Description("too few to test")]
    InsufficientData,
}

/// <summary>The outcome of a <see cref="SampleGuard"/> check, carried by every comparison result.</summary>
/// <param name="Status">Sufficient or insufficient data.</param>
/// <param name="Reason">Why the data are insufficient; empty when sufficient.</param>
/// <param name="N">Total observations the comparison used.</param>
public sealed record SampleCheck(SampleStatus Status, string Reason, int N)
{
    /// <summary>True when the comparison can be called.</summary>
    public bool IsSufficient => Status == SampleStatus.Sufficient;

    internal static SampleCheck Sufficient(int n) => new(SampleStatus.Sufficient, "", n);

    internal static SampleCheck Insufficient(string reason, int n) => new(SampleStatus.InsufficientData, reason, n);

    /// <summary>"sufficient (n = 120)" or "insufficient data (n = 7): reason".</summary>
    public override string ToString() => IsSufficient
        ? string.Create(CultureInfo.InvariantCulture, $"sufficient (n = {N})")
        : string.Create(CultureInfo.InvariantCulture, $"insufficient data (n = {N}): {Reason}");
}
