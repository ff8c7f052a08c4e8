using System.Text;

namespace IcpKit.Benchmarks;

/// <summary>
/// Writes a canonical events.csv (account_id,user_id,occurred_at,event with ISO-Z timestamps) from a seed:
/// same arguments, same bytes. A stand-in until <c>icpkit generate</c> scales to benchmark sizes: accounts
/// differ a lot in activity (log-normal), each has its own users and its own active period within three years.
/// </summary>
internal static class SeededEventsWriter
{
    private static readonly (string Name, int Weight)[] Events =
    [
        ("login", 30), ("view_dashboard", 25), ("api_call", 15), ("comment", 10), ("create_report", 8),
        ("invite_user", 4), ("export_report", 5), ("integration_connected", 3),
    ];

    public static void Write(string path, long events, int accounts, int seed)
    {
        var random = new Random(seed);
        var cumulative = new double[accounts];
        var users = new int[accounts];
        var startDay = new int[accounts];
        var spanDays = new int[accounts];
        var origin = new DateOnly(2023, 7, 1).DayNumber;
        const int window = 3 * 365;
        double total = 0;
        for (var a = 0; a < accounts; a++)
        {
            var activity = Math.Exp(NextGaussian(random) * 1.2);
            total += activity;
            cumulative[a] = total;
            users[a] = 1 + (int)Math.Min(60, activity * 4 * random.NextDouble() + random.Next(3));
            startDay[a] = origin + random.Next(window - 30);
            spanDays[a] = 30 + random.Next(origin + window - startDay[a] - 29);
        }

        var eventBytes = Events.Select(e => Encoding.ASCII.GetBytes(e.Name)).ToArray();
        var eventCumulative = new int[Events.Length];
        var weights = 0;
        for (var e = 0; e < Events.Length; e++)
        {
            weights += Events[e].Weight;
            eventCumulative[e] = weights;
        }

        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        stream.Write("account_id,user_id,occurred_at,event\n"u8);
        var line = new byte[128];
        for (long i = 0; i < events; i++)
        {
            var a = Array.BinarySearch(cumulative, random.NextDouble() * total);
            a = a < 0 ? Math.Min(~a, accounts - 1) : a;
            var n = 0;
            line[n++] = (byte)'A';
            n = Digits(line, n, a, 6);
            line[n++] = (byte)',';
            line[n++] = (byte)'U';
            n = Digits(line, n, (a * 64) + random.Next(users[a]), 8);
            line[n++] = (byte)',';
            var day = DateOnly.FromDayNumber(startDay[a] + random.Next(spanDays[a]));
            var second = random.Next(86400);
            n = Digits(line, n, day.Year, 4);
            line[n++] = (byte)'-';
            n = Digits(line, n, day.Month, 2);
            line[n++] = (byte)'-';
            n = Digits(line, n, day.Day, 2);
            line[n++] = (byte)'T';
            n = Digits(line, n, second / 3600, 2);
            line[n++] = (byte)':';
            n = Digits(line, n, second / 60 % 60, 2);
            line[n++] = (byte)':';
            n = Digits(line, n, second % 60, 2);
            line[n++] = (byte)'Z';
            line[n++] = (byte)',';
            var pick = random.Next(weights);
            var ev = Array.FindIndex(eventCumulative, c => pick < c);
            eventBytes[ev].CopyTo(line, n);
            n += eventBytes[ev].Length;
            line[n++] = (byte)'\n';
            stream.Write(line, 0, n);
        }
    }

    private static int Digits(byte[] line, int at, int value, int width)
    {
        for (var k = width - 1; k >= 0; k--)
        {
            line[at + k] = (byte)('0' + (value % 10));
            value /= 10;
        }

        return at + width;
    }

    private static double NextGaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
