using System.Collections.Immutable;
using IcpKit.Loading;
using IcpKit.Metrics;
using IcpKit.Model;
using IcpKit.Statistics;

namespace IcpKit.Customers;

/// <summary>How deeply one segment's active customers use the product.</summary>
/// <param name="Segment">Segment name.</param>
/// <param name="Customers">Active customers in the segment.</param>
/// <param name="MedianSeats">Median seats (customers with a seat count).</param>
/// <param name="MedianActiveShare">Median of distinct active users over seats (customers with seats and events); above 1 means more users than seats.</param>
/// <param name="MedianEvents">Median events per customer (customers without events count as 0).</param>
/// <param name="MedianEventsPerActiveWeek">Median events per active week, among customers with events.</param>
/// <param name="WithUsage">Customers with at least one event.</param>
public sealed record SegmentAdoption(string Segment, int Customers, double MedianSeats, double MedianActiveShare,
    double MedianEvents, double MedianEventsPerActiveWeek, int WithUsage);

/// <summary>Adoption depth by segment: seats, active users over seats, events per account.</summary>
/// <param name="Segmentation">What the segments are of.</param>
/// <param name="Segments">One row per segment, in reading order.</param>
/// <param name="HasEvents">False when the export has no events.csv (usage columns are then NaN or 0).</param>
public sealed partial record AdoptionDepth(string Segmentation, ImmutableArray<SegmentAdoption> Segments, bool HasEvents)
{
    /// <summary>Adoption of the active customers (as of as_of) per segment; usage comes from events.csv.</summary>
    public static AdoptionDepth By(ExportData export, Segmentation segmentation)
    {
        ArgumentNullException.ThrowIfNull(export);
        ArgumentNullException.ThrowIfNull(segmentation);
        var active = export.Accounts.Where(a => a.IsActiveCustomer(export.AsOf));
        var split = segmentation.Split(active);
        var order = export.Traits.Find(segmentation.Name) is { } trait ? Groups.Ordered(trait, split.Keys) : split.Keys;
        return new AdoptionDepth(segmentation.Name, [.. order.Select(g =>
        {
            var members = split[g];
            var usage = members.Select(a => export.Usage.GetValueOrDefault(a.AccountId)).ToArray();
            var seats = members.Where(a => a.Seats is > 0).Select(a => (double)a.Seats!.Value).ToArray();
            var activeShare = members.Zip(usage).Where(p => p.First.Seats is > 0 && p.Second is { EventCount: > 0 })
                .Select(p => (double)p.Second!.DistinctUsers / p.First.Seats!.Value).ToArray();
            var events = usage.Select(u => (double)(u?.EventCount ?? 0)).ToArray();
            var perWeek = usage.Where(u => u is { EventCount: > 0 }).Select(u => u!.EventsPerActiveWeek).ToArray();
            return new SegmentAdoption(g, members.Length, Groups.Quantile(seats, 0.5), Groups.Quantile(activeShare, 0.5),
                Groups.Quantile(events, 0.5), Groups.Quantile(perWeek, 0.5), perWeek.Length);
        })], export.Has(ExportFile.Events));
    }
}

/// <summary>One cell of a two-trait table.</summary>
/// <param name="Row">Row value.</param>
/// <param name="Column">Column value.</param>
/// <param name="Accounts">Pipeline accounts in the cell.</param>
/// <param name="Customers">Customers in the cell.</param>
/// <param name="Rate">Customers / accounts with its Wilson interval; null for an empty cell.</param>
public sealed record CrossCell(string Row, string Column, int Accounts, int Customers, ProportionEstimate? Rate);

/// <summary>
/// Two traits at once (e.g. employees band x team_size band): pipeline accounts, customers and the customer rate per cell,
/// because "small teams in large companies" is a different profile from "small companies".
/// </summary>
/// <param name="RowTrait">Trait of the rows.</param>
/// <param name="ColumnTrait">Trait of the columns.</param>
/// <param name="Rows">Row values in reading order.</param>
/// <param name="Columns">Column values in reading order.</param>
/// <param name="Cells">Cells per row, then column.</param>
/// <param name="MinAccounts">Cells with fewer pipeline accounts show no rate in the heatmap.</param>
public sealed partial record CrossTable(string RowTrait, string ColumnTrait, ImmutableArray<string> Rows, ImmutableArray<string> Columns,
    ImmutableArray<ImmutableArray<CrossCell>> Cells, int MinAccounts)
{
    /// <summary>Cross table of two traits over the accounts that entered the pipeline; "(missing)" rows and columns are left out.</summary>
    /// <param name="export">The export.</param>
    /// <param name="rowTrait">Trait of the rows (e.g. "employees").</param>
    /// <param name="columnTrait">Trait of the columns (e.g. "team_size").</param>
    /// <param name="minAccounts">Cells with fewer pipeline accounts are greyed out in the heatmap (default 10).</param>
    public static CrossTable Of(ExportData export, string rowTrait, string columnTrait, int minAccounts = 10)
    {
        ArgumentNullException.ThrowIfNull(export);
        TraitInfo rt = export.Traits[rowTrait], ct = export.Traits[columnTrait];
        Segmentation rs = Segmentation.ByTrait(rt), cs = Segmentation.ByTrait(ct);
        var counts = new Dictionary<(string, string), (int Accounts, int Customers)>();
        foreach (var a in Pipeline.Entered(export))
        {
            foreach (var r in rs.GroupsOf(a))
            {
                foreach (var c in cs.GroupsOf(a))
                {
                    var (n, x) = counts.GetValueOrDefault((r, c));
                    counts[(r, c)] = (n + 1, x + (a.IsCustomer ? 1 : 0));
                }
            }
        }
        var rows = Groups.Ordered(rt, counts.Keys.Select(k => k.Item1)).Where(g => g != Segmentation.MissingGroup).ToImmutableArray();
        var cols = Groups.Ordered(ct, counts.Keys.Select(k => k.Item2)).Where(g => g != Segmentation.MissingGroup).ToImmutableArray();
        var cells = rows.Select(r => cols.Select(c =>
        {
            var (n, x) = counts.GetValueOrDefault((r, c));
            return new CrossCell(r, c, n, x, n == 0 ? null : Proportions.Wilson(x, n));
        }).ToImmutableArray()).ToImmutableArray();
        return new CrossTable(rt.Name, ct.Name, rows, cols, cells, minAccounts);
    }

    /// <summary>The cell at a row and column value; null when either is absent.</summary>
    public CrossCell? Cell(string row, string column) =>
        Rows.IndexOf(row) is >= 0 and var i && Columns.IndexOf(column) is >= 0 and var j ? Cells[i][j] : null;
}
