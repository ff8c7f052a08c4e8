using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using IcpKit.Statistics;
using Microsoft.Data.Analysis;

namespace IcpKit.Icp;

/// <summary>Outcomes over all accounts, the baseline every candidate is compared with.</summary>
/// <param name="Accounts">Accounts.</param>
/// <param name="Customers">Accounts that became customers.</param>
/// <param name="ClosedDeals">Won and lost deals.</param>
/// <param name="WonDeals">Won deals.</param>
/// <param name="RetentionEligible">Customers who started at least the retention horizon before as_of.</param>
/// <param name="Retained">Of those, still customers at the horizon.</param>
/// <param name="Activated">Customers who reached an activation event; null without product events.</param>
/// <param name="MedianWonAmount">Median amount of won deals.</param>
public sealed record OverallOutcomes(int Accounts, int Customers, int ClosedDeals, int WonDeals, int RetentionEligible, int Retained,
    int? Activated, double MedianWonAmount)
{
    /// <summary>Won / closed deals.</summary>
    public double WinRate => ClosedDeals == 0 ? double.NaN : (double)WonDeals / ClosedDeals;

    /// <summary>Retained / eligible customers.</summary>
    public double RetentionRate => RetentionEligible == 0 ? double.NaN : (double)Retained / RetentionEligible;

    /// <summary>Activated / customers; NaN without events.</summary>
    public double ActivationRate => Activated is { } a && Customers > 0 ? (double)a / Customers : double.NaN;
}

