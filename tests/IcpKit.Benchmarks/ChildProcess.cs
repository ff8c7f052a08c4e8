using System.Diagnostics;
using System.Globalization;

namespace IcpKit.Benchmarks;

/// <summary>Runs one side of a benchmark in a fresh process of this program, so its peak memory is its own.</summary>
internal static class ChildProcess
{
    /// <summary>Starts this benchmark program again with <paramref name="arguments"/> and returns its standard output.</summary>
    public static string RunSelf(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, UseShellExecute = false };
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("Unknown process path.");
        start.FileName = host;
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        }

        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the child process.");
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"Child process failed with exit code {process.ExitCode}: {string.Join(' ', arguments)}");
        }

        return output;
    }

    /// <summary>
    /// Peak resident set size of this process in MiB, from the kernel's high-water mark (VmHWM in /proc/self/status):
    /// the true peak over the whole run, not a sample.
    /// </summary>
    public static double PeakWorkingSetMiB()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                var kb = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                return kb / 1024.0;
            }
        }

        return Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0;
    }
}
