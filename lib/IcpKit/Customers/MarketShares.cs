using System.Collections.Immutable;
using System.Globalization;
using IcpKit.Loading;
using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace IcpKit.Customers;

/// <summary>
/// The share of the market each trait value holds (e.g. 12% of the companies we could sell to are fintech), read
/// from an optional market.csv: columns <c>trait,value,share</c> or <c>trait,value,count</c>.
/// </summary>
/// <remarks>
/// Counts are turned into shares within each trait (fintech 120 of 1,000 listed companies = 0.12). Shares need not
/// sum to 1 (a list may cover only the values you know). Values are matched to the export's groups exactly, so
/// numeric traits must use the band labels (e.g. <c>employees,51-200,0.18</c>).
/// </remarks>
/// <param name="Shares">Share per trait, then per value.</param>
/// <param name="Source">Where the shares came from (file name), for tables.</param>
public sealed record MarketShares(ImmutableDictionary<string, ImmutableSortedDictionary<string, double>> Shares, string Source)
{
    /// <summary>True when the file gives shares for <paramref name="trait"/>.</summary>
    public bool Has(string trait) => Shares.ContainsKey(trait);

    /// <summary>The values and shares listed for a trait (empty when none).</summary>
    public IEnumerable<KeyValuePair<string, double>> SharesOf(string trait) =>
        Shares.TryGetValue(trait, out var s) ? s : ImmutableSortedDictionary<string, double>.Empty;

    /// <summary>Reads market.csv (encoding and delimiter sniffed like the export files).</summary>
    /// <exception cref="FormatException">A required column is missing, a share is outside (0, 1], a count is not positive, or a value repeats.</exception>
    public static MarketShares Load(string path)
    {
        var rows = new List<(string Trait, string Value, string Number, int Line)>();
        using (var reader = CsvSource.Open(path, Sniffer.Sniff(path)))
        {
            reader.ReadHeader();
            var headers = reader.Headers.Select(h => Names.Key(h)).ToList();
            int ti = headers.IndexOf("trait"), vi = headers.IndexOf("value"), si = headers.IndexOf("share"), ci = headers.IndexOf("count");
            if (ti < 0 || vi < 0 || (si < 0) == (ci < 0))
                throw new FormatException($"{Path.GetFileName(path)}: need columns trait, value and one of share or count; found {string.Join(", ", reader.Headers)}");
            var numberAt = si >= 0 ? si : ci;
            while (reader.Read())
            {
                if (CsvSource.IsBlank(reader)) continue;
                rows.Add((Field(reader, ti), Field(reader, vi), Field(reader, numberAt), (int)reader.LineNumber));
            }
            return FromRows(rows, si >= 0, Path.GetFileName(path));
        }

        static string Field(CsvHelper.CsvReader r, int i) => i < r.FieldCount ? (r.GetString(i) ?? "").Trim() : "";
    }

    /// <summary>Builds shares from (trait, value, number) rows; <paramref name="areShares"/> false means the numbers are counts.</summary>
    internal static MarketShares FromRows(IEnumerable<(string Trait, string Value, string Number, int Line)> rows, bool areShares, string source)
    {
        var byTrait = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        foreach (var (trait, value, number, line) in rows)
        {
            if (trait.Length == 0 || value.Length == 0)
                throw new FormatException($"{source} line {line}: trait and value must not be empty");
            if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) || !(x > 0) || (areShares && x > 1))
                throw new FormatException($"{source} line {line}: '{number}' is not a {(areShares ? "share in (0, 1]" : "positive count")}");
            var values = byTrait.TryGetValue(trait, out var v) ? v : byTrait[trait] = new(StringComparer.Ordinal);
            if (!values.TryAdd(value, x))
                throw new FormatException($"{source} line {line}: {trait} = {value} is listed twice");
        }
        return new MarketShares(byTrait.ToImmutableDictionary(kv => kv.Key, kv =>
        {
            var total = areShares ? 1 : kv.Value.Values.Sum();
            return kv.Value.ToImmutableSortedDictionary(x => x.Key, x => x.Value / total, StringComparer.Ordinal);
        }, StringComparer.Ordinal), source);
    }
}

/// <summary>One observed share against a known one: the score test, or the exact binomial test for small expected counts.</summary>
internal static class OneSample
{
    /// <summary>Two-sided p-value of x of n against p0, as R's <c>prop.test(x, n, p0, correct = FALSE)</c> or <c>binom.test(x, n, p0)</c>.</summary>
    public static (LiftTest Test, double P) Test(int x, int n, double p0, Statistics.SampleGuard guard)
    {
        if (n * p0 >= guard.MinExpectedCount && n * (1 - p0) >= guard.MinExpectedCount)
        {
            var chi = Math.Pow(x - n * p0, 2) / (n * p0 * (1 - p0));
            return (LiftTest.ScoreTest, SpecialFunctions.GammaUpperRegularized(0.5, chi / 2));
        }
        return (LiftTest.ExactBinomial, ExactBinomial(x, n, p0));
    }

    /// <summary>binom.test's two-sided p: the probability of every outcome no more likely than the observed one (relative tolerance 1e-7).</summary>
    public static double ExactBinomial(int x, int n, double p0)
    {
        var observed = Binomial.PMF(p0, n, x) * (1 + 1e-7);
        double p = 0;
        for (var k = 0; k <= n; k++)
        {
            var d = Binomial.PMF(p0, n, k);
            if (d <= observed) p += d;
        }
        return Math.Min(1, p);
    }
}
