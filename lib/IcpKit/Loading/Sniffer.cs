using System.Text;
using System.Text.Unicode;

namespace IcpKit.Loading;

/// <summary>What the sniffer found out about a file before reading it.</summary>
/// <param name="Encoding">The encoding to read it with.</param>
/// <param name="EncodingName">A short name for reports: "utf-8", "utf-8-bom", "utf-16le", "utf-16be", "windows-1252".</param>
/// <param name="Delimiter">Comma, semicolon or tab.</param>
/// <param name="DecimalCommas">True when the file is ';'-delimited and its numbers read like "900,50" (and none like "900.50").</param>
public sealed record SniffResult(Encoding Encoding, string EncodingName, char Delimiter, bool DecimalCommas = false)
{
    /// <summary>The delimiter as a report shows it (",", ";" or "tab").</summary>
    public string DelimiterName => Delimiter == '\t' ? "tab" : Delimiter.ToString();
}

/// <summary>Detects a CSV file's encoding and delimiter from its bytes.</summary>
/// <remarks>
/// A UTF-8 or UTF-16 byte order mark decides; without one the file is UTF-8 when its first
/// <see cref="ValidationWindow"/> bytes are valid UTF-8, else Windows-1252 (what Excel writes on Windows),
/// so "Société" saved by Excel reads back as "Société" and not as mojibake.
/// </remarks>
public static partial class Sniffer
{
    /// <summary>How many bytes are checked for UTF-8 validity (enough for any CRM export; event logs are sampled).</summary>
    public const int ValidationWindow = 16 << 20;

    /// <summary>Windows-1252, from the code-pages provider without registering it globally.</summary>
    public static Encoding Windows1252 { get; } = CodePagesEncodingProvider.Instance.GetEncoding(1252)
        ?? throw new InvalidOperationException("The Windows-1252 code page is not available.");

    /// <summary>An encoding by a name a project file may use; null when unknown.</summary>
    public static Encoding? EncodingByName(string name) => Names.Key(name) switch
    {
        "utf8" or "utf8bom" => new UTF8Encoding(false),
        "utf16" or "utf16le" or "unicode" => Encoding.Unicode,
        "utf16be" => Encoding.BigEndianUnicode,
        "windows1252" or "cp1252" or "ansi" => Windows1252,
        "iso88591" or "latin1" => Encoding.Latin1,
        _ => null,
    };

    /// <summary>Sniffs a file; <paramref name="encodingOverride"/> (a name from the project file) skips encoding detection.</summary>
    public static SniffResult Sniff(string path, string? encodingOverride = null)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var head = new byte[(int)Math.Min(stream.Length, ValidationWindow)];
        stream.ReadExactly(head);
        var (encoding, name) = encodingOverride is not null && EncodingByName(encodingOverride) is { } forced
            ? (forced, Names.Key(encodingOverride))
            : DetectEncoding(head, complete: stream.Length <= ValidationWindow);
        var text = encoding.GetString(head, 0, Math.Min(head.Length, 1 << 16));
        var delimiter = DetectDelimiter(text);
        return new SniffResult(encoding, name, delimiter, delimiter == ';' && HasDecimalCommas(text));
    }

    /// <summary>The encoding of some leading bytes of a file.</summary>
    /// <param name="head">The first bytes of the file.</param>
    /// <param name="complete">True when <paramref name="head"/> is the whole file (else a cut multi-byte character at its end is fine).</param>
    public static (Encoding Encoding, string Name) DetectEncoding(ReadOnlySpan<byte> head, bool complete)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (new UTF8Encoding(true), "utf-8-bom");
        }
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (Encoding.Unicode, "utf-16le");
        }
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (Encoding.BigEndianUnicode, "utf-16be");
        }
        var checkedBytes = complete ? head : TrimCutCharacter(head);
        return Utf8.IsValid(checkedBytes) ? (new UTF8Encoding(false), "utf-8") : (Windows1252, "windows-1252");
    }

    // Drops a multi-byte UTF-8 sequence cut by the end of the window (at most 3 bytes).
    private static ReadOnlySpan<byte> TrimCutCharacter(ReadOnlySpan<byte> head)
    {
        for (var i = 1; i <= Math.Min(3, head.Length); i++)
        {
            var b = head[^i];
            if ((b & 0xC0) != 0x80)
            {
                // b starts a sequence (or is ASCII): cut it when the sequence runs past the end.
                var length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
                return length > i ? head[..^i] : head;
            }
        }
        return head;
    }

    /// <summary>
    /// True when fields of a ';'-delimited text read like numbers with a decimal comma ("900,50", "-3,5", "1.234,50")
    /// and none like numbers with a decimal point: what European spreadsheets write.
    /// </summary>
    /// <remarks>A field such as "1,500" alone is ambiguous (a thousands separator?); it counts only beside a "900,50".</remarks>
    public static bool HasDecimalCommas(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int commas = 0, points = 0;
        foreach (var line in text.Split('\n').Skip(1).Take(500))
        {
            foreach (var raw in line.Split(';'))
            {
                var field = raw.Trim().Trim('"').Trim();
                if (CommaDecimal().IsMatch(field)) commas++;
                else if (PointDecimal().IsMatch(field)) points++;
            }
        }
        return commas > 0 && points == 0;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^-?\d{1,3}(\.\d{3})*,\d{1,2}$|^-?\d+,\d{1,2}$")]
    private static partial System.Text.RegularExpressions.Regex CommaDecimal();

    [System.Text.RegularExpressions.GeneratedRegex(@"^-?\d+\.\d+$")]
    private static partial System.Text.RegularExpressions.Regex PointDecimal();

    /// <summary>The delimiter of the header line: the most frequent of comma, semicolon and tab outside quotes.</summary>
    public static char DetectDelimiter(string text)
    {
        int commas = 0, semicolons = 0, tabs = 0;
        var quoted = false;
        var seenContent = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && (c == '\n' || c == '\r'))
            {
                if (seenContent)
                {
                    break;
                }
            }
            else if (!quoted)
            {
                seenContent = true;
                commas += c == ',' ? 1 : 0;
                semicolons += c == ';' ? 1 : 0;
                tabs += c == '\t' ? 1 : 0;
            }
        }
        return tabs > commas && tabs >= semicolons ? '\t' : semicolons > commas ? ';' : ',';
    }
}
