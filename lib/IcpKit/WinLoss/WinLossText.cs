using System.Globalization;
using IcpKit.Rendering;
using IcpKit.Statistics;
using Microsoft.Data.Analysis;

namespace IcpKit.WinLoss;

/// <summary>Invariant-culture cell text shared by the win/loss tables.</summary>
internal static class WinLossText
{
    // Blank where a segment has no value: the row's status column says why (e.g. "no deals"). The text itself comes from Format.

    /// <summary>"34.5%", or "" when there is no rate.</summary>
    public static string Pct(double? rate) => rate is { } r && !double.IsNaN(r) ? Format.Percent(r) : "";

    /// <summary>"[30.1%, 39.2%]", or "" when undefined.</summary>
    public static string Interval(ConfidenceInterval? ci) => ci is { IsDefined: true } c ? Format.PercentInterval(c.Lower, c.Upper) : "";

    /// <summary>A difference of rates in percentage points, signed: "+12.3 pts"; "" when undefined.</summary>
    public static string Points(double difference) => double.IsNaN(difference) ? "" : Format.Points(difference);

    /// <summary>Days, rounded: "42", "" when null or NaN.</summary>
    public static string Days(double? days) => days is { } d && !double.IsNaN(d) ? Format.Days(d) : "";

    /// <summary>A whole number with thousands separators; "" when NaN.</summary>
    public static string Num(double value) => double.IsNaN(value) ? "" : Format.Fixed(value, 0);

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
