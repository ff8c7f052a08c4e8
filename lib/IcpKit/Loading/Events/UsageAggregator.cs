using System.Collections.Immutable;
using System.Text;
using IcpKit.Model;

namespace IcpKit.Loading.Events;

/// <summary>One account's running figures while events stream past; every fold is order-independent (sums, minima, maxima, set unions).</summary>
internal sealed class AccountState(bool known, uint hash, byte[] key)
{
    public readonly bool Known = known;
    public readonly uint Hash = hash;
    public readonly byte[] Key = key;
    public long EventCount;
    public long HighValueCount;
    public long First = long.MaxValue;
    public long Last = long.MinValue;
    public long FirstActivation = long.MaxValue;
    public long FirstHighValue = long.MaxValue;
    public DaySet Days;
    public Utf8KeySet? Users;
    /// <summary>Each user's first event, by the user's dense index in <see cref="Users"/>.</summary>
    public long[] UserFirst = [];
    public long[] EventCounts = [];
}

/// <summary>
/// The per-account usage one worker thread has folded so far, keyed by the account id's UTF-8 bytes so no
/// string is made per event. Workers never share one, and own disjoint accounts.
/// </summary>
internal sealed class UsageAggregator
{
    private const byte Activation = 1;
    private const byte HighValue = 2;
    private readonly EventImportOptions _options;
    // The account table holds the states themselves, each carrying its hash and id: a lookup touches the slot and
    // the state (with its id allocated just before it), not a key arena and a list as well, since on a large file
    // these tables outgrow the caches and every dependent load is a cache miss.
    private AccountState?[] _table = new AccountState?[8192];
    private readonly List<AccountState> _accounts = [];
    private readonly Utf8KeySet _eventKeys = new(32, 16);
    private readonly List<byte> _eventKinds = [];

    // Accepted events wait here a few rows before they are folded: queuing one touches the lines its fold will
    // need (day bitmap word, user slot, event counts), so those cache misses overlap the parsing of the next
    // rows instead of stalling the fold one after another. Folds are order-independent, so the delay is harmless.
    private const int Lag = 16;
    private const int MaxQueuedUserBytes = 64;
    private readonly Queued[] _queue = new Queued[Lag];
    private readonly byte[] _queuedUsers = new byte[Lag * MaxQueuedUserBytes];
    private int _queueNext;
    private int _queued;

    public UsageAggregator(EventImportOptions options) => _options = options;

    /// <summary>Folds an accepted event soon (at the latest on <see cref="Flush"/>), first loading what the fold will touch.</summary>
    public void FoldSoon(AccountState account, long utcTicks, int eventIndex, ReadOnlySpan<byte> userId)
    {
        if (userId.Length > MaxQueuedUserBytes)
        {
            Fold(account, utcTicks, eventIndex, userId);
            return;
        }

        var at = _queueNext;
        if (_queued == Lag)
        {
            FoldQueued(at);
        }
        else
        {
            _queued++;
        }

        var userHash = Utf8KeySet.Hash(userId);
        userId.CopyTo(_queuedUsers.AsSpan(at * MaxQueuedUserBytes));
        _queue[at] = new Queued(account, utcTicks, eventIndex, userId.Length, userHash);
        account.Days.Touch((int)(utcTicks / TimeSpan.TicksPerDay));
        unsafe
        {
            // The user set's object now; its slot once the object has arrived, half the lag later.
            Prefetch.Line(*(void**)System.Runtime.CompilerServices.Unsafe.AsPointer(ref account.Users));
            if (eventIndex < account.EventCounts.Length)
            {
                Prefetch.Line(System.Runtime.CompilerServices.Unsafe.AsPointer(ref account.EventCounts[eventIndex]));
            }
        }

        var half = _queue[(at + Lag / 2) % Lag];
        half.Account?.Users?.Touch(half.UserHash);
        _queueNext = (at + 1) % Lag;
    }

    /// <summary>Folds every event still queued by <see cref="FoldSoon"/>.</summary>
    public void Flush()
    {
        for (; _queued > 0; _queued--)
        {
            _queueNext = (_queueNext + Lag - 1) % Lag;
            FoldQueued(_queueNext);
        }

        _queueNext = 0;
    }

    private void FoldQueued(int at)
    {
        var q = _queue[at];
        _queue[at] = default;
        Fold(q.Account, q.Ticks, q.Event, _queuedUsers.AsSpan(at * MaxQueuedUserBytes, q.UserLength), q.UserHash);
    }

    private readonly record struct Queued(AccountState Account, long Ticks, int Event, int UserLength, uint UserHash);

    /// <summary>The state of an account, created on first sight (checking it against the known accounts once).</summary>
    public AccountState Account(ReadOnlySpan<byte> accountId) => Account(accountId, Utf8KeySet.Hash(accountId));

