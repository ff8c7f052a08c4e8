using System.Runtime.InteropServices;

namespace IcpKit.Loading.Events;

/// <summary>
/// A growable set of UTF-8 byte strings that hands out a dense index per distinct key, looked up from a
/// span without allocating a string. Keys live back to back in one byte arena, so a set of a few dozen
/// short names costs a few hundred bytes: it holds each worker's event names. Its <see cref="Hash"/> is the
/// importer's hash of every id.
/// </summary>
/// <remarks>Arena record layout: [int index][int length][bytes]. Open addressing with linear probing.</remarks>
internal sealed class Utf8KeySet
{
    private const int HeaderBytes = 8;
    private byte[] _arena;
    private int _used;
    private int[] _slots; // arena offset + 1; 0 = empty
    private int _count;

    public Utf8KeySet(int expectedCount = 4, int expectedKeyBytes = 8)
    {
        var slots = 8;
        while (slots < expectedCount * 2)
        {
            slots <<= 1;
        }

        _slots = new int[slots];
        _arena = new byte[Math.Max(32, expectedCount * (expectedKeyBytes + HeaderBytes))];
    }

    /// <summary>Number of distinct keys.</summary>
    public int Count => _count;

    /// <summary>Bytes held (for capacity planning in tests).</summary>
    public int Footprint => _arena.Length + _slots.Length * sizeof(int);

    /// <summary>Finds <paramref name="key"/> or adds it; returns its dense index (insertion order).</summary>
    public int GetOrAdd(ReadOnlySpan<byte> key, out bool added) => GetOrAdd(key, Hash(key), out added);

    /// <summary>As <see cref="GetOrAdd(ReadOnlySpan{byte}, out bool)"/>, with <paramref name="hash"/> = <see cref="Hash"/>(<paramref name="key"/>).</summary>
    public int GetOrAdd(ReadOnlySpan<byte> key, uint hash, out bool added)
    {
        var mask = _slots.Length - 1;
        var slot = (int)hash & mask;
        while (true)
        {
            var stored = _slots[slot];
            if (stored == 0)
            {
                break;
            }

            var offset = stored - 1;
            var length = ReadInt(offset + 4);
            if (length == key.Length && _arena.AsSpan(offset + HeaderBytes, length).SequenceEqual(key))
            {
                added = false;
                return ReadInt(offset);
            }

            slot = (slot + 1) & mask;
        }

        added = true;
        var index = _count;
        var needed = _used + HeaderBytes + key.Length;
        if (needed > _arena.Length)
        {
            Array.Resize(ref _arena, Math.Max(needed, _arena.Length * 2));
        }

        var at = _used;
        WriteInt(at, index);
        WriteInt(at + 4, key.Length);
        key.CopyTo(_arena.AsSpan(at + HeaderBytes));
        _used = needed;
        _slots[slot] = at + 1;
        _count++;
        if (_count * 2 > _slots.Length)
        {
            Grow();
        }

        return index;
    }

    /// <summary>Visits the keys in insertion order: start with offset 0 and call until it returns false.</summary>
    public bool Next(ref int offset, out ReadOnlySpan<byte> key, out int index)
    {
        if (offset >= _used)
        {
            key = default;
            index = -1;
            return false;
        }

        index = ReadInt(offset);
        var length = ReadInt(offset + 4);
        key = _arena.AsSpan(offset + HeaderBytes, length);
        offset += HeaderBytes + length;
        return true;
    }

    /// <summary>
    /// A fast, deterministic 32-bit hash of a short byte string (8 bytes at a time). Not randomized: keys come
    /// from the user's own export, so hash flooding is not a threat worth a per-process seed.
    /// </summary>
    internal static uint Hash(ReadOnlySpan<byte> key)
    {
        var h = 0x9E3779B97F4A7C15UL ^ (ulong)key.Length;
        var i = 0;
        for (; i + 8 <= key.Length; i += 8)
        {
            h = (h ^ MemoryMarshal.Read<ulong>(key[i..])) * 0xFF51AFD7ED558CCDUL;
            h ^= h >> 29;
        }

        if (i < key.Length)
        {
            ulong tail = 0;
            for (var j = key.Length - 1; j >= i; j--)
            {
                tail = (tail << 8) | key[j];
            }

            h = (h ^ tail) * 0xC4CEB9FE1A85EC53UL;
        }

        h ^= h >> 33;
        h *= 0xBF58476D1CE4E5B9UL;
        h ^= h >> 31;
        return (uint)h;
    }

    /// <summary>A 32-bit hash of a 64-bit value (the finaliser of <see cref="Hash"/>).</summary>
    internal static uint Mix(ulong value)
    {
        value ^= value >> 33;
        value *= 0xFF51AFD7ED558CCDUL;
        value ^= value >> 33;
        value *= 0xC4CEB9FE1A85EC53UL;
        value ^= value >> 33;
        return (uint)value;
    }

    private void Grow()
    {
        var slots = new int[_slots.Length * 2];
        var mask = slots.Length - 1;
        var offset = 0;
        while (offset < _used)
        {
            var length = ReadInt(offset + 4);
            var slot = (int)Hash(_arena.AsSpan(offset + HeaderBytes, length)) & mask;
            while (slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            slots[slot] = offset + 1;
            offset += HeaderBytes + length;
        }

        _slots = slots;
    }

    private int ReadInt(int at) => MemoryMarshal.Read<int>(_arena.AsSpan(at));

    private void WriteInt(int at, int value) => MemoryMarshal.Write(_arena.AsSpan(at), in value);
}
