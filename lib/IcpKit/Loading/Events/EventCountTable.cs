using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace IcpKit.Loading.Events;

/// <summary>
/// One account's events per event name, read-only: the names are shared by every account of an import and each
/// account keeps one number per event it had (the name's index and the count), about a fifth of an immutable
/// dictionary's size (at 100,000 accounts the counts were most of the import's result).
/// </summary>
internal sealed class EventCountTable : IReadOnlyDictionary<string, long>
{
    private const int CountBits = 40; // a trillion events of one name for one account; 2^23 distinct names
    private const long CountMask = (1L << CountBits) - 1;
    private readonly EventNames _names;
    private readonly long[] _entries; // ascending by name index

    /// <param name="names">The import's event names.</param>
    /// <param name="entries">One <see cref="Entry"/> per event the account had, ascending by index.</param>
    public EventCountTable(EventNames names, long[] entries)
    {
        _names = names;
        _entries = entries;
    }

    /// <summary>An entry: the name's index in its high bits, the count in the low ones.</summary>
    public static long Entry(int index, long count) => ((long)index << CountBits) | count;

    public long this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No events named '{key}'.");

    public IEnumerable<string> Keys => _entries.Select(e => _names.Names[(int)(e >> CountBits)]);

    public IEnumerable<long> Values => _entries.Select(e => e & CountMask);

    public int Count => _entries.Length;

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out long value)
    {
        if (key is not null && _names.Index.TryGetValue(key, out var index))
        {
            // The entries sort by index: the first at or above Entry(index, 0) is the name's if it has one.
            var at = Array.BinarySearch(_entries, Entry(index, 0));
            at = at < 0 ? ~at : at;
            if (at < _entries.Length && _entries[at] >> CountBits == index)
            {
                value = _entries[at] & CountMask;
                return true;
            }
        }

        value = 0;
        return false;
    }

    public IEnumerator<KeyValuePair<string, long>> GetEnumerator()
    {
        foreach (var e in _entries)
        {
            yield return new KeyValuePair<string, long>(_names.Names[(int)(e >> CountBits)], e & CountMask);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The event names of one import, by index, shared by every account's table.</summary>
    internal sealed class EventNames(string[] names)
    {
        public string[] Names { get; } = names;

        public Dictionary<string, int> Index { get; } = names.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);
    }
}
