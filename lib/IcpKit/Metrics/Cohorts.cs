using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using IcpKit.Loading;
using IcpKit.Model;
using Microsoft.Data.Analysis;

namespace IcpKit.Metrics;

/// <summary>The length of a signup cohort, and of one step of a cohort matrix.</summary>
public enum CohortPeriod
{
    /// <summary>Calendar months ("2025-03").</summary>
    Month,
    /// <summary>Calendar quarters ("2025Q1").</summary>
    Quarter,
}

/// <summary>Signup cohorts: customers grouped by the calendar month or quarter of their <c>customer_since</c>.</summary>
public static class Cohorts
{
    /// <summary>Months in one period: 1 or 3.</summary>
    public static int Months(CohortPeriod period) => period == CohortPeriod.Quarter ? 3 : 1;

    /// <summary>First day of the period holding <paramref name="date"/>.</summary>
    public static DateOnly PeriodStart(DateOnly date, CohortPeriod period) => period == CohortPeriod.Quarter
        ? new DateOnly(date.Year, (date.Month - 1) / 3 * 3 + 1, 1)
        : new DateOnly(date.Year, date.Month, 1);

    /// <summary>"2025-03" for a month, "2025Q1" for a quarter.</summary>
    public static string Label(DateOnly periodStart, CohortPeriod period) => period == CohortPeriod.Quarter
        ? string.Create(CultureInfo.InvariantCulture, $"{periodStart.Year}Q{(periodStart.Month - 1) / 3 + 1}")
        : periodStart.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>How many customers signed up in each period, per group.</summary>
    /// <remarks>Accounts that never became customers, or became customers after as_of, are not counted.</remarks>
    public static SignupCohorts Signups(ExportData export, CohortPeriod period = CohortPeriod.Month, Segmentation? by = null)
    {
        ArgumentNullException.ThrowIfNull(export);
        return Signups(export.Accounts, export.AsOf, period, by);
    }

    /// <summary>How many customers signed up in each period, per group, from account records.</summary>
    public static SignupCohorts Signups(IEnumerable<Account> accounts, DateOnly asOf, CohortPeriod period = CohortPeriod.Month, Segmentation? by = null)
    {
        var groups = Grouping.Accounts(accounts.Where(a => a.IsCustomerAt(asOf)), by);
        var starts = groups.SelectMany(g => g.Members).Select(a => PeriodStart(a.CustomerSince!.Value, period)).Distinct().Order().ToImmutableArray();
        var counts = groups.Select(g =>
        {
            var byStart = g.Members.GroupBy(a => PeriodStart(a.CustomerSince!.Value, period)).ToDictionary(x => x.Key, x => x.Count());
            return (g.Group, Counts: starts.Select(s => byStart.GetValueOrDefault(s)).ToImmutableArray());
        }).ToImmutableArray();
        return new SignupCohorts(period, Grouping.NameOf(by), [.. starts.Select(s => Label(s, period))],
            [.. counts.Select(c => c.Group)], [.. counts.Select(c => c.Counts)]);
    }
}

/// <summary>Customers per signup cohort (rows) and group (columns).</summary>
/// <param name="Period">Month or quarter.</param>
/// <param name="Segmentation">What the groups are of.</param>
/// <param name="Cohorts">Cohort labels, oldest first.</param>
/// <param name="Groups">Group labels.</param>
/// <param name="Counts">Per group, the count per cohort (same order as <paramref name="Cohorts"/>).</param>
public sealed partial record SignupCohorts(CohortPeriod Period, string Segmentation, ImmutableArray<string> Cohorts,
    ImmutableArray<string> Groups, ImmutableArray<ImmutableArray<int>> Counts)
{
    /// <summary>Customers over all cohorts and groups (an account in two groups counts twice).</summary>
    public int N => Counts.Sum(c => c.Sum());

    /// <summary>One row per cohort, one column per group.</summary>
    public DataFrame Summary
    {
        get
        {
            var columns = new List<DataFrameColumn> { new StringDataFrameColumn("cohort", Cohorts) };
            columns.AddRange(Groups.Select((g, i) => new Int32DataFrameColumn(g, Counts[i])));
            return new DataFrame(columns);
        }
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"Signups per {Period.ToString().ToLowerInvariant()} by {Segmentation} (n = {N})").AppendLine();
        Statistics.Survival.SurvivalText.Table(sb, ["cohort", .. Groups],
            Cohorts.Select((c, r) => new[] { c }.Concat(Counts.Select(col => col[r].ToString(CultureInfo.InvariantCulture))).ToArray()));
        return sb.ToString().TrimEnd();
    }
}
