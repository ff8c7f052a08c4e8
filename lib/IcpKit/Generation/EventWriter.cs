using System.Globalization;
using System.Text;

namespace IcpKit.Generation;

/// <summary>
/// Streams events.csv: one customer at a time, formatted straight into ASCII bytes, so tens of millions of
/// rows cost a buffer, not memory per row.
/// </summary>
internal static class EventWriter
{
    private static readonly string[] Names =
        ["login", "view_dashboard", "create_project", "run_report", "invite_user", "update_settings",
         SampleWorld.ActivationEvent, SampleWorld.HighValueEvent];
    private const int Activation = 6, HighValue = 7;
    private static readonly byte[][] NameBytes = [.. Names.Select(n => Encoding.ASCII.GetBytes(n))];

    // Event mixes (weights by Names index): before activation, after it, and once the high-value event is known.
    private static readonly double[] BeforeActivation = [45, 30, 15, 0, 6, 4, 0, 0];
    private static readonly double[] Activated = [30, 25, 12, 16, 3, 4, 3, 0];
    private static readonly double[] HighValueKnown = [28, 23, 11, 15, 3, 4, 3, 9];

    private const long SecondsPerDay = 86_400;

    /// <summary>User ids are global (an account's users are consecutive numbers), e.g. U0001203.</summary>
    public static string UserId(int accountIndex, int user) =>
        "U" + ((long)(accountIndex + 1) * 100 + user).ToString("D8", CultureInfo.InvariantCulture);

