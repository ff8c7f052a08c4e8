using System.Globalization;

namespace IcpKit.Statistics;

/// <summary>
/// Empirical-Bayes gamma-Poisson shrinkage of event rates (churns per customer-year): each segment's events over its
/// exposure pulled toward a given overall rate, the less the more exposure it has. Censored units count through their
/// exposure, so a customer of three months weighs a quarter of one of a year, and nobody is dropped.
/// </summary>
public static class EventRateShrinkage
{
    /// <summary>
    /// Fits a Gamma(λ₀b, b) prior centred on the whole's rate λ₀ = <paramref name="totalEvents"/> / <paramref name="totalExposure"/>,
    /// its strength b (in units of exposure) by the method of moments over segments that are subsets of that whole.
    /// </summary>
    /// <remarks>
    /// Events d of a segment with exposure E are Poisson(λE) with λ ~ Gamma(λ₀b, b), so Var(λ) = τ² = λ₀ / b. Because
    /// the segments are parts of the whole whose rate is the centre (candidate ICPs overlap and nest), d / E − λ₀ has
    /// sampling variance λ₀ (1/E − 1/E_total), not λ₀ / E; the exposure-weighted mean of (d/E − λ₀)² minus that
    /// estimates τ² (DerSimonian-Laird's idea). A marginal likelihood that treats the segments as independent sees
    /// the large ones (nearly the whole, so nearly λ₀) as under-dispersed and pools everything. The shrunk rate
    /// (d + λ₀b) / (E + b) always lies between the raw d / E and λ₀ and moves toward d / E as E grows. With no excess
    /// variation (τ² ≤ 0) there is nothing to learn from a segment: b is infinite, every weight 0.
    /// Example: λ₀ = 0.3 per year and τ² = 0.015 give b = 20 customer-years; 2 churns in 40 customer-years (raw 0.05)
    /// shrink to (2 + 6) / (40 + 20) = 0.133.
    /// </remarks>
    /// <param name="segments">Events and exposure of each segment (subsets of the whole); at least two with exposure.</param>
    /// <param name="totalEvents">Events of the whole.</param>
    /// <param name="totalExposure">Exposure of the whole.</param>
    public static GammaPrior FitPrior(IEnumerable<(int Events, double Exposure)> segments, int totalEvents, double totalExposure)
    {
        ArgumentNullException.ThrowIfNull(segments);
        if (totalEvents <= 0 || !(totalExposure > 0 && double.IsFinite(totalExposure)))
            throw new ArgumentOutOfRangeException(nameof(totalEvents), totalEvents, "the whole needs at least one event and some exposure");
        var used = segments.Where(s => s.Exposure > 0).ToArray();
        if (used.Any(s => s.Events < 0 || s.Exposure > totalExposure * (1 + 1e-9)))
            throw new ArgumentException("a segment has negative events or more exposure than the whole", nameof(segments));
        if (used.Length < 2) throw new ArgumentException("Shrinkage needs at least two segments with exposure.", nameof(segments));
        var mean = totalEvents / totalExposure;
        double weighted = 0, weights = 0;
        foreach (var (d, e) in used)
        {
            var excess = Math.Pow(d / e - mean, 2) - mean * (1 / e - 1 / totalExposure);
            weighted += e * excess;
            weights += e;
        }
        var tau2 = weighted / weights;
        return tau2 > 0
            ? new GammaPrior(mean * mean / tau2, mean / tau2, string.Create(CultureInfo.InvariantCulture, $"method of moments (gamma-Poisson), between-segment variance {tau2:G3}"))
            : new GammaPrior(double.PositiveInfinity, double.PositiveInfinity, "method of moments (gamma-Poisson); no excess variation between segments, so all are pooled") { PooledMean = mean };
    }
}

/// <summary>A Gamma(shape, rate) prior of event rates; its rate is a pseudo-exposure, its mean the rate shrunk toward.</summary>
/// <param name="Shape">Prior shape (pseudo-events).</param>
/// <param name="Strength">Prior rate parameter b (pseudo-exposure): a segment with this much exposure moves halfway.</param>
/// <param name="Fit">How it was obtained, in words.</param>
public sealed record GammaPrior(double Shape, double Strength, string Fit)
{
    /// <summary>The rate shrunk toward when the prior is fully pooled (infinite strength); otherwise unused.</summary>
    public double PooledMean { get; init; } = double.NaN;

    /// <summary>The rate shrunk toward: Shape / Strength.</summary>
    public double Mean => double.IsPositiveInfinity(Strength) ? PooledMean : Shape / Strength;

    /// <summary>Posterior mean rate (events + shape) / (exposure + strength); the prior's mean when fully pooled.</summary>
    public double Shrink(int events, double exposure) => double.IsPositiveInfinity(Strength) ? Mean : (events + Shape) / (exposure + Strength);

    /// <summary>The weight a segment's own data gets: exposure / (exposure + strength), from 0 (no data) toward 1.</summary>
    public double Weight(double exposure) => exposure <= 0 || double.IsPositiveInfinity(Strength) ? 0 : exposure / (exposure + Strength);

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"Gamma({Shape:G4}, {Strength:G4}), mean {Mean:G4} ({Fit})");
}
