using System.ComponentModel;
using System.Collections.Immutable;
using IcpKit.Loading;
using IcpKit.Metrics;
using IcpKit.Model;
using IcpKit.Statistics;

namespace IcpKit.Customers;

/// <summary>Settings of a trait-lift scan.</summary>
public sealed record LiftOptions
{
    /// <summary>Fewest focus accounts (e.g. customers) holding a value for it to be tested; rarer values are shown, not tested. Default 5.</summary>
    public int MinSupport { get; init; } = 5;

    /// <summary>Level of the Wilson intervals. Default 0.95.</summary>
    public double Confidence { get; init; } = 0.95;

    /// <summary>Traits left out of the scan. Default: plan, MRR and seats, which only customers have (outcomes, not traits to target).</summary>
    public ImmutableArray<string> ExcludeTraits { get; init; } = Pipeline.CustomerOnlyTraits;

    /// <summary>Whether "(missing)" counts as a value to scan. Default false: a blank is a data-quality finding, not a profile.</summary>
    public bool IncludeMissing { get; init; }

    /// <summary>When the two-proportion test is valid; below it Fisher's exact test is used. Default <see cref="SampleGuard.Default"/>.</summary>
    public SampleGuard Guard { get; init; } = SampleGuard.Default;

    /// <summary>The defaults.</summary>
    public static LiftOptions Default { get; } = new();
}

/// <summary>How a row was tested.</summary>
public enum LiftTest
{
    /// <summary>Too few focus accounts hold the value (below <see cref="LiftOptions.MinSupport"/>): shown, not tested.</summary>
    [Description("not tested (too few)")]
    BelowSupport,
    /// <summary>Two-proportion chi-square test (R's prop.test), focus against the rest of the base.</summary>
    [Description("two-proportion test")]
    TwoProportion,
    /// <summary>Fisher's exact test, used when expected counts are too small for the chi-square test.</summary>
    [Description("Fisher's exact test")]
    Fisher,
    /// <summary>One-sample score test of the focus share against a known market share.</summary>
    [Description("score test")]
    ScoreTest,
    /// <summary>Exact binomial test against a known market share, used when expected counts are small.</summary>
    [Description("exact binomial test")]
    ExactBinomial,
}

/// <summary>One trait value's share among the focus group against its share in the base.</summary>
/// <param name="Trait">Trait name.</param>
/// <param name="Value">Value, band or list member.</param>
/// <param name="FocusCount">Focus accounts with the value (e.g. customers in fintech).</param>
/// <param name="FocusShare">Their share of the focus group with its Wilson interval.</param>
/// <param name="BaseCount">Base accounts with the value; null when the base is a market file.</param>
/// <param name="BaseTotal">Base accounts; null when the base is a market file.</param>
/// <param name="BaseShare">The value's share of the base.</param>
/// <param name="Lift">FocusShare / BaseShare: above 1 the value is over-represented in the focus group.</param>
/// <param name="LiftInterval">The Wilson interval of the focus share divided by the base share (the base share taken as known).</param>
/// <param name="Test">Which test gave the p-value.</param>
/// <param name="PValue">Two-sided p-value; NaN when not tested.</param>
/// <param name="AdjustedPValue">Benjamini-Hochberg-adjusted over every tested value of the scan; NaN when not tested.</param>
public sealed record TraitLiftRow(string Trait, string Value, int FocusCount, ProportionEstimate FocusShare,
    int? BaseCount, int? BaseTotal, double BaseShare, double Lift, ConfidenceInterval LiftInterval,
    LiftTest Test, double PValue, double AdjustedPValue)
{
    /// <summary>True when tested and the adjusted p-value is below <paramref name="alpha"/>.</summary>
    public bool IsSignificant(double alpha = 0.05) => AdjustedPValue < alpha;

    /// <summary>"trait = value", the way the tables name a row.</summary>
    public string Label => $"{Trait} = {Value}";
}

