using System.Globalization;
using System.Text;
using IcpKit.Loading;
using IcpKit.Model;
using IcpKit.Statistics;
using MathNet.Numerics.Statistics;

namespace IcpKit.Metrics;

/// <summary>How intensely customers use the product, per group.</summary>
/// <param name="EventsPerActiveWeek">Median events per active week per account, bootstrap CI, Mann-Whitney.</param>
/// <param name="ActiveUsersPerSeat">Median distinct users over seats per account (accounts with seats only).</param>
/// <param name="PowerAccounts">Share of accounts in the top quartile of events per active week over all customers.</param>
/// <param name="PowerThreshold">That top-quartile threshold (events per active week).</param>
public sealed partial record UsageIntensity(DistributionComparison EventsPerActiveWeek, DistributionComparison ActiveUsersPerSeat,
    RateComparison PowerAccounts, double PowerThreshold)
{
    /// <summary>How "power" is defined, in the words the results carry.</summary>
    public const string PowerDefinition =
        "A power account is a customer whose events per active week reach the 75th percentile (R type 7) of all customers' " +
        "values in the export, groups pooled; events.csv has per-account aggregates, so power is judged per account, not per user.";

    /// <summary>Events per active week and active users per seat, per group, and the share of power accounts.</summary>
    /// <remarks>
    /// Customers (customer_since on or before as_of) only; a customer without any event counts as 0 events per active
    /// week (it is not left out). Active users per seat is distinct users over all time divided by the exported seats,
    /// for customers with seats &gt; 0; it can exceed 1 when users come and go.
    /// </remarks>
    /// <param name="export">The export.</param>
    /// <param name="by">Groups to compare; null for one group.</param>
    /// <param name="options">Bootstrap settings (seeded; default <see cref="DistributionComparison.DefaultBootstrap"/>: 2,000 resamples, seed 1) and the sample guard.</param>
    public static UsageIntensity Of(ExportData export, Segmentation? by = null, BootstrapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(export);
        return Of(export.Accounts, export.Usage, export.AsOf, by, options);
    }

    /// <summary>Usage intensity from account records and their usage.</summary>
    public static UsageIntensity Of(IEnumerable<Account> accounts, IReadOnlyDictionary<string, AccountUsage> usage, DateOnly asOf,
        Segmentation? by = null, BootstrapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(usage);
        var customers = accounts.Where(a => a.IsCustomerAt(asOf)).ToArray();
        double Epw(Account a) => usage.TryGetValue(a.AccountId, out var u) ? u.EventsPerActiveWeek : 0;
        var groups = Grouping.Accounts(customers, by);
        var segmentation = Grouping.NameOf(by);

        var perWeek = DistributionComparison.Of("events per active week", segmentation,
            groups.Select(g => (g.Group, (IReadOnlyList<(string, double)>)g.Members.Select(a => (a.AccountId, Epw(a))).ToArray())).ToArray(),
            "median", Median, "customers; no events = 0", options);

        var perSeat = DistributionComparison.Of("active users per seat", segmentation,
            groups.Select(g => (g.Group, (IReadOnlyList<(string, double)>)g.Members
                .Where(a => a.Seats is > 0)
                .Select(a => (a.AccountId, (usage.TryGetValue(a.AccountId, out var u) ? u.DistinctUsers : 0) / (double)a.Seats!.Value)).ToArray())).ToArray(),
            "median", Median, "customers with seats > 0; distinct users ever / seats", options);

        double threshold = customers.Length == 0 ? double.NaN : customers.Select(Epw).ToArray().QuantileCustom(0.75, QuantileDefinition.R7);
        var power = RateComparison.Of("power accounts (top-quartile events per active week)", segmentation,
            groups.Select(g => (g.Group, (IReadOnlyList<(string, bool)>)g.Members.Select(a => (a.AccountId, Epw(a) >= threshold)).ToArray())).ToArray(),
            string.Create(CultureInfo.InvariantCulture, $"customers; power = at least {threshold:0.##} events per active week"), options?.Guard);
        return new UsageIntensity(perWeek, perSeat, power, threshold);
    }

    /// <summary>The three comparisons, one after the other.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.AppendLine(EventsPerActiveWeek.ToString()).AppendLine();
        sb.AppendLine(ActiveUsersPerSeat.ToString()).AppendLine();
        sb.AppendLine(PowerAccounts.ToString());
        sb.Append(PowerDefinition);
        return sb.ToString();
    }

    // Sorting beats MathNet's MedianInplace on bootstrap resamples, whose many repeated values slow its selection down.
    private static double Median(double[] values)
    {
        Array.Sort(values);
        return SortedArrayStatistics.Median(values);
    }
}
