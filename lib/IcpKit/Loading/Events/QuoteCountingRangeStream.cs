using Microsoft.Win32.SafeHandles;

namespace IcpKit.Loading.Events;

/// <summary>
/// A read-only stream over one byte range of a file that counts the quote characters it hands out, so a
/// range's quote parity is learned while CsvHelper reads it, from bytes already in cache, instead of in a
/// separate pass over the file.
/// </summary>
internal sealed class QuoteCountingRangeStream : Stream
{
    private readonly SafeFileHandle _handle;
    private readonly long _end;
    private long _position;

    public QuoteCountingRangeStream(string path, long start, long end)
    {
        _handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        _position = start;
        _end = end;
    }

    /// <summary>Quote characters read so far.</summary>
    public long Quotes { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var want = (int)Math.Min(buffer.Length, _end - _position);
        if (want <= 0)
        {
            return 0;
        }

        var n = RandomAccess.Read(_handle, buffer[..want], _position);
        _position += n;
        Quotes += buffer[..n].Count((byte)'"');
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _handle.Dispose();
        }

        base.Dispose(disposing);
    }
}
