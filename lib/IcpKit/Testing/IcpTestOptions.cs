using System.Collections.Immutable;
using IcpKit.Outcomes;
using IcpKit.Statistics;

namespace IcpKit.Testing;

/// <summary>The thresholds that turn ICP-vs-non-ICP comparisons into verdicts.</summary>
/// <remarks>
/// The defaults follow the method's seeds: win rate and retention are what an ICP must improve; an ICP that covers
/// more than 40% of accounts is too broad to steer anything; a difference smaller than the minimum effect is too
/// small to change where sales and marketing spend their time, however significant.
/// <para>
/// Multiple comparisons: p-values are adjusted across every outcome with Holm's step-down by default. Holm
/// controls the chance of even one false "better" or "worse" (the family-wise error rate) under any dependence
/// between outcomes, and these outcomes are strongly dependent (the same accounts' deals, retention and usage).
/// Benjamini-Hochberg controls only the expected share of false claims and relies on positive dependence; it is
/// available through <see cref="Adjustment"/> for exploratory runs.
/// </para>
/// </remarks>
public sealed record IcpTestOptions : IEffectThresholds
{
    /// <summary>Outcomes that must hold for the ICP to hold (ids from <see cref="IcpOutcomes"/>).</summary>
    public ImmutableArray<string> PrimaryOutcomes { get; init; } = [IcpOutcomes.WinRate, IcpOutcomes.Retention];

    /// <summary>Significance level after adjustment.</summary>
    public double Alpha { get; init; } = 0.05;

    /// <summary>How p-values are adjusted across the outcomes (Holm by default: see the remarks).</summary>
    public PAdjustMethod Adjustment { get; init; } = PAdjustMethod.Holm;

    /// <summary>An ICP covering more than this share of accounts is "too broad".</summary>
    public double MaxCoverage { get; init; } = 0.40;

    /// <summary>Smallest difference in a rate (win rate, activation, PMF share) that matters: 0.05 = 5 points.</summary>
    public double MinRateDifference { get; init; } = 0.05;

    /// <summary>Smallest change in hazard that matters, as a ratio above 1: 1.25 means 25% faster (or, inverted, 0.8).</summary>
    public double MinHazardRatio { get; init; } = 1.25;

    /// <summary>Smallest ratio of means (ACV, MRR, usage, seats) that matters: 1.2 = 20% more; for the won-deal cycle, a median 1/1.2 as long.</summary>
    public double MinRatio { get; init; } = 1.2;

    /// <summary>Smallest NPS difference that matters, in NPS points (-100..100).</summary>
    public double MinNpsDifference { get; init; } = 10;

    /// <summary>Power used when saying how much more data a "not proven yet" outcome needs.</summary>
    public double Power { get; init; } = 0.8;

    /// <summary>Sean Ellis's benchmark: at least 40% "very disappointed" suggests product-market fit.</summary>
    public double PmfBenchmark { get; init; } = 0.40;

    /// <summary>Months at which retention is read off the Kaplan-Meier curves.</summary>
    public ImmutableArray<int> RetentionMonths { get; init; } = [3, 6, 12];

    /// <summary>Bootstrap resamples for the intervals of ratios and NPS differences.</summary>
    public int BootstrapResamples { get; init; } = 1_000;

    /// <summary>Seed of the bootstrap, so the same data give the same intervals.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The defaults.</summary>
    public static IcpTestOptions Default { get; } = new();

    /// <summary>Throws when a threshold is out of range.</summary>
    public void Validate()
    {
        if (!(Alpha is > 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, "in (0, 1)");
        if (!(MaxCoverage is > 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(MaxCoverage), MaxCoverage, "in (0, 1]");
        if (!(MinRateDifference is > 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(MinRateDifference), MinRateDifference, "in (0, 1)");
        if (!(MinHazardRatio > 1)) throw new ArgumentOutOfRangeException(nameof(MinHazardRatio), MinHazardRatio, "above 1");
        if (!(MinRatio > 1)) throw new ArgumentOutOfRangeException(nameof(MinRatio), MinRatio, "above 1");
        if (!(MinNpsDifference is > 0 and <= 200)) throw new ArgumentOutOfRangeException(nameof(MinNpsDifference), MinNpsDifference, "in (0, 200]");
        if (!(Power is > 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(Power), Power, "in (0, 1)");
        if (PrimaryOutcomes.IsDefaultOrEmpty) throw new ArgumentException("name at least one primary outcome", nameof(PrimaryOutcomes));
        foreach (var id in PrimaryOutcomes)
        {
            if (!IcpOutcomes.All.Contains(id)) throw new ArgumentException($"unknown outcome '{id}' (known: {string.Join(", ", IcpOutcomes.All)})", nameof(PrimaryOutcomes));
        }
        if (BootstrapResamples < 100) throw new ArgumentOutOfRangeException(nameof(BootstrapResamples), BootstrapResamples, "at least 100");
    }
}
