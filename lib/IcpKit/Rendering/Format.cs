using System.ComponentModel;
using System.Reflection;
using System.Globalization;
using System.Text;

namespace IcpKit.Rendering;

/// <summary>
/// The one number style every renderer uses (HTML tables, text tables, result texts, the command line):
/// shares as percentages, thousands separators, NPS in whole points, one p-value style, intervals, and
/// "too few to estimate" where a value could not be computed. JSON output does not go through here: it keeps
/// full precision.
/// </summary>
/// <remarks>
/// Examples: <c>Format.Percent(0.3615)</c> is "36.2%", <c>Format.Number(99000)</c> is "99,000",
/// <c>Format.P(4.4e-16)</c> is "&lt; 0.0001", <c>Format.P(0.0004602)</c> is "0.00046", <c>Format.Nps(36.8421)</c> is "37",
/// <c>Format.Number(double.NaN)</c> is "too few to estimate".
/// </remarks>
public static class Format
{
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>What a reader sees where a value could not be computed (NaN, an infinite bound).</summary>
    public const string TooFew = "too few to estimate";

    /// <summary>What a reader sees in a p-value cell where no test was run.</summary>
    public const string NotTested = "not tested";

    /// <summary>The smallest p-value written as a number; smaller ones show as "&lt; 0.0001".</summary>
    public const double SmallestP = 0.0001;

    /// <summary>True when <paramref name="value"/> is a finite number (neither NaN nor infinite).</summary>
    public static bool IsFinite(double value) => double.IsFinite(value);

    /// <summary>
    /// A number for a reader: thousands separators, no more decimals than its size warrants
    /// (whole from 100 up, two decimals below, two significant digits below 0.1); "too few to estimate" when not finite.
    /// </summary>
    /// <remarks>1234567.8 → "1,234,568"; 131.25 → "131"; 36.8421 → "36.84"; 0.8712 → "0.87"; 0.04567 → "0.046"; 0 → "0".</remarks>
    public static string Number(double value)
    {
        if (!double.IsFinite(value)) return TooFew;
        var abs = Math.Abs(value);
        if (abs >= 100) return value.ToString("#,0", Inv);
        if (abs >= 1 || abs == 0) return value.ToString("#,0.##", Inv);
        if (abs >= 0.1) return value.ToString("0.##", Inv);
        if (abs >= 0.001) return value.ToString("G2", Inv);
        // Tiny values in fixed notation with two significant digits (0.000415 → "0.00042"), never scientific.
        if (abs < 1e-6) return value < 0 ? "> -0.000001" : "< 0.000001";
        return ((decimal)double.Parse(value.ToString("G2", Inv), NumberStyles.Float, Inv)).ToString(Inv);
    }

    /// <summary>A number with exactly <paramref name="decimals"/> decimals and thousands separators; "too few to estimate" when not finite.</summary>
    public static string Fixed(double value, int decimals) =>
        double.IsFinite(value) ? value.ToString("#,0" + (decimals > 0 ? "." + new string('0', decimals) : ""), Inv) : TooFew;

    /// <summary>A count with thousands separators: 99000 → "99,000".</summary>
    public static string Count(long value) => value.ToString("#,0", Inv);

    /// <summary>A share (0 to 1) as a percentage with <paramref name="decimals"/> decimals: 0.3615 → "36.2%".</summary>
    public static string Percent(double share, int decimals = 1) =>
        double.IsFinite(share) ? (share * 100).ToString("#,0" + (decimals > 0 ? "." + new string('0', decimals) : ""), Inv) + "%" : TooFew;

    /// <summary>A difference of two shares in percentage points, signed: 0.123 → "+12.3 pts".</summary>
    public static string Points(double difference) =>
        double.IsFinite(difference) ? (difference * 100).ToString("+#,0.0;-#,0.0;0.0", Inv) + " pts" : TooFew;

    /// <summary>An NPS (-100 to 100) in whole points: 36.8421 → "37".</summary>
    public static string Nps(double nps) => double.IsFinite(nps) ? Math.Round(nps, MidpointRounding.AwayFromZero).ToString("+#,0;-#,0;0", Inv).TrimStart('+') : TooFew;

    /// <summary>Days, whole: 41.6 → "42".</summary>
    public static string Days(double days) => double.IsFinite(days) ? Math.Round(days, MidpointRounding.AwayFromZero).ToString("#,0", Inv) : TooFew;

    /// <summary>An amount of money in the export's currency, whole, with thousands separators: 12345.6 → "12,346".</summary>
    /// <remarks>Exports do not say their currency, so none is written; every amount (MRR, spend, CAC, lifetime value) reads this way.</remarks>
    public static string Money(double amount) => double.IsFinite(amount) ? Math.Round(amount, MidpointRounding.AwayFromZero).ToString("#,0", Inv) : TooFew;

