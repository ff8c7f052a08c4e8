using IcpKit.Rendering;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using IcpKit.Loading;
using IcpKit.Model;
using IcpKit.Statistics;
using IcpKit.Statistics.Survival;
using Microsoft.Data.Analysis;

namespace IcpKit.Metrics;

/// <summary>What a cohort matrix counts.</summary>
public enum RetentionMeasure
{
    /// <summary>Share of the cohort's customers still customers (logo retention).</summary>
    Logo,
    /// <summary>Share of the cohort's MRR still paid by customers who have not churned (gross revenue retention).</summary>
    GrossRevenue,
}

/// <summary>One signup cohort's row of a retention matrix.</summary>
/// <param name="Cohort">Label, e.g. "2025-03".</param>
/// <param name="Start">First day of the cohort's period.</param>
/// <param name="Accounts">Customers in the cohort (for revenue: those with an MRR).</param>
/// <param name="Base">What the cohort started with: its customers (logo) or their MRR (revenue).</param>
/// <param name="Retained">What is left k periods after each customer's start, per k = 0, 1, ...; NaN where the
/// whole cohort has not yet been followed k periods.</param>
public sealed record CohortRow(string Cohort, DateOnly Start, int Accounts, double Base, ImmutableArray<double> Retained)
{
    /// <summary>Retained / base at offset k; NaN when not yet observed.</summary>
    public double RateAt(int k) => k < Retained.Length && Base > 0 ? Retained[k] / Base : double.NaN;
}

/// <summary>Cohort x period retention matrix of one group, and its average over cohorts weighted by cohort size.</summary>
/// <remarks>
/// Offset k reads each customer k periods after its own customer_since (its k-th monthly or quarterly anniversary);
/// a customer churned on or before that day is lost. A cohort's cell is filled only once every member has reached
/// offset k by as_of, so each cell has a fixed denominator. <see cref="Average"/> pools the cohorts observed at k:
/// sum retained / sum base, i.e. weighted by cohort size (or MRR), not a mean of the cohorts' rates. Example: a
/// cohort of 10 keeping 5 and one of 2 keeping 2 average 7/12 = 58%, not (50% + 100%)/2 = 75%.
/// </remarks>
/// <param name="Measure">Logo or gross revenue.</param>
/// <param name="Period">Month or quarter (cohort length and step).</param>
/// <param name="Group">Group label.</param>
/// <param name="Rows">One row per cohort, oldest first.</param>
/// <param name="Average">Weighted average retention per offset; NaN where no cohort is observed.</param>
/// <param name="AverageAccounts">Customers in the cohorts that make up <see cref="Average"/> at each offset.</param>
public sealed partial record RetentionMatrix(RetentionMeasure Measure, CohortPeriod Period, string Group,
    ImmutableArray<CohortRow> Rows, ImmutableArray<double> Average, ImmutableArray<int> AverageAccounts)
{
    /// <summary>Customers in all cohorts.</summary>
    public int N => Rows.Sum(r => r.Accounts);

    /// <summary>Number of offsets (columns), 0 .. Offsets - 1.</summary>
    public int Offsets => Average.Length;

    /// <summary>One row per cohort (cohort, accounts, base, then the rate at each offset) and a last "weighted average" row.</summary>
    public DataFrame Summary
    {
        get
        {
            var columns = new List<DataFrameColumn>
            {
                new StringDataFrameColumn("cohort", Rows.Select(r => r.Cohort).Append("weighted average")),
                new Int32DataFrameColumn("accounts", Rows.Select(r => r.Accounts).Append(N)),
                new DoubleDataFrameColumn("base", Rows.Select(r => r.Base).Append(Rows.Sum(r => r.Base))),
            };
            for (int k = 0; k < Offsets; k++)
            {
                int offset = k;
                columns.Add(new DoubleDataFrameColumn(Retention.OffsetLabel(offset, Period), Rows.Select(r => r.RateAt(offset)).Append(Average[offset])));
            }
            return new DataFrame(columns);
        }
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{Retention.MeasureName(Measure)} of {Group} per {Period.ToString().ToLowerInvariant()} cohort (n = {N})").AppendLine();
        SurvivalText.Table(sb, ["cohort", "n", .. Enumerable.Range(0, Offsets).Select(k => Retention.OffsetLabel(k, Period))],
            Rows.Select(r => new[] { r.Cohort, SurvivalText.Int(r.Accounts) }.Concat(Enumerable.Range(0, Offsets).Select(k => Cell(r.RateAt(k)))).ToArray())
                .Append(["weighted", SurvivalText.Int(N), .. Average.Select(Cell)]));
        return sb.ToString().TrimEnd();
    }

    private static string Cell(double rate) => double.IsNaN(rate) ? "" : Format.Percent(rate);
}

