using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using IcpKit.Charts;
using IcpKit.Rendering;
using Microsoft.Data.Analysis;

namespace IcpKit.Customers;

/// <summary>Shared cell formatting for the customer tables: shares as percentages, intervals, p-values.</summary>
internal static class Show
{
    public static double Pct(double v) => Math.Round(v * 100, 1);
    public static double R2(double v) => Math.Round(v, 2);
    public static string Ci(double lo, double hi) => Format.Interval(lo, hi);
    public static string PctCi(double lo, double hi) => Format.Interval(lo * 100, hi * 100, v => Format.Fixed(v, 1));

    /// <summary>A paragraph of escaped text followed by a table, and an optional escaped list.</summary>
    public static string Html(string? lead, Table table, IEnumerable<string>? bullets = null, string? footnote = null)
    {
        var sb = new StringBuilder();
        if (lead is not null) sb.Append("<p>").Append(HtmlText.Escape(lead)).Append("</p>");
        sb.Append(HtmlTable.Render(table.Headers, table.Rows, table.Caption, footnote));
        var items = bullets?.ToList() ?? [];
        if (items.Count > 0)
        {
            sb.Append("<ul>");
            foreach (var b in items) sb.Append("<li>").Append(HtmlText.Escape(b)).Append("</li>");
            sb.Append("</ul>");
        }
        return sb.ToString();
    }

    public static string Text(string? lead, Table table, IEnumerable<string>? bullets = null, string? footnote = null)
    {
        var sb = new StringBuilder();
        if (lead is not null) sb.AppendLine(lead);
        sb.Append(table.ToText());
        if (footnote is not null) sb.AppendLine().Append(footnote);
        foreach (var b in bullets ?? []) sb.AppendLine().Append("- ").Append(b);
        return sb.ToString();
    }
}

public sealed partial record TraitLiftResult : IHtmlRenderable, ITextRenderable
{
    /// <summary>The tested rows (by lift), then a footnote on the rows below support.</summary>
    public Table ToTable() => Table.Of(
        ["trait", "value", FocusLabel, $"% of {FocusLabel}", "% of base", "lift", "lift 95% CI", "test", "adjusted p"],
        Tested.Select(r => (IReadOnlyList<object?>)[r.Trait, r.Value, r.FocusCount, Show.Pct(r.FocusShare.Estimate), Show.Pct(r.BaseShare),
            Show.R2(r.Lift), Show.Ci(r.LiftInterval.Lower, r.LiftInterval.Upper), Format.Words(r.Test), Format.P(r.AdjustedPValue)]));

    private string Footnote => string.Create(CultureInfo.InvariantCulture,
        $"Not shown: {Rows.Length - TestsRun} value(s) held by fewer than {Options.MinSupport} {FocusLabel} (untested; see Rows).");

    /// <inheritdoc/>
    public string ToHtml() => Show.Html(Description, ToTable(), footnote: Footnote);

    /// <inheritdoc/>
    public string ToText() => Show.Text(Description, ToTable(), footnote: Footnote);

    /// <inheritdoc/>
    public override string ToString() => ToText();

    /// <summary>Horizontal bars of the <paramref name="top"/> tested values by lift, with the lift interval as error bars and a line at 1.</summary>
    public Figure Chart(int top = 15)
    {
        var rows = Tested.Take(top).Reverse().ToArray();
        return Charts.Chart.Bar(rows.Select(r => (object?)r.Label), rows.Select(r => r.Lift), "lift",
                rows.Select(r => r.LiftInterval.Lower), rows.Select(r => r.LiftInterval.Upper), horizontal: true,
                text: rows.Select(r => string.Create(CultureInfo.InvariantCulture, $"n={r.FocusCount}")))
            .WithTitle($"Lift: share among {FocusLabel} over share in the base (95% CI)")
            .WithXAxis("lift (1 = same as the base)").WithVerticalLine(1).WithLegend(false).WithHeight(120 + 26 * rows.Length);
    }
}

