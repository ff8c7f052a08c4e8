using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace IcpKit.TestServers;

/// <summary>A server the tests (or the benchmark) started and must stop; its failure to start says why.</summary>
public sealed class ServerStartException(string message) : Exception(message);

/// <summary>Runs a program to its end and returns its exit code and output.</summary>
internal static class Shell
{
    public static (int Code, string Output) Run(string file, IEnumerable<string> args, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        using var p = Process.Start(info) ?? throw new ServerStartException($"could not start {file}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout ?? TimeSpan.FromSeconds(60)))
        {
            p.Kill(entireProcessTree: true);
            throw new ServerStartException($"{file} {string.Join(' ', args)} did not finish in time");
        }
        return (p.ExitCode, stdout.Result + stderr.Result);
    }

    public static bool IsRoot => Run("id", ["-u"]).Output.Trim() == "0";

    /// <summary>A loopback port nobody listens on right now (the server may still lose it to a race: callers retry).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string Tail(string path, int lines = 15) =>
        File.Exists(path) ? string.Join('\n', File.ReadLines(path).TakeLast(lines)) : "(no log written)";
}

/// <summary>
/// A throwaway PostgreSQL 15 cluster: a fresh data directory under the temp folder, a random loopback port, no fsync.
/// PostgreSQL refuses to run as root, so as root the directory belongs to the <c>postgres</c> user and every
/// command runs as that user.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private readonly string _bin;
    private readonly string _dir;
    private readonly bool _asPostgres;

    private PostgresServer(string bin, string dir, bool asPostgres, int port)
    {
        _bin = bin;
        _dir = dir;
        _asPostgres = asPostgres;
        Port = port;
    }

    /// <summary>The loopback port it listens on.</summary>
    public int Port { get; }

    /// <summary>An Npgsql connection string for the superuser <c>icpkit</c> and database <c>postgres</c>.</summary>
    public string ConnectionString => string.Create(CultureInfo.InvariantCulture,
        $"Host=127.0.0.1;Port={Port};Username=icpkit;Database=postgres;Pooling=false;Timeout=15;Command Timeout=0");

