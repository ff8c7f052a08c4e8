using System.Collections;
using System.Data.Common;
using System.Globalization;
using DuckDB.NET.Data;

namespace IcpKit.Loading;

/// <summary>
/// Rows of a SQL-defined contract table: a DuckDB query over the export folder's files (CSV, Parquet, JSON),
/// run on embedded DuckDB. Rows are named by their key (table:key:column), not by a line.
/// </summary>
/// <remarks>
/// Typed results are written as text the project's parser reads back: dates as ISO 8601, numbers with the
/// configured decimal separator and no grouping, lists joined with the list separator, so a DATE column and a
/// VARCHAR column holding "2025-03-01" are checked alike.
/// </remarks>
internal sealed class DuckDbRowSource : IRowSource
{
    private readonly DuckDBConnection _connection;
    private readonly DbCommand _command;
    private readonly DbDataReader _reader;
    private readonly ValueParsing _parsing;
    private readonly string[] _values;
    private readonly string _sql;

    private DuckDbRowSource(string table, string sql, DuckDBConnection connection, DbCommand command, DbDataReader reader, ValueParsing parsing)
    {
        Name = table;
        _sql = sql;
        _connection = connection;
        _command = command;
        _reader = reader;
        _parsing = parsing;
        Headers = [.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetName)];
        _values = new string[reader.FieldCount];
    }

    /// <summary>Runs the query with the folder as DuckDB's search path for relative file names.</summary>
    /// <exception cref="ExportLoadException">The query fails (a syntax error, a missing file, a bad cast).</exception>
    public static DuckDbRowSource Open(string folder, string table, string sql, ValueParsing parsing)
    {
        var connection = Connect(folder, table);
        DbCommand? command = null;
        try
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            return new DuckDbRowSource(table, sql, connection, command, command.ExecuteReader(), parsing);
        }
        catch (DuckDBException e)
        {
            command?.Dispose();
            connection.Dispose();
            throw Failed(table, e);
        }
    }

    private static DuckDBConnection Connect(string folder, string table)
    {
        DuckDbNative.EnsureResolvable();
        var connection = new DuckDBConnection("DataSource=:memory:");
        try
        {
            connection.Open();
            using var setup = connection.CreateCommand();
            // Relative file names in the query are the export folder's files.
            setup.CommandText = $"SET file_search_path = {Quote(Path.GetFullPath(folder))}";
            setup.ExecuteNonQuery();
            return connection;
        }
        catch (DuckDBException e)
        {
            connection.Dispose();
            throw Failed(table, e);
        }
    }

    private static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static ExportLoadException Failed(string table, DuckDBException e) =>
        new($"{table}.sql in {ProjectConfigReader.FileName} failed in DuckDB: {e.Message.Trim()}", e);

    public string Name { get; }
    public bool HasLines => false;
    public IReadOnlyList<string> Headers { get; }
    public string? Encoding => "duckdb";
    public string? Delimiter => "sql";
    public int Line { get; private set; }

    public bool Read()
    {
        try
        {
            if (!_reader.Read())
            {
                return false;
            }
            for (var i = 0; i < _values.Length; i++)
            {
                _values[i] = _reader.IsDBNull(i) ? "" : Text(_reader.GetValue(i)).Trim();
            }
        }
        catch (DuckDBException e)
        {
            // Casts fail lazily, row by row, in DuckDB: name the row reached.
            throw new ExportLoadException($"{Name}.sql in {ProjectConfigReader.FileName} failed in DuckDB after row {Line}: {e.Message.Trim()}", e);
        }
        Line++;
        return true;
    }

    public string Raw(int index) => index >= 0 && index < _values.Length ? _values[index] : "";

    public StructureProblem? ShapeProblem() => null;

    private string Text(object value) => value switch
    {
        string s => s,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.TimeOfDay == TimeSpan.Zero
            ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : t.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        DateTimeOffset o => o.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        decimal m => Number(m.ToString(CultureInfo.InvariantCulture)),
        double x => Number(x.ToString("R", CultureInfo.InvariantCulture)),
        float f => Number(f.ToString("R", CultureInfo.InvariantCulture)),
        IFormattable n when n is not Enum => Number(n.ToString(null, CultureInfo.InvariantCulture)),
        IEnumerable list => string.Join(_parsing.ListSeparator, list.Cast<object?>().Where(v => v is not null).Select(v => Text(v!))),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private string Number(string invariant) => _parsing.DecimalSeparator == '.' ? invariant : invariant.Replace('.', _parsing.DecimalSeparator);

    public override string ToString() => $"{Name}: {_sql}";

    public void Dispose()
    {
        _reader.Dispose();
        _command.Dispose();
        _connection.Dispose();
    }
}
