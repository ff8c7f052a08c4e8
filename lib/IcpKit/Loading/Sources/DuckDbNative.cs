using System.Reflection;
using System.Runtime.InteropServices;

namespace IcpKit.Loading;

/// <summary>
/// Lets DuckDB.NET find its native library when IcpKit.dll is loaded by path (a notebook's <c>#r</c> in the stock
/// kernel): the host's deps.json does not list it there, so it is looked up under runtimes/&lt;rid&gt;/native beside the assembly.
/// </summary>
internal static class DuckDbNative
{
    // Registration is once per process and per assembly (the runtime refuses a second resolver).
    private static readonly Lazy<bool> Registered = new(Register);

    public static void EnsureResolvable() => _ = Registered.Value;

    private static bool Register()
    {
        try
        {
            NativeLibrary.SetDllImportResolver(typeof(DuckDB.NET.Native.NativeMethods).Assembly, Resolve);
            return true;
        }
        catch (InvalidOperationException)
        {
            // Another resolver is set already (a host or a later DuckDB.NET): it decides.
            return false;
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        if (name != "duckdb")
        {
            return IntPtr.Zero;
        }
        var dir = Path.GetDirectoryName(assembly.Location);
        if (string.IsNullOrEmpty(dir))
        {
            return IntPtr.Zero;
        }
        var arch = RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();
        string[] rids = OperatingSystem.IsWindows() ? [$"win-{arch}"] : OperatingSystem.IsMacOS() ? ["osx", $"osx-{arch}"] : [$"linux-{arch}"];
        var file = OperatingSystem.IsWindows() ? "duckdb.dll" : OperatingSystem.IsMacOS() ? "libduckdb.dylib" : "libduckdb.so";
        foreach (var candidate in rids.Select(r => Path.Combine(dir, "runtimes", r, "native", file)).Prepend(Path.Combine(dir, file)))
        {
            if (File.Exists(candidate) && NativeLibrary.TryLoad(candidate, out var handle))
            {
                return handle;
            }
        }
        return IntPtr.Zero;
    }
}