/// <summary>Retention matrices per group, with the weighted average curves side by side.</summary>
/// <param name="Measure">Logo or gross revenue.</param>
/// <param name="Period">Month or quarter.</param>
/// <param name="Segmentation">What the groups are of.</param>
/// <param name="AsOf">The analysis date.</param>
/// <param name="Groups">One matrix per group, in ordinal order.</param>
/// <param name="Note">What the measure can and cannot say with this export (e.g. why net revenue retention is absent).</param>
public sealed partial record CohortRetention(RetentionMeasure Measure, CohortPeriod Period, string Segmentation, DateOnly AsOf,
    ImmutableArray<RetentionMatrix> Groups, string Note)
{
    /// <summary>The matrix of one group.</summary>
    /// <exception cref="KeyNotFoundException">No such group.</exception>
    public RetentionMatrix this[string group] =>
        Groups.FirstOrDefault(g => g.Group == group) ?? throw new KeyNotFoundException($"no group '{group}'.");

    /// <summary>One row per group: n, then the weighted average at each offset.</summary>
    public DataFrame Summary
    {
        get
        {
            int offsets = Groups.IsEmpty ? 0 : Groups.Max(g => g.Offsets);
            var columns = new List<DataFrameColumn>
            {
                new StringDataFrameColumn("group", Groups.Select(g => g.Group)),
                new Int32DataFrameColumn("accounts", Groups.Select(g => g.N)),
            };
            for (int k = 0; k < offsets; k++)
            {
                int offset = k;
                columns.Add(new DoubleDataFrameColumn(Retention.OffsetLabel(offset, Period),
                    Groups.Select(g => offset < g.Offsets ? g.Average[offset] : double.NaN)));
            }
            return new DataFrame(columns);
        }
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{Retention.MeasureName(Measure)} by {Segmentation}, weighted average over {Period.ToString().ToLowerInvariant()} cohorts").AppendLine();
        int offsets = Groups.IsEmpty ? 0 : Groups.Max(g => g.Offsets);
        SurvivalText.Table(sb, ["group", "n", .. Enumerable.Range(0, offsets).Select(k => Retention.OffsetLabel(k, Period))],
            Groups.Select(g => new[] { g.Group, SurvivalText.Int(g.N) }
                .Concat(Enumerable.Range(0, offsets).Select(k => k < g.Offsets && !double.IsNaN(g.Average[k]) ? Format.Percent(g.Average[k]) : "")).ToArray()));
        sb.Append(Note);
        return sb.ToString();
    }
}

/// <summary>Customer retention: cohort matrices (logo and gross revenue) and retention as survival.</summary>
public static class Retention
{
    /// <summary>Why the revenue matrix is gross only, in the words the results carry.</summary>
    public const string RevenueNote =
        "Gross revenue retention assumes each customer paid its exported MRR from customer_since until churn: the export " +
        "holds one MRR per account (a snapshot), so contraction before churn is invisible. Net revenue retention needs each " +
        "account's MRR at the start and at every checkpoint (expansion, contraction); it cannot be computed from a snapshot " +
        "and is not reported. Seats are a snapshot too, so they cannot stand in for expansion. Customers without an MRR are left out.";

    /// <summary>What a logo matrix counts.</summary>
    public const string LogoNote =
        "Offset k is each customer's k-th anniversary (month or quarter) of customer_since; churned on or before it = lost. " +
        "A cohort's cell fills once all its customers reached offset k by as_of; the average pools cohorts (weighted by size).";

    /// <summary>Logo retention per signup cohort and offset, per group, averaged across cohorts weighted by cohort size.</summary>
    public static CohortRetention Logo(ExportData export, CohortPeriod period = CohortPeriod.Month, Segmentation? by = null)
    {
        ArgumentNullException.ThrowIfNull(export);
        return Matrices(export.Accounts, export.AsOf, period, by, RetentionMeasure.Logo);
    }

    /// <summary>Gross revenue retention per signup cohort and offset (see <see cref="RevenueNote"/> for what it cannot say).</summary>
    public static CohortRetention Revenue(ExportData export, CohortPeriod period = CohortPeriod.Month, Segmentation? by = null)
    {
        ArgumentNullException.ThrowIfNull(export);
        return Matrices(export.Accounts, export.AsOf, period, by, RetentionMeasure.GrossRevenue);
    }

