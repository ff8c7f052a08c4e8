using System.Data.Common;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using DuckDB.NET.Data;
using Npgsql;

namespace IcpKit.Loading.Warehouse;

/// <summary>A query against an events source failed; the message names the source and carries the engine's own words.</summary>
public sealed class WarehouseException : Exception
{
    /// <summary>An exception without problems (for serializers and tests).</summary>
    public WarehouseException() { }
    /// <summary>An exception with a message.</summary>
    public WarehouseException(string message) : base(message) { }
    /// <summary>An exception with a message and its cause.</summary>
    public WarehouseException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>An engine that runs the fold's SQL where the events are and streams back its (small) result as text.</summary>
public interface IEventEngine : IDisposable
{
    /// <summary>The engine's dialect.</summary>
    SqlDialect Dialect { get; }

    /// <summary>Runs a query; each row holds its values as invariant text (NULL as null), in the query's column order.</summary>
    /// <exception cref="WarehouseException">The engine refused the query or could not be reached.</exception>
    IEnumerable<string?[]> Query(string sql);

    /// <summary>The column names a query returns (run with no rows wanted).</summary>
    /// <exception cref="WarehouseException">The engine refused the query or could not be reached.</exception>
    IReadOnlyList<string> Columns(string sql);
}

/// <summary>Embedded DuckDB: Parquet and JSON files of the export folder.</summary>
public sealed class DuckDbEngine : IEventEngine
{
    private readonly DuckDBConnection _connection;

    /// <summary>Opens an in-memory database.</summary>
    public DuckDbEngine()
    {
        _connection = new DuckDBConnection("Data Source=:memory:");
        _connection.Open();
    }

    /// <inheritdoc/>
    public SqlDialect Dialect => SqlDialect.DuckDb;

    /// <inheritdoc/>
    public IEnumerable<string?[]> Query(string sql) => AdoQuery.Run(_connection, sql, "DuckDB", e => e.Message);

    /// <inheritdoc/>
    public IReadOnlyList<string> Columns(string sql) => AdoQuery.Columns(_connection, sql, "DuckDB", e => e.Message);

    /// <inheritdoc/>
    public void Dispose() => _connection.Dispose();
}

/// <summary>PostgreSQL through Npgsql.</summary>
public sealed class PostgresEngine : IEventEngine
{
    private readonly NpgsqlConnection _connection;

    /// <summary>Connects with an Npgsql connection string (Host=...;Port=...;Username=...;Database=...).</summary>
    /// <exception cref="WarehouseException">The string is malformed or the server cannot be reached.</exception>
    public PostgresEngine(string connectionString)
    {
        try
        {
            _connection = new NpgsqlConnection(connectionString);
            _connection.Open();
        }
        catch (Exception e) when (e is NpgsqlException or ArgumentException or InvalidOperationException)
        {
            throw new WarehouseException($"PostgreSQL: cannot connect: {Message(e)}", e);
        }
    }

    /// <inheritdoc/>
    public SqlDialect Dialect => SqlDialect.Postgres;

    /// <inheritdoc/>
    public IEnumerable<string?[]> Query(string sql) => AdoQuery.Run(_connection, sql, "PostgreSQL", Message);

    /// <inheritdoc/>
    public IReadOnlyList<string> Columns(string sql) => AdoQuery.Columns(_connection, sql, "PostgreSQL", Message);

    // The server's own words, without Npgsql's "42P01: " code prefix.
    private static string Message(Exception e) => e is PostgresException p ? p.MessageText : e.Message;

    /// <inheritdoc/>
    public void Dispose() => _connection.Dispose();
}

/// <summary>
/// ClickHouse through its HTTP interface: the query is POSTed and the answer read as TabSeparatedWithNames.
/// </summary>
/// <remarks>
/// Not NuGet's ClickHouse.Driver: its 1.5.0 sends settings that older servers reject (against Debian's 18.16.1 it
/// fails with "Unknown setting output_format_binary_write_json_as_string"), while the HTTP interface and TSV are
/// the same in every version since 2016.
/// </remarks>
public sealed class ClickHouseEngine : IEventEngine
{
    private readonly HttpClient _http;
    private readonly Uri _endpoint;