    /// <summary>Creates and starts a cluster; throws with the reason (and the server's log) when it cannot.</summary>
    public static PostgresServer Start()
    {
        var bin = new[] { "/usr/lib/postgresql/15/bin" }.Concat(Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).OrderDescending()
                : [])
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new ServerStartException("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): run .ci/setup-warehouse.sh (apt-get install postgresql)");
        var asPostgres = Shell.IsRoot;
        var dir = Path.Combine(Path.GetTempPath(), "icpkit-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        if (asPostgres)
        {
            Chown(dir);
        }
        var init = As(asPostgres, Path.Combine(bin, "initdb"), ["-D", Path.Combine(dir, "data"), "-U", "icpkit", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
        if (init.Code != 0)
        {
            throw new ServerStartException($"initdb failed ({init.Code}): {init.Output}");
        }
        string? last = null;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var port = Shell.FreePort();
            var log = Path.Combine(dir, "server.log");
            var options = string.Create(CultureInfo.InvariantCulture,
                $"-p {port} -k {dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=20 -c shared_buffers=64MB");
            var start = As(asPostgres, Path.Combine(bin, "pg_ctl"), ["-D", Path.Combine(dir, "data"), "-o", options, "-l", log, "-w", "-t", "60", "start"]);
            if (start.Code == 0)
            {
                return new PostgresServer(bin, dir, asPostgres, port);
            }
            last = $"pg_ctl start failed ({start.Code}): {start.Output}\n{Shell.Tail(log)}";
        }
        TryDelete(dir);
        throw new ServerStartException(last ?? "PostgreSQL did not start");
    }

    private static void Chown(string dir)
    {
        var r = Shell.Run("chown", ["postgres:postgres", dir]);
        if (r.Code != 0)
        {
            throw new ServerStartException($"as root, PostgreSQL must run as the postgres user, but chown failed: {r.Output}");
        }
    }

    private static (int Code, string Output) As(bool asPostgres, string file, string[] args) =>
        asPostgres ? Shell.Run("runuser", ["-u", "postgres", "--", file, .. args]) : Shell.Run(file, args);

    /// <summary>Stops the server at once and deletes its directory.</summary>
    public void Dispose()
    {
        As(_asPostgres, Path.Combine(_bin, "pg_ctl"), ["-D", Path.Combine(_dir, "data"), "-m", "immediate", "-w", "stop"]);
        TryDelete(_dir);
    }

    internal static void TryDelete(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; the next run uses a new one.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>
/// Two ClickHouse servers (Debian's clickhouse-server 18.16.1) on loopback ports, each one shard of the cluster
/// <c>icpkit</c>, so a <c>Distributed</c> table over them runs the fold on both shards.
/// </summary>
public sealed class ClickHouseCluster : IDisposable
{
    private readonly List<Process> _servers;
    private readonly string _dir;

    private ClickHouseCluster(List<Process> servers, string dir, int[] httpPorts)
    {
        _servers = servers;
        _dir = dir;
        HttpPorts = httpPorts;
    }

    /// <summary>The cluster name in remote_servers.</summary>
    public const string Cluster = "icpkit";

    /// <summary>HTTP ports of shard 1 and shard 2.</summary>
    public IReadOnlyList<int> HttpPorts { get; }

    /// <summary>The URL of shard 1's HTTP interface (where the Distributed table is queried).</summary>
    public string Url => Shard(0);

    /// <summary>The HTTP URL of one shard.</summary>
    public string Shard(int i) => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{HttpPorts[i]}/");

    /// <summary>Starts both shards; throws with the reason (and the servers' logs) when they cannot start.</summary>
    public static ClickHouseCluster Start()
    {
        var binary = new[] { "/usr/bin/clickhouse-server", "/usr/sbin/clickhouse-server", "/usr/bin/clickhouse" }.FirstOrDefault(File.Exists)
            ?? throw new ServerStartException("clickhouse-server is not installed: run .ci/setup-warehouse.sh (apt-get install clickhouse-server clickhouse-client)");
        string? last = null;
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var dir = Path.Combine(Path.GetTempPath(), "icpkit-ch-" + Guid.NewGuid().ToString("N")[..12]);
            var http = new[] { Shell.FreePort(), Shell.FreePort() };
            var tcp = new[] { Shell.FreePort(), Shell.FreePort() };
            var servers = new List<Process>();
            try
            {
                for (var i = 0; i < 2; i++)
                {
                    var config = WriteConfig(dir, i, http[i], tcp);
                    var info = new ProcessStartInfo(binary) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
                    if (binary.EndsWith("/clickhouse", StringComparison.Ordinal))
                    {
                        info.ArgumentList.Add("server");
                    }
                    info.ArgumentList.Add($"--config-file={config}");
                    var p = Process.Start(info) ?? throw new ServerStartException("could not start clickhouse-server");
                    p.OutputDataReceived += (_, _) => { };
                    p.ErrorDataReceived += (_, _) => { };
                    p.BeginOutputReadLine();
                    p.BeginErrorReadLine();
                    servers.Add(p);
                }
                var cluster = new ClickHouseCluster(servers, dir, http);
                if (cluster.WaitUntilUp(TimeSpan.FromSeconds(30), out var why))
                {
                    return cluster;
                }
                last = why;
                cluster.Dispose();
            }
            catch (ServerStartException e)
            {
                last = e.Message;
                Stop(servers);
                PostgresServer.TryDelete(dir);
            }
        }
        throw new ServerStartException(last ?? "ClickHouse did not start");
    }

    private bool WaitUntilUp(TimeSpan timeout, out string why)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        var up = new bool[2];
        while (clock.Elapsed < timeout)
        {
            for (var i = 0; i < 2; i++)
            {
                if (_servers[i].HasExited)
                {
                    why = $"clickhouse-server (shard {i + 1}) exited with {_servers[i].ExitCode}: {Shell.Tail(Path.Combine(_dir, $"s{i}", "err.log"))}";
                    return false;
                }
                try
                {
                    up[i] = up[i] || http.GetStringAsync(new Uri(Shard(i) + "ping")).Result.StartsWith("Ok", StringComparison.Ordinal);
                }
                catch (AggregateException)
                {
                    // Not listening yet.
                }
            }
            if (up[0] && up[1])
            {
                why = "";
                return true;
            }
            Thread.Sleep(50);
        }
        why = $"clickhouse-server did not answer /ping within {timeout.TotalSeconds:0} s: {Shell.Tail(Path.Combine(_dir, "s0", "err.log"))}";
        return false;
    }

    private static string WriteConfig(string dir, int shard, int httpPort, int[] tcpPorts)
    {
        var root = Path.Combine(dir, $"s{shard}");
        Directory.CreateDirectory(Path.Combine(root, "data"));
        Directory.CreateDirectory(Path.Combine(root, "tmp"));
        var users = Path.Combine(root, "users.xml");
        File.WriteAllText(users, """
            <yandex>
              <profiles><default><max_memory_usage>4000000000</max_memory_usage></default></profiles>
              <users><default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default></users>
              <quotas><default></default></quotas>
            </yandex>
            """);
        var shards = string.Concat(tcpPorts.Select(p => string.Create(CultureInfo.InvariantCulture,
            $"<shard><replica><host>127.0.0.1</host><port>{p}</port></replica></shard>")));
        var config = Path.Combine(root, "config.xml");
        File.WriteAllText(config, string.Create(CultureInfo.InvariantCulture, $"""
            <yandex>
              <logger><level>warning</level><log>{root}/server.log</log><errorlog>{root}/err.log</errorlog><console>0</console></logger>
              <http_port>{httpPort}</http_port>
              <tcp_port>{tcpPorts[shard]}</tcp_port>
              <listen_host>127.0.0.1</listen_host>
              <path>{root}/data/</path>
              <tmp_path>{root}/tmp/</tmp_path>
              <users_config>{users}</users_config>
              <default_profile>default</default_profile>
              <default_database>default</default_database>
              <timezone>UTC</timezone>
              <mark_cache_size>268435456</mark_cache_size>
              <remote_servers><{Cluster}>{shards}</{Cluster}></remote_servers>
            </yandex>
            """), Encoding.UTF8);
        return config;
    }

    /// <summary>Runs a statement on one shard over HTTP; throws with ClickHouse's message when it fails.</summary>
    public static string Execute(string url, string sql, string? body = null)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(30) };
        var uri = body is null ? new Uri(url) : new Uri(url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "query=" + Uri.EscapeDataString(sql));
        using var content = new StringContent(body ?? sql, Encoding.UTF8);
        using var response = http.PostAsync(uri, content).Result;
        var text = response.Content.ReadAsStringAsync().Result;
        return response.IsSuccessStatusCode ? text : throw new InvalidOperationException($"ClickHouse: {text}");
    }

    private static void Stop(List<Process> servers)
    {
        foreach (var p in servers)
        {
            try
            {
                if (!p.HasExited)
                {
                    p.Kill(entireProcessTree: true);
                    p.WaitForExit(10_000);
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            p.Dispose();
        }
    }

    /// <summary>Stops both servers and deletes their folders.</summary>
    public void Dispose()
    {
        Stop(_servers);
        PostgresServer.TryDelete(_dir);
    }
}
