using System.Collections.Immutable;
using System.Globalization;
using IcpKit.Charts;
using IcpKit.Loading;
using IcpKit.Model;
using IcpKit.Rendering;
using IcpKit.Statistics;
using Microsoft.Data.Analysis;

namespace IcpKit.Metrics;

/// <summary>CAC and payback of one channel or one group of customers.</summary>
/// <param name="Name">Channel or group.</param>
/// <param name="Spend">Spend attributed to it over the window.</param>
/// <param name="NewCustomers">Customers it won over the window.</param>
/// <param name="Cac">Spend ÷ new customers, with its bootstrap interval.</param>
/// <param name="MeanMrr">Mean starting MRR of those customers.</param>
/// <param name="PaybackMonths">CAC ÷ (mean starting MRR × gross margin), with its bootstrap interval.</param>
public sealed record AcquisitionCostRow(string Name, double Spend, int NewCustomers, ValueEstimate Cac, double MeanMrr, ValueEstimate PaybackMonths);

/// <summary>CAC and payback by channel and by group over the months spend.csv covers.</summary>
/// <param name="Segmentation">Name of the split.</param>
/// <param name="From">First month of spend.</param>
/// <param name="To">Last month of spend (at most as_of's).</param>
/// <param name="GrossMargin">Margin applied to payback.</param>
/// <param name="MarginStated">True when icpkit.yaml states it.</param>
/// <param name="Channels">One row per channel with spend.</param>
/// <param name="Groups">One row per group (every channel together).</param>
/// <param name="WithoutSpend">New customers of the window from channels without any spend (organic, referrals): in no CAC.</param>
/// <param name="WithoutChannel">New customers of the window with no acquisition channel: in no CAC.</param>
public sealed record AcquisitionCostResult(string Segmentation, DateOnly From, DateOnly To, double GrossMargin, bool MarginStated,
    ImmutableArray<AcquisitionCostRow> Channels, ImmutableArray<AcquisitionCostRow> Groups, int WithoutSpend, int WithoutChannel)
    : IHtmlRenderable, ITextRenderable
{
    /// <summary>One group's row; null when absent.</summary>
    public AcquisitionCostRow? this[string group] => Groups.FirstOrDefault(g => g.Name == group);

    /// <summary>The definition in words.</summary>
    public string Definition
    {
        get
        {
            var window = string.Create(CultureInfo.InvariantCulture, $"{From:yyyy-MM} to {To:yyyy-MM}");
            var margin = MarginStated ? $"a gross margin of {Format.Percent(GrossMargin)}" : "no gross margin set, so payback is on revenue (set value.gross_margin in icpkit.yaml)";
            var outside = WithoutSpend + WithoutChannel > 0
                ? string.Create(CultureInfo.InvariantCulture, $" {Format.Count(WithoutSpend)} new customers came from channels without spend and {Format.Count(WithoutChannel)} name no channel: they are in no CAC.")
                : "";
            return $"CAC = spend ÷ customers won through the channel (accounts' acquisition channel) over {window}; spend aimed at a segment counts for that segment, the rest is shared by the channel's new customers. Payback = CAC ÷ (mean starting MRR × margin), with {margin}. 95% bootstrap intervals over new customers (spend fixed).{outside}";
        }
    }

    /// <summary>
    /// One row per channel, then per group ("channel" or "group" in <c>kind</c>): spend, new customers, CAC with its
    /// bootstrap interval, mean starting MRR and payback months with its interval (NaN where it cannot be estimated).
    /// </summary>
    public DataFrame Summary
    {
        get
        {
            var rows = Channels.Select(r => (Kind: "channel", Row: r)).Concat(Groups.Select(r => (Kind: "group", Row: r))).ToArray();
            return new DataFrame(
                new StringDataFrameColumn("kind", rows.Select(r => r.Kind)),
                new StringDataFrameColumn("name", rows.Select(r => r.Row.Name)),
                new DoubleDataFrameColumn("spend", rows.Select(r => r.Row.Spend)),
                new Int32DataFrameColumn("new_customers", rows.Select(r => r.Row.NewCustomers)),
                new DoubleDataFrameColumn("cac", rows.Select(r => r.Row.Cac.Estimate)),
                new DoubleDataFrameColumn("cac_lower", rows.Select(r => r.Row.Cac.Interval.Lower)),
                new DoubleDataFrameColumn("cac_upper", rows.Select(r => r.Row.Cac.Interval.Upper)),
                new DoubleDataFrameColumn("mean_starting_mrr", rows.Select(r => r.Row.MeanMrr)),
                new DoubleDataFrameColumn("payback_months", rows.Select(r => r.Row.PaybackMonths.Estimate)),
                new DoubleDataFrameColumn("payback_lower", rows.Select(r => r.Row.PaybackMonths.Interval.Lower)),
                new DoubleDataFrameColumn("payback_upper", rows.Select(r => r.Row.PaybackMonths.Interval.Upper)));
        }
    }

    /// <summary>Channels, then groups.</summary>
    public Table Table() => Rendering.Table.Of(["channel or group", "spend", "new customers", "CAC", "95% interval", "mean starting MRR", "payback", "95% interval"],
        Channels.Select(r => Cells("channel: " + r.Name, r)).Concat(Groups.Select(r => Cells(r.Name, r))),
        caption: "Customer acquisition cost and payback");

    private static IReadOnlyList<object?> Cells(string name, AcquisitionCostRow r) =>
    [
        name, Format.Money(r.Spend), Format.Count(r.NewCustomers), Format.Money(r.Cac.Estimate), Format.Interval(r.Cac.Interval.Lower, r.Cac.Interval.Upper, Format.Money),
        Format.Money(r.MeanMrr), Format.Months(r.PaybackMonths.Estimate),
        Format.Interval(r.PaybackMonths.Interval.Lower, r.PaybackMonths.Interval.Upper, v => Format.Fixed(v, 1)),
    ];

    /// <summary>Payback months per group and channel, with interval bars.</summary>
    public Figure Chart()
    {
        var rows = Groups.Concat(Channels).Where(r => double.IsFinite(r.PaybackMonths.Estimate)).ToList();
        return Charts.Chart.Bar(rows.Select(r => (object?)r.Name), rows.Select(r => r.PaybackMonths.Estimate),
                errorLow: rows.Select(r => r.PaybackMonths.Interval.IsDefined ? r.PaybackMonths.Interval.Lower : r.PaybackMonths.Estimate),
                errorHigh: rows.Select(r => r.PaybackMonths.Interval.IsDefined ? r.PaybackMonths.Interval.Upper : r.PaybackMonths.Estimate),
                text: rows.Select(r => "n=" + Format.Count(r.NewCustomers)), horizontal: true)
            .WithTitle("Months to pay back what a customer cost").WithXAxis("months");
    }

    /// <inheritdoc/>
    public string ToHtml() => "<p>" + HtmlText.Escape(Definition) + "</p>" + Table().ToHtml();

    /// <inheritdoc/>
    public string ToText() => Definition + Environment.NewLine + Table().ToText();

    /// <inheritdoc/>
    public override string ToString() => ToText();
}

