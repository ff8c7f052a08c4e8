using System.Text;
using IcpKit.Loading.Events;

namespace IcpKit.Tests.Loading.Events;

/// <summary>The hand-written ISO 8601 reader against .NET's own parser.</summary>
public class Utf8TimestampTests
{
    [Theory]
    [InlineData("2025-03-01T14:05:00Z")]
    [InlineData("2025-03-01t14:05:00z")]
    [InlineData("2025-03-01 14:05:00Z")]
    [InlineData("2025-03-01T14:05Z")]
    [InlineData("2025-03-01T14:05:00.1234567Z")]
    [InlineData("2025-03-01T14:05:00.123456789Z")]
    [InlineData("2025-03-01T14:05:00+02:00")]
    [InlineData("2025-03-01T14:05:00-0330")]
    [InlineData("2025-03-01T00:05:00+14")]
    [InlineData("2024-02-29T23:59:59.5-01:00")]
    public void TryParseIso_ZonedTimestamp_MatchesDateTimeOffsetParse(string text)
    {
        Assert.True(Utf8Timestamp.TryParseIso(Encoding.UTF8.GetBytes(text), out var ticks));
        var expected = DateTimeOffset.Parse(text.Replace("z", "Z", StringComparison.Ordinal).Replace("t", "T", StringComparison.Ordinal),
            System.Globalization.CultureInfo.InvariantCulture).UtcTicks;
        // .NET keeps 7 fraction digits; a longer fraction is truncated here and rounded there.
        Assert.Equal(expected / 10, ticks / 10);
    }

    [Theory]
    [InlineData("2025-02-29T10:00:00Z")]
    [InlineData("2025-03-01T24:00:00Z")]
    [InlineData("2025-03-01T14:05:00.Z")]
    [InlineData("2025-03-01T14:05:00Z ")]
    [InlineData("2025-03-01T14:05:00+2:00")]
    [InlineData("25-03-01T14:05:00Z")]
    public void TryParseIso_Malformed_IsRejected(string text) =>
        Assert.False(Utf8Timestamp.TryParseIso(Encoding.UTF8.GetBytes(text), out _));

    [Theory]
    [InlineData("2025-03-01T14:05:00", 2025, 3, 1, 14, 5)]
    [InlineData("2025-03-01 14:05", 2025, 3, 1, 14, 5)]
    [InlineData("2025-03-01", 2025, 3, 1, 0, 0)]
    public void TryParseIso_NoZone_ReadsAsUtc(string text, int y, int mo, int d, int h, int mi)
    {
        Assert.True(Utf8Timestamp.TryParseIso(Encoding.UTF8.GetBytes(text), out var ticks));
        Assert.Equal(new DateTime(y, mo, d, h, mi, 0, DateTimeKind.Utc).Ticks, ticks);
    }
}
