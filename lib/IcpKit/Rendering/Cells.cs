using System.Globalization;
using System.Net;

namespace IcpKit.Rendering;

/// <summary>HTML escaping for text placed in element content or attribute values.</summary>
public static class HtmlText
{
    /// <summary>Escapes &lt; &gt; &amp; " and ' so the text can never become markup, and shows hidden controls (<see cref="DisplayText"/>).</summary>
    public static string Escape(string? text) => WebUtility.HtmlEncode(DisplayText.Neutralise(text ?? ""));
}

/// <summary>How table cells are written: through <see cref="Format"/> (thousands separators, "too few to estimate"
/// for NaN), ISO dates, enum values in words; numbers align right.</summary>
public static class Cells
{
    /// <summary>The cell's text: "" for null, numbers through <see cref="Format.Number"/>, counts with thousands separators, ISO dates, enums in words.</summary>
    /// <remarks>Example: <c>Cells.Format(1234.5678912)</c> is "1,235", <c>Cells.Format(double.NaN)</c> is "too few to estimate",
    /// <c>Cells.Format(BiasVerdict.NeverWon)</c> is "never won".</remarks>
    public static string Format(object? value) => value switch
    {
        null => "",
        string s => s,
        double d => Rendering.Format.Number(d),
        float f => Rendering.Format.Number(f),
        decimal m => Rendering.Format.Number((double)m),
        int or long or short or byte or uint or ushort or sbyte => Rendering.Format.Count(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.TimeOfDay == TimeSpan.Zero
            ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        bool b => b ? "yes" : "no",
        Enum e => Rendering.Format.Words(e),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>True for values that align right: numbers, and text that reads as one ("36.2%", "+4.1 pts", "&lt; 0.0001", "1,082").</summary>
    public static bool IsNumeric(object? value) =>
        value is double or float or decimal or int or long or short or byte or uint or ulong or ushort or sbyte
        || value is string s && s.Length > 0 && s.Length < 24 && LooksNumeric(s);

    static bool LooksNumeric(string s)
    {
        var t = s.StartsWith("< ", StringComparison.Ordinal) ? s[2..] : s;
        if (t.EndsWith(" pts", StringComparison.Ordinal)) t = t[..^4];
        t = t.TrimEnd('%', 'x');
        if (t.Length > 0 && (t[0] == '+' || t[0] == '-')) t = t[1..];
        return t.Length > 0 && char.IsDigit(t[0]) && char.IsDigit(t[^1]) && t.All(c => char.IsDigit(c) || c == ',' || c == '.');
    }
}
