using System.Collections.Immutable;
using System.Globalization;
using IcpKit.Charts;
using IcpKit.Loading;
using IcpKit.Model;
using IcpKit.Rendering;
using IcpKit.Statistics;
using IcpKit.Statistics.Survival;
using Microsoft.Data.Analysis;

namespace IcpKit.Metrics;

/// <summary>How a lifetime value was measured.</summary>
public enum LifetimeValueMethod
{
    /// <summary>Restricted mean time as a customer (Kaplan-Meier, up to the horizon) × mean MRR × gross margin.</summary>
    Retention,
    /// <summary>The real revenue path from mrr_history.csv: mean revenue per customer in each month since it started, summed
    /// over the horizon, × gross margin.</summary>
    History,
}

/// <summary>One group's lifetime value and what it rests on.</summary>
/// <param name="Group">The group.</param>
/// <param name="Customers">Customers in the group.</param>
/// <param name="MonthsAsCustomer">Restricted mean months as a customer within the horizon (retention method); for the
/// history method, the expected months with revenue within the horizon (the share paying in each month, summed).</param>
/// <param name="MeanMrr">Mean MRR of the group's customers with one (retention method); mean monthly revenue per customer
/// over the horizon (history method).</param>
/// <param name="LongestFollowUpMonths">The longest time any customer of the group has been followed, in months: past it the
/// curve or path is not seen.</param>
/// <param name="Value">Lifetime value over the horizon, with its bootstrap interval.</param>
public sealed record LifetimeValueGroup(string Group, int Customers, double MonthsAsCustomer, double MeanMrr, double LongestFollowUpMonths, ValueEstimate Value);