/// <summary>
/// Which trait values are over- or under-represented in a focus group (customers, high spenders) against a base
/// (every account that entered the pipeline, all customers, or a market file).
/// </summary>
public static class TraitLift
{
    /// <summary>
    /// Every trait value's share among customers against its share among all accounts that entered the pipeline
    /// (at least one deal; see <see cref="Pipeline"/>), tested customers against the pipeline accounts that did not
    /// become customers, Benjamini-Hochberg-adjusted over all values tested.
    /// </summary>
    /// <remarks>
    /// The lift equals the value's customer rate (customers / pipeline accounts with it) over the overall customer
    /// rate, so "lift 2" reads "converts twice as often as the average pipeline account". Example: 30 of 100
    /// customers are B2B-snowflake against 60 of 600 pipeline accounts: shares 0.30 and 0.10, lift 3.
    /// </remarks>
    public static TraitLiftResult AmongCustomers(ExportData export, LiftOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(export);
        var pipeline = Pipeline.Entered(export);
        return Compare(pipeline.Where(a => a.IsCustomer), pipeline.Where(a => !a.IsCustomer), export.Traits.Traits,
            "customers", "accounts that entered the pipeline (at least one deal)", options);
    }

    /// <summary>
    /// Every trait value's share among <paramref name="focus"/> against its share among focus and
    /// <paramref name="rest"/> together; the test compares focus with rest (a 2x2 table per value).
    /// </summary>
    /// <remarks>
    /// Numbers are banded and lists count each member (an account with snowflake and dbt counts for both), as
    /// <see cref="Segmentation.ByTrait"/> groups them. Values held by fewer than <see cref="LiftOptions.MinSupport"/>
    /// focus accounts are listed but not tested; traits no rest account has a value for (e.g. a customer-only
    /// column) are skipped and named in <see cref="TraitLiftResult.SkippedTraits"/>.
    /// </remarks>
    /// <param name="focus">The group whose traits we look at (e.g. customers); must not be empty.</param>
    /// <param name="rest">The other accounts of the base (e.g. pipeline accounts that did not buy).</param>
    /// <param name="traits">Traits to scan (usually <c>export.Traits.Traits</c>).</param>
    /// <param name="focusLabel">Name of the focus group, for tables.</param>
    /// <param name="baseLabel">Name of the base, for tables.</param>
    /// <param name="options">Settings; <see cref="LiftOptions.Default"/> when null.</param>
    public static TraitLiftResult Compare(IEnumerable<Account> focus, IEnumerable<Account> rest, IEnumerable<TraitInfo> traits,
        string focusLabel, string baseLabel, LiftOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(focus);
        ArgumentNullException.ThrowIfNull(rest);
        ArgumentNullException.ThrowIfNull(traits);
        var o = options ?? LiftOptions.Default;
        var f = focus.ToArray();
        var r = rest.ToArray();
        if (f.Length == 0) throw new ArgumentException("The focus group is empty: nothing to profile.", nameof(focus));
        var baseTotal = f.Length + r.Length;
        var raw = new List<(TraitLiftRow Row, double P)>();
        var skipped = ImmutableArray.CreateBuilder<string>();
        foreach (var trait in Scannable(traits, o))
        {
            var seg = Segmentation.ByTrait(trait);
            if (r.Length > 0 && r.All(a => a.Trait(trait.Name).IsMissing))
            {
                skipped.Add(trait.Name);
                continue;
            }
            var inFocus = Count(seg, f);
            var inRest = Count(seg, r);
            foreach (var value in inFocus.Keys.Union(inRest.Keys).Order(StringComparer.Ordinal))
            {
                if (value == Segmentation.MissingGroup && !o.IncludeMissing) continue;
                int x1 = inFocus.GetValueOrDefault(value), x2 = inRest.GetValueOrDefault(value);
                var share = Proportions.Wilson(x1, f.Length, o.Confidence);
                var baseShare = (double)(x1 + x2) / baseTotal;
                var (test, p) = x1 < o.MinSupport || r.Length == 0
                    ? (LiftTest.BelowSupport, double.NaN)
                    : TestTwo(x1, f.Length, x2, r.Length, o);
                raw.Add((new TraitLiftRow(trait.Name, value, x1, share, x1 + x2, baseTotal, baseShare, share.Estimate / baseShare,
                    Scale(share.Interval, baseShare), test, p, double.NaN), p));
            }
        }
        return Finish(raw, focusLabel, baseLabel, f.Length, baseTotal, skipped.ToImmutable(), o);
    }

