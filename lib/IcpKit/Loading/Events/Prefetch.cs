using System.Runtime.Intrinsics.X86;

namespace IcpKit.Loading.Events;

/// <summary>
/// Asks the CPU to start loading a cache line that a fold will need a few rows later. A prefetch retires at once
/// and never faults (a stale or null address is harmless), unlike a plain load, which would stall the core on a
/// cache miss; the per-account tables of a large import outgrow the caches, so those misses are most of its time.
/// </summary>
internal static class Prefetch
{
    public static unsafe void Line(void* address)
    {
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(address);
        }
    }
}
