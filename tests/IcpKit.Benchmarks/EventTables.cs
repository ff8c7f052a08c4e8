using IcpKit.Loading.Warehouse;
using IcpKit.TestServers;
using Npgsql;

namespace IcpKit.Benchmarks;

/// <summary>
/// Puts a seeded events.csv (columns account_id, user_id, occurred_at, event) where the warehouse sides read it: a
/// Parquet file, a PostgreSQL table <c>events</c>, and a ClickHouse Distributed table <c>events</c> over two shards.
/// </summary>
internal static class EventTables
{
    /// <summary>Writes <paramref name="csv"/> as Parquet through embedded DuckDB, with the timestamp typed.</summary>
    public static void WriteParquet(string csv, string parquet)
    {
        using var duck = new DuckDbEngine();
        foreach (var _ in duck.Query(
            $"COPY (SELECT * FROM read_csv({SqlDialect.DuckDb.Literal(csv)}, header = true, columns = {{'account_id': 'VARCHAR', 'user_id': 'VARCHAR', 'occurred_at': 'TIMESTAMP', 'event': 'VARCHAR'}})) " +
            $"TO {SqlDialect.DuckDb.Literal(parquet)} (FORMAT parquet)"))
        {
        }
    }

    public static void LoadPostgres(PostgresServer pg, string csv)
    {
        using var c = new NpgsqlConnection(pg.ConnectionString);
        c.Open();
        using (var cmd = new NpgsqlCommand("CREATE TABLE events (account_id text, user_id text, occurred_at timestamptz, event text)", c))
        {
            cmd.ExecuteNonQuery();
        }
        using (var writer = c.BeginTextImport("COPY events FROM STDIN (FORMAT csv, HEADER true)"))
        using (var reader = new StreamReader(csv))
        {
            var buffer = new char[1 << 20];
            int n;
            while ((n = reader.Read(buffer, 0, buffer.Length)) > 0)
            {
                writer.Write(buffer, 0, n);
            }
        }
        using (var cmd = new NpgsqlCommand("VACUUM ANALYZE events", c))
        {
            cmd.ExecuteNonQuery();
        }
    }

    public static void LoadClickHouse(ClickHouseCluster ch, string csv)
    {
        for (var i = 0; i < 2; i++)
        {
            ClickHouseCluster.Execute(ch.Shard(i),
                "CREATE TABLE events_local (account_id String, user_id String, occurred_at DateTime, event String) ENGINE = MergeTree() ORDER BY (account_id, occurred_at)");
            ClickHouseCluster.Execute(ch.Shard(i),
                $"CREATE TABLE events AS events_local ENGINE = Distributed({ClickHouseCluster.Cluster}, default, events_local, cityHash64(account_id))");
        }
        using var http = new HttpClient { Timeout = TimeSpan.FromHours(1) };
        using var body = new StreamContent(File.OpenRead(csv));
        var uri = new Uri(ch.Url + "?insert_distributed_sync=1&date_time_input_format=best_effort&query=" + Uri.EscapeDataString("INSERT INTO events FORMAT CSVWithNames"));
        using var response = http.PostAsync(uri, body).Result;
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException("ClickHouse: " + response.Content.ReadAsStringAsync().Result);
        }
    }
}