public sealed partial record CustomerOverview : IHtmlRenderable, ITextRenderable
{
    /// <summary>
    /// The headline figures in one row: accounts, customers ever, active and churned customers, churned share of customers,
    /// active MRR (total and median) and median tenure in months; the churn and MRR figures are NaN when not measurable.
    /// </summary>
    public DataFrame Summary => new(
        new DateTimeDataFrameColumn("as_of", [AsOf.ToDateTime(TimeOnly.MinValue)]),
        new Int32DataFrameColumn("accounts", [Accounts]),
        new Int32DataFrameColumn("customers", [Customers]),
        new DoubleDataFrameColumn("active", [NoChurnDates is null ? Active : double.NaN]),
        new DoubleDataFrameColumn("churned", [NoChurnDates is null ? Churned : double.NaN]),
        new DoubleDataFrameColumn("churned_share", [NoChurnDates is null && Customers > 0 ? (double)Churned / Customers : double.NaN]),
        new DoubleDataFrameColumn("active_mrr", [NoMrr is null ? (double)ActiveMrr : double.NaN]),
        new DoubleDataFrameColumn("median_mrr", [NoMrr is null ? MedianMrr : double.NaN]),
        new DoubleDataFrameColumn("median_tenure_months", [NoChurnDates is null ? MedianTenureMonths : double.NaN]));

    /// <summary>The headline numbers as a two-column table.</summary>
    public Table ToTable() => Table.Of(["measure", "value"],
    [
        ["accounts in the export", Accounts],
        ["customers (ever)", Customers],
        [$"active on {AsOf:yyyy-MM-dd}", NoChurnDates is null ? Active : "not measurable"],
        ["churned", NoChurnDates is null ? Churned : "not measurable: " + NoChurnDates],
        ["churned, % of customers", NoChurnDates is not null ? "not measurable" : Customers == 0 ? double.NaN : Show.Pct((double)Churned / Customers)],
        ["active MRR, total", NoMrr is null ? ActiveMrr : "not measurable: " + NoMrr],
        ["active MRR, median per customer", NoMrr is null ? MedianMrr : "not measurable"],
        ["tenure, median months", NoChurnDates is null ? Math.Round(MedianTenureMonths, 1) : "not measurable"],
    ]);

    /// <summary>Every trait's values among customers: trait, value, customers, share.</summary>
    public Table TraitsTable() => Table.Of(["trait", "value", "customers", "% of customers"],
        Distributions.SelectMany(d => d.Values.Select(v => (IReadOnlyList<object?>)[d.Trait.Name + (d.Trait.IsExtra ? " (extra)" : ""), v.Value, v.Customers, Show.Pct(v.Share)])));

    /// <inheritdoc/>
    public string ToHtml() => ToTable().ToHtml();

    /// <inheritdoc/>
    public string ToText() => ToTable().ToText();

    /// <inheritdoc/>
    public override string ToString() => ToText();

    /// <summary>Bars of one trait's shares among customers.</summary>
    public Figure Chart(string trait)
    {
        var d = this[trait];
        return Charts.Chart.Bar(d.Values.Select(v => (object?)v.Value), d.Values.Select(v => v.Share), "share",
                text: d.Values.Select(v => v.Customers.ToString(CultureInfo.InvariantCulture)))
            .WithTitle($"Customers by {trait}").WithYAxis("share of customers", tickFormat: ".0%").WithLegend(false);
    }
}

