using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text;
using IcpKit.Model;

namespace IcpKit.Loading.Events;

/// <summary>
/// The per-account usage one worker thread has folded so far. Accounts get a dense index on first sight (from a
/// table holding short ids in its slots) and their running figures live in flat arrays by that index, so folding
/// an event touches a few cache lines and allocates nothing. Workers never share one, and own disjoint accounts.
/// </summary>
/// <remarks>
/// Distinct users: a user id's slot remembers the first account it was seen with, so the usual case (a user belongs
/// to one account) is settled by that one slot; a user id seen with a second account (ids numbered per account,
/// "admin") goes to a set of (account, user) pairs. Every fold is order-independent (sums, minima, maxima, set
/// unions), so the importer may fold rows a little after parsing them.
/// </remarks>
internal sealed class UsageAggregator
{
    private const byte Activation = 1;
    private const byte HighValue = 2;
    private const int Unknown = -1;
    private readonly EventImportOptions _options;
    private InlineKeyTable _accounts;
    private InlineKeyTable _users = new(1024);
    private readonly Utf8KeySet _eventKeys = new(32, 16);
    private readonly List<byte> _eventKinds = [];
    private DayBitmaps _days = new();
    private AccountFold[] _folds;
    private long[] _eventCounts; // account * _eventSlots + event
    private int _eventSlots = 8;
    private int _known; // accounts with an index (unknown ones have none)
    private ulong[] _pairs = new ulong[1024]; // (account + 1) << 32 | user; 0 = free
    private int _pairCount;
    private int _userCount;

    public UsageAggregator(EventImportOptions options, int expectedAccounts)
    {
        _options = options;
        _accounts = new InlineKeyTable(expectedAccounts);
        _folds = new AccountFold[Math.Max(16, expectedAccounts)];
        _eventCounts = new long[_folds.Length * _eventSlots];
    }

    /// <summary>Starts loading the account table slot a lookup of <paramref name="hash"/> will read.</summary>
    public void TouchAccount(uint hash) => _accounts.Touch(hash);

    /// <summary>
    /// The dense index of an account, given on first sight (checking it against the known accounts once), or a
    /// negative number for an account the accounts file does not list.
    /// </summary>
    public int Account(ReadOnlySpan<byte> accountId, uint hash)
    {
        ref var values = ref _accounts.GetOrAdd(accountId, hash, out var added);
        if (!added)
        {
            return values.A;
        }

        if (_options.KnownAccounts is not null && !_options.KnownAccounts.Contains(Encoding.UTF8.GetString(accountId)))
        {
            values.A = Unknown;
            return Unknown;
        }

        var index = _known++;
        values.A = index;
        if (index == _folds.Length)
        {
            Array.Resize(ref _folds, _folds.Length * 2);
            Array.Resize(ref _eventCounts, _folds.Length * _eventSlots);
        }

        _folds[index] = AccountFold.Empty;
        return index;
    }

    /// <summary>Starts loading the lines a fold of this account's event will touch first (its figures, its count of the event, the user's slot).</summary>
    public unsafe void TouchFold(int account, int eventIndex, uint userHash)
    {
        Prefetch.Line(Unsafe.AsPointer(ref _folds[account]));
        if (eventIndex < _eventSlots)
        {
            Prefetch.Line(Unsafe.AsPointer(ref _eventCounts[(account * _eventSlots) + eventIndex]));
        }

        _users.Touch(userHash);
    }

    /// <summary>Starts loading the day bitmap word of an account's event (its figures should be in cache by now).</summary>
    public void TouchDay(int account, long utcTicks) => _days.Touch(in _folds[account].Days, (int)(utcTicks / TimeSpan.TicksPerDay));

    /// <summary>The dense index of an event name in this worker's table.</summary>
    public int Event(ReadOnlySpan<byte> name)
    {
        var index = _eventKeys.GetOrAdd(name, out var added);
        if (added)
        {
            var text = Encoding.UTF8.GetString(name);
            byte kind = 0;
            if (_options.ActivationEvents.Contains(text))
            {
                kind |= Activation;
            }

            if (_options.HighValueEvents.Contains(text))
            {
                kind |= HighValue;
            }

            _eventKinds.Add(kind);
        }

        return index;
    }

    /// <summary>Folds one accepted event into its account (an index from <see cref="Account"/>).</summary>
    public void Fold(int account, long utcTicks, int eventIndex, ReadOnlySpan<byte> userId, uint userHash)
    {
        ref var a = ref _folds[account];
        a.EventCount++;
        if (utcTicks < a.First)
        {
            a.First = utcTicks;
        }

        if (utcTicks > a.Last)
        {
            a.Last = utcTicks;
        }

        var kind = _eventKinds[eventIndex];
        if ((kind & Activation) != 0 && utcTicks < a.FirstActivation)
        {
            a.FirstActivation = utcTicks;
        }

        if ((kind & HighValue) != 0)
        {
            a.HighValueCount++;
            if (utcTicks < a.FirstHighValue)
            {
                a.FirstHighValue = utcTicks;
            }
        }

        _days.Add(ref a.Days, account, (int)(utcTicks / TimeSpan.TicksPerDay));
        if (!userId.IsEmpty && NewUser(account, userId, userHash))
        {
            a.Users++;
        }

        if (eventIndex >= _eventSlots)
        {
            WidenEvents(eventIndex);
        }

        _eventCounts[(account * _eventSlots) + eventIndex]++;
    }

