using IcpKit.Loading;
using IcpKit.Metrics;
using IcpKit.Model;

namespace IcpKit.Customers;

/// <summary>Orders a trait's groups the way a reader expects: bands low to high, labels alphabetically, "(missing)" last.</summary>
internal static class Groups
{
    public static IEnumerable<string> Ordered(TraitInfo trait, IEnumerable<string> groups)
    {
        var rank = trait.Kind == TraitKind.Number
            ? trait.Bands.Select((b, i) => (b.Label, i)).ToDictionary(x => x.Label, x => x.i + 1, StringComparer.Ordinal)
            : new Dictionary<string, int>(StringComparer.Ordinal);
        return groups.Distinct(StringComparer.Ordinal)
            .OrderBy(g => g == Segmentation.MissingGroup ? int.MaxValue : rank.GetValueOrDefault(g, 0))
            .ThenBy(g => g, StringComparer.Ordinal);
    }

    /// <summary>The median (R's type 7 quantile) of a non-empty sample; NaN when empty.</summary>
    public static double Quantile(IReadOnlyCollection<double> values, double tau) =>
        values.Count == 0 ? double.NaN : MathNet.Numerics.Statistics.Statistics.QuantileCustom(values, tau, MathNet.Numerics.Statistics.QuantileDefinition.R7);
}