public sealed partial record SpendBySegment : IHtmlRenderable, ITextRenderable
{
    /// <summary>One row per segment: active customers with an MRR, median, quartiles, IQR, total MRR and share of all MRR.</summary>
    public DataFrame Summary => new(
        new StringDataFrameColumn("segment", Segments.Select(s => s.Segment)),
        new Int32DataFrameColumn("customers", Segments.Select(s => s.Customers)),
        new DoubleDataFrameColumn("median_mrr", Segments.Select(s => s.Median)),
        new DoubleDataFrameColumn("q1", Segments.Select(s => s.Q1)),
        new DoubleDataFrameColumn("q3", Segments.Select(s => s.Q3)),
        new DoubleDataFrameColumn("iqr", Segments.Select(s => s.Iqr)),
        new DoubleDataFrameColumn("total_mrr", Segments.Select(s => s.Total)),
        new DoubleDataFrameColumn("share_of_mrr", Segments.Select(s => s.ShareOfMrr)));

    /// <summary>Per segment: customers, median, quartiles, IQR, total and share of MRR.</summary>
    public Table ToTable() => Table.Of([Segmentation, "customers", "median MRR", "Q1", "Q3", "IQR", "total MRR", "% of MRR"],
        Segments.Select(s => (IReadOnlyList<object?>)[s.Segment, s.Customers, s.Median, s.Q1, s.Q3, s.Iqr, s.Total, Show.Pct(s.ShareOfMrr)]));

    /// <inheritdoc/>
    public string ToHtml() => Show.Html(string.Create(CultureInfo.InvariantCulture, $"MRR of {Customers} active customers by {Segmentation}."), ToTable());

    /// <inheritdoc/>
    public string ToText() => ToTable().ToText();

    /// <inheritdoc/>
    public override string ToString() => ToText();

    /// <summary>Median MRR per segment with the interquartile range as error bars.</summary>
    public Figure Chart() =>
        Charts.Chart.Bar(Segments.Select(s => (object?)s.Segment), Segments.Select(s => s.Median), "median MRR",
                Segments.Select(s => s.Q1), Segments.Select(s => s.Q3),
                text: Segments.Select(s => string.Create(CultureInfo.InvariantCulture, $"n={s.Customers}")))
            .WithTitle($"Median MRR by {Segmentation} (bars: Q1 to Q3)").WithYAxis("MRR").WithLegend(false);
}

public sealed partial record RevenueConcentration : IHtmlRenderable, ITextRenderable
{
    /// <summary>One row: accounts, total MRR, shares of MRR from the top 10% and top 20% of accounts, and the Gini coefficient.</summary>
    public DataFrame Summary => new(
        new Int32DataFrameColumn("accounts", [N]),
        new DoubleDataFrameColumn("total_mrr", [Total]),
        new DoubleDataFrameColumn("top_10pct_share", [Top10Share]),
        new DoubleDataFrameColumn("top_20pct_share", [Top20Share]),
        new DoubleDataFrameColumn("gini", [Gini]));

    /// <summary>Accounts, total, top 10% and 20% shares, Gini.</summary>
    public Table ToTable() => Table.Of(["accounts", "total MRR", "% from top 10%", "% from top 20%", "Gini"],
        [[N, Total, Show.Pct(Top10Share), Show.Pct(Top20Share), Math.Round(Gini, 3)]]);

    /// <inheritdoc/>
    public string ToHtml() => ToTable().ToHtml();

    /// <inheritdoc/>
    public string ToText() => ToTable().ToText();

    /// <inheritdoc/>
    public override string ToString() => ToText();

    /// <summary>The Lorenz curve with the line of equality.</summary>
    public Figure Chart() =>
        Figure.Of(
                Charts.Chart.LineTrace([0.0, 1.0], [0.0, 1.0], "equality").WithDash(),
                Charts.Chart.LineTrace(Lorenz.Select(p => (object?)p.Accounts), Lorenz.Select(p => p.Revenue), "Lorenz curve"))
            .WithTitle(string.Create(CultureInfo.InvariantCulture, $"Revenue concentration (Gini {Gini:0.00})"))
            .WithXAxis("share of accounts, smallest first", tickFormat: ".0%").WithYAxis("share of MRR", tickFormat: ".0%");
}