    /// <summary>As <see cref="Account(ReadOnlySpan{byte})"/>, with the id's <see cref="Utf8KeySet.Hash"/> already computed.</summary>
    public AccountState Account(ReadOnlySpan<byte> accountId, uint hash)
    {
        var table = _table;
        var mask = table.Length - 1;
        var slot = (int)hash & mask;
        while (table[slot] is { } state)
        {
            if (state.Hash == hash && state.Key.AsSpan().SequenceEqual(accountId))
            {
                return state;
            }

            slot = (slot + 1) & mask;
        }

        var known = _options.KnownAccounts is null || _options.KnownAccounts.Contains(Encoding.UTF8.GetString(accountId));
        var added = new AccountState(known, hash, accountId.ToArray());
        table[slot] = added;
        _accounts.Add(added);
        if (_accounts.Count * 2 > table.Length)
        {
            Grow();
        }

        return added;
    }

    private void Grow()
    {
        var table = new AccountState?[_table.Length * 2];
        var mask = table.Length - 1;
        foreach (var state in _accounts)
        {
            var slot = (int)state.Hash & mask;
            while (table[slot] is not null)
            {
                slot = (slot + 1) & mask;
            }

            table[slot] = state;
        }

        _table = table;
    }

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

    /// <summary>Folds one accepted event into its account.</summary>
    public void Fold(AccountState account, long utcTicks, int eventIndex, ReadOnlySpan<byte> userId) =>
        Fold(account, utcTicks, eventIndex, userId, Utf8KeySet.Hash(userId));

    private void Fold(AccountState account, long utcTicks, int eventIndex, ReadOnlySpan<byte> userId, uint userHash)
    {
        account.EventCount++;
        if (utcTicks < account.First)
        {
            account.First = utcTicks;
        }

        if (utcTicks > account.Last)
        {
            account.Last = utcTicks;
        }

        var kind = _eventKinds[eventIndex];
        if ((kind & Activation) != 0 && utcTicks < account.FirstActivation)
        {
            account.FirstActivation = utcTicks;
        }

        if ((kind & HighValue) != 0)
        {
            account.HighValueCount++;
            if (utcTicks < account.FirstHighValue)
            {
                account.FirstHighValue = utcTicks;
            }
        }

        account.Days.Add((int)(utcTicks / TimeSpan.TicksPerDay));
        if (!userId.IsEmpty)
        {
            var user = (account.Users ??= new Utf8KeySet(4, userId.Length)).GetOrAdd(userId, userHash, out var added);
            if (user >= account.UserFirst.Length)
            {
                Array.Resize(ref account.UserFirst, Math.Max(4, account.UserFirst.Length * 2));
            }

            if (added || utcTicks < account.UserFirst[user])
            {
                account.UserFirst[user] = utcTicks;
            }
        }

        if (eventIndex >= account.EventCounts.Length)
        {
            Array.Resize(ref account.EventCounts, Math.Max(eventIndex + 1, _eventKinds.Count));
        }

        account.EventCounts[eventIndex]++;
    }

    /// <summary>
    /// Adds the usage of every account with at least one accepted event to <paramref name="usage"/>, letting go of
    /// each account's running state as it goes so the state and the result do not both peak in memory.
    /// The aggregator is empty afterwards.
    /// </summary>
    /// <exception cref="InvalidOperationException">An account is already in <paramref name="usage"/> (workers must own disjoint accounts).</exception>
    public void DrainInto(ImmutableDictionary<string, AccountUsage>.Builder usage)
    {
        Flush();
        var names = new string[_eventKeys.Count];
        var offset = 0;
        while (_eventKeys.Next(ref offset, out var name, out var index))
        {
            names[index] = Encoding.UTF8.GetString(name);
        }

        _table = [];
        for (var index = 0; index < _accounts.Count; index++)
        {
            var a = _accounts[index];
            _accounts[index] = null!;
            if (a.EventCount == 0)
            {
                continue;
            }

            var counts = ImmutableDictionary.CreateBuilder<string, long>(StringComparer.Ordinal);
            for (var e = 0; e < a.EventCounts.Length; e++)
            {
                if (a.EventCounts[e] > 0)
                {
                    counts[names[e]] = a.EventCounts[e];
                }
            }

            var id = Encoding.UTF8.GetString(a.Key);
            usage.Add(id, new AccountUsage
            {
                AccountId = id,
                EventCount = a.EventCount,
                FirstEventAt = Utc(a.First),
                LastEventAt = Utc(a.Last),
                FirstActivationAt = Utc(a.FirstActivation),
                FirstHighValueAt = Utc(a.FirstHighValue),
                HighValueCount = a.HighValueCount,
                ActiveDays = a.Days.Count,
                ActiveWeeks = a.Days.WeekCount,
                DistinctUsers = a.Users?.Count ?? 0,
                UsersAddedAfterActivation = UsersAfter(a),
                EventCounts = counts.ToImmutable(),
            });
        }

        _accounts.Clear();
    }

    /// <summary>Users whose first event came after the account's first activation event (0 when it never activated).</summary>
    private static int UsersAfter(AccountState a)
    {
        var count = 0;
        if (a.FirstActivation == long.MaxValue) return 0;
        for (var i = 0; i < (a.Users?.Count ?? 0); i++)
        {
            if (a.UserFirst[i] > a.FirstActivation) count++;
        }

        return count;
    }

    private static DateTime? Utc(long ticks) =>
        ticks is long.MaxValue or long.MinValue ? null : new DateTime(ticks, DateTimeKind.Utc);
}
