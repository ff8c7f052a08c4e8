using System.Globalization;
using IcpKit.Loading;
using IcpKit.Model;
using IcpKit.Statistics;
using IcpKit.Statistics.Survival;

namespace IcpKit.Metrics;

/// <summary>Sales-cycle length: days from a deal's creation to its win, as survival.</summary>
public static class SalesCycle
{
    /// <summary>How deals that were not won enter the curve, in the words the results carry.</summary>
    public const string CensoringNote =
        "open deals censored at as_of; lost deals censored at their close date (the curve is the time to win had the deal " +
        "not been lost: read the median as the cycle of deals that win, next to the win rate, not instead of it)";

    /// <summary>
    /// Days from created_on to a win per group (groups of the deal's account), with Kaplan-Meier curves, the median
    /// cycle with its interval, the share won by 30, 60 and 90 days, and the log-rank comparison.
    /// </summary>
    /// <remarks>
    /// Open deals are censored at as_of (still running), lost deals at their close date. Censoring losses treats them as
    /// uninformative; the alternative, a competing-risks cumulative incidence, would put the median among all deals
    /// and mix cycle length with win rate, which the kit reports separately. The curves are "share not yet won".
    /// Deals without a close date that are not open, and deals closed after as_of, count as open.
    /// </remarks>
    /// <param name="export">The export (deals and accounts).</param>
    /// <param name="by">Groups of accounts to compare; null for one curve.</param>
    /// <param name="horizonDays">Days at which the share not yet won is read (default 30, 60, 90).</param>
    /// <param name="guard">Minimum wins per group for the log-rank test.</param>
    public static SurvivalComparison Of(ExportData export, Segmentation? by = null, IEnumerable<int>? horizonDays = null, SampleGuard? guard = null)
    {
        ArgumentNullException.ThrowIfNull(export);
        return Of(export.Deals, export.Accounts, export.AsOf, by, horizonDays, guard);
    }

    /// <summary>Sales-cycle length from deal and account records; deals without a creation date are left out (validation warns about each).</summary>
    public static SurvivalComparison Of(IEnumerable<Deal> deals, IEnumerable<Account> accounts, DateOnly asOf,
        Segmentation? by = null, IEnumerable<int>? horizonDays = null, SampleGuard? guard = null)
    {
        ArgumentNullException.ThrowIfNull(deals);
        ArgumentNullException.ThrowIfNull(accounts);
        var groups = Grouping.ByAccount(deals.Where(d => d.CreatedOn is { } created && created <= asOf), d => d.AccountId, accounts, by);
        var observations = groups.SelectMany(g => g.Members.Select(d => SurvivalObservation.FromDates(
            d.CreatedOn!.Value, d.Outcome == DealOutcome.Open ? null : Retention.Later(d.ClosedOn, d.CreatedOn.Value), asOf, g.Group, endIsEvent: d.Outcome == DealOutcome.Won))).ToArray();
        return SurvivalComparison.Of("days from deal created to won (sales cycle)", Grouping.NameOf(by), observations,
            (horizonDays ?? [30, 60, 90]).Select(d => ((double)d, string.Create(CultureInfo.InvariantCulture, $"{d} days"))),
            CensoringNote, guard);
    }
}
