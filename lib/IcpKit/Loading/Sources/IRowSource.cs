namespace IcpKit.Loading;

/// <summary>
/// Raw rows of one contract table, before any check: the layer between a reader (a CSV file, a DuckDB query,
/// a warehouse table) and the checks, which <see cref="Row"/> and the table importers apply the same way to every source.
/// </summary>
/// <remarks>
/// A new kind of source is one class implementing this, plus the line of <see cref="RowSources.Open"/> that picks it.
/// Values are text: a typed source writes numbers with the project's decimal separator and dates as ISO 8601,
/// so one parser reads every source.
/// </remarks>
internal interface IRowSource : IDisposable
{
    /// <summary>The name reports and locations use: a file name ("deals.csv") or a table name ("deals").</summary>
    string Name { get; }

    /// <summary>True when rows sit on lines of a file (located as file:line:column); false for tables (table:key:column).</summary>
    bool HasLines { get; }

    /// <summary>Column names, in source order.</summary>
    IReadOnlyList<string> Headers { get; }

    /// <summary>How the summary describes the source's encoding (e.g. "utf-8-bom", "duckdb").</summary>
    string? Encoding { get; }

    /// <summary>How the summary describes the source's delimiter (e.g. ",", "sql").</summary>
    string? Delimiter { get; }

    /// <summary>Moves to the next row that is not blank; false at the end.</summary>
    bool Read();

    /// <summary>The current row's physical line (files) or 1-based number in the result (tables).</summary>
    int Line { get; }

    /// <summary>The trimmed text of one field of the current row; empty when null or beyond the row's end.</summary>
    string Raw(int index);

    /// <summary>What is wrong with the current row's shape (a short row, surplus fields), or null: a warning, the row is kept.</summary>
    (string Value, string Expected)? ShapeProblem();
}
