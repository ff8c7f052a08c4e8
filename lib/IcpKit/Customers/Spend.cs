using System.Collections.Immutable;
using IcpKit.Loading;
using IcpKit.Metrics;
using IcpKit.Model;

namespace IcpKit.Customers;

/// <summary>MRR of one segment's active customers.</summary>
/// <param name="Segment">Segment name.</param>
/// <param name="Customers">Active customers with an MRR in the segment.</param>
/// <param name="Total">Their total MRR.</param>
/// <param name="Median">Median MRR.</param>
/// <param name="Q1">First quartile (R type 7).</param>
/// <param name="Q3">Third quartile.</param>
/// <param name="ShareOfMrr">Total over all active MRR (list members can sum past 1).</param>
public sealed record SegmentSpend(string Segment, int Customers, double Total, double Median, double Q1, double Q3, double ShareOfMrr)
{
    /// <summary>Q3 - Q1.</summary>
    public double Iqr => Q3 - Q1;
}

/// <summary>MRR by segment: median and interquartile range, so one whale does not make a segment look rich.</summary>
/// <param name="Segmentation">What the segments are of.</param>
/// <param name="Segments">One row per segment, in reading order.</param>
/// <param name="Customers">Active customers with an MRR.</param>
public sealed partial record SpendBySegment(string Segmentation, ImmutableArray<SegmentSpend> Segments, int Customers);

/// <summary>
/// How concentrated revenue is: the share of MRR the top accounts bring, the Lorenz curve and the Gini coefficient.
/// </summary>
/// <param name="N">Accounts.</param>
/// <param name="Total">Total MRR.</param>
/// <param name="Gini">Gini coefficient (0 = everyone pays the same, near 1 = one account pays all), ineq::Gini's formula without small-sample correction.</param>
/// <param name="Lorenz">Points (share of accounts, share of MRR) from (0, 0) to (1, 1), accounts from smallest to largest.</param>
public sealed partial record RevenueConcentration(int N, double Total, double Gini, ImmutableArray<(double Accounts, double Revenue)> Lorenz)
{
    /// <summary>Share of MRR from the top 10% of accounts.</summary>
    public double Top10Share => TopShare(0.10);

    /// <summary>Share of MRR from the top 20% of accounts.</summary>
    public double Top20Share => TopShare(0.20);

    /// <summary>Share of MRR from the largest <paramref name="fraction"/> of accounts, read off the Lorenz curve (linear between points).</summary>
    /// <remarks>With 10 accounts the top 10% is exactly the largest one; with 15, it is the largest plus half of the second.</remarks>
    public double TopShare(double fraction)
    {
        if (!(fraction is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "A fraction of accounts lies in [0, 1].");
        return 1 - LorenzAt(1 - fraction);
    }

    /// <summary>The Lorenz curve's MRR share at a share of accounts (linear between points).</summary>
    public double LorenzAt(double accounts)
    {
        if (N == 0) return double.NaN;
        var pos = accounts * N;
        var i = Math.Min((int)Math.Floor(pos), N - 1);
        var (x0, y0) = Lorenz[i];
        var (x1, y1) = Lorenz[i + 1];
        return y0 + (y1 - y0) * (accounts - x0) / (x1 - x0);
    }

    /// <summary>Concentration of the given amounts (negative amounts are not allowed; zeros count as accounts).</summary>
    /// <remarks>
    /// Gini = sum_i (2i - n - 1) x_(i) / (n sum x), x sorted ascending, i from 1: R's <c>ineq::Gini(x, corr = FALSE)</c>.
    /// Example: [1, 1, 1, 1] gives 0; [0, 0, 0, 10] gives 0.75 (the most unequal a sample of 4 can be).
    /// </remarks>
    public static RevenueConcentration Of(IEnumerable<double> amounts)
    {
        ArgumentNullException.ThrowIfNull(amounts);
        var x = amounts.Order().ToArray();
        if (x.Any(v => v < 0 || double.IsNaN(v))) throw new ArgumentException("Amounts must be non-negative numbers.", nameof(amounts));
        var n = x.Length;
        var total = x.Sum();
        if (n == 0 || total == 0) return new RevenueConcentration(n, total, double.NaN, []);
        double weighted = 0, running = 0;
        var lorenz = ImmutableArray.CreateBuilder<(double, double)>(n + 1);
        lorenz.Add((0, 0));
        for (var i = 0; i < n; i++)
        {
            weighted += (2.0 * (i + 1) - n - 1) * x[i];
            running += x[i];
            lorenz.Add(((i + 1.0) / n, i == n - 1 ? 1 : running / total));
        }
        return new RevenueConcentration(n, total, weighted / (n * total), lorenz.MoveToImmutable());
    }
}

/// <summary>What customers pay: by segment, how concentrated, and what the big payers have in common.</summary>
public static class Spend
{
    /// <summary>Active customers (as of the export's as_of) with an MRR: the accounts every spend analysis uses.</summary>
    public static ImmutableArray<Account> Paying(ExportData export)
    {
        ArgumentNullException.ThrowIfNull(export);
        return [.. export.Accounts.Where(a => a.IsActiveCustomer(export.AsOf) && a.Mrr is not null)];
    }

    /// <summary>Median MRR and interquartile range per segment of the active paying customers.</summary>
    public static SpendBySegment By(ExportData export, Segmentation segmentation)
    {
        ArgumentNullException.ThrowIfNull(segmentation);
        var paying = Paying(export);
        var total = paying.Sum(a => (double)a.Mrr!.Value);
        var split = segmentation.Split(paying);
        var order = export.Traits.Find(segmentation.Name) is { } trait ? Groups.Ordered(trait, split.Keys) : split.Keys;
        return new SpendBySegment(segmentation.Name, [.. order.Select(g =>
        {
            var mrr = split[g].Select(a => (double)a.Mrr!.Value).ToArray();
            return new SegmentSpend(g, mrr.Length, mrr.Sum(), Groups.Quantile(mrr, 0.5), Groups.Quantile(mrr, 0.25),
                Groups.Quantile(mrr, 0.75), mrr.Sum() / total);
        })], paying.Length);
    }

    /// <summary>Concentration of active MRR: top 10% and 20% shares, Lorenz curve, Gini.</summary>
    public static RevenueConcentration Concentration(ExportData export) =>
        RevenueConcentration.Of(Paying(export).Select(a => (double)a.Mrr!.Value));

    /// <summary>
    /// What top-quartile MRR customers share that the others do not: each trait value's share among the accounts at or
    /// above the <paramref name="quantile"/> of MRR, against all paying customers, tested high against the rest.
    /// </summary>
    public static TraitLiftResult HighVsLow(ExportData export, double quantile = 0.75, LiftOptions? options = null)
    {
        if (!(quantile is > 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(quantile), quantile, "Need 0 < quantile < 1.");
        var paying = Paying(export);
        var cut = Groups.Quantile(paying.Select(a => (double)a.Mrr!.Value).ToArray(), quantile);
        var high = paying.Where(a => (double)a.Mrr!.Value >= cut);
        var low = paying.Where(a => (double)a.Mrr!.Value < cut);
        return TraitLift.Compare(high, low, export.Traits.Traits,
            quantile == 0.75 ? "top-quartile MRR customers" : $"customers at or above the {quantile:P0} MRR quantile",
            "all active paying customers", options);
    }
}
