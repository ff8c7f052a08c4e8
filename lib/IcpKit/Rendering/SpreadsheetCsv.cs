using System.Collections;
using System.Globalization;
using System.Text;
using CsvHelper;

namespace IcpKit.Rendering;

/// <summary>
/// CSV the kit exports for people to open in a spreadsheet (target lists, the interview plan): safe against formula
/// injection, hidden controls shown, numbers and dates invariant.
/// </summary>
/// <remarks>
/// Text is always quoted and written as <see cref="DisplayText.Neutralise"/> shows it; a text cell starting with
/// <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or carriage return gets a leading <c>'</c> (OWASP's CSV-injection advice), so
/// <c>=HYPERLINK(...)</c> is written <c>'=HYPERLINK(...)</c>. Numbers, dates (<c>yyyy-MM-dd</c>) and true/false the kit
/// formats itself cannot be formulas and are written bare, so a column of -2.5 stays numeric. A list of texts is joined
/// with "; ". RFC 4180, CRLF line ends.
/// </remarks>
public static class SpreadsheetCsv
{
    /// <summary>Writes a header row and the rows. Cells: null, string, a list of strings, a number, DateOnly or bool.</summary>
    public static void Write(TextWriter destination, IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<object?>> rows)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        var options = CsvWriterOptions.Default with
        {
            // CsvHelper applies the injection escape to text only, never to values it formats itself (numbers, dates, booleans).
            Injection = CsvInjection.Escape,
            InjectionEscape = '\'',
            TrueValue = "true",
            FalseValue = "false",
        };
        using var csv = CsvWriter.Create(destination, options, leaveOpen: true);
        foreach (var column in columns) csv.WriteField(column, CsvQuoting.Always);
        csv.EndRecord();
        foreach (var row in rows)
        {
            foreach (var cell in row)
            {
                switch (cell)
                {
                    case null: csv.WriteField(ReadOnlySpan<char>.Empty); break;
                    // Hidden controls (bidi overrides, NUL) become visible markers: a spreadsheet would display them raw.
                    case string t: csv.WriteField(DisplayText.Neutralise(t), CsvQuoting.Always); break;
                    case DateOnly d: csv.WriteField(d, "yyyy-MM-dd"); break;
                    case bool f: csv.WriteField(f); break;
                    case double n when double.IsFinite(n): csv.WriteField(n, ReadOnlySpan<char>.Empty); break;
                    case double: csv.WriteField(ReadOnlySpan<char>.Empty); break;
                    case int or long or decimal: csv.WriteField(Convert.ToDouble(cell, CultureInfo.InvariantCulture), ReadOnlySpan<char>.Empty); break;
                    case IEnumerable<string> list: csv.WriteField(DisplayText.Neutralise(string.Join("; ", list)), CsvQuoting.Always); break;
                    case IEnumerable: throw new ArgumentException($"a CSV cell cannot be a {cell.GetType().Name}", nameof(rows));
                    default: csv.WriteField(DisplayText.Neutralise(Convert.ToString(cell, CultureInfo.InvariantCulture) ?? ""), CsvQuoting.Always); break;
                }
            }
            csv.EndRecord();
        }
        csv.Flush();
    }

    /// <summary>Writes to a file, UTF-8 with a byte order mark so spreadsheets detect the encoding.</summary>
    public static void Save(string path, IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<object?>> rows)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        Write(writer, columns, rows);
    }
}