/// <summary>Lifetime value per group over a horizon, with bootstrap intervals.</summary>
/// <param name="Segmentation">Name of the split ("all" without one).</param>
/// <param name="Method">Retention curve × MRR, or the real revenue path.</param>
/// <param name="HorizonMonths">Months of revenue counted.</param>
/// <param name="GrossMargin">Margin applied (1 when not configured).</param>
/// <param name="MarginStated">True when icpkit.yaml states the margin.</param>
/// <param name="Groups">One row per group, in the split's order.</param>
/// <param name="LeftOut">Customers left out (history method: started before the history begins).</param>
public sealed record LifetimeValueResult(string Segmentation, LifetimeValueMethod Method, int HorizonMonths, double GrossMargin, bool MarginStated,
    ImmutableArray<LifetimeValueGroup> Groups, int LeftOut) : IHtmlRenderable, ITextRenderable
{
    /// <summary>One group's row; null when absent.</summary>
    public LifetimeValueGroup? this[string group] => Groups.FirstOrDefault(g => g.Group == group);

    /// <summary>The definition in words, with the margin and horizon used.</summary>
    public string Definition
    {
        get
        {
            var margin = MarginStated
                ? $"a gross margin of {Format.Percent(GrossMargin)}"
                : "no gross margin set, so this is revenue (set value.gross_margin in icpkit.yaml)";
            var how = Method == LifetimeValueMethod.Retention
                ? $"expected months as a customer within the first {HorizonMonths} (restricted mean of the Kaplan-Meier retention curve) × mean MRR × margin"
                : $"mean revenue per customer in each of its first {HorizonMonths} months (from mrr_history; customers not yet that old count for the months they have had), summed, × margin";
            var left = LeftOut > 0 ? string.Create(CultureInfo.InvariantCulture, $"; {Format.Count(LeftOut)} customers who started before the MRR history begins are left out") : "";
            return $"Lifetime value over {HorizonMonths} months: {how}; {margin}; 95% bootstrap intervals over customers{left}.";
        }
    }

    /// <summary>Groups followed for less than the horizon, in words; null when none.</summary>
    public string? ShortFollowUp => Groups.Where(g => g.LongestFollowUpMonths < HorizonMonths).Select(g => g.Group).ToList() is { Count: > 0 } shortGroups
        ? $"No customer of {string.Join(", ", shortGroups)} has been followed for {HorizonMonths} months: past the longest follow-up the "
          + (Method == LifetimeValueMethod.Retention ? "curve is carried flat" : "value cannot be estimated")
        : null;

    /// <summary>
    /// One row per group: customers, months as a customer (or with revenue) within the horizon, mean MRR (or monthly
    /// revenue), lifetime value with its bootstrap interval, and the longest follow-up in months.
    /// </summary>
    public DataFrame Summary => new(
        new StringDataFrameColumn("group", Groups.Select(g => g.Group)),
        new Int32DataFrameColumn("customers", Groups.Select(g => g.Customers)),
        new DoubleDataFrameColumn("months_as_customer", Groups.Select(g => g.MonthsAsCustomer)),
        new DoubleDataFrameColumn("mean_mrr", Groups.Select(g => g.MeanMrr)),
        new DoubleDataFrameColumn("lifetime_value", Groups.Select(g => g.Value.Estimate)),
        new DoubleDataFrameColumn("lower", Groups.Select(g => g.Value.Interval.Lower)),
        new DoubleDataFrameColumn("upper", Groups.Select(g => g.Value.Interval.Upper)),
        new DoubleDataFrameColumn("longest_follow_up_months", Groups.Select(g => g.LongestFollowUpMonths)));

    /// <summary>The table.</summary>
    public Table Table() => Rendering.Table.Of(
        [Format.Words(Segmentation), "customers", Method == LifetimeValueMethod.Retention ? "months as a customer (of " + HorizonMonths.ToString(CultureInfo.InvariantCulture) + ")" : "months with revenue",
            Method == LifetimeValueMethod.Retention ? "mean MRR" : "mean monthly revenue", "lifetime value", "95% interval"],
        Groups.Select(g => (IReadOnlyList<object?>)[g.Group, Format.Count(g.Customers), Format.Fixed(g.MonthsAsCustomer, 1), Format.Money(g.MeanMrr),
            Format.Money(g.Value.Estimate), Format.Interval(g.Value.Interval.Lower, g.Value.Interval.Upper, Format.Money)]),
        caption: $"Lifetime value over {HorizonMonths} months");

    /// <summary>Lifetime value per group with interval bars.</summary>
    public Figure Chart()
    {
        var shown = Groups.Where(g => double.IsFinite(g.Value.Estimate)).ToList();
        return Charts.Chart.Bar(shown.Select(g => (object?)g.Group), shown.Select(g => g.Value.Estimate),
                errorLow: shown.Select(g => g.Value.Interval.IsDefined ? g.Value.Interval.Lower : g.Value.Estimate),
                errorHigh: shown.Select(g => g.Value.Interval.IsDefined ? g.Value.Interval.Upper : g.Value.Estimate),
                text: shown.Select(g => "n=" + Format.Count(g.Customers)))
            .WithTitle($"Lifetime value over {HorizonMonths} months").WithYAxis("lifetime value", tickFormat: ",d");
    }

    /// <inheritdoc/>
    public string ToHtml() => "<p>" + HtmlText.Escape(Definition) + "</p>" + Table().ToHtml()
        + (ShortFollowUp is { } s ? "<p><em>" + HtmlText.Escape(s) + ".</em></p>" : "");

    /// <inheritdoc/>
    public string ToText() => Definition + Environment.NewLine + Table().ToText() + (ShortFollowUp is { } s ? Environment.NewLine + s + "." : "");

    /// <inheritdoc/>
    public override string ToString() => ToText();
}

/// <summary>
/// Lifetime value per segment over a horizon: from the retention curve and MRR, or, with mrr_history.csv, from each
/// customer's real revenue path.
/// </summary>
/// <remarks>
/// Retention method: LTV = RMST(H) in months × mean MRR × gross margin, where RMST is R's
/// <c>print(survfit(Surv(days, churned) ~ 1), rmean = H × 365.25/12)</c> (the area under the Kaplan-Meier curve up to
/// the horizon). Worked case: 2 customers, one churned after 6 months, one still there after 30, horizon 24, MRR 100 and
/// 300, margin 0.8: the curve drops to 0.5 at month 6 and stays there, so RMST = 6 × 1 + 18 × 0.5 = 15 months, and
/// LTV = 15 × 200 × 0.8 = 2,400.
/// History method: LTV = margin × Σ_{k &lt; H} mean over customers seen in their k-th month of that month's MRR (0 after
/// churn). Each customer counts in the months it has had, so recent customers inform the early months only.
/// </remarks>
public static class LifetimeValue
{
    private const double DaysPerMonth = 365.25 / 12;