    /// <summary>True the first time <paramref name="userId"/> is seen with <paramref name="account"/>.</summary>
    private bool NewUser(int account, ReadOnlySpan<byte> userId, uint userHash)
    {
        ref var user = ref _users.GetOrAdd(userId, userHash, out var added);
        if (added)
        {
            user.A = _userCount++;
            user.B = account;
            return true;
        }

        return user.B != account && AddPair(((ulong)(uint)(account + 1) << 32) | (uint)user.A);
    }

    private bool AddPair(ulong pair)
    {
        var mask = _pairs.Length - 1;
        var i = (int)(Utf8KeySet.Mix(pair) & (uint)mask);
        while (_pairs[i] != 0)
        {
            if (_pairs[i] == pair)
            {
                return false;
            }

            i = (i + 1) & mask;
        }

        _pairs[i] = pair;
        if (++_pairCount * 2 > _pairs.Length)
        {
            var old = _pairs;
            _pairs = new ulong[old.Length * 2];
            mask = _pairs.Length - 1;
            foreach (var p in old)
            {
                if (p != 0)
                {
                    var j = (int)(Utf8KeySet.Mix(p) & (uint)mask);
                    while (_pairs[j] != 0)
                    {
                        j = (j + 1) & mask;
                    }

                    _pairs[j] = p;
                }
            }
        }

        return true;
    }

    private void WidenEvents(int eventIndex)
    {
        var slots = _eventSlots;
        while (slots <= eventIndex)
        {
            slots *= 2;
        }

        var counts = new long[_folds.Length * slots];
        for (var a = 0; a < _known; a++)
        {
            _eventCounts.AsSpan(a * _eventSlots, _eventSlots).CopyTo(counts.AsSpan(a * slots));
        }

        _eventCounts = counts;
        _eventSlots = slots;
    }

    /// <summary>Bytes held by the tables, roughly.</summary>
    public long Footprint => (_accounts?.Footprint ?? 0) + (_users?.Footprint ?? 0) + (_pairs.Length * 8L) +
        ((long)_folds.Length * Unsafe.SizeOf<AccountFold>()) + (_eventCounts.Length * 8L) + (_days?.Footprint ?? 0);

    /// <summary>Lets go of the user tables once every event is folded (each account's count is kept): the result needs none.</summary>
    public void ReleaseUsers()
    {
        _users = null!;
        _pairs = [];
    }

    /// <summary>
    /// Adds the usage of every account with at least one accepted event to <paramref name="usage"/>, then lets go
    /// of its state. The aggregator is empty afterwards.
    /// </summary>
    /// <exception cref="ArgumentException">An account is already in <paramref name="usage"/> (workers must own disjoint accounts).</exception>
    public void DrainInto(ImmutableDictionary<string, AccountUsage>.Builder usage)
    {
        var names = new string[_eventKeys.Count];
        var offset = 0;
        while (_eventKeys.Next(ref offset, out var name, out var index))
        {
            names[index] = Encoding.UTF8.GetString(name);
        }

        var eventNames = new EventCountTable.EventNames(names);
        var counts = new List<long>(names.Length);
        var position = 0;
        while (_accounts.Next(ref position, out var key, out var values))
        {
            var account = values.A;
            if (account < 0 || _folds[account].EventCount == 0)
            {
                continue;
            }

            ref var a = ref _folds[account];
            counts.Clear();
            for (var e = 0; e < names.Length; e++)
            {
                var n = _eventCounts[(account * _eventSlots) + e];
                if (n > 0)
                {
                    counts.Add(EventCountTable.Entry(e, n));
                }
            }

            var id = Encoding.UTF8.GetString(key);
            usage.Add(id, new AccountUsage
            {
                AccountId = id,
                EventCount = a.EventCount,
                FirstEventAt = Utc(a.First),
                LastEventAt = Utc(a.Last),
                FirstActivationAt = Utc(a.FirstActivation),
                FirstHighValueAt = Utc(a.FirstHighValue),
                HighValueCount = a.HighValueCount,
                ActiveDays = _days.Count(in a.Days, account),
                ActiveWeeks = _days.WeekCount(in a.Days, account),
                DistinctUsers = a.Users,
                EventCounts = new EventCountTable(eventNames, [.. counts]),
            });
        }

        _folds = [];
        _eventCounts = [];
        _accounts = null!;
        _days = null!;
    }

    private static DateTime? Utc(long ticks) =>
        ticks is long.MaxValue or long.MinValue ? null : new DateTime(ticks, DateTimeKind.Utc);

    /// <summary>One account's running figures: one cache line.</summary>
    private struct AccountFold
    {
        public static readonly AccountFold Empty = new()
        {
            First = long.MaxValue,
            Last = long.MinValue,
            FirstActivation = long.MaxValue,
            FirstHighValue = long.MaxValue,
        };

        public long EventCount;
        public long HighValueCount;
        public long First;
        public long Last;
        public long FirstActivation;
        public long FirstHighValue;
        public DayBitmaps.Handle Days;
        public int Users;
    }
}
