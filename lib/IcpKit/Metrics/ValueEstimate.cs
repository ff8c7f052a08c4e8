using System.Collections.Immutable;
using IcpKit.Statistics;
using MathNet.Numerics.Random;
using MathNet.Numerics.Statistics;

namespace IcpKit.Metrics;

/// <summary>A money or time figure of one group (lifetime value, payback months, net revenue retention) with a bootstrap interval.</summary>
/// <param name="Group">The group.</param>
/// <param name="N">Customers it rests on.</param>
/// <param name="Estimate">The figure on the data as they are; NaN when the group cannot give one.</param>
/// <param name="Interval">Percentile interval of the replicates (undefined when too few replicates could be computed).</param>
/// <param name="Replicates">The bootstrap replicates in resample order (NaN where a resample could not give one), so two
/// groups' figures can be compared replicate by replicate.</param>
public sealed record ValueEstimate(string Group, int N, double Estimate, ConfidenceInterval Interval, ImmutableArray<double> Replicates)
{
    /// <summary>The bootstrap the value figures use when none is given: 1,000 resamples, seed 1 (each figure refits a curve per resample).</summary>
    public static BootstrapOptions DefaultBootstrap { get; } = new() { Resamples = 1_000, Seed = 1 };

    /// <summary>A figure and its percentile interval from replicates; the interval is undefined when fewer than 95% of them are finite.</summary>
    internal static ValueEstimate From(string group, int n, double estimate, double[] replicates, double confidence)
    {
        var finite = replicates.Where(double.IsFinite).ToArray();
        var interval = ConfidenceInterval.Undefined(confidence);
        if (double.IsFinite(estimate) && finite.Length >= 0.95 * replicates.Length && finite.Length > 0)
        {
            Array.Sort(finite);
            var alpha = (1 - confidence) / 2;
            interval = new ConfidenceInterval(SortedArrayStatistics.QuantileCustom(finite, alpha, QuantileDefinition.R7),
                SortedArrayStatistics.QuantileCustom(finite, 1 - alpha, QuantileDefinition.R7), confidence);
        }
        return new ValueEstimate(group, n, estimate, interval, [.. replicates]);
    }

    /// <summary>Replicates of a statistic over units resampled with replacement, seeded.</summary>
    /// <param name="n">Units.</param>
    /// <param name="statistic">The statistic of a resample, given the indices drawn.</param>
    /// <param name="options">Resamples and seed.</param>
    /// <param name="stream">Added to the seed, so groups resampled one after another do not reuse one stream.</param>
    internal static double[] Replicate(int n, Func<int[], double> statistic, BootstrapOptions options, int stream) =>
        ReplicateMany(n, draw => [statistic(draw)], 1, options, stream)[0];

    /// <summary>Replicates of several statistics computed on the same resamples (figures[k][b]: statistic k on resample b).</summary>
    internal static double[][] ReplicateMany(int n, Func<int[], double[]> statistics, int count, BootstrapOptions options, int stream)
    {
        var figures = Enumerable.Range(0, count).Select(_ => new double[options.Resamples]).ToArray();
        if (n == 0)
        {
            foreach (var f in figures) Array.Fill(f, double.NaN);
            return figures;
        }
        var rng = new Xoshiro256StarStar(options.Seed + stream, threadSafe: false);
        var draw = new int[n];
        for (int b = 0; b < options.Resamples; b++)
        {
            for (int i = 0; i < n; i++) draw[i] = rng.Next(n);
            var values = statistics(draw);
            for (int k = 0; k < count; k++) figures[k][b] = values[k];
        }
        return figures;
    }
}
