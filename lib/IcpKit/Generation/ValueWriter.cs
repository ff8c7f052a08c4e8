using System.Globalization;

namespace IcpKit.Generation;

/// <summary>
/// Writes the sample's optional value files: mrr_history.csv (each customer's MRR month by month) and spend.csv
/// (acquisition spend per month, channel and segment), with a planted value difference for the ICP.
/// </summary>
/// <remarks>
/// Every draw comes from streams of their own (per account stream 6 for MRR paths, one stream 7 for spend), so adding
/// these files leaves every other file of an export byte for byte as it was. A path ends at the account's exported MRR
/// in its last month (as_of's, or its churn month), so accounts.csv and the history agree; like events, paths are drawn
/// per snapshot. Planted: ICP customers expand (10-20% more in about 7% of months, contraction in 1%), the rest expand
/// in 3% and contract (by 10-25%) in 3% of months; spend is a cost per deal worked (by channel), so a segment that wins more of
/// its deals costs less per customer won.
/// </remarks>
internal static class ValueWriter
{
    /// <summary>Cost of working one deal, per acquisition channel; referrals cost nothing (no rows).</summary>
    private static readonly Dictionary<string, double> CostPerDeal = new(StringComparer.Ordinal)
    {
        ["outbound"] = 900, ["inbound"] = 450, ["partner"] = 600, ["event"] = 1_200, ["paid_social"] = 700,
    };

    private static int MonthIndex(DateOnly d) => d.Year * 12 + d.Month - 1;

    private static DateOnly MonthOf(int index) => new(index / 12, index % 12 + 1, 1);

    /// <summary>Writes mrr_history.csv for the customers at as_of; returns the rows written.</summary>
    public static int WriteMrrHistory(string path, SimAccount[] accounts, SampleExportOptions o, DateOnly asOf)
    {
        using var csv = CsvOut.Create(path);
        csv.Row("account_id", "month", "mrr");
        int n = 0;
        foreach (var a in accounts)
        {
            if (a.WonOn is not { } since || since > asOf) continue;
            var r = SeededRandom.For(o.Seed, a.Index, 6);
            bool churned = a.ChurnOn is { } churn && churn <= asOf;
            // The last month with revenue: the churn month (paid for part of it), else as_of's month.
            int first = MonthIndex(since), last = churned ? MonthIndex(a.ChurnOn!.Value) : MonthIndex(asOf);
            double w = a.IsIcp ? Math.Min(o.EffectStrength, 1.5) : 0;
            double up = 0.03 + 0.04 * Math.Min(w, 1), down = 0.03 - 0.02 * Math.Min(w, 1);
            // Month-on-month factors, drawn forwards, then applied backwards from the exported MRR in the last month.
            var factor = new double[last - first + 1];
            for (int k = 1; k < factor.Length; k++)
            {
                double u = r.NextDouble();
                factor[k] = u < up ? 1.1 + 0.1 * r.NextDouble() : u < up + down ? 0.75 + 0.15 * r.NextDouble() : 1;
            }
            var mrr = new double[factor.Length];
            mrr[^1] = (double)a.Mrr;
            for (int k = factor.Length - 2; k >= 0; k--) mrr[k] = mrr[k + 1] / factor[k + 1];
            for (int k = 0; k < mrr.Length; k++)
            {
                var value = k == mrr.Length - 1 ? a.Mrr : Math.Max(1m, Math.Round((decimal)mrr[k]));
                csv.Field(a.Id).Field(MonthOf(first + k).ToString("yyyy-MM", CultureInfo.InvariantCulture)).Field(value).End();
                n++;
            }
        }
        return n;
    }

    /// <summary>Writes spend.csv: per month and paid channel, the cost of the deals worked, split between ICP and non-ICP accounts.</summary>
    public static int WriteSpend(string path, SimAccount[] accounts, SampleExportOptions o, DateOnly asOf)
    {
        var r = SeededRandom.For(o.Seed, -1, 7);
        // Deals created per (month, channel, ICP or not).
        var worked = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var a in accounts)
        {
            if (a.AcquisitionChannel is not { } channel || !CostPerDeal.ContainsKey(channel)) continue;
            foreach (var d in a.Deals.Where(d => d.CreatedOn <= asOf))
            {
                var key = string.Create(CultureInfo.InvariantCulture, $"{d.CreatedOn:yyyy-MM}|{channel}|{(a.IsIcp ? "ICP" : "non-ICP")}");
                worked[key] = worked.GetValueOrDefault(key) + 1;
            }
        }
        using var csv = CsvOut.Create(path);
        csv.Row("month", "channel", "amount", "segment");
        int n = 0;
        foreach (var (key, deals) in worked)
        {
            var parts = key.Split('|');
            var amount = Math.Round((decimal)(deals * CostPerDeal[parts[1]] * r.LogNormal(1, 0.25)));
            csv.Field(parts[0]).Field(parts[1]).Field(amount).Field(parts[2]).End();
            n++;
        }
        return n;
    }
}
