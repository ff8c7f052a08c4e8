using System.Collections.Immutable;

namespace IcpKit.Model;

/// <summary>
/// One account's product usage, folded from events.csv in a single streaming pass, so memory grows with
/// accounts rather than events.
/// </summary>
/// <remarks>Weeks are ISO-8601 weeks; days and weeks are counted in UTC.</remarks>
public sealed record AccountUsage
{
    public required string AccountId { get; init; }
    public long EventCount { get; init; }
    public DateTime? FirstEventAt { get; init; }
    public DateTime? LastEventAt { get; init; }
    /// <summary>First occurrence of any of the project's activation events.</summary>
    public DateTime? FirstActivationAt { get; init; }
    /// <summary>First occurrence of any of the project's high-value events.</summary>
    public DateTime? FirstHighValueAt { get; init; }
    public long HighValueCount { get; init; }
    public int ActiveDays { get; init; }
    public int ActiveWeeks { get; init; }
    public int DistinctUsers { get; init; }
    /// <summary>
    /// Distinct users whose first event came after the account's first activation event: colleagues who joined once the
    /// product had proved itself (0 when the account never activated). Null when the engine that folded the events does
    /// not count it (the database folds of events kept in PostgreSQL, ClickHouse or Parquet).
    /// </summary>
    public int? UsersAddedAfterActivation { get; init; }
    /// <summary>Events per event name.</summary>
    public ImmutableDictionary<string, long> EventCounts { get; init; } = ImmutableDictionary<string, long>.Empty;

    /// <summary>Events per active week; 0 when the account was never active.</summary>
    public double EventsPerActiveWeek => ActiveWeeks == 0 ? 0 : (double)EventCount / ActiveWeeks;
}