    /// <summary>Months with one decimal: 7.345 → "7.3 months"; "too few to estimate" when not finite.</summary>
    public static string Months(double months) => double.IsFinite(months) ? months.ToString("#,0.0", Inv) + " months" : TooFew;

    /// <summary>A ratio such as a lift or hazard ratio, two decimals: 2.4512 → "2.45".</summary>
    public static string Ratio(double ratio) => double.IsFinite(ratio) ? ratio.ToString("#,0.00", Inv) : TooFew;

    /// <summary>
    /// A p-value: two significant digits, "&lt; 0.0001" below that, "not tested" when there is none (NaN).
    /// </summary>
    /// <remarks>0.83571 → "0.84"; 0.0629 → "0.063"; 0.0004602 → "0.00046"; 4.4e-16 → "&lt; 0.0001"; 1 → "1".</remarks>
    public static string P(double p)
    {
        if (double.IsNaN(p)) return NotTested;
        if (p < SmallestP) return "< " + SmallestP.ToString("0.####", Inv);
        var rounded = double.Parse(p.ToString("G2", Inv), NumberStyles.Float, Inv);
        return rounded.ToString("0.#####", Inv);
    }

    /// <summary>"p = 0.063", "p &lt; 0.0001" or "p not tested", with <paramref name="label"/> in place of "p".</summary>
    public static string PClause(double p, string label = "p") =>
        double.IsNaN(p) ? label + " not tested" : p < SmallestP ? label + " " + P(p) : label + " = " + P(p);

    /// <summary>
    /// An interval "[lower, upper]" with each bound written by <paramref name="bound"/> (default <see cref="Number"/>);
    /// "too few to estimate" when either bound is NaN or infinite.
    /// </summary>
    public static string Interval(double lower, double upper, Func<double, string>? bound = null)
    {
        if (!double.IsFinite(lower) || !double.IsFinite(upper)) return TooFew;
        bound ??= Number;
        return "[" + bound(lower) + ", " + bound(upper) + "]";
    }

    /// <summary>An interval of shares as percentages: "[30.1%, 39.2%]".</summary>
    public static string PercentInterval(double lower, double upper, int decimals = 1) =>
        Interval(lower, upper, v => Percent(v, decimals));

    /// <summary>
    /// An identifier in words: an enum value or a PascalCase / snake_case name becomes lower-case words
    /// ("NeverWon" → "never won", "open_deals" → "open deals"). Acronyms stay ("ICP" stays "ICP").
    /// </summary>
    public static string Words(string identifier)
    {
        if (string.IsNullOrEmpty(identifier)) return identifier;
        if (IsDealTrait(identifier)) return Trait(identifier);
        var sb = new StringBuilder(identifier.Length + 8);
        for (var i = 0; i < identifier.Length; i++)
        {
            var c = identifier[i];
            if (c == '_') { sb.Append(' '); continue; }
            var upperRun = i + 1 < identifier.Length && char.IsUpper(identifier[i + 1]);
            if (char.IsUpper(c) && i > 0 && identifier[i - 1] != '_'
                && (char.IsLower(identifier[i - 1]) || (!upperRun && i + 1 < identifier.Length && char.IsLower(identifier[i + 1]))))
                sb.Append(' ');
            // Lower-case a capital unless it belongs to an acronym (two capitals in a row).
            var inAcronym = char.IsUpper(c) && (upperRun || (i > 0 && char.IsUpper(identifier[i - 1]))) && !(i + 1 < identifier.Length && char.IsLower(identifier[i + 1]));
            sb.Append(inAcronym ? c : char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    /// <summary>
    /// A trait's name as a title or heading shows it: a deal trait in words with whose it is (<c>deal.product_series</c> →
    /// "product series (deal)"), so it never reads as an identifier nor as the account trait of the same name; an account
    /// trait as named (<c>industry</c>). Null stays null.
    /// </summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(name))]
    public static string? Trait(string? name) =>
        name is not null && IsDealTrait(name) ? Words(name[DealPrefix.Length..]) + " (deal)" : name;

    // Model.Deal.TraitPrefix; spelled here because formatting depends on no domain namespace.
    private const string DealPrefix = "deal.";

    private static bool IsDealTrait(string name) => name.StartsWith(DealPrefix, StringComparison.Ordinal) && name.Length > DealPrefix.Length;

    /// <summary>An enum value in words: its <see cref="DescriptionAttribute"/> when it has one, else <see cref="Words(string)"/> of its name.</summary>
    public static string Words(Enum value)
    {
        var name = value.ToString();
        return value.GetType().GetField(name)?.GetCustomAttribute<DescriptionAttribute>()?.Description ?? Words(name);
    }
}
