using System.Collections.Immutable;
using System.Globalization;
using IcpKit.Loading;
using IcpKit.Model;
using IcpKit.Rendering;
using IcpKit.Statistics;
using Microsoft.Data.Analysis;

namespace IcpKit.Metrics;

/// <summary>Net revenue retention of one group (or one cohort of it) and its parts, as amounts of MRR.</summary>
/// <param name="Group">The group.</param>
/// <param name="Cohort">The cohort (year the customers started), or null for every cohort together.</param>
/// <param name="Customers">Customers who started with revenue and have been customers for the whole window.</param>
/// <param name="StartMrr">Their MRR in their first month.</param>
/// <param name="Expansion">MRR added by customers paying more at the end of the window.</param>
/// <param name="Contraction">MRR lost by customers paying less (but still paying).</param>
/// <param name="Churned">MRR lost by customers paying nothing at the end.</param>
/// <param name="Nrr">(start + expansion − contraction − churned) ÷ start, with its bootstrap interval (pooled rows only).</param>
public sealed record NetRevenueRetentionRow(string Group, int? Cohort, int Customers, double StartMrr, double Expansion, double Contraction, double Churned,
    ValueEstimate Nrr)
{
    /// <summary>MRR at the end of the window.</summary>
    public double EndMrr => StartMrr + Expansion - Contraction - Churned;
}

/// <summary>Net revenue retention per group over a window, pooled and per starting-year cohort.</summary>
/// <param name="Segmentation">Name of the split.</param>
/// <param name="Months">Window length (12: a customer's revenue a year after its first month against that first month).</param>
/// <param name="Groups">Pooled row per group, with its interval.</param>
/// <param name="Cohorts">Rows per group and starting year (no interval).</param>
/// <param name="TooRecent">Customers not yet followed for the whole window (left out).</param>
public sealed record NetRevenueRetentionResult(string Segmentation, int Months, ImmutableArray<NetRevenueRetentionRow> Groups,
    ImmutableArray<NetRevenueRetentionRow> Cohorts, int TooRecent) : IHtmlRenderable, ITextRenderable
{
    /// <summary>One group's pooled row; null when absent.</summary>
    public NetRevenueRetentionRow? this[string group] => Groups.FirstOrDefault(g => g.Group == group);

    /// <summary>The definition in words.</summary>
    public string Definition => string.Create(CultureInfo.InvariantCulture,
        $"Net revenue retention over {Months} months: customers' MRR {Months} months after their first paid month, against that first month (100% = they pay as much as when they started; expansion adds, contraction and churn take away). Customers who started in the same year form a cohort; {Format.Count(TooRecent)} customers started less than {Months} months ago and are not in it yet. 95% bootstrap intervals over customers.");

    /// <summary>
    /// Pooled rows per group, then one per group and starting year (<c>cohort</c> NaN for the pooled rows): customers,
    /// MRR at start, expansion, contraction, churned, MRR at the end, net revenue retention and its interval (pooled rows only).
    /// </summary>
    public DataFrame Summary
    {
        get
        {
            var rows = Groups.Concat(Cohorts).ToArray();
            return new DataFrame(
                new StringDataFrameColumn("group", rows.Select(r => r.Group)),
                new DoubleDataFrameColumn("cohort", rows.Select(r => r.Cohort is { } c ? (double)c : double.NaN)),
                new Int32DataFrameColumn("customers", rows.Select(r => r.Customers)),
                new DoubleDataFrameColumn("start_mrr", rows.Select(r => r.StartMrr)),
                new DoubleDataFrameColumn("expansion", rows.Select(r => r.Expansion)),
                new DoubleDataFrameColumn("contraction", rows.Select(r => r.Contraction)),
                new DoubleDataFrameColumn("churned", rows.Select(r => r.Churned)),
                new DoubleDataFrameColumn("end_mrr", rows.Select(r => r.EndMrr)),
                new DoubleDataFrameColumn("nrr", rows.Select(r => r.Nrr.Estimate)),
                new DoubleDataFrameColumn("lower", rows.Select(r => r.Cohort is null ? r.Nrr.Interval.Lower : double.NaN)),
                new DoubleDataFrameColumn("upper", rows.Select(r => r.Cohort is null ? r.Nrr.Interval.Upper : double.NaN)));
        }
    }

    /// <summary>Pooled table, then one row per cohort.</summary>
    public Table Table() => Rendering.Table.Of(
        [Format.Words(Segmentation), "started", "customers", "MRR at start", "expansion", "contraction", "churned", "net revenue retention", "95% interval"],
        Groups.Concat(Cohorts).Select(r => (IReadOnlyList<object?>)[r.Group, r.Cohort is { } c ? c.ToString(CultureInfo.InvariantCulture) : "all years",
            Format.Count(r.Customers), Format.Money(r.StartMrr), Format.Money(r.Expansion), Format.Money(r.Contraction), Format.Money(r.Churned),
            Format.Percent(r.Nrr.Estimate), r.Cohort is null ? Format.PercentInterval(r.Nrr.Interval.Lower, r.Nrr.Interval.Upper) : ""]),
        caption: $"Net revenue retention over {Months} months");

    /// <inheritdoc/>
    public string ToHtml() => "<p>" + HtmlText.Escape(Definition) + "</p>" + Table().ToHtml();

    /// <inheritdoc/>
    public string ToText() => Definition + Environment.NewLine + Table().ToText();

    /// <inheritdoc/>
    public override string ToString() => ToText();
}

