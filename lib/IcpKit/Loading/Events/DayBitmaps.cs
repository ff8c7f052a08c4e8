using System.Numerics;

namespace IcpKit.Loading.Events;

/// <summary>
/// The distinct UTC days (day numbers since 0001-01-01) on which each account was active, as one bitmap per account
/// over the span of days it has seen, carved out of large shared blocks: three years cost about 140 bytes an
/// account, with no object per account. An account's handle (its first word and its region) lives in the
/// caller's per-account state. A span implausibly wide (a stray year-1900 timestamp) falls back to a hash set,
/// so one bad value cannot make a bitmap huge.
/// </summary>
/// <remarks>
/// ISO weeks need no structure of their own: 0001-01-01 is a Monday, so day number / 7 identifies the
/// Monday-to-Sunday ISO week of a day exactly.
/// </remarks>
internal sealed class DayBitmaps
{
    private const int MaxWords = 128; // 8,192 days, about 22 years
    private const int ChunkShift = 16; // 64k words (512 KiB) a block; a region never straddles two
    private const int ChunkWords = 1 << ChunkShift;
    private const ushort Wide = ushort.MaxValue;
    private readonly List<ulong[]> _chunks = [];
    private readonly int[] _free = new int[MaxWords + 3]; // per length: first free region + 1, chained through its word 0
    private int _next = ChunkWords; // global word offset of the next unused word (no block yet)
    private readonly Dictionary<int, HashSet<int>> _wide = [];

    /// <summary>
    /// An account's handle, 8 bytes: where its bitmap starts in the blocks, how many words it has (0 for none,
    /// <see cref="ushort.MaxValue"/> when its days are in a hash set), and its first word's day number / 64
    /// (day 3,652,058, the last of year 9999, is word 57,063).
    /// </summary>
    public struct Handle
    {
        public int Offset;
        public ushort Length;
        public ushort BaseWord;
    }

    public long Footprint => (long)_chunks.Count * ChunkWords * 8;

    /// <summary>Marks <paramref name="day"/> in the bitmap of <paramref name="account"/>.</summary>
    public void Add(ref Handle handle, int account, int day)
    {
        if (handle.Length == Wide)
        {
            _wide[account].Add(day);
            return;
        }

        var word = day >> 6;
        var length = (int)handle.Length;
        if (length == 0)
        {
            handle.BaseWord = (ushort)word;
            handle.Offset = Allocate(1);
            handle.Length = 1;
        }
        else if (word < handle.BaseWord || word >= handle.BaseWord + length)
        {
            var low = Math.Min(word, handle.BaseWord);
            var high = Math.Max(word, handle.BaseWord + length - 1);
            if (high - low + 1 > MaxWords)
            {
                HashSet<int> set = [.. Days(handle)];
                set.Add(day);
                Release(handle);
                _wide[account] = set;
                handle.Length = Wide;
                return;
            }

            // Grow by a little slack towards the side that grew: moves stay rare and the bitmap close to the span.
            var newLength = Math.Min(MaxWords, high - low + 1 + 2);
            var newBase = word < handle.BaseWord ? Math.Max(0, high - newLength + 1) : low;
            var grown = new Handle { Offset = Allocate(newLength), Length = (ushort)newLength, BaseWord = (ushort)newBase };
            Words(handle).CopyTo(Words(grown)[(handle.BaseWord - newBase)..]);
            Release(handle);
            handle = grown;
        }

        Words(handle)[word - handle.BaseWord] |= 1UL << (day & 63);
    }

    /// <summary>Starts loading the word of <paramref name="day"/>, if the bitmap has one, so a later <see cref="Add"/> finds it in cache.</summary>
    public unsafe void Touch(in Handle handle, int day)
    {
        var i = (day >> 6) - handle.BaseWord;
        if ((uint)i < (uint)handle.Length && handle.Length != Wide)
        {
            var at = handle.Offset + i;
            fixed (ulong* p = &_chunks[at >> ChunkShift][at & (ChunkWords - 1)])
            {
                Prefetch.Line(p);
            }
        }
    }

    /// <summary>Distinct days.</summary>
    public int Count(in Handle handle, int account)
    {
        if (handle.Length == Wide)
        {
            return _wide[account].Count;
        }

        var count = 0;
        foreach (var w in Words(handle))
        {
            count += BitOperations.PopCount(w);
        }

        return count;
    }

    /// <summary>Distinct ISO weeks among the days.</summary>
    public int WeekCount(in Handle handle, int account)
    {
        var count = 0;
        var last = int.MinValue;
        if (handle.Length == Wide)
        {
            foreach (var day in _wide[account].Order())
            {
                Week(day);
            }

            return count;
        }

        // Straight from the bits: this runs once per account at the end, and a list of days each would be garbage.
        var words = Words(handle);
        for (var i = 0; i < words.Length; i++)
        {
            var w = words[i];
            while (w != 0)
            {
                Week(((handle.BaseWord + i) << 6) + BitOperations.TrailingZeroCount(w));
                w &= w - 1;
            }
        }

        return count;

        void Week(int day)
        {
            var week = day / 7;
            if (week != last)
            {
                count++;
                last = week;
            }
        }
    }

    /// <summary>The days in ascending order.</summary>
    public IEnumerable<int> Days(Handle handle, int account) =>
        handle.Length == Wide ? _wide[account].Order() : Days(handle);

    private List<int> Days(Handle handle)
    {
        var days = new List<int>();
        var words = Words(handle);
        for (var i = 0; i < words.Length; i++)
        {
            var w = words[i];
            while (w != 0)
            {
                days.Add(((handle.BaseWord + i) << 6) + BitOperations.TrailingZeroCount(w));
                w &= w - 1;
            }
        }

        return days;
    }

    private Span<ulong> Words(Handle handle) =>
        handle.Length is 0 or Wide ? [] : _chunks[handle.Offset >> ChunkShift].AsSpan(handle.Offset & (ChunkWords - 1), handle.Length);

    private int Allocate(int length)
    {
        int at;
        if (_free[length] != 0)
        {
            at = _free[length] - 1;
            var chunk = _chunks[at >> ChunkShift];
            _free[length] = (int)chunk[at & (ChunkWords - 1)];
            chunk.AsSpan(at & (ChunkWords - 1), length).Clear();
        }
        else
        {
            if ((_next & (ChunkWords - 1)) + length > ChunkWords || _next >> ChunkShift >= _chunks.Count)
            {
                _chunks.Add(new ulong[ChunkWords]);
                _next = (_chunks.Count - 1) << ChunkShift;
            }

            at = _next;
            _next += length;
        }

        return at;
    }

    private void Release(Handle handle)
    {
        if (handle.Length is 0 or Wide)
        {
            return;
        }

        var at = handle.Offset;
        _chunks[at >> ChunkShift][at & (ChunkWords - 1)] = (ulong)_free[handle.Length];
        _free[handle.Length] = at + 1;
    }
}
