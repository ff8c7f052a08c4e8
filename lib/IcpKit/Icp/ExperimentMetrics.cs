using System.Collections.Immutable;

namespace IcpKit.Icp;

/// <summary>The metrics a pre-registered experiment (the <c>experiment</c> block of icp.yaml) can be graded on.</summary>
/// <remarks>
/// Every metric is measured on the graded export, over the experiment's window: from the ICP file's <c>date</c>
/// (when the experiment was written down) to its <c>ends_on</c>, both inclusive. Rates are fractions (0.25, not 25),
/// so a <c>success_threshold</c> of 0.10 on <c>win_rate_difference</c> means "ICP wins at least 10 points more".
/// The file reader rejects any other metric, naming its line.
/// </remarks>
public static class ExperimentMetrics
{
    /// <summary>Win rate of ICP accounts' deals closed in the window.</summary>
    public const string WinRate = "win_rate";
    /// <summary>Win rate of ICP accounts' closed deals minus that of the other accounts' closed deals.</summary>
    public const string WinRateDifference = "win_rate_difference";
    /// <summary>ICP win rate divided by the other accounts' win rate.</summary>
    public const string WinRateRatio = "win_rate_ratio";
    /// <summary>Share of ICP accounts that became customers in the window and activated (reached an activation event).</summary>
    public const string ActivationRate = "activation_rate";
    /// <summary>ICP activation rate minus the other new customers' activation rate.</summary>
    public const string ActivationRateDifference = "activation_rate_difference";
    /// <summary>Share of the deals won in the window that came from ICP accounts.</summary>
    public const string IcpShareOfWins = "icp_share_of_wins";

    /// <summary>Every known metric with a one-line description, in documentation order.</summary>
    public static ImmutableArray<(string Name, string Description)> Known { get; } =
    [
        (WinRate, "win rate of the ICP's deals closed in the window"),
        (WinRateDifference, "ICP win rate minus non-ICP win rate (deals closed in the window)"),
        (WinRateRatio, "ICP win rate divided by non-ICP win rate (deals closed in the window)"),
        (ActivationRate, "share of the ICP's new customers in the window that activated"),
        (ActivationRateDifference, "ICP activation rate minus non-ICP activation rate (new customers in the window)"),
        (IcpShareOfWins, "share of the deals won in the window that came from ICP accounts"),
    ];

    /// <summary>True when <paramref name="metric"/> is one of <see cref="Known"/> (exact, lower case).</summary>
    public static bool IsKnown(string metric) => Known.Any(k => k.Name == metric);
}
