using System.Globalization;
using System.Text;

namespace IcpKit.Generation;

/// <summary>Writes RFC 4180 rows with invariant formatting and a fixed line ending, so output bytes never depend on the machine.</summary>
internal sealed class CsvOut : IDisposable
{
    private readonly TextWriter _w;
    private readonly char _delimiter;
    private readonly string _newLine;
    private bool _first = true;

    public CsvOut(TextWriter writer, char delimiter = ',', string newLine = "\n")
    {
        _w = writer;
        _delimiter = delimiter;
        _newLine = newLine;
    }

    /// <summary>A UTF-8 (no BOM) file writer with a large buffer.</summary>
    public static CsvOut Create(string path) =>
        new(new StreamWriter(path, append: false, new UTF8Encoding(false), bufferSize: 1 << 16));

    public TextWriter Writer => _w;

    private void Separate()
    {
        if (!_first) _w.Write(_delimiter);
        _first = false;
    }

    /// <summary>A text field, quoted only when it holds the delimiter, a quote or a line break; null writes nothing.</summary>
    public CsvOut Field(string? value)
    {
        Separate();
        if (string.IsNullOrEmpty(value)) return this;
        if (value.AsSpan().IndexOfAny(_delimiter, '"', '\n') < 0 && !value.Contains('\r', StringComparison.Ordinal)) _w.Write(value);
        else WriteQuoted(value);
        return this;
    }

    /// <summary>A field always quoted (e.g. a list), unless empty.</summary>
    public CsvOut Quoted(string? value)
    {
        Separate();
        if (!string.IsNullOrEmpty(value)) WriteQuoted(value);
        return this;
    }

    public CsvOut Field(long? value) => Field(value?.ToString(CultureInfo.InvariantCulture));

    public CsvOut Field(decimal? value) => Field(value?.ToString("0.00", CultureInfo.InvariantCulture));

    public CsvOut Field(DateOnly? value) => Field(value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>A raw, already formatted value that must not be quoted (used to plant malformed cells).</summary>
    public CsvOut Raw(string value)
    {
        Separate();
        _w.Write(value);
        return this;
    }

    public CsvOut Row(params string?[] values)
    {
        foreach (var v in values) Field(v);
        return End();
    }

    public CsvOut End()
    {
        _w.Write(_newLine);
        _first = true;
        return this;
    }

    private void WriteQuoted(string value)
    {
        _w.Write('"');
        _w.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        _w.Write('"');
    }

    public void Dispose() => _w.Dispose();
}
