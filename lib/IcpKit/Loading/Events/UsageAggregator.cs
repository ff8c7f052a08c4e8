using System.Collections.Immutable;
using System.Text;
using IcpKit.Model;

namespace IcpKit.Loading.Events;

/// <summary>One account's running figures while events stream past; every fold is order-independent (sums, minima, maxima, set unions).</summary>
internal sealed class AccountState(bool known)
{
    public readonly bool Known = known;
    public long EventCount;
    public long HighValueCount;
    public long First = long.MaxValue;
    public long Last = long.MinValue;
    public long FirstActivation = long.MaxValue;
    public long FirstHighValue = long.MaxValue;
    public DaySet Days;
    public Utf8KeySet? Users;
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
    private readonly Utf8KeySet _accountKeys = new(4096, 8);
    private readonly List<AccountState> _accounts = [];
    private readonly Utf8KeySet _eventKeys = new(32, 16);
    private readonly List<byte> _eventKinds = [];

    public UsageAggregator(EventImportOptions options) => _options = options;

    /// <summary>The state of an account, created on first sight (checking it against the known accounts once).</summary>
    public AccountState Account(ReadOnlySpan<byte> accountId) => Account(accountId, Utf8KeySet.Hash(accountId));

    /// <summary>As <see cref="Account(ReadOnlySpan{byte})"/>, with the id's <see cref="Utf8KeySet.Hash"/> already computed.</summary>
    public AccountState Account(ReadOnlySpan<byte> accountId, uint hash)
    {
        var index = _accountKeys.GetOrAdd(accountId, hash, out var added);
        if (added)
        {
            var known = _options.KnownAccounts is null || _options.KnownAccounts.Contains(Encoding.UTF8.GetString(accountId));
            _accounts.Add(new AccountState(known));
        }

        return _accounts[index];
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
    public void Fold(AccountState account, long utcTicks, int eventIndex, ReadOnlySpan<byte> userId)
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
            (account.Users ??= new Utf8KeySet(4, userId.Length)).GetOrAdd(userId, out _);
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
        var names = new string[_eventKeys.Count];
        var offset = 0;
        while (_eventKeys.Next(ref offset, out var name, out var index))
        {
            names[index] = Encoding.UTF8.GetString(name);
        }

        offset = 0;
        while (_accountKeys.Next(ref offset, out var key, out var index))
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
                ActiveDays = a.Days.Count,
                ActiveWeeks = a.Days.WeekCount,
                DistinctUsers = a.Users?.Count ?? 0,
                EventCounts = counts.ToImmutable(),
            });
        }

        _accounts.Clear();
    }

    private static DateTime? Utc(long ticks) =>
        ticks is long.MaxValue or long.MinValue ? null : new DateTime(ticks, DateTimeKind.Utc);
}