    /// <summary>Connects to a URL such as <c>http://user:password@host:8123/?database=analytics</c> (user and password optional).</summary>
    /// <exception cref="WarehouseException">The URL is not an http(s) URL.</exception>
    public ClickHouseEngine(string url, TimeSpan? timeout = null)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new WarehouseException("ClickHouse: the connection must be an http(s) URL such as http://user:password@host:8123/?database=analytics");
        }
        _http = new HttpClient { Timeout = timeout ?? TimeSpan.FromHours(1) };
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            _http.DefaultRequestHeaders.Add("X-ClickHouse-User", Uri.UnescapeDataString(parts[0]));
            if (parts.Length == 2)
            {
                _http.DefaultRequestHeaders.Add("X-ClickHouse-Key", Uri.UnescapeDataString(parts[1]));
            }
        }
        _endpoint = new UriBuilder(uri) { UserName = "", Password = "" }.Uri;
    }

    /// <inheritdoc/>
    public SqlDialect Dialect => SqlDialect.ClickHouse;

    /// <inheritdoc/>
    public IReadOnlyList<string> Columns(string sql)
    {
        using var response = Send($"SELECT * FROM ({sql}) LIMIT 0");
        using var reader = new StreamReader(response.Content.ReadAsStream(), Encoding.UTF8);
        if (!response.IsSuccessStatusCode)
        {
            throw new WarehouseException($"ClickHouse: {FirstSentence(reader.ReadToEnd())}");
        }
        return reader.ReadLine() is { } header ? [.. header.Split('\t').Select(h => Unescape(h) ?? "")] : [];
    }

    /// <inheritdoc/>
    public IEnumerable<string?[]> Query(string sql) => Rows(Send(sql));

    private HttpResponseMessage Send(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        HttpResponseMessage response;
        try
        {
            var content = new StringContent(sql + "\nFORMAT TabSeparatedWithNames", Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
            response = _http.Send(new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = content }, HttpCompletionOption.ResponseHeadersRead);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            throw new WarehouseException($"ClickHouse at {_endpoint.GetLeftPart(UriPartial.Authority)}: {e.Message}", e);
        }
        return response;
    }

    private static IEnumerable<string?[]> Rows(HttpResponseMessage response)
    {
        using (response)
        {
            using var reader = new StreamReader(response.Content.ReadAsStream(), Encoding.UTF8);
            if (!response.IsSuccessStatusCode)
            {
                throw new WarehouseException($"ClickHouse: {FirstSentence(reader.ReadToEnd())}");
            }
            var header = reader.ReadLine();
            if (header is null)
            {
                yield break;
            }
            var width = header.Split('\t').Length;
            while (reader.ReadLine() is { } line)
            {
                var fields = line.Split('\t');
                if (fields.Length != width)
                {
                    // An error met while streaming arrives after the rows already sent, as plain text.
                    throw new WarehouseException($"ClickHouse: {FirstSentence(line + "\n" + reader.ReadToEnd())}");
                }
                yield return [.. fields.Select(Unescape)];
            }
        }
    }

    /// <summary>The exception text without its repeated "e.what()" tail: "Code: 60, e.displayText() = DB::Exception: Table x doesn't exist."</summary>
    private static string FirstSentence(string body)
    {
        var text = body.Trim();
        var tail = text.IndexOf(", e.what()", StringComparison.Ordinal);
        return tail > 0 ? text[..tail] : text;
    }

    private static string? Unescape(string field)
    {
        if (field == "\\N")
        {
            return null;
        }
        if (!field.Contains('\\', StringComparison.Ordinal))
        {
            return field;
        }
        var sb = new StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] != '\\' || i == field.Length - 1)
            {
                sb.Append(field[i]);
                continue;
            }
            var c = field[++i];
            sb.Append(c switch { 'n' => '\n', 't' => '\t', 'r' => '\r', '0' => '\0', 'b' => '\b', 'f' => '\f', _ => c });
        }
        return sb.ToString();
    }

    /// <inheritdoc/>
    public void Dispose() => _http.Dispose();
}

/// <summary>Runs a query on an ADO.NET connection and renders every value as invariant text.</summary>
internal static class AdoQuery
{
    // Npgsql's types stay out of this class, so using DuckDB alone never loads Npgsql (nor the reverse).
    public static IEnumerable<string?[]> Run(DbConnection connection, string sql, string engine, Func<Exception, string> message)
    {
        DbCommand command;
        DbDataReader reader;
        try
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            command.CommandTimeout = 0;
            reader = command.ExecuteReader();
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or ArgumentException)
        {
            throw new WarehouseException($"{engine}: {message(e)}", e);
        }
        return Rows(command, reader, engine, message);
    }

    public static IReadOnlyList<string> Columns(DbConnection connection, string sql, string engine, Func<Exception, string> message)
    {
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM ({sql}) AS q LIMIT 0";
            using var reader = command.ExecuteReader();
            return [.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetName)];
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or ArgumentException)
        {
            throw new WarehouseException($"{engine}: {message(e)}", e);
        }
    }

    private static IEnumerable<string?[]> Rows(DbCommand command, DbDataReader reader, string engine, Func<Exception, string> message)
    {
        using (command)
        using (reader)
        {
            while (true)
            {
                string?[] row;
                try
                {
                    if (!reader.Read())
                    {
                        yield break;
                    }
                    row = new string?[reader.FieldCount];
                    for (var i = 0; i < row.Length; i++)
                    {
                        row[i] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture);
                    }
                }
                catch (Exception e) when (e is DbException or InvalidOperationException)
                {
                    throw new WarehouseException($"{engine}: {message(e)}", e);
                }
                yield return row;
            }
        }
    }
}