public sealed partial record AdoptionDepth : IHtmlRenderable, ITextRenderable
{
    /// <summary>One row per segment: active customers, median seats, median active users over seats, median events, median events per active week, customers with events.</summary>
    public DataFrame Summary => new(
        new StringDataFrameColumn("segment", Segments.Select(s => s.Segment)),
        new Int32DataFrameColumn("active_customers", Segments.Select(s => s.Customers)),
        new DoubleDataFrameColumn("median_seats", Segments.Select(s => s.MedianSeats)),
        new DoubleDataFrameColumn("median_active_share", Segments.Select(s => s.MedianActiveShare)),
        new DoubleDataFrameColumn("median_events", Segments.Select(s => s.MedianEvents)),
        new DoubleDataFrameColumn("median_events_per_active_week", Segments.Select(s => s.MedianEventsPerActiveWeek)),
        new Int32DataFrameColumn("with_events", Segments.Select(s => s.WithUsage)));

    /// <summary>Per segment: customers, median seats, active users over seats, events, events per active week.</summary>
    public Table ToTable() => Table.Of([Segmentation, "active customers", "median seats", "median active users / seats", "median events", "median events / active week", "with events"],
        Segments.Select(s => (IReadOnlyList<object?>)[s.Segment, s.Customers, s.MedianSeats, Show.R2(s.MedianActiveShare), s.MedianEvents, Math.Round(s.MedianEventsPerActiveWeek, 1), s.WithUsage]));

    /// <inheritdoc/>
    public string ToHtml() => Show.Html(HasEvents ? null : "No events.csv: usage columns are empty.", ToTable());

    /// <inheritdoc/>
    public string ToText() => ToTable().ToText();

    /// <inheritdoc/>
    public override string ToString() => ToText();

    /// <summary>Median events per active customer by segment.</summary>
    public Figure Chart() =>
        Charts.Chart.Bar(Segments.Select(s => (object?)s.Segment), Segments.Select(s => s.MedianEvents), "median events",
                text: Segments.Select(s => string.Create(CultureInfo.InvariantCulture, $"n={s.Customers}")))
            .WithTitle($"Median events per active customer by {Segmentation}").WithYAxis("events").WithLegend(false);
}

public sealed partial record CrossTable : IHtmlRenderable, ITextRenderable
{
    /// <summary>
    /// One row per cell (long form, rows then columns): row value, column value, pipeline accounts, customers, customer
    /// rate and its Wilson interval (NaN for an empty cell).
    /// </summary>
    public DataFrame Summary
    {
        get
        {
            var cells = Cells.SelectMany(r => r).ToArray();
            return new DataFrame(
                new StringDataFrameColumn(RowTrait, cells.Select(c => c.Row)),
                new StringDataFrameColumn(ColumnTrait == RowTrait ? ColumnTrait + " (columns)" : ColumnTrait, cells.Select(c => c.Column)),
                new Int32DataFrameColumn("accounts", cells.Select(c => c.Accounts)),
                new Int32DataFrameColumn("customers", cells.Select(c => c.Customers)),
                new DoubleDataFrameColumn("customer_rate", cells.Select(c => c.Rate?.Estimate ?? double.NaN)),
                new DoubleDataFrameColumn("rate_lower", cells.Select(c => c.Rate?.Interval.Lower ?? double.NaN)),
                new DoubleDataFrameColumn("rate_upper", cells.Select(c => c.Rate?.Interval.Upper ?? double.NaN)));
        }
    }

    /// <summary>One row per row value; each cell "customers/accounts (rate)".</summary>
    public Table ToTable() => Table.Of([$"{RowTrait} \\ {ColumnTrait}", .. Columns],
        Cells.Select(row => (IReadOnlyList<object?>)[row[0].Row, .. row.Select(c => (object?)(c.Accounts == 0 ? "" :
            string.Create(CultureInfo.InvariantCulture, $"{c.Customers}/{c.Accounts} ({Format.Percent(c.Rate!.Estimate)})")))]),
        "customers / pipeline accounts (customer rate)");

