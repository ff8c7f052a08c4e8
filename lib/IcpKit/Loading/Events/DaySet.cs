using System.Numerics;

namespace IcpKit.Loading.Events;

/// <summary>
/// The distinct UTC days (day numbers since 0001-01-01) on which an account was active, as a bitmap over
/// the span of days seen: three years of activity cost about 140 bytes whatever the number of events.
/// Falls back to a hash set when the span is implausibly wide (a stray year-1900 timestamp), so one bad
/// value cannot make the bitmap huge.
/// </summary>
/// <remarks>
/// ISO weeks need no structure of their own: 0001-01-01 is a Monday, so day number / 7 identifies the
/// Monday-to-Sunday ISO week of a day exactly.
/// </remarks>
internal struct DaySet
{
    private const int MaxWords = 128; // 8,192 days, about 22 years
    private int _baseWord;
    private ulong[]? _words;
    private HashSet<int>? _wide;

    public void Add(int day)
    {
        if (_wide is not null)
        {
            _wide.Add(day);
            return;
        }

        var word = day >> 6;
        if (_words is null)
        {
            _baseWord = word;
            _words = new ulong[1];
        }
        else if (word < _baseWord || word >= _baseWord + _words.Length)
        {
            var low = Math.Min(word, _baseWord);
            var high = Math.Max(word, _baseWord + _words.Length - 1);
            if (high - low + 1 > MaxWords)
            {
                _wide = [.. Days()];
                _wide.Add(day);
                _words = null;
                return;
            }

            // Grow by a little slack (a quarter year) towards the side that grew: resizes stay rare and the
            // bitmap stays close to the account's active span.
            var length = Math.Min(MaxWords, high - low + 1 + 2);
            var newBase = word < _baseWord ? high - length + 1 : low;
            var words = new ulong[length];
            Array.Copy(_words, 0, words, _baseWord - newBase, _words.Length);
            _baseWord = newBase;
            _words = words;
        }

        _words[word - _baseWord] |= 1UL << (day & 63);
    }

    /// <summary>Prefetches the bitmap word of <paramref name="day"/> (if there is one) so a later <see cref="Add"/> finds it in cache.</summary>
    public readonly void Touch(int day)
    {
        var words = _words;
        var i = (day >> 6) - _baseWord;
        if (words is not null && (uint)i < (uint)words.Length)
        {
            unsafe { Prefetch.Line(System.Runtime.CompilerServices.Unsafe.AsPointer(ref words[i])); }
        }
    }

    public readonly int Count
    {
        get
        {
            if (_wide is not null)
            {
                return _wide.Count;
            }

            var count = 0;
            foreach (var w in _words ?? [])
            {
                count += BitOperations.PopCount(w);
            }

            return count;
        }
    }

    /// <summary>Distinct ISO weeks among the days.</summary>
    public readonly int WeekCount
    {
        get
        {
            var count = 0;
            var last = int.MinValue;
            foreach (var day in Days())
            {
                var week = day / 7;
                if (week != last)
                {
                    count++;
                    last = week;
                }
            }

            return count;
        }
    }

    /// <summary>The days in ascending order.</summary>
    public readonly IEnumerable<int> Days()
    {
        if (_wide is not null)
        {
            return _wide.Order();
        }

        return BitmapDays(_words ?? [], _baseWord);
    }

    private static IEnumerable<int> BitmapDays(ulong[] words, int baseWord)
    {
        for (var i = 0; i < words.Length; i++)
        {
            var w = words[i];
            while (w != 0)
            {
                var bit = BitOperations.TrailingZeroCount(w);
                yield return ((baseWord + i) << 6) + bit;
                w &= w - 1;
            }
        }
    }
}
