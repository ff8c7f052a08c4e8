using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace IcpKit.Loading.Events;

/// <summary>
/// An open-addressing table from a UTF-8 key to two ints, holding keys of up to 15 bytes in the slot itself, so a
/// lookup of a typical id (an account, a user) costs one cache line: no key arena or object to chase. Longer keys
/// live in an arena and the slot keeps their offset and hash.
/// </summary>
/// <remarks>
/// Slot layout: the key's bytes in <c>K0</c>/<c>K1</c> with its length + 1 in the top byte of <c>K1</c> (so an empty
/// key is a used slot and 0 marks a free one), or, for a long key, the arena offset in <c>K0</c> and
/// <c>0xFF</c> and the key's hash in <c>K1</c>. Linear probing, grown by half at four fifths full; the table's size
/// is any number (a slot is the scrambled hash scaled to it), so a large table grows in steps of 1.5, not 2.
/// </remarks>
internal sealed class InlineKeyTable
{
    private const int InlineBytes = 15;
    private const ulong LongKeyTag = 0xFFUL << 56;
    private Slot[] _slots;
    private byte[] _arena = new byte[64];
    private int _used;

    public InlineKeyTable(int expectedCount = 16) => _slots = new Slot[Math.Max(16, expectedCount * 5 / 4 + 1)];

    public int Count { get; private set; }

    /// <summary>Bytes held, for the memory notes in tests and benchmarks.</summary>
    public long Footprint => ((long)_slots.Length * Unsafe.SizeOf<Slot>()) + _arena.Length;

    /// <summary>Starts loading the first slot a lookup of <paramref name="hash"/> will probe.</summary>
    public unsafe void Touch(uint hash) =>
        Prefetch.Line(Unsafe.AsPointer(ref _slots[Home(hash, _slots.Length)]));

    /// <summary>
    /// The first slot probed: the hash, scrambled by an odd multiplier (callers split work by the hash's high bits, which
    /// would otherwise crowd one part of the table), scaled to the table's size.
    /// </summary>
    private static int Home(uint hash, int size) => (int)(((ulong)(hash * 0x9E3779B1u) * (uint)size) >> 32);

    /// <summary>
    /// The slot of <paramref name="key"/>, added with both values 0 when new. The reference is valid until the next
    /// call that adds a key.
    /// </summary>
    public ref Values GetOrAdd(ReadOnlySpan<byte> key, uint hash, out bool added)
    {
        if ((long)(Count + 1) * 5 > (long)_slots.Length * 4)
        {
            Grow();
        }

        var (k0, k1) = key.Length <= InlineBytes ? Pack(key) : (0UL, LongKeyTag | hash);
        var slots = _slots;
        var i = Home(hash, slots.Length);
        while (true)
        {
            ref var slot = ref slots[i];
            if (slot.K1 == 0)
            {
                break;
            }

            if (slot.K1 == k1 && (key.Length <= InlineBytes ? slot.K0 == k0 : LongKey(slot.K0).SequenceEqual(key)))
            {
                added = false;
                return ref slot.Values;
            }

            i = i + 1 == slots.Length ? 0 : i + 1;
        }

        ref var free = ref slots[i];
        if (key.Length > InlineBytes)
        {
            k0 = (ulong)StoreLongKey(key);
        }

        free.K0 = k0;
        free.K1 = k1;
        free.Values = default;
        Count++;
        added = true;
        return ref free.Values;
    }

    /// <summary>Visits every key and its values: start with position 0 and call until it returns false.</summary>
    public bool Next(ref int position, out ReadOnlySpan<byte> key, out Values values)
    {
        var slots = _slots;
        while (position < slots.Length)
        {
            ref var slot = ref slots[position++];
            if (slot.K1 != 0)
            {
                key = Key(ref slot);
                values = slot.Values;
                return true;
            }
        }

        key = default;
        values = default;
        return false;
    }

    private ReadOnlySpan<byte> Key(ref Slot slot)
    {
        if ((slot.K1 & LongKeyTag) == LongKeyTag)
        {
            return LongKey(slot.K0);
        }

        var length = (int)(slot.K1 >> 56) - 1;
        return MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<ulong, byte>(ref slot.K0), length);
    }

    private static (ulong, ulong) Pack(ReadOnlySpan<byte> key)
    {
        Span<byte> packed = stackalloc byte[16];
        packed.Clear();
        key.CopyTo(packed);
        packed[15] = (byte)(key.Length + 1);
        return (MemoryMarshal.Read<ulong>(packed), MemoryMarshal.Read<ulong>(packed[8..]));
    }

    private ReadOnlySpan<byte> LongKey(ulong offset)
    {
        var at = (int)offset;
        return _arena.AsSpan(at + sizeof(int), MemoryMarshal.Read<int>(_arena.AsSpan(at)));
    }

    private int StoreLongKey(ReadOnlySpan<byte> key)
    {
        var needed = _used + sizeof(int) + key.Length;
        if (needed > _arena.Length)
        {
            Array.Resize(ref _arena, Math.Max(needed, _arena.Length * 2));
        }

        var at = _used;
        MemoryMarshal.Write(_arena.AsSpan(at), key.Length);
        key.CopyTo(_arena.AsSpan(at + sizeof(int)));
        _used = needed;
        return at;
    }

    private void Grow()
    {
        var old = _slots;
        var slots = new Slot[old.Length + (old.Length / 2)];
        foreach (var slot in old)
        {
            if (slot.K1 == 0)
            {
                continue;
            }

            var hash = (slot.K1 & LongKeyTag) == LongKeyTag ? (uint)slot.K1 : Utf8KeySet.Hash(Key(ref Unsafe.AsRef(in slot)));
            var i = Home(hash, slots.Length);
            while (slots[i].K1 != 0)
            {
                i = i + 1 == slots.Length ? 0 : i + 1;
            }

            slots[i] = slot;
        }

        _slots = slots;
    }

    /// <summary>The two ints a key maps to (their meaning is the caller's).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Values
    {
        public int A;
        public int B;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Slot
    {
        public ulong K0;
        public ulong K1;
        public Values Values;
    }
}
