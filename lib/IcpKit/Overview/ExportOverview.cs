using IcpKit.Charts;
using IcpKit.Loading;
using IcpKit.Rendering;
using Microsoft.Data.Analysis;

namespace IcpKit.Overview;

/// <summary>
/// What an imported export holds, at a glance: rows kept and rejected per file, the dates it spans, how complete
/// each column is, and which steps of the method each file feeds. Notebook 00 shows these before any analysis.
/// </summary>
public static class ExportOverview
{
    private static readonly (ExportFile File, string Feeds, string WithoutIt)[] StepsByFile =
    [
        (ExportFile.Accounts, "every step: traits, customers, churn, MRR", "nothing can run"),
        (ExportFile.Deals, "01 historic bias, 02 win/loss, 03 draft, 04 win rate and cycle, 05 pipeline scoring", "win rates, funnel, sales cycle and pipeline scoring are skipped"),
        (ExportFile.Events, "01 adoption depth, 03 activation lift, 04 activation, high-value events, usage", "activation and usage analyses are skipped"),
        (ExportFile.Surveys, "04 NPS and PMF, 05 personas by role", "NPS, PMF and persona analyses are skipped"),
        (ExportFile.Spend, "01 and 04 CAC and payback by channel, ICP against the rest", "CAC and payback are not measurable"),
        (ExportFile.MrrHistory, "01 and 04 revenue per customer over time, net revenue retention", "net revenue retention is not measurable; lifetime value uses retention and today's MRR"),
    ];

    /// <summary>Accepted and rejected rows per file as stacked bars.</summary>
    public static Figure FilesChart(ExportData export)
    {
        ArgumentNullException.ThrowIfNull(export);
        var files = export.Report.Files.Where(f => f.Present).ToList();
        var names = files.Select(f => (object?)f.File).ToList();
        return Figure.Of(
                Chart.BarTrace(names, files.Select(f => (double)f.Accepted), name: "accepted", color: "#4C78A8"),
                Chart.BarTrace(names, files.Select(f => (double)f.Rejected), name: "rejected", color: "#E45756"))
            .WithBarMode("stack").WithTitle("Rows per file").WithYAxis("rows", tickFormat: ",d", type: "log");
    }

    /// <summary>First and last date of every date column, over accepted rows; events from per-account usage.</summary>
    public static Table DateRanges(ExportData export)
    {
        ArgumentNullException.ThrowIfNull(export);
        var rows = new List<object?[]>();
        void Add(string file, string column, IEnumerable<DateOnly?> dates)
        {
            var present = dates.OfType<DateOnly>().ToList();
            rows.Add(present.Count == 0
                ? [file, column, 0, null, null]
                : [file, column, present.Count, present.Min(), present.Max()]);
        }
        Add("accounts", "customer_since", export.Accounts.Select(a => a.CustomerSince));
        Add("accounts", "churned_on", export.Accounts.Select(a => a.ChurnedOn));
        if (export.Has(ExportFile.Deals))
        {
            Add("deals", "created_on", export.Deals.Select(d => (DateOnly?)d.CreatedOn));
            Add("deals", "closed_on", export.Deals.Select(d => d.ClosedOn));
        }
        if (export.Has(ExportFile.Events))
        {
            Add("events", "occurred_at (first per account)", export.Usage.Values.Select(u => ToDate(u.FirstEventAt)));
            Add("events", "occurred_at (last per account)", export.Usage.Values.Select(u => ToDate(u.LastEventAt)));
        }
        if (export.Has(ExportFile.Surveys))
        {
            Add("surveys", "responded_on", export.Surveys.Select(s => (DateOnly?)s.RespondedOn));
        }
        return Table.Of(["file", "column", "values", "first", "last"], rows, caption: "Dates the export spans");
    }

    /// <summary>Share of accepted rows with a value, per column of accounts, deals and surveys.</summary>
    /// <remarks>Low completeness is not an error, but an analysis by that column speaks only for the rows that have it.</remarks>
    public static Table Completeness(ExportData export)
    {
        ArgumentNullException.ThrowIfNull(export);
        var rows = new List<object?[]>();
        void Add(string file, DataFrame frame)
        {
            foreach (var column in frame.Columns)
            {
                var n = column.Length;
                var filled = n - column.NullCount;
                rows.Add([file, column.Name, filled, n, n == 0 ? null : Format.Percent((double)filled / n)]);
            }
        }
        Add("accounts", export.AccountsFrame());
        if (export.Has(ExportFile.Deals)) Add("deals", export.DealsFrame());
        if (export.Has(ExportFile.Surveys)) Add("surveys", export.SurveysFrame());
        return Table.Of(["file", "column", "with a value", "rows", "share"], rows, caption: "Completeness per column");
    }

    /// <summary>Which steps of the method each file feeds, and what is skipped when a file is absent.</summary>
    public static Table StepsFed(ExportData export)
    {
        ArgumentNullException.ThrowIfNull(export);
        return Table.Of(["file", "present", "feeds", "when absent"],
            StepsByFile.Select(s => new object?[] { export.Config.File(s.File).DisplayName(s.File), export.Has(s.File) ? "yes" : "no", s.Feeds, s.WithoutIt }),
            caption: "What each file feeds");
    }

    /// <summary>
    /// The traits analyses can segment by: account traits (named and extra columns) and deal traits (the deals' extra
    /// columns, <c>deal.product</c>), with kind, source, bands and how many accounts or deals have a value.
    /// </summary>
    public static Table Traits(ExportData export)
    {
        ArgumentNullException.ThrowIfNull(export);
        static string Bands(TraitInfo t) => t.Bands.IsDefaultOrEmpty ? "" : string.Join(", ", t.Bands.Select(b => b.Label));
        var accountRows = export.Traits.Traits.Select(t => new object?[]
        {
            t.Name, t.Kind.ToString().ToLowerInvariant(), t.IsExtra ? $"accounts, extra column '{t.Column}'" : "accounts, contract", Bands(t),
            $"{Format.Count(export.Accounts.Count(a => !a.Trait(t.Name).IsMissing))} of {Format.Count(export.Accounts.Length)} accounts",
        });
        var dealRows = export.DealTraits.Traits.Select(t => new object?[]
        {
            t.Name, t.Kind.ToString().ToLowerInvariant(), $"deals, column '{t.Column}'", Bands(t),
            $"{Format.Count(export.Deals.Count(d => !d.Trait(t.Name).IsMissing))} of {Format.Count(export.Deals.Length)} deals",
        });
        return Table.Of(["trait", "kind", "source", "bands", "with a value"], [.. accountRows, .. dealRows],
            caption: export.DealTraits.Traits.IsEmpty
                ? "Traits to segment by"
                : $"Traits to segment by: {Format.Count(export.Traits.Traits.Length)} of the accounts, {Format.Count(export.DealTraits.Traits.Length)} of the deals (win/loss, the draft search and ICP rules read both)");
    }

    private static DateOnly? ToDate(DateTime? at) => at is { } t ? DateOnly.FromDateTime(t) : null;
}
