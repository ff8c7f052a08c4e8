using IcpKit.Loading;
using IcpKit.Metrics;
using IcpKit.Statistics;

namespace IcpKit.Outcomes;

/// <summary>How an outcome's effect (ICP against the rest) is measured.</summary>
public enum EffectKind
{
    /// <summary>Difference of two rates (ICP minus non-ICP), in rate units.</summary>
    RateDifference,
    /// <summary>Hazard ratio (ICP over non-ICP) from the log-rank test.</summary>
    HazardRatio,
    /// <summary>Ratio of means (ICP over non-ICP).</summary>
    MeanRatio,
    /// <summary>Difference of NPS (ICP minus non-ICP), in NPS points.</summary>
    NpsDifference,
    /// <summary>No effect: the outcome is not measurable.</summary>
    None,
    /// <summary>Ratio of medians (ICP over non-ICP), e.g. won-deal days to close; below 1 is shorter.</summary>
    MedianRatio,
}

/// <summary>The smallest effect that matters, per kind of effect (the ICP test's options carry them).</summary>
public interface IEffectThresholds
{
    /// <summary>Smallest rate difference that matters, in rate units (0.05 = 5 points).</summary>
    double MinRateDifference { get; }

    /// <summary>Smallest hazard ratio that matters (above 1; its inverse the other way).</summary>
    double MinHazardRatio { get; }

    /// <summary>Smallest ratio of means that matters (above 1).</summary>
    double MinRatio { get; }

    /// <summary>Smallest NPS difference that matters, in NPS points.</summary>
    double MinNpsDifference { get; }
}

/// <summary>
/// One outcome an ICP is judged on, defined once: its id, its words, how it is measured on an export for any
/// split of the accounts, and how its effect is compared. Every step reads outcomes from here (the draft's summary
/// card, the ICP test, summary.json, compare), so a number never has two definitions.
/// </summary>
/// <remarks>
/// Adding an outcome is one file under <c>Outcomes/Definitions</c> deriving from this class, plus one line in
/// <see cref="IcpOutcomes.Definitions"/>; the ICP test, <c>icpkit test</c> and its JSON then carry it. See
/// <c>lib/IcpKit/Outcomes/README.md</c>.
/// </remarks>
/// <param name="id">Identifier in results and JSON, e.g. "win_rate".</param>
/// <param name="title">Plain name for a table row, e.g. "Win rate (closed deals)".</param>
/// <param name="unit">What is counted, e.g. "closed deals", "customers", "responses".</param>
/// <param name="kind">How the effect is measured.</param>
/// <param name="valueWords">What the headline value is, in a founder's words, e.g. "win rate of closed deals".</param>
public abstract class OutcomeDefinition(string id, string title, string unit, EffectKind kind, string valueWords)
{
    /// <summary>Identifier in results and JSON.</summary>
    public string Id { get; } = id;

    /// <summary>Plain name for a table row.</summary>
    public string Title { get; } = title;

    /// <summary>What is counted.</summary>
    public string Unit { get; } = unit;

    /// <summary>How the effect is measured.</summary>
    public EffectKind Kind { get; } = kind;

    /// <summary>What the headline value is, in words (the summary card's and summary.json's label).</summary>
    public string ValueWords { get; } = valueWords;

    /// <summary>Context shown beside the outcome wherever it is compared (censoring, caveats); null for none.</summary>
    public virtual string? Note => null;

    /// <summary>True when the headline value is a share (shown as a percentage).</summary>
    public virtual bool IsRate => Kind == EffectKind.RateDifference;

    /// <summary>What the headline value is when it is money, months or a share (summary.json and compare write it that way); null for counts and days.</summary>
    public virtual EstimateUnit? ValueUnit => IsRate ? EstimateUnit.Share : null;

    /// <summary>The outcome measured on an export, one value per group of <paramref name="by"/> (one group "all" when null).</summary>
    /// <param name="data">The export.</param>
    /// <param name="by">The split, e.g. <c>IcpSplit.Segmentation</c>; null for every account as one group.</param>
    /// <param name="bootstrap">Resamples and seed for measures that bootstrap an interval (the sales cycle); the metrics' default when null.</param>
    public abstract OutcomeMeasure Measure(ExportData data, Segmentation? by = null, BootstrapOptions? bootstrap = null);

    /// <summary>The smallest effect that matters for this outcome, on its effect's scale.</summary>
    public double MinimumEffect(IEffectThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        return Kind switch
        {
            EffectKind.RateDifference => thresholds.MinRateDifference,
            EffectKind.HazardRatio => thresholds.MinHazardRatio,
            EffectKind.MeanRatio or EffectKind.MedianRatio => thresholds.MinRatio,
            EffectKind.NpsDifference => thresholds.MinNpsDifference,
            _ => double.NaN,
        };
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Id}: {Title}";
}
