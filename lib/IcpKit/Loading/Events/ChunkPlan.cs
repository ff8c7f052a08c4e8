namespace IcpKit.Loading.Events;

/// <summary>
/// Byte ranges of a CSV file, cut just after line breaks, that separate workers read on their own.
/// A cut is a true record boundary when the number of quote characters before it is even (RFC 4180: escaped
/// quotes come in pairs), which <see cref="CutsHold"/> checks from the quotes each range counted.
/// </summary>
internal sealed class ChunkPlan
{
    private const int Window = 64 * 1024;
    private readonly long[] _cuts; // _cuts[0] = 0, _cuts[^1] = file length

    private ChunkPlan(long[] cuts) => _cuts = cuts;

    public int Count => _cuts.Length - 1;

    public (long Start, long End) this[int chunk] => (_cuts[chunk], _cuts[chunk + 1]);

    public static ChunkPlan Single(long length) => new([0, length]);

    /// <summary>Cuts after the first line break past each even share of the file, assuming it is outside quotes.</summary>
    public static ChunkPlan Guess(string path, long length, int chunks) => Build(path, length, chunks, exact: false);

    /// <summary>Cuts after the first line break outside quotes, counting quotes from the start of the file.</summary>
    public static ChunkPlan Exact(string path, long length, int chunks) => Build(path, length, chunks, exact: true);

    /// <summary>True when every cut has an even number of quotes before it, given the quotes counted per range.</summary>
    public bool CutsHold(IReadOnlyList<long> quotesPerChunk)
    {
        long before = 0;
        for (var chunk = 0; chunk < Count - 1; chunk++)
        {
            before += quotesPerChunk[chunk];
            if (_cuts[chunk + 1] < _cuts[^1] && (before & 1) != 0)
            {
                return false;
            }
        }

        return true;
    }

    private static ChunkPlan Build(string path, long length, int chunks, bool exact)
    {
        if (chunks <= 1 || length == 0)
        {
            return Single(length);
        }

        using var handle = File.OpenHandle(path);
        var buffer = new byte[Window];
        var cuts = new long[chunks + 1];
        cuts[chunks] = length;
        long quotes = 0, counted = 0;
        for (var i = 1; i < chunks; i++)
        {
            var nominal = Math.Max(length * i / chunks, cuts[i - 1]);
            var inQuotes = false;
            if (exact)
            {
                quotes += CountQuotes(handle, buffer, counted, nominal);
                counted = nominal;
                inQuotes = (quotes & 1) != 0;
            }

            cuts[i] = NextRecordStart(handle, buffer, nominal, length, inQuotes);
        }

        return new ChunkPlan(cuts);
    }

    private static long CountQuotes(Microsoft.Win32.SafeHandles.SafeFileHandle handle, byte[] buffer, long from, long to)
    {
        long quotes = 0;
        for (var at = from; at < to;)
        {
            var n = RandomAccess.Read(handle, buffer.AsSpan(0, (int)Math.Min(buffer.Length, to - at)), at);
            if (n == 0)
            {
                break;
            }

            quotes += buffer.AsSpan(0, n).Count((byte)'"');
            at += n;
        }

        return quotes;
    }

    /// <summary>The offset just after the first line break (LF, CRLF or CR) at or after <paramref name="from"/> outside quotes.</summary>
    private static long NextRecordStart(Microsoft.Win32.SafeHandles.SafeFileHandle handle, byte[] buffer, long from, long length, bool inQuotes)
    {
        var at = from;
        var afterCr = false;
        while (at < length)
        {
            var n = RandomAccess.Read(handle, buffer, at);
            if (n == 0)
            {
                break;
            }

            var span = buffer.AsSpan(0, n);
            for (var k = 0; k < n; k++)
            {
                var b = span[k];
                if (afterCr)
                {
                    return b == (byte)'\n' ? at + k + 1 : at + k;
                }

                if (b == (byte)'"')
                {
                    inQuotes = !inQuotes;
                }
                else if (!inQuotes && b == (byte)'\n')
                {
                    return at + k + 1;
                }
                else if (!inQuotes && b == (byte)'\r')
                {
                    afterCr = true;
                }
            }

            at += n;
        }

        return length;
    }
}