    public static long Write(string path, SimAccount[] accounts, SampleExportOptions o, DateOnly asOf)
    {
        var customers = accounts.Where(a => a.WonOn is { } w && w <= asOf).ToArray();
        var counts = Allocate(customers, o.EffectiveEvents, asOf);

        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.SequentialScan);
        var output = new AsciiBuffer(file);
        output.Append("account_id,user_id,occurred_at,event\n"u8);
        long written = 0;
        long[] stamps = new long[1024];
        byte[] names = new byte[1024];
        Span<byte> acc = stackalloc byte[8];
        for (int i = 0; i < customers.Length; i++)
        {
            int c = counts[i];
            if (c == 0) continue;
            if (stamps.Length < c) { stamps = new long[c]; names = new byte[c]; }
            Draw(customers[i], o, asOf, stamps.AsSpan(0, c), names.AsSpan(0, c), out var users);
            var a = customers[i];
            Encoding.ASCII.GetBytes(a.Id, acc);
            acc[7] = (byte)',';
            for (int k = 0; k < c; k++)
            {
                output.Append(acc);
                output.AppendUser(a.Index, users[k]);
                output.AppendTimestamp(stamps[k]);
                output.Append(NameBytes[names[k]]);
                output.Append((byte)'\n');
            }
            written += c;
        }
        output.Flush();
        return written;
    }

    /// <summary>Splits the total over customers in proportion to lifetime, users and intensity, summing exactly to the total.</summary>
    private static int[] Allocate(SimAccount[] customers, long total, DateOnly asOf)
    {
        var weights = new double[customers.Length];
        double sum = 0;
        for (int i = 0; i < customers.Length; i++)
        {
            var a = customers[i];
            int days = End(a, asOf).DayNumber - a.WonOn!.Value.DayNumber;
            weights[i] = days * Math.Pow(a.Users, 0.7) * a.Intensity;
            sum += weights[i];
        }
        var counts = new int[customers.Length];
        if (sum <= 0 || total == 0) return counts;
        double cum = 0;
        long before = 0;
        for (int i = 0; i < customers.Length; i++)
        {
            cum += weights[i];
            long upTo = i == customers.Length - 1 ? total : (long)Math.Floor(total * (cum / sum));
            counts[i] = checked((int)(upTo - before));
            before = upTo;
        }
        return counts;
    }

    /// <summary>First day with no events: churn day, or the day after the snapshot.</summary>
    private static DateOnly End(SimAccount a, DateOnly asOf) => a.ChurnOn is { } c && c <= asOf ? c : asOf.AddDays(1);

    private static void Draw(SimAccount a, SampleExportOptions o, DateOnly asOf, Span<long> stamps, Span<byte> names, out int[] users)
    {
        var r = SeededRandom.For(o.Seed, a.Index, 5);
        long startDay = a.WonOn!.Value.DayNumber;
        int span = (int)(End(a, asOf).DayNumber - startDay);
        for (int k = 0; k < stamps.Length; k++)
        {
            int day = r.Next(span);
            // Mostly weekdays (DayNumber 0 was a Monday, so 5 and 6 are the weekend).
            if ((startDay + day) % 7 >= 5 && r.Chance(0.85)) day = r.Next(span);
            long second = (long)Math.Clamp(Math.Round((13.5 + 2.8 * r.Normal()) * 3600), 0, SecondsPerDay - 1);
            stamps[k] = (startDay + day) * SecondsPerDay + second;
        }
        stamps.Sort();

        long activation = Stamp(startDay, a.ActivationDays);
        long highValue = Stamp(startDay, a.HighValueDays);
        int activationAt = FirstAtOrAfter(stamps, activation);
        int highValueAt = FirstAtOrAfter(stamps, highValue);
        if (highValueAt == activationAt) highValueAt++;
        users = new int[stamps.Length];
        for (int k = 0; k < stamps.Length; k++)
        {
            // The first user (the admin who set it up) is the busiest.
            double u = r.NextDouble();
            users[k] = k == 0 ? 0 : (int)(a.Users * u * u);
            names[k] = k == activationAt ? (byte)Activation
                : k == highValueAt ? (byte)HighValue
                : (byte)r.PickWeighted(k < activationAt ? BeforeActivation : k < highValueAt ? Activated : HighValueKnown);
        }
    }

    private static long Stamp(long startDay, double days) =>
        double.IsInfinity(days) ? long.MaxValue : startDay * SecondsPerDay + (long)(days * SecondsPerDay);

    private static int FirstAtOrAfter(ReadOnlySpan<long> sorted, long value)
    {
        if (value == long.MaxValue) return int.MaxValue;
        int i = sorted.BinarySearch(value);
        if (i < 0) i = ~i;
        while (i > 0 && sorted[i - 1] == value) i--;
        return i < sorted.Length ? i : int.MaxValue;
    }

    /// <summary>A byte buffer over a stream with the few formatters events need.</summary>
    private sealed class AsciiBuffer(Stream stream)
    {
        private readonly byte[] _buffer = new byte[1 << 20];
        private int _used;
        private long _cachedDay = -1;
        private readonly byte[] _dayText = new byte[11];

        private Span<byte> Reserve(int n)
        {
            if (_used + n > _buffer.Length) Flush();
            return _buffer.AsSpan(_used, n);
        }

        public void Append(ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(Reserve(bytes.Length));
            _used += bytes.Length;
        }

        public void Append(byte b)
        {
            Reserve(1)[0] = b;
            _used++;
        }

        /// <summary>"U" + 8 digits + ",".</summary>
        public void AppendUser(int accountIndex, int user)
        {
            var s = Reserve(10);
            s[0] = (byte)'U';
            Digits(s.Slice(1, 8), (accountIndex + 1L) * 100 + user);
            s[9] = (byte)',';
            _used += 10;
        }

        /// <summary>"yyyy-MM-ddTHH:mm:ssZ,"; the date part is cached because an account's events cluster in days.</summary>
        public void AppendTimestamp(long seconds)
        {
            long day = seconds / SecondsPerDay;
            if (day != _cachedDay)
            {
                var d = DateOnly.FromDayNumber((int)day);
                Digits(_dayText.AsSpan(0, 4), d.Year);
                _dayText[4] = (byte)'-';
                Digits(_dayText.AsSpan(5, 2), d.Month);
                _dayText[7] = (byte)'-';
                Digits(_dayText.AsSpan(8, 2), d.Day);
                _dayText[10] = (byte)'T';
                _cachedDay = day;
            }
            var s = Reserve(21);
            _dayText.CopyTo(s);
            long sod = seconds - day * SecondsPerDay;
            Digits(s.Slice(11, 2), sod / 3600);
            s[13] = (byte)':';
            Digits(s.Slice(14, 2), sod / 60 % 60);
            s[16] = (byte)':';
            Digits(s.Slice(17, 2), sod % 60);
            s[19] = (byte)'Z';
            s[20] = (byte)',';
            _used += 21;
        }

        private static void Digits(Span<byte> into, long value)
        {
            for (int i = into.Length - 1; i >= 0; i--)
            {
                into[i] = (byte)('0' + value % 10);
                value /= 10;
            }
        }

        public void Flush()
        {
            stream.Write(_buffer, 0, _used);
            _used = 0;
        }
    }
}
