using System.Globalization;

namespace IcpKit.Loading;

/// <summary>Where a value of an export is: a line of a file, or a keyed row of a SQL-defined table.</summary>
/// <param name="Source">File name ("deals.csv") or table name ("deals").</param>
/// <param name="Line">1-based physical line (files) or row number in the result (tables); 0 for the whole source.</param>
/// <param name="Key">The row's key (e.g. its deal_id) when the source has no lines; null for files.</param>
/// <param name="Column">Column name as the source has it; null for whole-row problems.</param>
/// <remarks>
/// Prints as <c>deals.csv:12:Close Date</c> for a file and <c>deals:D-17:closed_on</c> for a table, so one
/// message format serves every source. A table row with an empty key is named by its row number: <c>deals:row 3:amount</c>.
/// </remarks>
public readonly record struct SourceLocation(string Source, int Line, string? Key, string? Column)
{
    /// <summary>The row alone, as a sentence names it: "line 12" or "key D-17"; empty for the whole source.</summary>
    public string Row => Key is not null ? $"key {Key}" : Line > 0 ? "line " + Line.ToString(CultureInfo.InvariantCulture) : "";

    /// <inheritdoc/>
    public override string ToString()
    {
        var row = Key ?? (Line > 0 ? Line.ToString(CultureInfo.InvariantCulture) : null);
        var at = row is null ? Source : $"{Source}:{row}";
        return Column is null ? at : $"{at}:{Column}";
    }
}
