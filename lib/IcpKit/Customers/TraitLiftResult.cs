using IcpKit.Rendering;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Data.Analysis;

namespace IcpKit.Customers;

/// <summary>The result of a trait-lift scan: one row per trait value, tested rows first, each block by lift descending.</summary>
/// <param name="Rows">The rows.</param>
/// <param name="FocusLabel">The focus group, e.g. "customers".</param>
/// <param name="BaseLabel">The base, e.g. "accounts that entered the pipeline (at least one deal)".</param>
/// <param name="FocusTotal">Accounts in the focus group.</param>
/// <param name="BaseTotal">Accounts in the base; null for a market file.</param>
/// <param name="SkippedTraits">Traits left out because no account outside the focus group has a value.</param>
/// <param name="Options">The settings used.</param>
public sealed partial record TraitLiftResult(ImmutableArray<TraitLiftRow> Rows, string FocusLabel, string BaseLabel,
    int FocusTotal, int? BaseTotal, ImmutableArray<string> SkippedTraits, LiftOptions Options)
{
    /// <summary>The row of one trait value; null when the scan has none.</summary>
    public TraitLiftRow? Find(string trait, string value) => Rows.FirstOrDefault(r => r.Trait == trait && r.Value == value);

    /// <summary>Rows that were tested (enough support).</summary>
    public IEnumerable<TraitLiftRow> Tested => Rows.Where(r => r.Test != LiftTest.BelowSupport);

    /// <summary>Tested rows over-represented in the focus group with an adjusted p below <paramref name="alpha"/>, by lift.</summary>
    public ImmutableArray<TraitLiftRow> StandOut(double alpha = 0.05) => [.. Tested.Where(r => r.Lift > 1 && r.IsSignificant(alpha))];

    /// <summary>Number of p-values the Benjamini-Hochberg adjustment ran over.</summary>
    public int TestsRun => Tested.Count();

    /// <summary>One row per trait value: counts, shares, lift and its interval, test, p and adjusted p.</summary>
    public DataFrame Summary => new(
        new StringDataFrameColumn("trait", Rows.Select(r => r.Trait)),
        new StringDataFrameColumn("value", Rows.Select(r => r.Value)),
        new Int32DataFrameColumn("focus_n", Rows.Select(r => r.FocusCount)),
        new DoubleDataFrameColumn("focus_share", Rows.Select(r => r.FocusShare.Estimate)),
        new DoubleDataFrameColumn("focus_lower", Rows.Select(r => r.FocusShare.Interval.Lower)),
        new DoubleDataFrameColumn("focus_upper", Rows.Select(r => r.FocusShare.Interval.Upper)),
        new DoubleDataFrameColumn("base_share", Rows.Select(r => r.BaseShare)),
        new DoubleDataFrameColumn("lift", Rows.Select(r => r.Lift)),
        new DoubleDataFrameColumn("lift_lower", Rows.Select(r => r.LiftInterval.Lower)),
        new DoubleDataFrameColumn("lift_upper", Rows.Select(r => r.LiftInterval.Upper)),
        new StringDataFrameColumn("test", Rows.Select(r => Format.Words(r.Test))),
        new DoubleDataFrameColumn("p_value", Rows.Select(r => r.PValue)),
        new DoubleDataFrameColumn("p_adjusted", Rows.Select(r => r.AdjustedPValue)));

    /// <summary>What the scan compared, in one sentence.</summary>
    public string Description
    {
        get
        {
            var n = BaseTotal is { } b ? string.Create(CultureInfo.InvariantCulture, $" (n = {b})") : "";
            var skipped = SkippedTraits.IsEmpty ? "." : $"; skipped (no value outside the {FocusLabel}): {string.Join(", ", SkippedTraits)}.";
            return string.Create(CultureInfo.InvariantCulture,
                $"Share of each trait value among {FocusTotal} {FocusLabel} against {BaseLabel}{n}; values held by fewer than {Options.MinSupport} {FocusLabel} are not tested; p-values Benjamini-Hochberg-adjusted over {TestsRun} tests{skipped}");
        }
    }
}
