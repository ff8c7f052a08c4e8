using System.Globalization;
using IcpKit.Statistics;
using Microsoft.Data.Analysis;

namespace IcpKit.WinLoss;

/// <summary>Invariant-culture cell text shared by the win/loss tables.</summary>
internal static class Text
{
    /// <summary>"34.5%", or "" when there is no rate.</summary>
    public static string Pct(double? rate) => rate is { } r && !double.IsNaN(r)
        ? (r * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "";

    /// <summary>"[30.1%, 39.2%]", or "" when undefined.</summary>
    public static string Interval(ConfidenceInterval? ci) => ci is { IsDefined: true } c ? $"[{Pct(c.Lower)}, {Pct(c.Upper)}]" : "";

    /// <summary>A difference of rates in percentage points, signed: "+12.3 pts".</summary>
    public static string Points(double difference) => double.IsNaN(difference) ? ""
        : (difference * 100).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + " pts";

    /// <summary>A p-value with three significant digits, "&lt; 0.001" below that, "" when not tested.</summary>
    public static string P(double p) => double.IsNaN(p) ? "" : p < 0.001 ? "< 0.001" : p.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>"p = 0.012" or "p &lt; 0.001"; <paramref name="label"/> replaces "p".</summary>
    public static string PClause(double p, string label = "p") => p < 0.001 ? label + " < 0.001" : label + " = " + P(p);

    /// <summary>Days, rounded: "42", "" when null or NaN.</summary>
    public static string Days(double? days) => days is { } d && !double.IsNaN(d) ? Math.Round(d).ToString(CultureInfo.InvariantCulture) : "";

    /// <summary>A whole number with thousands separators.</summary>
    public static string Num(double value) => double.IsNaN(value) ? "" : value.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>The three columns of a rate with its interval ("win_rate", "lower", "upper"); NaN where there is no rate.</summary>
    public static DataFrameColumn[] RateColumns(IEnumerable<ProportionEstimate?> rates)
    {
        var r = rates.ToArray();
        return
        [
            new DoubleDataFrameColumn("win_rate", r.Select(x => x?.Estimate ?? double.NaN)),
            new DoubleDataFrameColumn("lower", r.Select(x => x?.Interval.Lower ?? double.NaN)),
            new DoubleDataFrameColumn("upper", r.Select(x => x?.Interval.Upper ?? double.NaN)),
        ];
    }
}