    /// <inheritdoc/>
    public string ToHtml() => ToTable().ToHtml();

    /// <inheritdoc/>
    public string ToText() => ToTable().ToText();

    /// <inheritdoc/>
    public override string ToString() => ToText();

    /// <summary>Heatmap of the customer rate; cells with fewer than <see cref="MinAccounts"/> pipeline accounts are left blank.</summary>
    public Figure Chart() =>
        Charts.Chart.Heatmap(Columns.Select(c => (object?)c), Rows.Select(r => (object?)r),
                Cells.Select(row => row.Select(c => c.Accounts >= MinAccounts ? c.Rate!.Estimate : double.NaN)), textFormat: ".0%")
            .WithTitle($"Customer rate by {RowTrait} and {ColumnTrait} (blank: under {MinAccounts} accounts)")
            .WithXAxis(ColumnTrait, type: "category").WithYAxis(RowTrait, type: "category");
}

public sealed partial record HistoricBiasResult : IHtmlRenderable, ITextRenderable
{
    /// <summary>
    /// One row per segment: accounts, deals and customers with their shares, exposure, win rate with its interval (NaN
    /// without closed deals), the rest's win rate, adjusted p and the verdict in words.
    /// </summary>
    public DataFrame Summary => new(
        new StringDataFrameColumn("trait", Rows.Select(r => r.Trait)),
        new StringDataFrameColumn("segment", Rows.Select(r => r.Segment)),
        new Int32DataFrameColumn("accounts", Rows.Select(r => r.Accounts)),
        new DoubleDataFrameColumn("account_share", Rows.Select(r => r.AccountShare)),
        new Int32DataFrameColumn("deals", Rows.Select(r => r.Deals)),
        new DoubleDataFrameColumn("deal_share", Rows.Select(r => r.DealShare)),
        new DoubleDataFrameColumn("exposure", Rows.Select(r => r.ExposureRatio)),
        new Int32DataFrameColumn("customers", Rows.Select(r => r.Customers)),
        new DoubleDataFrameColumn("customer_share", Rows.Select(r => r.CustomerShare)),
        new DoubleDataFrameColumn("win_rate", Rows.Select(r => r.WinRate?.Estimate ?? double.NaN)),
        new DoubleDataFrameColumn("win_rate_lower", Rows.Select(r => r.WinRate?.Interval.Lower ?? double.NaN)),
        new DoubleDataFrameColumn("win_rate_upper", Rows.Select(r => r.WinRate?.Interval.Upper ?? double.NaN)),
        new DoubleDataFrameColumn("rest_win_rate", Rows.Select(r => r.RestWinRate)),
        new DoubleDataFrameColumn("p_adjusted", Rows.Select(r => r.AdjustedPValue)),
        new StringDataFrameColumn("verdict", Rows.Select(r => Format.Words(r.Verdict))));

    /// <summary>Per segment: shares of accounts, deals and customers, exposure, win rate against the rest, verdict.</summary>
    public Table ToTable() => Table.Of(["trait", "segment", "accounts", "% of accounts", "deals", "% of deals", "exposure", "customers", "% of customers", "win rate %", "win rate 95% CI", "rest %", "adjusted p", "verdict"],
        Rows.Select(r => (IReadOnlyList<object?>)[r.Trait, r.Segment, r.Accounts, Show.Pct(r.AccountShare), r.Deals, Show.Pct(r.DealShare),
            Show.R2(r.ExposureRatio), r.Customers, Show.Pct(r.CustomerShare), r.WinRate is { } w ? Show.Pct(w.Estimate) : null,
            r.WinRate is { } wi ? Show.PctCi(wi.Interval.Lower, wi.Interval.Upper) : "", Show.Pct(r.RestWinRate), Format.P(r.AdjustedPValue),
            Format.Words(r.Verdict)]));

