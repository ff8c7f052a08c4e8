using System.Diagnostics;

namespace IcpKit.Benchmarks;

/// <summary>What every benchmark command reads its options with and times its set-up steps with.</summary>
internal static class CommandLine
{
    /// <summary>The value after <paramref name="name"/> in <paramref name="args"/>, or null when it is not given.</summary>
    public static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>Runs <paramref name="action"/> and prints how long it took.</summary>
    public static T Timed<T>(string what, Func<T> action)
    {
        var clock = Stopwatch.StartNew();
        var result = action();
        Console.WriteLine($"{what}: {clock.Elapsed.TotalSeconds:F1} s");
        return result;
    }

    /// <summary>Runs <paramref name="action"/> and prints how long it took.</summary>
    public static void Timed(string what, Action action) => Timed(what, () => { action(); return 0; });
}