    /// <summary>
    /// Every trait value's share among customers against its share in a market file (see docs/data-contract.md,
    /// "market.csv"): lift over the market, a one-sample test against the market share, BH-adjusted.
    /// </summary>
    /// <remarks>Only values the market file lists are scanned; the market shares are taken as known (no sampling error).</remarks>
    public static TraitLiftResult AgainstMarket(ExportData export, MarketShares market, LiftOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(export);
        ArgumentNullException.ThrowIfNull(market);
        var o = options ?? LiftOptions.Default;
        var customers = Pipeline.Customers(export);
        if (customers.IsEmpty) throw new ArgumentException("The export has no customers: nothing to profile.", nameof(export));
        var raw = new List<(TraitLiftRow Row, double P)>();
        foreach (var trait in Scannable(export.Traits.Traits, o).Where(t => market.Has(t.Name)))
        {
            var counts = Count(Segmentation.ByTrait(trait), customers);
            foreach (var (value, marketShare) in market.SharesOf(trait.Name))
            {
                var x = counts.GetValueOrDefault(value);
                var share = Proportions.Wilson(x, customers.Length, o.Confidence);
                var (test, p) = x < o.MinSupport ? (LiftTest.BelowSupport, double.NaN) : OneSample.Test(x, customers.Length, marketShare, o.Guard);
                raw.Add((new TraitLiftRow(trait.Name, value, x, share, null, null, marketShare, share.Estimate / marketShare,
                    Scale(share.Interval, marketShare), test, p, double.NaN), p));
            }
        }
        return Finish(raw, "customers", $"the market ({market.Source})", customers.Length, null, [], o);
    }

    private static IEnumerable<TraitInfo> Scannable(IEnumerable<TraitInfo> traits, LiftOptions o) =>
        traits.Where(t => t.Kind != TraitKind.Date && !o.ExcludeTraits.Contains(t.Name));

    internal static Dictionary<string, int> Count(Segmentation seg, IEnumerable<Account> accounts)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var a in accounts)
        {
            foreach (var g in seg.GroupsOf(a)) counts[g] = counts.GetValueOrDefault(g) + 1;
        }
        return counts;
    }

    /// <summary>The chi-square test when its expected counts allow, else Fisher's exact test (the statistics engine's two).</summary>
    private static (LiftTest, double) TestTwo(int x1, int n1, int x2, int n2, LiftOptions o)
    {
        var chi = Proportions.CompareTwo(x1, n1, x2, n2, guard: o.Guard);
        if (chi.Check.IsSufficient) return (LiftTest.TwoProportion, chi.PValue);
        return (LiftTest.Fisher, FisherExact.FromCounts(x1, n1, x2, n2, guard: SampleGuard.None).PValue);
    }

    private static ConfidenceInterval Scale(ConfidenceInterval share, double by) =>
        new(share.Lower / by, share.Upper / by, share.Level);

    private static TraitLiftResult Finish(List<(TraitLiftRow Row, double P)> raw, string focusLabel, string baseLabel,
        int focusTotal, int? baseTotal, ImmutableArray<string> skipped, LiftOptions o)
    {
        var adjusted = PValueAdjustment.BenjaminiHochberg([.. raw.Select(x => x.P)]).Adjusted;
        var rows = raw.Select((x, i) => x.Row with { AdjustedPValue = adjusted[i] })
            // Tested rows first, by lift; then the rows below support, also by lift.
            .OrderBy(x => x.Test == LiftTest.BelowSupport)
            .ThenByDescending(x => x.Lift)
            .ThenBy(x => x.Trait, StringComparer.Ordinal).ThenBy(x => x.Value, StringComparer.Ordinal)
            .ToImmutableArray();
        return new TraitLiftResult(rows, focusLabel, baseLabel, focusTotal, baseTotal, skipped, o);
    }
}