    /// <inheritdoc/>
    public string ToHtml() => Show.Html("Exposure = deals per account in the segment over deals per account overall (1 = tried as much as its size suggests).", ToTable(), Findings);

    /// <inheritdoc/>
    public string ToText() => Show.Text(null, ToTable(), Findings);

    /// <inheritdoc/>
    public override string ToString() => ToText();

    /// <summary>Grouped bars per segment: share of CRM accounts, of deals and of customers (the first trait's segments).</summary>
    public Figure Chart()
    {
        var rows = Rows.Where(r => r.Trait == Rows[0].Trait).ToArray();
        var cats = rows.Select(r => (object?)r.Segment).ToArray();
        return Figure.Of(
                Charts.Chart.BarTrace(cats, rows.Select(r => r.AccountShare), "% of accounts"),
                Charts.Chart.BarTrace(cats, rows.Select(r => r.DealShare), "% of deals"),
                Charts.Chart.BarTrace(cats, rows.Select(r => r.CustomerShare), "% of customers"))
            .WithTitle($"What we tried against what we got, by {Rows[0].Trait}").WithYAxis("share", tickFormat: ".0%");
    }
}

public sealed partial record StayAndActivate : IHtmlRenderable, ITextRenderable
{
    /// <summary>
    /// One row per trait value: customers, retention at the horizon with its interval against the rest's, the log-rank
    /// adjusted p, then activation with its interval against the rest's and its adjusted p (NaN when not measured).
    /// </summary>
    public DataFrame Summary => new(
        new StringDataFrameColumn("trait", Rows.Select(r => r.Trait)),
        new StringDataFrameColumn("value", Rows.Select(r => r.Value)),
        new Int32DataFrameColumn("customers", Rows.Select(r => r.Customers)),
        new DoubleDataFrameColumn("retention", Rows.Select(r => r.Retention.Survival)),
        new DoubleDataFrameColumn("retention_lower", Rows.Select(r => r.Retention.Lower)),
        new DoubleDataFrameColumn("retention_upper", Rows.Select(r => r.Retention.Upper)),
        new DoubleDataFrameColumn("rest_retention", Rows.Select(r => r.RestRetention)),
        new DoubleDataFrameColumn("retention_p_adjusted", Rows.Select(r => r.RetentionAdjustedP)),
        new DoubleDataFrameColumn("activation", Rows.Select(r => r.Activation?.Estimate ?? double.NaN)),
        new DoubleDataFrameColumn("activation_lower", Rows.Select(r => r.Activation?.Interval.Lower ?? double.NaN)),
        new DoubleDataFrameColumn("activation_upper", Rows.Select(r => r.Activation?.Interval.Upper ?? double.NaN)),
        new DoubleDataFrameColumn("rest_activation", Rows.Select(r => r.RestActivation)),
        new DoubleDataFrameColumn("activation_p_adjusted", Rows.Select(r => r.ActivationAdjustedP)));

    /// <summary>Per trait value: customers, retention at the horizon against the rest, activation against the rest, adjusted p-values.</summary>
    public Table ToTable() => Table.Of(["trait", "value", "customers", $"retained at {HorizonMonths:0} mo %", "95% CI", "rest %", "adjusted p (log-rank)", "activated %", "95% CI ", "rest % ", "adjusted p"],
        Rows.Select(r => (IReadOnlyList<object?>)[r.Trait, r.Value, r.Customers, Show.Pct(r.Retention.Survival), Show.PctCi(r.Retention.Lower, r.Retention.Upper),
            Show.Pct(r.RestRetention), Format.P(r.RetentionAdjustedP),
            r.Activation is { } a ? Show.Pct(a.Estimate) : null, r.Activation is { } ai ? Show.PctCi(ai.Interval.Lower, ai.Interval.Upper) : "",
            Show.Pct(r.RestActivation), Format.P(r.ActivationAdjustedP)]));

