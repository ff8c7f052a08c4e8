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

    /// <summary>Reads like "[0.1234, 0.5678] (95%)".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"[{Fmt.G(Lower)}, {Fmt.G(Upper)}] ({Level * 100:0.##}%)");
}

/// <summary>Invariant-culture number formatting shared by the result records' <c>ToString()</c>.</summary>
internal static class Fmt
{
    /// <summary>Four significant digits, "NaN"/"Inf" spelled out.</summary>
    public static string G(double value) => value switch
    {
        double.PositiveInfinity => "Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("G4", CultureInfo.InvariantCulture),
    };

    /// <summary>A p-value: four significant digits, or "&lt; 1e-16" below double precision's reach.</summary>
    public static string P(double p) => double.IsNaN(p) ? "n/a" : p < 1e-16 ? "< 1e-16" : G(p);

    /// <summary>"p = 0.01234", "p &lt; 1e-16" or "p = n/a", with <paramref name="label"/> in place of "p".</summary>
    public static string PClause(double p, string label = "p") =>
        !double.IsNaN(p) && p < 1e-16 ? label + " < 1e-16" : label + " = " + P(p);

    /// <summary>A rate as a percentage with one decimal.</summary>
    public static string Pct(double rate) =>
        double.IsNaN(rate) ? "NaN" : (rate * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>Checks a confidence level is strictly between 0 and 1.</summary>
    public static void CheckLevel(double level, string paramName)
    {
        if (!(level > 0 && level < 1))
            throw new ArgumentOutOfRangeException(paramName, level, "A confidence level must lie strictly between 0 and 1.");
    }
}
