using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IcpKit.NotebookTests;

/// <summary>One event the stock kernel sent for a command.</summary>
internal sealed record KernelEventLine(string Type, JsonObject Event);

/// <summary>
/// Drives the stock kernel VS Code's Polyglot Notebooks launches (dotnet-interactive 1.0.712001 from the local tool
/// manifest) over its stdio JSON protocol: one command envelope per line in, one event per line out.
/// </summary>
internal sealed class StockKernel : IAsyncDisposable
{
    readonly Process process;
    int next;

    StockKernel(Process process) => this.process = process;

    /// <summary>Restores the local tools (so a fresh clone needs nothing else) and starts the kernel in <paramref name="workingDirectory"/>.</summary>
    public static async Task<StockKernel> StartAsync(string workingDirectory)
    {
        var restore = await Processes.RunAsync("dotnet", "tool restore", Repo.Root, TimeSpan.FromMinutes(5));
        if (restore.ExitCode != 0) throw new InvalidOperationException("dotnet tool restore failed: " + restore.Output);
        var start = new ProcessStartInfo("dotnet", "tool run dotnet-interactive -- stdio --default-kernel csharp")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { }; // drain
        process.BeginErrorReadLine();
        var kernel = new StockKernel(process);
        await kernel.ReadUntilAsync(e => e.Type == "KernelReady", TimeSpan.FromMinutes(3));
        return kernel;
    }

    /// <summary>Submits code and returns the events of that command, ending with CommandSucceeded or CommandFailed.</summary>
    public async Task<IReadOnlyList<KernelEventLine>> SubmitAsync(string code, TimeSpan timeout)
    {
        var token = "t" + (++next).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var envelope = new JsonObject
        {
            ["token"] = token,
            ["id"] = "c" + token,
            ["commandType"] = "SubmitCode",
            ["command"] = new JsonObject { ["code"] = code, ["targetKernelName"] = "csharp" },
        };
        await process.StandardInput.WriteLineAsync(envelope.ToJsonString());
        await process.StandardInput.FlushAsync();
        return await ReadUntilAsync(e => e.Event["command"]?["token"]?.GetValue<string>() == token
            && e.Type is "CommandSucceeded" or "CommandFailed", timeout, token);
    }

    async Task<IReadOnlyList<KernelEventLine>> ReadUntilAsync(Func<KernelEventLine, bool> last, TimeSpan timeout, string? token = null)
    {
        using var cts = new CancellationTokenSource(timeout);
        var events = new List<KernelEventLine>();
        while (true)
        {
            var line = await process.StandardOutput.ReadLineAsync(cts.Token)
                ?? throw new InvalidOperationException("The kernel exited.");
            if (!line.StartsWith('{')) continue; // the welcome banner
            JsonObject json;
            try { json = JsonNode.Parse(line)!.AsObject(); }
            catch (JsonException) { continue; }
            var e = new KernelEventLine(json["eventType"]?.GetValue<string>() ?? "", json);
            // Child commands carry tokens like "t3.1": they belong to t3.
            var eventToken = json["command"]?["token"]?.GetValue<string>();
            if (token is null || eventToken == token || eventToken?.StartsWith(token + ".", StringComparison.Ordinal) == true) events.Add(e);
            if (last(e)) return events;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try { process.StandardInput.Close(); } catch (IOException) { }
        if (!process.WaitForExit(3000)) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
    }
}