/// <summary>Net revenue retention (expansion, contraction, churn) from mrr_history.csv.</summary>
/// <remarks>
/// Each customer is followed from its first paid month (the month it became a customer, or the next when that month
/// has no revenue yet) for <c>months</c> months; end MRR is 0 when the history has no row then. Pooled NRR is a ratio
/// of sums (big customers weigh more, as in a board report). Worked case: two customers starting at 100 and 200, a year
/// later at 150 and 0: expansion 50, churned 200, NRR = 150 ÷ 300 = 50%.
/// </remarks>
public static class NetRevenueRetention
{
    /// <summary>NRR per group of the export's customers.</summary>
    public static NetRevenueRetentionResult Of(ExportData export, Segmentation? by = null, int months = 12, BootstrapOptions? bootstrap = null)
    {
        ArgumentNullException.ThrowIfNull(export);
        return Of(export.Accounts, export.MrrHistory, export.AsOf, by, months, bootstrap);
    }

    /// <summary>NRR per group from records.</summary>
    public static NetRevenueRetentionResult Of(IEnumerable<Account> accounts, IEnumerable<MrrPoint> history, DateOnly asOf, Segmentation? by = null,
        int months = 12, BootstrapOptions? bootstrap = null)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        if (months < 1) throw new ArgumentOutOfRangeException(nameof(months), months, "at least 1");
        var o = bootstrap ?? ValueEstimate.DefaultBootstrap;
        var paths = RevenuePaths.Of(accounts, history, asOf);
        // (start, end, cohort year) per followed customer; customers whose first two months show no revenue never started paying.
        var followed = new Dictionary<string, (double Start, double End, int Year)>(StringComparer.Ordinal);
        int tooRecent = 0;
        foreach (var a in paths.Customers)
        {
            var m0 = RevenuePaths.MonthIndex(a.CustomerSince!.Value);
            var anchor = paths.At(a.AccountId, m0) > 0 ? m0 : paths.At(a.AccountId, m0 + 1) > 0 && paths.Seen(m0 + 1) ? m0 + 1 : -1;
            if (anchor < 0) continue;
            if (!paths.Seen(anchor + months))
            {
                tooRecent++;
                continue;
            }
            followed[a.AccountId] = (paths.At(a.AccountId, anchor), paths.At(a.AccountId, anchor + months), anchor / 12);
        }
        var groups = Grouping.Accounts(paths.Customers.Where(a => followed.ContainsKey(a.AccountId)), by);
        var pooled = ImmutableArray.CreateBuilder<NetRevenueRetentionRow>();
        var cohorts = ImmutableArray.CreateBuilder<NetRevenueRetentionRow>();
        for (int index = 0; index < groups.Length; index++)
        {
            var (group, members) = groups[index];
            var pairs = members.Select(a => followed[a.AccountId]).ToArray();
            double Ratio(int[] draw)
            {
                double start = 0, end = 0;
                foreach (var i in draw)
                {
                    start += pairs[i].Start;
                    end += pairs[i].End;
                }
                return start > 0 ? end / start : double.NaN;
            }
            var replicates = ValueEstimate.Replicate(pairs.Length, Ratio, o, index);
            pooled.Add(Row(group, null, pairs, ValueEstimate.From(group, pairs.Length, Ratio([.. Enumerable.Range(0, pairs.Length)]), replicates, o.Confidence)));
            foreach (var year in pairs.GroupBy(p => p.Year).OrderBy(y => y.Key))
            {
                var cohort = year.ToArray();
                var start = cohort.Sum(p => p.Start);
                cohorts.Add(Row(group, year.Key, cohort, new ValueEstimate(group, cohort.Length, start > 0 ? cohort.Sum(p => p.End) / start : double.NaN,
                    ConfidenceInterval.Undefined(o.Confidence), [])));
            }
        }
        return new NetRevenueRetentionResult(Grouping.NameOf(by), months, pooled.ToImmutable(), cohorts.ToImmutable(), tooRecent);
    }

    private static NetRevenueRetentionRow Row(string group, int? cohort, (double Start, double End, int Year)[] pairs, ValueEstimate nrr) =>
        new(group, cohort, pairs.Length, pairs.Sum(p => p.Start),
            pairs.Where(p => p.End > p.Start).Sum(p => p.End - p.Start),
            pairs.Where(p => p.End > 0 && p.End < p.Start).Sum(p => p.Start - p.End),
            pairs.Where(p => p.End == 0).Sum(p => p.Start), nrr);
}