    private string Lead => string.Create(CultureInfo.InvariantCulture,
        $"{Customers} customers; each trait value held by enough of them against the other customers. Retention: Kaplan-Meier, churn as the event, censored at as_of; activation: an activation event within {Metrics.Activation.DefaultWindowDays} days of becoming a customer, among customers followed that long. Sorted by retention difference.");

    /// <inheritdoc/>
    public string ToHtml() => Show.Html(Lead, ToTable());

    /// <inheritdoc/>
    public string ToText() => Show.Text(Lead, ToTable());

    /// <inheritdoc/>
    public override string ToString() => ToText();

    /// <summary>Retention at the horizon per value (the <paramref name="top"/> best and worst) with its interval and the rest's as a marker.</summary>
    public Figure Chart(int top = 8)
    {
        var rows = Rows.Take(top).Concat(Rows.Skip(Math.Max(top, Rows.Length - top))).Reverse().ToArray();
        var labels = rows.Select(r => (object?)r.Label).ToArray();
        return Figure.Of(
                Charts.Chart.BarTrace(labels, rows.Select(r => r.Retention.Survival), "customers with this trait value", rows.Select(r => r.Retention.Lower),
                    rows.Select(r => r.Retention.Upper), horizontal: true),
                new ScatterTrace([.. rows.Select(r => (object?)r.RestRetention)], labels.ToImmutableArray()) { Name = "the other customers", Mode = "markers" })
            .WithTitle(string.Create(CultureInfo.InvariantCulture, $"Still a customer after {HorizonMonths:0} months (95% CI)"))
            .WithXAxis("retained", tickFormat: ".0%", range: (0, 1)).WithHeight(140 + 26 * rows.Length);
    }
}

public sealed partial record CustomerFindings : IHtmlRenderable, ITextRenderable
{
    /// <summary>One row per stand-out trait value: lift with its interval, customers, adjusted p, whether it survives adjustment, and the note.</summary>
    public DataFrame Summary => new(
        new StringDataFrameColumn("trait", StandOut.Select(s => s.Lift.Trait)),
        new StringDataFrameColumn("value", StandOut.Select(s => s.Lift.Value)),
        new DoubleDataFrameColumn("lift", StandOut.Select(s => s.Lift.Lift)),
        new DoubleDataFrameColumn("lift_lower", StandOut.Select(s => s.Lift.LiftInterval.Lower)),
        new DoubleDataFrameColumn("lift_upper", StandOut.Select(s => s.Lift.LiftInterval.Upper)),
        new Int32DataFrameColumn("customers", StandOut.Select(s => s.Lift.FocusCount)),
        new DoubleDataFrameColumn("p_adjusted", StandOut.Select(s => s.Lift.AdjustedPValue)),
        new BooleanDataFrameColumn("survives_adjustment", StandOut.Select(s => s.SurvivesAdjustment)),
        new StringDataFrameColumn("note", StandOut.Select(s => s.Note)));

    /// <summary>The stand-out traits: lift, interval, customers, adjusted p, whether it survives adjustment, notes.</summary>
    public Table ToTable() => Table.Of(["trait", "value", "lift", "lift 95% CI", "customers", "adjusted p", "survives adjustment", "note"],
        StandOut.Select(s => (IReadOnlyList<object?>)[s.Lift.Trait, s.Lift.Value, Show.R2(s.Lift.Lift), Show.Ci(s.Lift.LiftInterval.Lower, s.Lift.LiftInterval.Upper),
            s.Lift.FocusCount, Format.P(s.Lift.AdjustedPValue), s.SurvivesAdjustment ? "yes" : "no", s.Note]),
        "Traits that stand out (lift interval above 1)");

    /// <inheritdoc/>
    public string ToHtml() => Show.Html(null, ToTable(), Suggestions);

    /// <inheritdoc/>
    public string ToText() => Show.Text(null, ToTable(), Suggestions);

    /// <inheritdoc/>
    public override string ToString() => ToText();
}
