using System.Globalization;
using CsvHelper;

namespace IcpKit.Loading;

/// <summary>Rows of a sniffed CSV file, read with CsvHelper 34; blank lines are skipped and not counted.</summary>
internal sealed class CsvRowSource : IRowSource
{
    private readonly CsvReader _reader;
    private readonly SniffResult _sniff;

    public CsvRowSource(string path, string name, SniffResult sniff, IssueLog log)
    {
        _sniff = sniff;
        Name = name;
        _reader = CsvSource.Open(path, sniff, log);
        _reader.ReadHeader();
        Headers = [.. _reader.Headers];
    }

    public string Name { get; }
    public bool HasLines => true;
    public IReadOnlyList<string> Headers { get; }
    public string? Encoding => _sniff.EncodingName;
    public string? Delimiter => _sniff.DelimiterName;
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

    public (string Value, string Expected)? ShapeProblem()
    {
        var n = _reader.FieldCount;
        var extraContent = false;
        for (var i = Headers.Count; i < n && !extraContent; i++)
        {
            extraContent = !_reader.GetSpan(i).Trim(" \t"u8).IsEmpty;
        }
        return n < Headers.Count || extraContent
            ? (n.ToString(CultureInfo.InvariantCulture), $"{Headers.Count} fields like the header (missing fields read as empty, surplus ones are ignored)")
            : null;
    }

    public void Dispose() => _reader.Dispose();
}
