using System.Globalization;
using System.Text;

namespace IcpKit.Rendering;

/// <summary>Makes invisible control characters from an export visible before text reaches a reader.</summary>
/// <remarks>
/// Unicode bidirectional controls (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C) reorder the text
/// around them when displayed: an account named "Acme\u202Egnp.exe" shows as "Acmeexe.png". They and other C0
/// control characters (NUL, bell, escape; tab, line feed and carriage return stay) are replaced by a visible
/// marker such as <c>[U+202E]</c>, so a report or a spreadsheet shows what the export really holds.
/// Example: <c>DisplayText.Neutralise("a\u202Eb")</c> is <c>"a[U+202E]b"</c>.
/// </remarks>
public static class DisplayText
{
    /// <summary>True for a character that must not reach a display as is.</summary>
    public static bool IsHidden(char c) =>
        c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069')
        || (c < ' ' && c is not '\t' and not '\n' and not '\r') || c == '\u007F';

    /// <summary>The text with every hidden character replaced by a visible <c>[U+XXXX]</c> marker; the same instance when there is none.</summary>
    public static string Neutralise(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = text.AsSpan().IndexOfAny(Hidden);
        if (first < 0) return text;
        var sb = new StringBuilder(text.Length + 16).Append(text.AsSpan(0, first));
        foreach (var c in text.AsSpan(first))
        {
            if (IsHidden(c)) sb.Append("[U+").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)).Append(']');
            else sb.Append(c);
        }
        return sb.ToString();
    }

    static readonly System.Buffers.SearchValues<char> Hidden = System.Buffers.SearchValues.Create(
        [.. Enumerable.Range(0, 0x10000).Select(i => (char)i).Where(IsHidden)]);
}