    /// <summary>Lifetime value from the export: the revenue path when mrr_history is there, else retention × MRR.</summary>
    public static LifetimeValueResult Of(ExportData export, Segmentation? by = null, BootstrapOptions? bootstrap = null)
    {
        ArgumentNullException.ThrowIfNull(export);
        return export.MrrHistory.IsEmpty
            ? FromRetention(export.Accounts, export.AsOf, export.Config.Value, by, bootstrap)
            : FromHistory(export.Accounts, export.MrrHistory, export.AsOf, export.Config.Value, by, bootstrap);
    }

    /// <summary>Restricted mean months as a customer × mean MRR × margin, per group.</summary>
    public static LifetimeValueResult FromRetention(IEnumerable<Account> accounts, DateOnly asOf, ValueSettings settings, Segmentation? by = null,
        BootstrapOptions? bootstrap = null)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(settings);
        var o = bootstrap ?? ValueEstimate.DefaultBootstrap;
        var tau = settings.HorizonMonths * DaysPerMonth;
        var groups = Grouping.Accounts(accounts.Where(a => a.IsCustomerAt(asOf)), by);
        var rows = groups.Select((g, index) =>
        {
            var obs = g.Members.Select(a => SurvivalObservation.FromDates(a.CustomerSince!.Value, Retention.Later(a.ChurnedOn, a.CustomerSince!.Value), asOf)).ToArray();
            var mrr = g.Members.Select(a => a.Mrr is { } m ? (double)m : double.NaN).ToArray();
            double RmstMonths(int[] draw)
            {
                var data = SurvivalData.Create(draw.Select(i => obs[i].Time).ToArray(), draw.Select(i => obs[i].Event).ToArray());
                return Rmst.Of(KaplanMeier.Fit(data), tau).Estimate / DaysPerMonth;
            }
            double MeanMrr(int[] draw)
            {
                double sum = 0;
                int n = 0;
                foreach (var i in draw)
                {
                    if (double.IsNaN(mrr[i])) continue;
                    sum += mrr[i];
                    n++;
                }
                return n == 0 ? double.NaN : sum / n;
            }
            var all = Enumerable.Range(0, obs.Length).ToArray();
            var months = RmstMonths(all);
            var mean = MeanMrr(all);
            var replicates = ValueEstimate.Replicate(obs.Length, d => RmstMonths(d) * MeanMrr(d) * settings.GrossMargin, o, index);
            return new LifetimeValueGroup(g.Group, obs.Length, months, mean, obs.Max(x => x.Time) / DaysPerMonth,
                ValueEstimate.From(g.Group, obs.Length, months * mean * settings.GrossMargin, replicates, o.Confidence));
        }).ToImmutableArray();
        return new LifetimeValueResult(Grouping.NameOf(by), LifetimeValueMethod.Retention, settings.HorizonMonths, settings.GrossMargin,
            settings.MarginStated, rows, 0);
    }

    /// <summary>Mean revenue per customer in each month since it started, summed over the horizon, × margin, per group.</summary>
    public static LifetimeValueResult FromHistory(IEnumerable<Account> accounts, IEnumerable<MrrPoint> history, DateOnly asOf, ValueSettings settings,
        Segmentation? by = null, BootstrapOptions? bootstrap = null)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(settings);
        var o = bootstrap ?? ValueEstimate.DefaultBootstrap;
        var paths = RevenuePaths.Of(accounts, history, asOf);
        var horizon = settings.HorizonMonths;
        var groups = Grouping.Accounts(paths.Customers, by);
        var rows = groups.Select((g, index) =>
        {
            var revenue = g.Members.Select(a => paths.Path(a, horizon)).ToArray();
            // Mean over customers seen in month k, summed over k; NaN once a month has nobody in it.
            double Cumulative(int[] draw)
            {
                double total = 0;
                for (int k = 0; k < horizon; k++)
                {
                    double sum = 0;
                    int seen = 0;
                    foreach (var i in draw)
                    {
                        var r = revenue[i][k];
                        if (double.IsNaN(r)) continue;
                        sum += r;
                        seen++;
                    }
                    if (seen == 0) return double.NaN;
                    total += sum / seen;
                }
                return total;
            }
            var all = Enumerable.Range(0, revenue.Length).ToArray();
            var cumulative = revenue.Length == 0 ? double.NaN : Cumulative(all);
            var paying = revenue.Length == 0 ? double.NaN : Enumerable.Range(0, horizon).Sum(k =>
            {
                var seen = revenue.Where(r => !double.IsNaN(r[k])).ToList();
                return seen.Count == 0 ? double.NaN : (double)seen.Count(r => r[k] > 0) / seen.Count;
            });
            var replicates = ValueEstimate.Replicate(revenue.Length, d => Cumulative(d) * settings.GrossMargin, o, index);
            var longest = revenue.Length == 0 ? 0 : revenue.Max(r => (double)r.Count(v => !double.IsNaN(v)));
            return new LifetimeValueGroup(g.Group, revenue.Length, paying, cumulative / horizon, longest,
                ValueEstimate.From(g.Group, revenue.Length, cumulative * settings.GrossMargin, replicates, o.Confidence));
        }).ToImmutableArray();
        return new LifetimeValueResult(Grouping.NameOf(by), LifetimeValueMethod.History, horizon, settings.GrossMargin, settings.MarginStated,
            rows, paths.LeftOut);
    }
}

