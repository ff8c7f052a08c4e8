using System.Globalization;
using System.Text;

namespace IcpKit.Loading.Events;

/// <summary>
/// Parses event timestamps straight from UTF-8 bytes to UTC ticks: ISO 8601 by hand (an offset is converted to
/// UTC, no zone reads as UTC, as elsewhere in the loader), since it is what nearly every
/// event log carries and parsing it without a string is much of the import's speed; then the mapping's own
/// formats, read as UTC, with the invariant culture.
/// </summary>
internal sealed class Utf8Timestamp(IReadOnlyList<string> formats)
{
    private readonly string[] _formats = [.. formats];

    /// <summary>Tries to read <paramref name="text"/> as a UTC instant.</summary>
    public bool TryParse(ReadOnlySpan<byte> text, out long utcTicks) =>
        TryParseIso(text, out utcTicks) || TryParseFormats(text, out utcTicks);

    /// <summary>yyyy-MM-dd, or yyyy-MM-dd(T| )HH:mm[:ss[(.|,)fraction]][Z|±HH[:]MM|±HH] with any number of fraction digits.</summary>
    internal static bool TryParseIso(ReadOnlySpan<byte> s, out long utcTicks)
    {
        utcTicks = 0;
        if (s.Length == 10 && s[4] == '-' && s[7] == '-' && Digits(s, 0, 4, out var y) && Digits(s, 5, 2, out var m) && Digits(s, 8, 2, out var d)
            && y >= 1 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m))
        {
            utcTicks = new DateOnly(y, m, d).DayNumber * TimeSpan.TicksPerDay;
            return true;
        }

        if (s.Length < 16 || s[4] != '-' || s[7] != '-' || s[13] != ':' || s[10] is not ((byte)'T' or (byte)'t' or (byte)' '))
        {
            return false;
        }

        if (!Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)
            || !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute))
        {
            return false;
        }

        var i = 16;
        var second = 0;
        long fraction = 0;
        if (i < s.Length && s[i] == ':')
        {
            if (!Digits(s, i + 1, 2, out second))
            {
                return false;
            }

            i += 3;
            if (i < s.Length && s[i] is (byte)'.' or (byte)',')
            {
                i++;
                var start = i;
                long scale = TimeSpan.TicksPerSecond;
                while (i < s.Length && (uint)(s[i] - '0') <= 9)
                {
                    if (scale > 1)
                    {
                        scale /= 10;
                        fraction += (s[i] - '0') * scale;
                    }

                    i++;
                }

                if (i == start)
                {
                    return false;
                }
            }
        }

        if (month is < 1 or > 12 || day < 1 || year < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        long offsetTicks;
        var sign = i < s.Length ? s[i] : (byte)'Z';
        if (i == s.Length)
        {
            offsetTicks = 0;
        }
        else if (sign is (byte)'Z' or (byte)'z')
        {
            offsetTicks = 0;
            i++;
        }
        else if (sign is (byte)'+' or (byte)'-')
        {
            if (!Digits(s, i + 1, 2, out var offHours))
            {
                return false;
            }

            i += 3;
            var offMinutes = 0;
            if (i < s.Length)
            {
                if (s[i] == ':')
                {
                    i++;
                }

                if (!Digits(s, i, 2, out offMinutes))
                {
                    return false;
                }

                i += 2;
            }

            if (offHours > 14 || offMinutes > 59)
            {
                return false;
            }

            offsetTicks = (offHours * TimeSpan.TicksPerHour + offMinutes * TimeSpan.TicksPerMinute) * (sign == '-' ? -1 : 1);
        }
        else
        {
            return false;
        }

        if (i != s.Length)
        {
            return false;
        }

        var local = new DateOnly(year, month, day).DayNumber * TimeSpan.TicksPerDay + hour * TimeSpan.TicksPerHour
            + minute * TimeSpan.TicksPerMinute + second * TimeSpan.TicksPerSecond + fraction;
        utcTicks = local - offsetTicks;
        return utcTicks >= 0 && utcTicks <= DateTime.MaxValue.Ticks;
    }

    private bool TryParseFormats(ReadOnlySpan<byte> text, out long utcTicks)
    {
        utcTicks = 0;
        if (_formats.Length == 0 || text.Length > 256)
        {
            return false;
        }

        var s = Encoding.UTF8.GetString(text);
        const DateTimeStyles styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal | DateTimeStyles.AllowWhiteSpaces;
        if (!DateTime.TryParseExact(s, _formats, CultureInfo.InvariantCulture, styles, out var value))
        {
            return false;
        }

        utcTicks = value.Ticks;
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> s, int at, int count, out int value)
    {
        value = 0;
        if (at + count > s.Length)
        {
            return false;
        }

        for (var k = at; k < at + count; k++)
        {
            var d = (uint)(s[k] - '0');
            if (d > 9)
            {
                return false;
            }

            value = value * 10 + (int)d;
        }

        return true;
    }
}
