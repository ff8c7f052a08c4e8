using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text;
using IcpKit.Charts;
using IcpKit.Icp;
using IcpKit.Rendering;
using IcpKit.Statistics;
using Microsoft.Data.Analysis;

namespace IcpKit.Drafting;

/// <summary>Outcomes over all accounts, the baseline every candidate is compared with.</summary>
/// <param name="Accounts">Accounts.</param>
/// <param name="Customers">Accounts that became customers.</param>
/// <param name="ClosedDeals">Won and lost deals.</param>
/// <param name="WonDeals">Won deals.</param>
/// <param name="Retention">Customers still there 12 months after starting (Kaplan-Meier, as <see cref="IcpKit.Outcomes.Definitions.RetentionOutcome"/> defines it).</param>
/// <param name="ActivationFollowed">Customers followed at least 30 days (activation's denominator).</param>
/// <param name="Activated">Of them, activated within 30 days; null without product events.</param>
/// <param name="MedianWonAmount">Median amount of won deals.</param>
public sealed record OverallOutcomes(int Accounts, int Customers, int ClosedDeals, int WonDeals, double Retention, int ActivationFollowed,
    int? Activated, double MedianWonAmount)
{
    /// <summary>Won / closed deals.</summary>
    public double WinRate => ClosedDeals == 0 ? double.NaN : (double)WonDeals / ClosedDeals;

    /// <summary>The Kaplan-Meier retention at 12 months.</summary>
    public double RetentionRate => Retention;

    /// <summary>Activated within 30 days / customers followed 30 days; NaN without events.</summary>
    public double ActivationRate => Activated is { } a && ActivationFollowed > 0 ? (double)a / ActivationFollowed : double.NaN;
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
    TimeSpan Elapsed) : IHtmlRenderable, ITextRenderable
{
    /// <summary>Outcomes the export cannot measure, each with why in the outcome module's words ("no churn dates mapped, so
    /// nobody can be seen to leave (...)"): they neither rank nor show a lift. Empty when searched from accounts and deals
    /// directly.</summary>
    public ImmutableDictionary<Outcome, string> NotMeasurable { get; init; } = ImmutableDictionary<Outcome, string>.Empty;

    /// <summary>The best candidate, or null when none passed the support minimums.</summary>
    public IcpCandidate? Best => Candidates.IsDefaultOrEmpty ? null : Candidates[0];

    /// <summary>The first <paramref name="n"/> candidates.</summary>
    public ImmutableArray<IcpCandidate> Top(int n) => [.. Candidates.Take(n)];

    /// <summary>The candidate of rank <paramref name="rank"/> (1-based).</summary>
    public IcpCandidate this[int rank] => Candidates[rank - 1];

    /// <summary>
    /// The candidate of rank <paramref name="rank"/> as a draft ICP: its conditions as "has" rules, plus the suggested
    /// exclusions on other fields (an exclusion on a field the candidate already constrains would be redundant).
    /// </summary>
    /// <returns>The draft, or null when fewer than <paramref name="rank"/> candidates passed the support minimums.</returns>
    public IcpDefinition? Draft(int rank, string name, int version, DateOnly date)
    {
        if (rank < 1 || rank > Candidates.Length) return null;
        var candidate = this[rank];
        var exclusions = SuggestedExclusions.Where(e => candidate.Conditions.All(c => c.Field != e.Rule.Field)).Select(e => e.Rule);
        return candidate.ToIcp(name, version, date, exclusions);
    }

    /// <summary>Candidates whose win rate differs from the rest's after Benjamini-Hochberg at the options' alpha.</summary>
    public ImmutableArray<IcpCandidate> Significant => [.. Candidates.Where(c => c.IsSignificant(Options.Alpha))];

    /// <summary>Candidates tested on win rate (enough closed deals inside and out): the count BH adjusts over.</summary>
    public int TestedCount => Candidates.Count(c => !double.IsNaN(c.WinRateTest?.PValue ?? double.NaN));

    /// <summary>
    /// One row per candidate that passed the support minimums, by rank: conditions, accounts, coverage, customers, closed
    /// deals and win rate, the lift of each outcome as measured (its value over everyone's), the evidence and adjusted p
    /// (take the first rows for the top few).
    /// </summary>
    public DataFrame Summary
    {
        get
        {
            var rows = Candidates;
            return new DataFrame(
                new Int32DataFrameColumn("rank", rows.Select(c => c.Rank)),
                new StringDataFrameColumn("conditions", rows.Select(c => c.Description)),
                new Int32DataFrameColumn("accounts", rows.Select(c => c.Accounts)),
                new DoubleDataFrameColumn("coverage", rows.Select(c => c.Coverage)),
                new Int32DataFrameColumn("customers", rows.Select(c => c.Customers)),
                new Int32DataFrameColumn("closed_deals", rows.Select(c => c.WinRate.N)),
                new DoubleDataFrameColumn("win_rate", rows.Select(c => c.WinRate.Value)),
                new DoubleDataFrameColumn("win_rate_lift", rows.Select(c => c.WinRate.RawLift)),
                new DoubleDataFrameColumn("retention_lift", rows.Select(c => c.Retention.RawLift)),
                new DoubleDataFrameColumn("acv_lift", rows.Select(c => c.Acv.RawLift)),
                new DoubleDataFrameColumn("activation_lift", rows.Select(c => c.Activation.RawLift)),
                new DoubleDataFrameColumn("evidence", rows.Select(c => c.Score)),
                new DoubleDataFrameColumn("p_adjusted", rows.Select(c => c.AdjustedP)));
        }
    }

    /// <summary>Table headers of <see cref="Rows"/>.</summary>
    public static ImmutableArray<string> Headers { get; } =
        ["#", "conditions", "accounts", "coverage", "n closed", "win rate", "win lift", "retention lift", "ACV lift", "activation lift", "evidence (z)", "adj. p"];

    /// <summary>The top candidates as table cells, in the order of <see cref="Headers"/> (counts as numbers, rates and lifts as text).</summary>
    public IReadOnlyList<IReadOnlyList<object?>> Rows(int top) => [.. Top(top).Select(c => (IReadOnlyList<object?>)[
        c.Rank, c.Description, c.Accounts, Format.Percent(c.Coverage), c.WinRate.N,
        NotMeasurable.ContainsKey(Outcome.WinRate) ? "not measurable" : Format.Percent(c.WinRate.Value),
        Cell(c.WinRate), Cell(c.Retention), Cell(c.Acv), Cell(c.Activation),
        c.Score.ToString("0.0", CultureInfo.InvariantCulture), Format.P(c.AdjustedP)])];

    // The lift as measured: the ranking weighs how sure it is (the evidence column), so the table does not shrink it again.
    // The shrunk lifts, pooled by priors fitted on thousands of nested candidates, showed 1.00x for 92% against 52%
    // activation on 60 customers; they stay in the JSON and the coverage chart, labelled.
    private static string Times(double lift) => double.IsFinite(lift) ? lift.ToString("0.00", CultureInfo.InvariantCulture) + "x" : Format.TooFew;

    private string Cell(OutcomeLift l) => NotMeasurable.ContainsKey(l.Outcome) ? "not measurable" : Lift(l);

    private static string Lift(OutcomeLift l) => l.IsMeasured ? Times(l.RawLift) : Format.TooFew;

    /// <summary>The header and the top 10 as an aligned text table (what <c>icpkit suggest</c> prints).</summary>
    public override string ToString() => ToText();

    /// <summary>The header and the top <paramref name="top"/> candidates as an aligned text table.</summary>
    public string ToText(int top) => TextTable.Render(Headers, Rows(top), Header());

    /// <inheritdoc/>
    public string ToText() => ToText(10);

    /// <summary>The header and the top 15 candidates as an HTML table.</summary>
    public string ToHtml() => HtmlTable.Render(Headers, Rows(15), Header(),
        string.Create(CultureInfo.InvariantCulture, $"Showing {Math.Min(15, Candidates.Length)} of {Candidates.Length}. Ranked by evidence (a z: about 2 is suggestive, 3 and more strong); each lift is the value over everyone's, as measured; adjusted p compares the win rate with the rest's, Benjamini-Hochberg over {TestedCount} tested candidates."));

    /// <summary>What was searched and the baseline, in one sentence.</summary>
    public string Header()
    {
        // The baseline of each outcome measured; the others said, with why, never as a value (a 100% retention where no churn
        // date is mapped would read as nobody leaving).
        var baseline = new List<string>();
        var missing = new List<string>();
        foreach (var (outcome, name, value) in new[]
        {
            (Outcome.WinRate, "win rate", Format.Percent(Overall.WinRate)),
            (Outcome.Retention, "12-month retention", Format.Percent(Overall.RetentionRate)),
            (Outcome.Acv, "median won amount", double.IsFinite(Overall.MedianWonAmount) ? Overall.MedianWonAmount.ToString("#,0", CultureInfo.InvariantCulture) : Format.TooFew),
            (Outcome.Activation, "activation", Format.Percent(Overall.ActivationRate)),
        })
        {
            if (NotMeasurable.TryGetValue(outcome, out var why)) missing.Add($"{name}: {why}");
            else if (outcome != Outcome.Activation || double.IsFinite(Overall.ActivationRate)) baseline.Add($"{name} {value}");
        }
        return string.Create(CultureInfo.InvariantCulture,
            $"{CandidateCount} candidate ICPs of 1 to {Options.MaxConditions} conditions from {ConditionCount} conditions over {AccountCount} accounts (at least {Options.MinCustomers} customers and {Format.Percent(Options.MinAccountShare)} of accounts each); {Significant.Length} beat the rest's win rate after Benjamini-Hochberg at {Options.Alpha:0.##}. Baseline: {string.Join(", ", baseline)}.")
            + (missing.Count == 0 ? "" : $" Not measurable: {string.Join("; ", missing)}.");
    }

    /// <summary>
    /// The search as JSON: settings, baseline, and the top <paramref name="top"/> candidates with their conditions
    /// (field, operator, values), support, lift per outcome and adjusted p; NaN is written as null.
    /// </summary>
    public string ToJson(int top = 10)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            static void Number(Utf8JsonWriter w, string name, double v)
            {
                if (double.IsFinite(v)) w.WriteNumber(name, Math.Round(v, 6));
                else w.WriteNull(name);
            }
            // p-values at full precision: rounding to 6 decimals would write a tiny p as 0.
            static void Exact(Utf8JsonWriter w, string name, double v)
            {
                if (double.IsFinite(v)) w.WriteNumber(name, v);
                else w.WriteNull(name);
            }
            w.WriteStartObject();
            w.WriteNumber("accounts", AccountCount);
            w.WriteNumber("conditions_searched", ConditionCount);
            w.WriteNumber("candidates", CandidateCount);
            w.WriteNumber("tested", TestedCount);
            w.WriteNumber("max_conditions", Options.MaxConditions);
            w.WriteNumber("min_customers", Options.MinCustomers);
            Number(w, "min_account_share", Options.MinAccountShare);
            Number(w, "alpha", Options.Alpha);
            w.WriteStartObject("baseline");
            Number(w, "win_rate", Overall.WinRate);
            Number(w, "retention", Overall.RetentionRate);
            Number(w, "median_won_amount", Overall.MedianWonAmount);
            Number(w, "activation", Overall.ActivationRate);
            w.WriteEndObject();
            w.WriteStartObject("not_measurable");
            foreach (var (outcome, why) in NotMeasurable.OrderBy(p => p.Key)) w.WriteString(outcome.Id(), why);
            w.WriteEndObject();
            w.WriteStartArray("top");
            foreach (var c in Top(top))
            {
                w.WriteStartObject();
                w.WriteNumber("rank", c.Rank);
                w.WriteString("description", c.Description);
                w.WriteStartArray("conditions");
                foreach (var r in c.Conditions)
                {
                    w.WriteStartObject();
                    w.WriteString("field", r.Field);
                    w.WriteString("operator", IcpFile.OperatorKeys.First(k => k.Value == r.Operator).Key);
                    w.WriteStartArray("values");
                    foreach (var v in r.Values)
                    {
                        if (v is IcpKit.Model.TraitValue.NumberValue n) w.WriteNumberValue(n.Value);
                        else w.WriteStringValue(v.ToString());
                    }
                    w.WriteEndArray();
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteNumber("accounts", c.Accounts);
                Number(w, "coverage", c.Coverage);
                w.WriteNumber("customers", c.Customers);
                foreach (var l in c.Lifts)
                {
                    w.WriteStartObject(l.Outcome.Id());
                    w.WriteNumber("n", l.N);
                    Number(w, "value", l.Value);
                    Number(w, "rest", l.Rest);
                    Number(w, "shrunk", l.Shrunk);
                    Number(w, "lift", l.Lift);
                    w.WriteEndObject();
                }
                Number(w, "score", c.Score);
                Exact(w, "p", c.WinRateTest?.PValue ?? double.NaN);
                Exact(w, "p_adjusted", c.AdjustedP);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("suggested_exclusions");
            foreach (var e in SuggestedExclusions)
            {
                w.WriteStartObject();
                w.WriteString("rule", e.Rule.Describe());
                w.WriteString("why", e.Rule.Note);
                w.WriteNumber("closed_deals", e.Closed);
                w.WriteNumber("wins", e.Wins);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>The suggested "doesn't need" rules with the evidence behind each.</summary>
    public Table ExclusionsTable() => Table.Of(["doesn't need", "why", "accounts", "closed deals", "wins"],
        SuggestedExclusions.Select(e => new object?[] { e.Rule.Describe(), e.Rule.Note, e.Accounts, e.Closed, e.Wins }));

    /// <summary>Coverage buckets used by <see cref="CoverageVsLift"/>: lower bounds of the share of accounts.</summary>
    public static ImmutableArray<double> CoverageBuckets { get; } = [0, 0.05, 0.10, 0.20, 0.40];

    /// <summary>
    /// The best candidate (by evidence) in each coverage bucket: how lift changes as the ICP narrows. Raw win-rate lift
    /// keeps rising as candidates narrow, the shrunk lift and the evidence stop rising once n gets small, and broad
    /// candidates barely beat the rest ("a broad ICP is worse than none at all").
    /// </summary>
    public Table CoverageVsLift()
    {
        var rows = new List<IReadOnlyList<object?>>();
        for (var b = 0; b < CoverageBuckets.Length; b++)
        {
            double lo = CoverageBuckets[b], hi = b + 1 < CoverageBuckets.Length ? CoverageBuckets[b + 1] : 1.0;
            var best = Candidates.FirstOrDefault(c => c.Coverage >= lo && c.Coverage < hi);
            var label = b + 1 < CoverageBuckets.Length ? $"{lo * 100:0}-{hi * 100:0}%" : $"{lo * 100:0}%+";
            var count = Candidates.Count(c => c.Coverage >= lo && c.Coverage < hi);
            rows.Add(best is null
                ? [label, count, "(none)", null, null, null, null, null, null]
                : [label, count, best.Description, best.Accounts, best.WinRate.N, Times(best.WinRate.RawLift), Times(best.WinRate.Lift), best.Score.ToString("0.0", CultureInfo.InvariantCulture), Format.P(best.AdjustedP)]);
        }
        return Table.Of(["coverage", "candidates", "best candidate", "accounts", "n closed", "raw win lift", "shrunk win lift", "evidence (z)", "adj. p"], rows,
            "Best candidate per coverage band: narrower lifts more until n gets too small to trust");
    }

    /// <summary>
    /// Coverage against win-rate lift for the top <paramref name="top"/> candidates: raw lift (grey) and shrunk
    /// lift (blue), hover text naming each candidate and its n; a dashed line at no lift.
    /// </summary>
    public Figure Chart(int top = 400)
    {
        var shown = Top(top).Where(c => c.WinRate.IsMeasured).ToArray();
        var text = shown.Select(c => string.Create(CultureInfo.InvariantCulture, $"#{c.Rank} {c.Description}\nn = {c.Accounts} accounts, {c.WinRate.N} closed deals")).ToArray();
        var raw = new ScatterTrace([.. shown.Select(c => (object?)c.Coverage)], [.. shown.Select(c => (object?)c.WinRate.RawLift)])
        { Name = "raw win-rate lift", Mode = "markers", Color = "rgba(120,120,120,0.45)", Text = [.. text] };
        var shrunk = new ScatterTrace([.. shown.Select(c => (object?)c.Coverage)], [.. shown.Select(c => (object?)c.WinRate.Lift)])
        { Name = "shrunk win-rate lift", Mode = "markers", Color = "#1f77b4", Text = [.. text] };
        var figure = Figure.Of(raw, shrunk)
            .WithTitle($"Coverage against win-rate lift (top {shown.Length} candidates)")
            .WithXAxis("share of accounts covered", tickFormat: ".0%")
            .WithYAxis("win rate / rest's win rate")
            .WithHorizontalLine(1.0);
        return Best is { } best
            ? figure.WithAnnotation($"#1: n = {best.Accounts}", best.Coverage, best.WinRate.RawLift, showArrow: true)
            : figure;
    }
}
