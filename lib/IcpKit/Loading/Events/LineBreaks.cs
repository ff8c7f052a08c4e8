namespace IcpKit.Loading.Events;

/// <summary>Turns byte offsets of records into 1-based physical line numbers, counting LF, CRLF and CR as one break each.</summary>
internal static class LineBreaks
{
    /// <summary>The line on which each offset lies, in one forward pass that stops at the last offset.</summary>
    public static Dictionary<long, long> LinesAt(string path, IReadOnlyList<long> offsets)
    {
        var result = new Dictionary<long, long>();
        if (offsets.Count == 0)
        {
            return result;
        }

        var sorted = offsets.Distinct().Order().ToArray();
        using var handle = File.OpenHandle(path);
        var buffer = new byte[1 << 20];
        long position = 0, line = 1;
        var previousCr = false;
        foreach (var target in sorted)
        {
            while (position < target)
            {
                var n = RandomAccess.Read(handle, buffer.AsSpan(0, (int)Math.Min(buffer.Length, target - position)), position);
                if (n == 0)
                {
                    break;
                }

                line += Count(buffer.AsSpan(0, n), ref previousCr);
                position += n;
            }

            result[target] = line;
        }

        return result;
    }

    /// <summary>Line breaks in a block: LF + CR - CRLF pairs, with a CR that ended the previous block carried over.</summary>
    internal static long Count(ReadOnlySpan<byte> block, ref bool previousCr)
    {
        long lf = block.Count((byte)'\n');
        long cr = block.Count((byte)'\r');
        long pairs = 0;
        if (cr > 0 || previousCr)
        {
            pairs = block.Count("\r\n"u8) + (previousCr && block.Length > 0 && block[0] == (byte)'\n' ? 1 : 0);
        }

        previousCr = block.Length > 0 && block[^1] == (byte)'\r';
        return lf + cr - pairs;
    }
}