/// <summary>Customer acquisition cost (CAC) and payback from spend.csv, by channel and by segment.</summary>
/// <remarks>
/// The window is the months spend.csv covers (up to as_of); its new customers are those whose customer_since falls in
/// it, matched to spend through their acquisition channel (compared ignoring case and punctuation). CAC of a channel =
/// its spend ÷ its new customers. A segment's spend is what was aimed at it plus its share (by new customers) of the
/// channel's shared spend; its CAC = that ÷ its new customers. Payback months = CAC ÷ (mean starting MRR × margin), the
/// starting MRR being the first paid month in mrr_history when there is one, else the account's MRR. Worked case:
/// 6,000 spent on ads, 3 customers won through ads (MRR 100, 200, 300), margin 0.5: CAC 2,000, payback 2,000 ÷ (200 ×
/// 0.5) = 20 months.
/// </remarks>
public static class AcquisitionCost
{
    /// <summary>CAC and payback of the export's new customers.</summary>
    public static AcquisitionCostResult Of(ExportData export, Segmentation? by = null, BootstrapOptions? bootstrap = null)
    {
        ArgumentNullException.ThrowIfNull(export);
        return Of(export.Accounts, export.Spend, export.MrrHistory, export.AsOf, export.Config.Value, by, bootstrap);
    }

