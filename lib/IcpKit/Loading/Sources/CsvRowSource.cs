using System.Globalization;
using CsvHelper;

namespace IcpKit.Loading;

/// <summary>Rows of a sniffed CSV file, read with CsvHelper 34; blank lines are skipped and not counted.</summary>
internal sealed class CsvRowSource : IRowSource
{
    private readonly CsvReader _reader;
    private readonly SniffResult _sniff;

    // The last record CsvHelper found malformed: its first line, how many lines it ran over, and why.
    private (long Line, int Lines, string Reason)? _malformed;

    public CsvRowSource(string path, string name, SniffResult sniff)
    {
        _sniff = sniff;
        Name = name;
        _reader = CsvSource.Open(path, sniff, m => _malformed = (m.LineNumber, m.RawRecord.AsSpan().TrimEnd("\r\n").Count('\n') + 1, m.Reason.ToString()));
        _reader.ReadHeader();
        Headers = [.. _reader.Headers];
    }

    public string Name { get; }
    public bool HasLines => true;
    public IReadOnlyList<string> Headers { get; }
    public string? Encoding => _sniff.EncodingName;
    public string? Delimiter => _sniff.DelimiterName;
    /// <summary>True when the sniffer saw numbers like "900,50" in this ';'-delimited file.</summary>
    public bool DecimalCommas => _sniff.DecimalCommas;
    public int Line => (int)_reader.LineNumber;

    public bool Read()
    {
        while (_reader.Read())
        {
            if (!CsvSource.IsBlank(_reader))
            {
                return true;
            }
        }
        return false;
    }

    public string Raw(int index) => index < 0 || index >= _reader.FieldCount ? "" : (_reader.GetString(index) ?? "").Trim();

    public StructureProblem? ShapeProblem()
    {
        if (_malformed is { } m && m.Line == _reader.LineNumber)
        {
            // No value quoted: the raw record may hold a name, cut anywhere, that redaction could not recognise.
            return new(null, m.Reason == "UnterminatedQuote"
                ? string.Create(CultureInfo.InvariantCulture, $"a closing quote: a quoted field opened on line {m.Line} runs on to the end of the record {(m.Lines > 1 ? $"{m.Lines} lines later" : "")}, so its fields cannot be told apart")
                : $"well-formed CSV quoting ({m.Reason}): a quote inside a field must be doubled, and a quoted field must end at a delimiter", "malformed");
        }
        var n = _reader.FieldCount;
        var extraContent = false;
        for (var i = Headers.Count; i < n && !extraContent; i++)
        {
            extraContent = !_reader.GetSpan(i).Trim(" \t"u8).IsEmpty;
        }
        if (n < Headers.Count || extraContent)
        {
            // A short or long row has shifted or lost fields: which value belongs to which column is a guess.
            return new(n.ToString(CultureInfo.InvariantCulture), $"{Headers.Count} fields like the header", "field-count");
        }
        for (var i = 0; i < n; i++)
        {
            if (_reader.GetSpan(i).Contains((byte)0))
            {
                return new(null, string.Create(CultureInfo.InvariantCulture,
                    $"text without NUL bytes (field {i + 1}{(i < Headers.Count ? $", {Headers[i]}" : "")} holds one; a file saved as UTF-16 without a byte order mark, or binary data, reads like that)"), "nul-byte");
            }
        }
        return null;
    }

    public void Dispose() => _reader.Dispose();
}
