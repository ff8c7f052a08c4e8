using System.Collections.Immutable;
using System.Globalization;

namespace IcpKit.Loading;

/// <summary>Culture-invariant parsing of the values an export holds, as the project file configures it.</summary>
/// <param name="DateFormats">Formats tried in order after ISO 8601.</param>
/// <param name="DecimalSeparator">'.' or ','; the other one is accepted as a thousands separator.</param>
/// <param name="ListSeparator">Separator of list values such as tech_stack.</param>
public sealed record ValueParsing(ImmutableArray<string> DateFormats, char DecimalSeparator, char ListSeparator)
{
    private static readonly string[] IsoDateTimes =
    [
        "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm",
    ];

    private NumberFormatInfo Numbers { get; } = new()
    {
        NumberDecimalSeparator = DecimalSeparator.ToString(),
        NumberGroupSeparator = DecimalSeparator == ',' ? "." : ",",
    };

    /// <summary>The earliest date an export may hold: older ones are placeholders (0001-01-01) or typos.</summary>
    public static DateOnly EarliestDate { get; } = new(1900, 1, 1);

    /// <summary>The latest date an export may hold: later ones are placeholders such as 9999-12-31 ("never").</summary>
    /// <remarks>Analyses add windows of days, months and years to dates; keeping every date in this range keeps that arithmetic in range too.</remarks>
    public static DateOnly LatestDate { get; } = new(2199, 12, 31);

    /// <summary>True when <paramref name="date"/> lies between <see cref="EarliestDate"/> and <see cref="LatestDate"/>.</summary>
    public static bool InRange(DateOnly date) => date >= EarliestDate && date <= LatestDate;

    /// <summary>What a date out of range was expected to be, for messages.</summary>
    public static string RangeExpected =>
        $"a date from {EarliestDate:yyyy-MM-dd} to {LatestDate:yyyy-MM-dd} (dates such as 0001-01-01 or 9999-12-31 are placeholders: leave the cell empty)";

    /// <summary>A date: ISO 8601 first (a date-time keeps its date), then the configured formats in order.</summary>
    public bool TryDate(string text, out DateOnly date)
    {
        var s = text.Trim();
        if (DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return true;
        }
        if (TryTimestamp(s, out var at))
        {
            date = DateOnly.FromDateTime(at);
            return true;
        }
        date = default;
        return false;
    }

    /// <summary>A timestamp in UTC: ISO 8601 (offsets converted to UTC) or a configured format (read as UTC).</summary>
    public bool TryTimestamp(string text, out DateTime at)
    {
        var s = text.Trim();
        const DateTimeStyles Utc = DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal;
        if (DateTime.TryParseExact(s, IsoDateTimes, CultureInfo.InvariantCulture, Utc, out at)
            || DateTime.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, Utc, out at))
        {
            return true;
        }
        foreach (var format in DateFormats)
        {
            if (DateTime.TryParseExact(s, format, CultureInfo.InvariantCulture, Utc, out at))
            {
                return true;
            }
        }
        at = default;
        return false;
    }

    /// <summary>A decimal number; a leading currency symbol and surrounding spaces are ignored.</summary>
    public bool TryDecimal(string text, out decimal value)
    {
        var s = text.Trim().TrimStart('$', '€', '£').Trim();
        return decimal.TryParse(s, NumberStyles.Float | NumberStyles.AllowThousands, Numbers, out value);
    }

    /// <summary>A whole number; "12.0" is accepted (spreadsheets write integers that way).</summary>
    public bool TryInt(string text, out int value)
    {
        if (TryDecimal(text, out var d) && d == decimal.Truncate(d) && d >= int.MinValue && d <= int.MaxValue)
        {
            value = (int)d;
            return true;
        }
        value = 0;
        return false;
    }

    /// <summary>The members of a list value, trimmed, blanks dropped.</summary>
    public ImmutableArray<string> List(string text) =>
        [.. text.Split(ListSeparator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
}
