using System.Collections.Immutable;

namespace IcpKit.Model;

/// <summary>
/// One account's product usage, folded from events.csv in a single streaming pass, so memory grows with
/// accounts rather than events.
/// </summary>
/// <remarks>Weeks are ISO-8601 weeks; days and weeks are counted in UTC.</remarks>
public sealed record AccountUsage
{
    /// <summary>The account the events belong to.</summary>
    public required string AccountId { get; init; }
    /// <summary>Events of the account, of any name.</summary>
    public long EventCount { get; init; }
    /// <summary>Time of the account's first event (UTC).</summary>
    public DateTime? FirstEventAt { get; init; }
    /// <summary>Time of the account's last event (UTC).</summary>
    public DateTime? LastEventAt { get; init; }
    /// <summary>First occurrence of any of the project's activation events.</summary>
    public DateTime? FirstActivationAt { get; init; }
    /// <summary>First occurrence of any of the project's high-value events.</summary>
    public DateTime? FirstHighValueAt { get; init; }
    /// <summary>Occurrences of the project's high-value events.</summary>
    public long HighValueCount { get; init; }
    /// <summary>Distinct UTC days with at least one event.</summary>
    public int ActiveDays { get; init; }
    /// <summary>Distinct ISO-8601 weeks with at least one event.</summary>
    public int ActiveWeeks { get; init; }
    /// <summary>Distinct users seen in the events.</summary>
    public int DistinctUsers { get; init; }
    /// <summary>Events per event name (read-only; the CSV import shares the names across accounts to stay small at scale).</summary>
    public IReadOnlyDictionary<string, long> EventCounts { get; init; } = ImmutableDictionary<string, long>.Empty;

    /// <summary>Events per active week; 0 when the account was never active.</summary>
    public double EventsPerActiveWeek => ActiveWeeks == 0 ? 0 : (double)EventCount / ActiveWeeks;
}