/// <summary>Each customer's monthly revenue from mrr_history, month 0 being the month it became a customer.</summary>
/// <remarks>
/// A month after as_of (or after the history's last month) is not seen (NaN); a month seen but missing from the history
/// is 0 (not paying). Customers who started before the history's first month are left out: their early months are unknown.
/// </remarks>
internal sealed class RevenuePaths
{
    private readonly Dictionary<(string, int), double> _mrr;
    private readonly int _last;

    private RevenuePaths(Dictionary<(string, int), double> mrr, int last, ImmutableArray<Account> customers, int leftOut)
    {
        _mrr = mrr;
        _last = last;
        Customers = customers;
        LeftOut = leftOut;
    }

    /// <summary>Customers at as_of whose start month lies within the history.</summary>
    public ImmutableArray<Account> Customers { get; }

    /// <summary>Customers who started before the history begins.</summary>
    public int LeftOut { get; }

    /// <summary>The month's index (months since year 0), the unit of every path.</summary>
    public static int MonthIndex(DateOnly d) => d.Year * 12 + d.Month - 1;

    public static RevenuePaths Of(IEnumerable<Account> accounts, IEnumerable<MrrPoint> history, DateOnly asOf)
    {
        var points = history.ToList();
        var mrr = new Dictionary<(string, int), double>();
        foreach (var p in points) mrr[(p.AccountId, MonthIndex(p.Month))] = (double)p.Mrr;
        var first = points.Count == 0 ? int.MaxValue : points.Min(p => MonthIndex(p.Month));
        var last = points.Count == 0 ? int.MinValue : Math.Min(MonthIndex(asOf), points.Max(p => MonthIndex(p.Month)));
        var customers = accounts.Where(a => a.IsCustomerAt(asOf)).ToList();
        var kept = customers.Where(a => MonthIndex(a.CustomerSince!.Value) >= first).ToImmutableArray();
        return new RevenuePaths(mrr, last, kept, customers.Count - kept.Length);
    }

    /// <summary>MRR of an account in a month (0 when the history has no row for it).</summary>
    public double At(string account, int month) => _mrr.TryGetValue((account, month), out var v) ? v : 0;

    /// <summary>True when the month is within what the history has seen.</summary>
    public bool Seen(int month) => month <= _last;

    /// <summary>The first <paramref name="months"/> months of a customer's revenue (NaN where not seen yet).</summary>
    public double[] Path(Account customer, int months)
    {
        var start = MonthIndex(customer.CustomerSince!.Value);
        var path = new double[months];
        for (int k = 0; k < months; k++) path[k] = Seen(start + k) ? At(customer.AccountId, start + k) : double.NaN;
        return path;
    }
}