    /// <summary>CAC and payback from records.</summary>
    /// <exception cref="ArgumentException">There is no spend on or before as_of.</exception>
    public static AcquisitionCostResult Of(IEnumerable<Account> accounts, IEnumerable<SpendRow> spend, IEnumerable<MrrPoint> history, DateOnly asOf,
        ValueSettings settings, Segmentation? by = null, BootstrapOptions? bootstrap = null)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(settings);
        var o = bootstrap ?? ValueEstimate.DefaultBootstrap;
        var asOfMonth = new DateOnly(asOf.Year, asOf.Month, 1);
        var rows = spend.Where(s => s.Month <= asOfMonth).ToList();
        if (rows.Count == 0) throw new ArgumentException("no spend on or before as_of", nameof(spend));
        var (from, to) = (rows.Min(s => s.Month), rows.Max(s => s.Month));

        // Channels by key, named as spend.csv first spells them.
        var channelNames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var s in rows) channelNames.TryAdd(Names.Key(s.Channel), s.Channel);
        var channels = channelNames.Keys.Order(StringComparer.Ordinal).ToArray();
        var channelIndex = channels.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);

        var list = accounts.ToList();
        var groupLabels = Grouping.Accounts(list, by).Select(g => g.Group).ToArray();
        var groupIndex = groupLabels.Select((g, i) => (Names.Key(g), i)).GroupBy(p => p.Item1).ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);

        // Spend per channel: shared, and aimed at each group (a segment no group is named counts as shared).
        var shared = new double[channels.Length];
        var aimed = new double[groupLabels.Length, channels.Length];
        foreach (var s in rows)
        {
            var c = channelIndex[Names.Key(s.Channel)];
            if (s.Segment is { } seg && groupIndex.TryGetValue(Names.Key(seg), out var g)) aimed[g, c] += (double)s.Amount;
            else shared[c] += (double)s.Amount;
        }

        var paths = RevenuePaths.Of(list, history, asOf);
        var hasHistory = paths.Customers.Length > 0 || history.Any();
        var newCustomers = list.Where(a => a.IsCustomerAt(asOf) && a.CustomerSince!.Value >= from && a.CustomerSince!.Value < to.AddMonths(1)).ToList();
        var withoutChannel = newCustomers.Count(a => a.AcquisitionChannel is null);
        var matched = newCustomers.Where(a => a.AcquisitionChannel is { } ch && channelIndex.ContainsKey(Names.Key(ch))).ToList();
        var withoutSpend = newCustomers.Count - withoutChannel - matched.Count;
        var customerChannel = matched.Select(a => channelIndex[Names.Key(a.AcquisitionChannel!)]).ToArray();
        var customerGroups = matched.Select(a => (by is null ? [Grouping.All] : by.GroupsOf(a)).Select(g => groupIndex[Names.Key(g)]).ToArray()).ToArray();
        var startMrr = matched.Select(a => StartMrr(a, paths, hasHistory)).ToArray();

        int nc = channels.Length, ng = groupLabels.Length;
        // Figures of one resample: per channel (CAC, payback), then per group (spend, CAC, payback).
        double[] Figures(int[] draw)
        {
            var count = new double[nc];
            var countIn = new double[ng, nc];
            var mrrSumC = new double[nc];
            var mrrNC = new double[nc];
            var mrrSumG = new double[ng];
            var mrrNG = new double[ng];
            foreach (var i in draw)
            {
                var c = customerChannel[i];
                count[c]++;
                if (!double.IsNaN(startMrr[i])) { mrrSumC[c] += startMrr[i]; mrrNC[c]++; }
                foreach (var g in customerGroups[i])
                {
                    countIn[g, c]++;
                    if (!double.IsNaN(startMrr[i])) { mrrSumG[g] += startMrr[i]; mrrNG[g]++; }
                }
            }
            var figures = new double[2 * nc + 3 * ng];
            for (int c = 0; c < nc; c++)
            {
                double total = shared[c];
                for (int g = 0; g < ng; g++) total += aimed[g, c];
                var cac = count[c] > 0 ? total / count[c] : double.NaN;
                figures[2 * c] = cac;
                figures[2 * c + 1] = Payback(cac, mrrNC[c] > 0 ? mrrSumC[c] / mrrNC[c] : double.NaN, settings.GrossMargin);
            }
            for (int g = 0; g < ng; g++)
            {
                double spent = 0, won = 0;
                for (int c = 0; c < nc; c++)
                {
                    spent += aimed[g, c] + (count[c] > 0 ? shared[c] * countIn[g, c] / count[c] : 0);
                    won += countIn[g, c];
                }
                var cac = won > 0 ? spent / won : double.NaN;
                figures[2 * nc + 3 * g] = spent;
                figures[2 * nc + 3 * g + 1] = cac;
                figures[2 * nc + 3 * g + 2] = Payback(cac, mrrNG[g] > 0 ? mrrSumG[g] / mrrNG[g] : double.NaN, settings.GrossMargin);
            }
            return figures;
        }

        var estimate = Figures([.. Enumerable.Range(0, matched.Count)]);
        var replicates = ValueEstimate.ReplicateMany(matched.Count, Figures, 2 * nc + 3 * ng, o, 0);
        double MeanOf(IEnumerable<int> members)
        {
            var values = members.Select(i => startMrr[i]).Where(v => !double.IsNaN(v)).ToList();
            return values.Count == 0 ? double.NaN : values.Average();
        }
        var channelRows = channels.Select((key, c) =>
        {
            var members = Enumerable.Range(0, matched.Count).Where(i => customerChannel[i] == c).ToList();
            double total = shared[c];
            for (int g = 0; g < ng; g++) total += aimed[g, c];
            return new AcquisitionCostRow(channelNames[key], total, members.Count,
                ValueEstimate.From(channelNames[key], members.Count, estimate[2 * c], replicates[2 * c], o.Confidence), MeanOf(members),
                ValueEstimate.From(channelNames[key], members.Count, estimate[2 * c + 1], replicates[2 * c + 1], o.Confidence));
        }).ToImmutableArray();
        var groupRows = groupLabels.Select((label, g) =>
        {
            var members = Enumerable.Range(0, matched.Count).Where(i => customerGroups[i].Contains(g)).ToList();
            return new AcquisitionCostRow(label, estimate[2 * nc + 3 * g], members.Count,
                ValueEstimate.From(label, members.Count, estimate[2 * nc + 3 * g + 1], replicates[2 * nc + 3 * g + 1], o.Confidence), MeanOf(members),
                ValueEstimate.From(label, members.Count, estimate[2 * nc + 3 * g + 2], replicates[2 * nc + 3 * g + 2], o.Confidence));
        }).ToImmutableArray();
        return new AcquisitionCostResult(Grouping.NameOf(by), from, to, settings.GrossMargin, settings.MarginStated, channelRows, groupRows,
            withoutSpend, withoutChannel);
    }

    private static double Payback(double cac, double meanMrr, double margin) =>
        double.IsFinite(cac) && meanMrr > 0 ? cac / (meanMrr * margin) : double.NaN;

    // The first paid month of the history (the start month, else the next), else the account's MRR.
    private static double StartMrr(Account a, RevenuePaths paths, bool hasHistory)
    {
        if (hasHistory)
        {
            var m0 = RevenuePaths.MonthIndex(a.CustomerSince!.Value);
            foreach (var m in new[] { m0, m0 + 1 })
            {
                if (paths.Seen(m) && paths.At(a.AccountId, m) > 0) return paths.At(a.AccountId, m);
            }
        }
        return a.Mrr is { } mrr ? (double)mrr : double.NaN;
    }
}
