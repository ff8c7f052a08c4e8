using IcpKit.Rendering;
using System.Globalization;

namespace IcpKit.Statistics;

/// <summary>A two-sided interval for an estimate: confidence (frequentist) or credible (Bayesian).</summary>
/// <param name="Lower">Lower bound; may be <see cref="double.NegativeInfinity"/> or 0 for one-sided edges.</param>
/// <param name="Upper">Upper bound; may be <see cref="double.PositiveInfinity"/> (e.g. an odds ratio with a zero cell).</param>
/// <param name="Level">Nominal coverage, e.g. 0.95.</param>
public readonly record struct ConfidenceInterval(double Lower, double Upper, double Level)
{
    /// <summary>An interval that could not be computed (both bounds NaN).</summary>
    public static ConfidenceInterval Undefined(double level) => new(double.NaN, double.NaN, level);

    /// <summary>Upper minus lower.</summary>
    public double Width => Upper - Lower;

    /// <summary>True when both bounds are numbers (infinite bounds count as defined).</summary>
    public bool IsDefined => !double.IsNaN(Lower) && !double.IsNaN(Upper);

    /// <summary>True when <paramref name="value"/> lies within the closed interval.</summary>
    public bool Contains(double value) => value >= Lower && value <= Upper;

    /// <summary>Reads like "[0.123, 0.568] (95%)"; "too few to estimate (95%)" when a bound is not finite.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Format.Interval(Lower, Upper)} ({Level * 100:0.##}%)");
}

/// <summary>Argument checks shared by the statistics results (number formatting lives in <see cref="IcpKit.Rendering.Format"/>).</summary>
internal static class Fmt
{
    /// <summary>Checks a confidence level is strictly between 0 and 1.</summary>
    public static void CheckLevel(double level, string paramName)
    {
        if (!(level > 0 && level < 1))
            throw new ArgumentOutOfRangeException(paramName, level, "A confidence level must lie strictly between 0 and 1.");
    }
}
