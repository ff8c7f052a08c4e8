using System.ComponentModel;
using System.Collections.Immutable;
using System.Globalization;
using IcpKit.Loading;
using IcpKit.Metrics;
using IcpKit.Model;
using IcpKit.Rendering;
using IcpKit.Statistics;

namespace IcpKit.Customers;

/// <summary>What the history of a segment lets us conclude.</summary>
public enum BiasVerdict
{
    /// <summary>Nothing unusual.</summary>
    [Description("")]
    None,
    /// <summary>Over-represented among customers because it was tried far more, while its win rate is not above the rest's.</summary>
    [Description("tried more than its size (exposure bias)")]
    ExposureBias,
    /// <summary>Accounts in the CRM but not one deal: no conclusion possible either way.</summary>
    [Description("never tried")]
    NeverTried,
    /// <summary>Enough closed deals, not one won.</summary>
    [Description("never won")]
    NeverWon,
}

/// <summary>Thresholds of the historic-bias flags.</summary>
public sealed record BiasOptions
{
    /// <summary>Deals per CRM account in the segment over deals per account overall, at or above which it counts as tried most. Default 1.5.</summary>
    public double MinExposureRatio { get; init; } = 1.5;

    /// <summary>Share of customers over share of CRM accounts at or above which a segment "looks strong". Default 1.25.</summary>
    public double MinCustomerOverRepresentation { get; init; } = 1.25;

    /// <summary>Closed deals needed before "never won" is called. Default 10.</summary>
    public int MinClosedForNeverWon { get; init; } = 10;

    /// <summary>Fewest CRM accounts for a segment to be flagged at all (tiny segments say nothing). Default 10.</summary>
    public int MinAccounts { get; init; } = 10;

    /// <summary>Adjusted p-value below which a win rate counts as above the rest. Default 0.05.</summary>
    public double Alpha { get; init; } = 0.05;

    /// <summary>The defaults.</summary>
    public static BiasOptions Default { get; } = new();
}

/// <summary>One segment's history: how much we tried it against what it gave.</summary>
/// <param name="Trait">Trait the segment belongs to.</param>
/// <param name="Segment">Segment value.</param>
/// <param name="Accounts">Accounts in the CRM (accounts.csv).</param>
/// <param name="AccountShare">Their share of all CRM accounts.</param>
/// <param name="Deals">Deals created.</param>
/// <param name="DealShare">Share of all deals.</param>
/// <param name="ExposureRatio">Deals per account in the segment over deals per account overall (1 = tried as much as its size suggests).</param>
/// <param name="Customers">Customers.</param>
/// <param name="CustomerShare">Share of all customers.</param>
/// <param name="WinRate">Won over closed deals with its Wilson interval; null without closed deals.</param>
/// <param name="RestWinRate">Won over closed deals of every other segment of the trait.</param>
/// <param name="AdjustedPValue">Win rate against the rest, BH-adjusted across the trait's segments (NaN when not tested).</param>
/// <param name="Verdict">What the history lets us conclude.</param>
/// <param name="Finding">The flag in plain words, from the numbers; empty when there is no flag.</param>
public sealed record SegmentHistory(string Trait, string Segment, int Accounts, double AccountShare, int Deals, double DealShare,
    double ExposureRatio, int Customers, double CustomerShare, ProportionEstimate? WinRate, double RestWinRate,
    double AdjustedPValue, BiasVerdict Verdict, string Finding);

/// <summary>Historic bias of one or more traits: deals tried per segment against its share of customers, with flags and findings.</summary>
/// <param name="Rows">One row per segment (trait by trait, segments in reading order).</param>
/// <param name="Options">Thresholds used.</param>
public sealed partial record HistoricBiasResult(ImmutableArray<SegmentHistory> Rows, BiasOptions Options)
{
    /// <summary>Rows with a flag.</summary>
    public ImmutableArray<SegmentHistory> Flagged => [.. Rows.Where(r => r.Verdict != BiasVerdict.None)];

    /// <summary>The row of one segment; null when absent.</summary>
    public SegmentHistory? Find(string trait, string segment) => Rows.FirstOrDefault(r => r.Trait == trait && r.Segment == segment);

    /// <summary>Every finding in plain words, exposure bias first.</summary>
    public ImmutableArray<string> Findings => [.. Flagged.OrderBy(r => r.Verdict).Select(r => r.Finding)];

    /// <summary>The findings as a one-column table, for a notebook or report.</summary>
    public IcpKit.Rendering.Table FindingsTable() => IcpKit.Rendering.Table.Of(["finding"], Findings.Select(f => new object?[] { f }));
}

/// <summary>
/// Beware historic bias: a segment can fill the customer list only because sales tried it most, and a segment never
/// tried cannot be judged. Compares deals tried, customers and win rates per segment.
/// </summary>
public static class HistoricBias
{
    /// <summary>History of each segment of one segmentation (e.g. by industry).</summary>
    public static HistoricBiasResult By(ExportData export, Segmentation segmentation, BiasOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(export);
        ArgumentNullException.ThrowIfNull(segmentation);
        var o = options ?? BiasOptions.Default;
        return new HistoricBiasResult(Rows(export, segmentation, o), o);
    }