    /// <summary>Cohort matrices from account records: customers (customer_since on or before as_of) only.</summary>
    public static CohortRetention Matrices(IEnumerable<Account> accounts, DateOnly asOf, CohortPeriod period, Segmentation? by,
        RetentionMeasure measure)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        var customers = accounts.Where(a => a.IsCustomerAt(asOf)
            && (measure == RetentionMeasure.Logo || a.Mrr is not null));
        var groups = Grouping.Accounts(customers, by);
        return new CohortRetention(measure, period, Grouping.NameOf(by), asOf,
            [.. groups.Select(g => Matrix(g.Group, g.Members, asOf, period, measure))],
            measure == RetentionMeasure.Logo ? LogoNote : RevenueNote);
    }

    /// <summary>
    /// Retention as survival: days from customer_since to churned_on, censored at as_of, one Kaplan-Meier curve per
    /// group with the log-rank test (pairwise and Holm-adjusted beyond two groups), and retention at 3, 6 and 12 months.
    /// </summary>
    /// <param name="export">The export.</param>
    /// <param name="by">Groups to compare; null for one curve.</param>
    /// <param name="horizonMonths">Months at which retention is read (default 3, 6, 12); a month is 365.25/12 days.</param>
    /// <param name="guard">Minimum events per group for the log-rank test.</param>
    public static SurvivalComparison Survival(ExportData export, Segmentation? by = null, IEnumerable<int>? horizonMonths = null, SampleGuard? guard = null)
    {
        ArgumentNullException.ThrowIfNull(export);
        return Survival(export.Accounts, export.AsOf, by, horizonMonths, guard);
    }

    /// <summary>Retention as survival from account records.</summary>
    public static SurvivalComparison Survival(IEnumerable<Account> accounts, DateOnly asOf, Segmentation? by = null,
        IEnumerable<int>? horizonMonths = null, SampleGuard? guard = null)
    {
        var groups = Grouping.Accounts(accounts.Where(a => a.IsCustomerAt(asOf)), by);
        var observations = groups.SelectMany(g => g.Members.Select(a =>
            // A churn date before customer_since (the validator rejects it, records built in code may not) is churn at day 0.
            SurvivalObservation.FromDates(a.CustomerSince!.Value, Later(a.ChurnedOn, a.CustomerSince!.Value), asOf, g.Group))).ToArray();
        return SurvivalComparison.Of("time to churn (retention)", Grouping.NameOf(by), observations,
            SurvivalComparison.MonthHorizons(horizonMonths ?? [3, 6, 12]),
            "customers still active are censored at as_of", guard);
    }

    /// <summary>The end date, moved up to the start when it lies before it; null stays null.</summary>
    internal static DateOnly? Later(DateOnly? end, DateOnly start) => end is { } e && e < start ? start : end;

    internal static string MeasureName(RetentionMeasure measure) =>
        measure == RetentionMeasure.Logo ? "Logo retention" : "Gross revenue retention";

    internal static string OffsetLabel(int k, CohortPeriod period) =>
        string.Create(CultureInfo.InvariantCulture, $"{(period == CohortPeriod.Quarter ? "Q" : "M")}{k}");

    // One pass per account: its cohort, its value, and for every offset the cohort has reached, whether it is retained.
    private static RetentionMatrix Matrix(string group, ImmutableArray<Account> members, DateOnly asOf, CohortPeriod period, RetentionMeasure measure)
    {
        int step = Cohorts.Months(period);
        var byCohort = new SortedDictionary<DateOnly, List<Account>>();
        foreach (var a in members)
        {
            var start = Cohorts.PeriodStart(a.CustomerSince!.Value, period);
            if (!byCohort.TryGetValue(start, out var list)) byCohort[start] = list = [];
            list.Add(a);
        }
        var rows = new List<CohortRow>();
        int offsets = 0;
        foreach (var (start, list) in byCohort)
        {
            var lastDay = start.AddMonths(step).AddDays(-1);
            // Offsets at which every member has been followed that long.
            int observed = 0;
            while (lastDay.AddMonths(observed * step) <= asOf) observed++;
            offsets = Math.Max(offsets, observed);
            var retained = new double[observed];
            double baseValue = 0;
            foreach (var a in list)
            {
                double value = measure == RetentionMeasure.Logo ? 1 : (double)a.Mrr!.Value;
                baseValue += value;
                var since = a.CustomerSince!.Value;
                for (int k = 0; k < observed; k++)
                {
                    if (a.ChurnedOn is { } churned && churned <= since.AddMonths(k * step)) break;
                    retained[k] += value;
                }
            }
            rows.Add(new CohortRow(Cohorts.Label(start, period), start, list.Count, baseValue, [.. retained]));
        }
        var average = new double[offsets];
        var accounts = new int[offsets];
        for (int k = 0; k < offsets; k++)
        {
            double kept = 0, total = 0;
            foreach (var r in rows)
            {
                if (k >= r.Retained.Length) continue;
                kept += r.Retained[k];
                total += r.Base;
                accounts[k] += r.Accounts;
            }
            average[k] = total > 0 ? kept / total : double.NaN;
        }
        // Rows are padded with NaN to the widest offset so the matrix is rectangular.
        var padded = rows.Select(r => r with { Retained = [.. r.Retained, .. Enumerable.Repeat(double.NaN, offsets - r.Retained.Length)] });
        return new RetentionMatrix(measure, period, group, [.. padded], [.. average], [.. accounts]);
    }
}