/// <summary>The result of <see cref="CandidateSearch.Run(IcpKit.Loading.ExportData, CandidateSearchOptions?)"/>: every candidate that passed the support minimums, best first.</summary>
/// <param name="Candidates">Ranked candidates (rank 1 first).</param>
/// <param name="SuggestedExclusions">Categories to put under "doesn't need".</param>
/// <param name="Options">The settings used.</param>
/// <param name="AccountCount">Accounts searched.</param>
/// <param name="ConditionCount">Single conditions with enough support to combine.</param>
/// <param name="CandidateCount">Combinations that passed the support minimums (the number BH adjusts over, less those without closed deals).</param>
/// <param name="Overall">Outcomes over all accounts.</param>
/// <param name="Elapsed">Time the search took (not part of the result's meaning; excluded from equality).</param>
public sealed record CandidateSearchResult(
    ImmutableArray<IcpCandidate> Candidates,
    ImmutableArray<ExclusionSuggestion> SuggestedExclusions,
    CandidateSearchOptions Options,
    int AccountCount,
    int ConditionCount,
    int CandidateCount,
    OverallOutcomes Overall,
    TimeSpan Elapsed)
{
    /// <summary>The best candidate, or null when none passed the support minimums.</summary>
    public IcpCandidate? Best => Candidates.IsDefaultOrEmpty ? null : Candidates[0];

    /// <summary>The first <paramref name="n"/> candidates.</summary>
    public ImmutableArray<IcpCandidate> Top(int n) => [.. Candidates.Take(n)];

    /// <summary>The candidate of rank <paramref name="rank"/> (1-based).</summary>
    public IcpCandidate this[int rank] => Candidates[rank - 1];

    /// <summary>Candidates whose win rate differs from the rest's after Benjamini-Hochberg at the options' alpha.</summary>
    public ImmutableArray<IcpCandidate> Significant => [.. Candidates.Where(c => c.IsSignificant(Options.Alpha))];

    /// <summary>Candidates tested on win rate (enough closed deals inside and out): the count BH adjusts over.</summary>
    public int TestedCount => Candidates.Count(c => !double.IsNaN(c.WinRateTest?.PValue ?? double.NaN));

    /// <summary>One row per candidate (top <paramref name="top"/>): rank, conditions, accounts, coverage, customers, lifts, score, adjusted p.</summary>
    public DataFrame Summary(int top = 20)
    {
        var rows = Top(top);
        return new DataFrame(
            new Int32DataFrameColumn("rank", rows.Select(c => c.Rank)),
            new StringDataFrameColumn("conditions", rows.Select(c => c.Description)),
            new Int32DataFrameColumn("accounts", rows.Select(c => c.Accounts)),
            new DoubleDataFrameColumn("coverage", rows.Select(c => c.Coverage)),
            new Int32DataFrameColumn("customers", rows.Select(c => c.Customers)),
            new Int32DataFrameColumn("closed_deals", rows.Select(c => c.WinRate.N)),
            new DoubleDataFrameColumn("win_rate", rows.Select(c => c.WinRate.Value)),
            new DoubleDataFrameColumn("win_rate_lift", rows.Select(c => c.WinRate.Lift)),
            new DoubleDataFrameColumn("retention_lift", rows.Select(c => c.Retention.Lift)),
            new DoubleDataFrameColumn("acv_lift", rows.Select(c => c.Acv.Lift)),
            new DoubleDataFrameColumn("activation_lift", rows.Select(c => c.Activation.Lift)),
            new DoubleDataFrameColumn("score", rows.Select(c => c.Score)),
            new DoubleDataFrameColumn("p_adjusted", rows.Select(c => c.AdjustedP)));
    }

    /// <summary>Table headers of <see cref="Rows"/>.</summary>
    public static ImmutableArray<string> Headers { get; } =
        ["#", "conditions", "accounts", "coverage", "n closed", "win rate", "win lift", "retention lift", "ACV lift", "activation lift", "score", "adj. p"];

    /// <summary>The top candidates as text cells, in the order of <see cref="Headers"/>.</summary>
    public ImmutableArray<ImmutableArray<string>> Rows(int top) => [.. Top(top).Select(c => ImmutableArray.Create(
        c.Rank.ToString(CultureInfo.InvariantCulture), c.Description,
        c.Accounts.ToString(CultureInfo.InvariantCulture), Fmt.Pct(c.Coverage),
        c.WinRate.N.ToString(CultureInfo.InvariantCulture), Fmt.Pct(c.WinRate.Value),
        Lift(c.WinRate), Lift(c.Retention), Lift(c.Acv), Lift(c.Activation),
        c.Score.ToString("0.000", CultureInfo.InvariantCulture), Fmt.P(c.AdjustedP)))];

    private static string Lift(OutcomeLift l) => l.IsMeasured ? l.Lift.ToString("0.00", CultureInfo.InvariantCulture) + "x" : "n/a";

    /// <summary>A header line (what was searched, how many candidates, the baseline) and the top 10 as an aligned table.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(Header()).Append('\n');
        var rows = Rows(10);
        var cells = new[] { Headers }.Concat(rows).ToArray();
        var widths = Headers.Select((_, k) => cells.Max(r => r[k].Length)).ToArray();
        foreach (var r in cells)
            sb.Append(string.Join("  ", r.Select((v, k) => k is 1 ? v.PadRight(widths[k]) : v.PadLeft(widths[k]))).TrimEnd()).Append('\n');
        return sb.ToString().TrimEnd('\n');
    }

    /// <summary>What was searched and the baseline, in one sentence.</summary>
    public string Header() => string.Create(CultureInfo.InvariantCulture,
        $"{CandidateCount} candidate ICPs of 1 to {Options.MaxConditions} conditions from {ConditionCount} conditions over {AccountCount} accounts (at least {Options.MinCustomers} customers and {Fmt.Pct(Options.MinAccountShare)} of accounts each); {Significant.Length} beat the rest's win rate after Benjamini-Hochberg at {Options.Alpha:0.##}. Baseline: win rate {Fmt.Pct(Overall.WinRate)}, {Options.RetentionDays}-day retention {Fmt.Pct(Overall.RetentionRate)}, median won amount {Overall.MedianWonAmount:0}.");
}