    /// <summary>History of every segmentable trait except plan, MRR and seats (customer-only outcomes).</summary>
    public static HistoricBiasResult AcrossTraits(ExportData export, BiasOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(export);
        var o = options ?? BiasOptions.Default;
        return new HistoricBiasResult([.. export.Traits.Traits
            .Where(t => t.Kind != TraitKind.Date && !Pipeline.CustomerOnlyTraits.Contains(t.Name))
            .SelectMany(t => Rows(export, Segmentation.ByTrait(t), o))], o);
    }

    private static ImmutableArray<SegmentHistory> Rows(ExportData export, Segmentation seg, BiasOptions o)
    {
        var byId = export.Accounts.ToDictionary(a => a.AccountId, StringComparer.Ordinal);
        var split = seg.Split(export.Accounts);
        var dealsBySegment = new Dictionary<string, (int Deals, int Won, int Closed)>(StringComparer.Ordinal);
        foreach (var d in export.Deals)
        {
            if (!byId.TryGetValue(d.AccountId, out var a)) continue;
            foreach (var g in seg.GroupsOf(a))
            {
                var (n, w, c) = dealsBySegment.GetValueOrDefault(g);
                dealsBySegment[g] = (n + 1, w + (d.Outcome == DealOutcome.Won ? 1 : 0), c + (d.IsClosed ? 1 : 0));
            }
        }
        int totalAccounts = export.Accounts.Length, totalDeals = export.Deals.Length;
        var totalCustomers = export.Accounts.Count(a => a.IsCustomer);
        var order = (export.Traits.Find(seg.Name) is { } trait ? Groups.Ordered(trait, split.Keys) : split.Keys).ToArray();
        var counts = order.Select(g => dealsBySegment.GetValueOrDefault(g)).ToArray();
        var scan = order.Length >= 2
            ? SegmentScan.AgainstRest(order.Select((g, i) => new SegmentCount(g, counts[i].Won, counts[i].Closed)))
            : null;
        var dealsPerAccount = totalAccounts == 0 ? 0 : (double)totalDeals / totalAccounts;
        return [.. order.Select((g, i) =>
        {
            var members = split[g];
            var (deals, won, closed) = counts[i];
            var customers = members.Count(a => a.IsCustomer);
            var vsRest = scan?.Segments[i];
            var row = new SegmentHistory(seg.Name, g, members.Length, (double)members.Length / totalAccounts, deals,
                totalDeals == 0 ? 0 : (double)deals / totalDeals,
                dealsPerAccount == 0 ? double.NaN : deals / (double)members.Length / dealsPerAccount,
                customers, totalCustomers == 0 ? 0 : (double)customers / totalCustomers,
                closed == 0 ? null : Proportions.Wilson(won, closed),
                vsRest?.Test?.Rate2 ?? double.NaN, vsRest?.AdjustedPValue ?? double.NaN, BiasVerdict.None, "");
            // Without any deal in the export there is no history to judge: flag nothing rather than "never tried" everywhere.
            var flag = totalDeals == 0 ? BiasVerdict.None : VerdictOf(row, o);
            return row with { Verdict = flag, Finding = Describe(row, flag) };
        })];
    }

    private static BiasVerdict VerdictOf(SegmentHistory r, BiasOptions o)
    {
        if (r.Accounts < o.MinAccounts || r.Segment == Segmentation.MissingGroup) return BiasVerdict.None;
        if (r.Deals == 0) return BiasVerdict.NeverTried;
        if (r.WinRate is { Successes: 0, N: var closed } && closed >= o.MinClosedForNeverWon) return BiasVerdict.NeverWon;
        var looksStrong = r.CustomerShare >= o.MinCustomerOverRepresentation * r.AccountShare;
        var triedMost = r.ExposureRatio >= o.MinExposureRatio;
        // "Wins more" needs both a higher rate and a significant difference; anything less does not explain the customers.
        var winsMore = r.WinRate is { } w && w.Estimate > r.RestWinRate && r.AdjustedPValue < o.Alpha;
        return looksStrong && triedMost && !winsMore ? BiasVerdict.ExposureBias : BiasVerdict.None;
    }

    private static string Describe(SegmentHistory r, BiasVerdict flag) => flag switch
    {
        BiasVerdict.ExposureBias => string.Create(CultureInfo.InvariantCulture,
            $"{r.Trait} = {r.Segment}: {Pct(r.AccountShare)} of the accounts in the CRM but {Pct(r.DealShare)} of the deals and {Pct(r.CustomerShare)} of the customers; " +
            $"its win rate ({Pct(r.WinRate!.Estimate)} [{Pct(r.WinRate.Interval.Lower)}, {Pct(r.WinRate.Interval.Upper)}]) is not above the rest's ({Pct(r.RestWinRate)}). " +
            $"It looks strong because we tried it {r.ExposureRatio:0.0}x as often as its size suggests (exposure bias), not because it wins more."),
        BiasVerdict.NeverTried => string.Create(CultureInfo.InvariantCulture,
            $"{r.Trait} = {r.Segment}: {r.Accounts} accounts in the CRM and not one deal. We never tried it: no conclusion possible either way."),
        BiasVerdict.NeverWon => string.Create(CultureInfo.InvariantCulture,
            $"{r.Trait} = {r.Segment}: {r.WinRate!.N} closed deals, none won. Read the loss reasons before ruling it out or in."),
        _ => "",
    };

    private static string Pct(double v) => Format.Percent(v, 0);
}
