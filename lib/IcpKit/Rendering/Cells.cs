using System.Globalization;
using System.Net;

namespace IcpKit.Rendering;

/// <summary>HTML escaping for text placed in element content or attribute values.</summary>
public static class HtmlText
{
    /// <summary>Escapes &lt; &gt; &amp; " and ' so the text can never become markup, and shows hidden controls (<see cref="DisplayText"/>).</summary>
    public static string Escape(string? text) => WebUtility.HtmlEncode(DisplayText.Neutralise(text ?? ""));
}

/// <summary>How table cells are written: culture-invariant numbers and dates; numbers align right.</summary>
public static class Cells
{
    /// <summary>The cell's text: "" for null, invariant numbers (doubles with up to 4 significant decimals), ISO dates.</summary>
    /// <remarks>Example: <c>Cells.Format(1234.5678912)</c> is "1234.5679", <c>Cells.Format(double.NaN)</c> is "NaN".</remarks>
    public static string Format(object? value) => value switch
    {
        null => "",
        string s => s,
        double d => FormatDouble(d),
        float f => FormatDouble(f),
        decimal m => m.ToString("0.####", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.TimeOfDay == TimeSpan.Zero
            ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>True for values that align right (numbers).</summary>
    public static bool IsNumeric(object? value) =>
        value is double or float or decimal or int or long or short or byte or uint or ulong or ushort or sbyte;

    static string FormatDouble(double d) =>
        double.IsNaN(d) ? "NaN"
        : double.IsInfinity(d) ? (d > 0 ? "∞" : "-∞")
        : Math.Abs(d) >= 1e15 || (d != 0 && Math.Abs(d) < 1e-4) ? d.ToString("0.###e+0", CultureInfo.InvariantCulture)
        : d.ToString("0.####", CultureInfo.InvariantCulture);
}
