using System.Globalization;
using IcpKit.Loading;
using IcpKit.Model;
using IcpKit.Statistics;
using IcpKit.Statistics.Survival;

namespace IcpKit.Metrics;

/// <summary>Onboarding: how many customers activate soon after they start, and how long they take to reach real value.</summary>
public static class Activation
{
    /// <summary>The default activation window in days.</summary>
    public const int DefaultWindowDays = 30;

    /// <summary>
    /// Share of customers whose first activation event (icpkit.yaml's activation_events) came within
    /// <paramref name="withinDays"/> days of customer_since, per group, with Wilson intervals and the comparison.
    /// </summary>
    /// <remarks>
    /// Only customers followed for at least <paramref name="withinDays"/> days (customer_since + N ≤ as_of) are in the
    /// denominator: a customer who started last week has not had its chance yet, and counting it as "not activated"
    /// would drag recent cohorts down. Customers without any usage count as not activated. An activation dated before
    /// customer_since (a trial) counts as activated.
    /// </remarks>
    /// <param name="export">The export (accounts and events.csv's per-account usage).</param>
    /// <param name="by">Groups to compare; null for one rate.</param>
    /// <param name="withinDays">The window N in days (default 30).</param>
    /// <param name="guard">Minimum expected counts for the comparison.</param>
    public static RateComparison Rate(ExportData export, Segmentation? by = null, int withinDays = DefaultWindowDays, SampleGuard? guard = null)
    {
        ArgumentNullException.ThrowIfNull(export);
        return Rate(export.Accounts, export.Usage, export.AsOf, by, withinDays, guard);
    }

    /// <summary>Activation rate from account records and their usage.</summary>
    public static RateComparison Rate(IEnumerable<Account> accounts, IReadOnlyDictionary<string, AccountUsage> usage, DateOnly asOf,
        Segmentation? by = null, int withinDays = DefaultWindowDays, SampleGuard? guard = null)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(usage);
        ArgumentOutOfRangeException.ThrowIfNegative(withinDays);
        var eligible = accounts.Where(a => IsFollowed(a, asOf, withinDays));
        var groups = Grouping.Accounts(eligible, by)
            .Select(g => (g.Group, (IReadOnlyList<(string, bool)>)g.Members.Select(a => (a.AccountId, Activated(a, usage, withinDays))).ToArray()))
            .ToArray();
        return RateComparison.Of(string.Create(CultureInfo.InvariantCulture, $"activation within {withinDays} days"), Grouping.NameOf(by), groups,
            string.Create(CultureInfo.InvariantCulture, $"customers followed at least {withinDays} days by as_of {asOf:yyyy-MM-dd}"), guard);
    }

    /// <summary>
    /// Days from customer_since to the first high-value event (icpkit.yaml's high_value_events) as survival: a customer
    /// that never reached it is censored at as_of (or at churn, when it churned first), never dropped.
    /// </summary>
    /// <param name="export">The export.</param>
    /// <param name="by">Groups to compare; null for one curve.</param>
    /// <param name="horizonDays">Days at which the share reached is read (default 7, 30, 90).</param>
    /// <param name="guard">Minimum events per group for the log-rank test.</param>
    /// <returns>Curves of the share <em>not yet</em> reached; 1 - S(t) is the share that reached it by t.</returns>
    public static SurvivalComparison TimeToHighValue(ExportData export, Segmentation? by = null, IEnumerable<int>? horizonDays = null, SampleGuard? guard = null)
    {
        ArgumentNullException.ThrowIfNull(export);
        return TimeToHighValue(export.Accounts, export.Usage, export.AsOf, by, horizonDays, guard);
    }

    /// <summary>Time to the first high-value event from account records and their usage.</summary>
    public static SurvivalComparison TimeToHighValue(IEnumerable<Account> accounts, IReadOnlyDictionary<string, AccountUsage> usage, DateOnly asOf,
        Segmentation? by = null, IEnumerable<int>? horizonDays = null, SampleGuard? guard = null)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(usage);
        var groups = Grouping.Accounts(accounts.Where(a => a.IsCustomerAt(asOf)), by);
        var observations = groups.SelectMany(g => g.Members.Select(a => Observation(a, usage, asOf, g.Group))).ToArray();
        return SurvivalComparison.Of("time to first high-value event", Grouping.NameOf(by), observations,
            (horizonDays ?? [7, 30, 90]).Select(d => ((double)d, string.Create(CultureInfo.InvariantCulture, $"{d} days"))),
            "not reached yet = censored at as_of, or at churn when the customer left first", guard);
    }

    /// <summary>A customer followed at least <paramref name="withinDays"/> days by as_of: in the activation rate's denominator.</summary>
    internal static bool IsFollowed(Account a, DateOnly asOf, int withinDays) => a.IsCustomerAt(asOf.AddDays(-withinDays));

    /// <summary>Its first activation event came within <paramref name="withinDays"/> days of customer_since (or before it).</summary>
    internal static bool Activated(Account a, IReadOnlyDictionary<string, AccountUsage> usage, int withinDays) =>
        usage.TryGetValue(a.AccountId, out var u) && u.FirstActivationAt is { } at
        && DateOnly.FromDateTime(at) <= a.CustomerSince!.Value.AddDays(withinDays);

    private static SurvivalObservation Observation(Account a, IReadOnlyDictionary<string, AccountUsage> usage, DateOnly asOf, string group)
    {
        var since = a.CustomerSince!.Value;
        if (usage.TryGetValue(a.AccountId, out var u) && u.FirstHighValueAt is { } at)
        {
            var day = DateOnly.FromDateTime(at);
            // A high-value event before customer_since (a trial) is reached at day 0.
            return SurvivalObservation.FromDates(since, Retention.Later(day, since), asOf, group);
        }
        // Never reached: followed until churn (it can no longer reach it) or as_of.
        var stop = a.ChurnedOn is { } churned && churned < asOf ? Retention.Later(churned, since)!.Value : asOf;
        return SurvivalObservation.FromDates(since, stop, asOf, group, endIsEvent: false);
    }
}
