using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text;
using IcpKit.Charts;
using IcpKit.Icp;
using IcpKit.Metrics;
using IcpKit.Outcomes;
using IcpKit.Rendering;
using IcpKit.Statistics.Survival;
using IcpKit.Statistics;
using Microsoft.Data.Analysis;

namespace IcpKit.Testing;

/// <summary>Retention read off one group's Kaplan-Meier curve at a number of months.</summary>
/// <param name="Group">"ICP" or "non-ICP".</param>
/// <param name="Months">Months since becoming a customer.</param>
/// <param name="Retained">Share still a customer (Kaplan-Meier).</param>
/// <param name="Interval">Its 95% log-log interval.</param>
/// <param name="AtRisk">Customers followed that long.</param>
public sealed record RetentionPoint(string Group, int Months, double Retained, ConfidenceInterval Interval, int AtRisk);

/// <summary>The power a primary outcome's test had, and the sample it needs for the configured power.</summary>
/// <param name="Id">Outcome id.</param>
/// <param name="Title">Its plain name.</param>
/// <param name="Unit">What counts towards power: "closed deals", "churns" (the log-rank test's power grows with events).</param>
/// <param name="Seen">How many were seen.</param>
/// <param name="Power">Chance the test finds the target effect, at <paramref name="Alpha"/>, with what was seen.</param>
/// <param name="Needed">How many a test at <paramref name="TargetPower"/> needs, at the same allocation.</param>
/// <param name="Alpha">Two-sided level the power formula was read at: twice the test's alpha, since "holds" rests on a
/// one-sided test at alpha, which has the power of a two-sided one at twice alpha.</param>
/// <param name="TargetPower">The configured power, e.g. 0.8.</param>
/// <param name="Target">The effect the power is about, in words: the minimum that matters (fixed in advance; power at the
/// observed effect would only restate the p-value).</param>
public sealed record PrimaryPower(string Id, string Title, string Unit, int Seen, double Power, int Needed, double Alpha, double TargetPower, string Target)
{
    /// <summary>The observed effect in words when it favours the ICP, else null.</summary>
    public string? Observed { get; init; }

    /// <summary>What a test at <see cref="TargetPower"/> needs to detect the observed effect, were it true; null when the
    /// observed effect does not favour the ICP.</summary>
    public int? ObservedNeeded { get; init; }

    /// <summary>"Retention (customers): 45 churns seen; power 9% for a hazard ratio of 0.8, the smallest that matters (80%
    /// needs about 1229); the observed 0.45 needs about 90".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Title}: {Seen} {Unit} seen; power {Power * 100:0}% for {Target}, the smallest that matters ({TargetPower * 100:0}% needs about {Needed})")
        + (ObservedNeeded is { } n ? string.Create(CultureInfo.InvariantCulture, $"; the observed {Observed} needs about {n}") : "");
}

/// <summary>The test of one ICP against the non-ICP accounts: every outcome with its verdict, and the overall verdict.</summary>
/// <param name="Icp">The ICP tested.</param>
/// <param name="Population">Which accounts were used, e.g. "all accounts".</param>
/// <param name="AsOf">The export's as-of date.</param>
/// <param name="Accounts">Accounts in the population.</param>
/// <param name="IcpAccounts">Of them, in the ICP.</param>
/// <param name="Coverage">IcpAccounts / Accounts.</param>
/// <param name="Outcomes">One comparison per outcome, in <see cref="IcpOutcomes.All"/> order.</param>
/// <param name="Verdict">The overall verdict.</param>
/// <param name="Reason">Why, in plain words.</param>
/// <param name="MoreAccountsNeeded">For "not proven yet": roughly how many more accounts the primary outcomes need.</param>
/// <param name="Options">The thresholds used.</param>
/// <param name="RetentionSurvival">Retention of ICP and non-ICP customers as the metrics engine measured it (curves and log-rank test); null without customers.</param>
public sealed record IcpTestResult(
    IcpDefinition Icp, string Population, DateOnly AsOf, int Accounts, int IcpAccounts, double Coverage,
    ImmutableArray<OutcomeComparison> Outcomes, Verdict Verdict, string Reason, int? MoreAccountsNeeded,
    IcpTestOptions Options, SurvivalComparison? RetentionSurvival) : IHtmlRenderable, ITextRenderable
{
    /// <summary>Kaplan-Meier curves of customers by group; null without customers.</summary>
    public KaplanMeierGroups? RetentionCurves => RetentionSurvival?.Curves;

    /// <summary>Retention at each of <see cref="IcpTestOptions.RetentionMonths"/> per group, read off <see cref="RetentionCurves"/>.</summary>
    public ImmutableArray<RetentionPoint> Retention => RetentionCurves is null ? [] : [.. RetentionCurves.Fits.SelectMany(f =>
        f.At(Options.RetentionMonths.Select(Metrics.Months.Days)).Select((s, i) =>
            new RetentionPoint(f.Group, Options.RetentionMonths[i], s.Survival, new ConfidenceInterval(s.Lower, s.Upper, 0.95), s.NRisk)))];

    /// <summary>The power each primary outcome's one-sided test behind "holds" had.</summary>
    public ImmutableArray<PrimaryPower> PrimaryPower { get; init; } = [];

    /// <summary>The comparison of one outcome by id.</summary>
    public OutcomeComparison this[string id] => Outcomes.FirstOrDefault(o => o.Id == id)
        ?? throw new KeyNotFoundException($"no outcome '{id}' (known: {string.Join(", ", Outcomes.Select(o => o.Id))})");

    /// <summary>"holds", "not proven yet", "too broad" or "wrong".</summary>
    public string VerdictWords => Verdict.Words();

    /// <summary>The headline, e.g. "Mid-market data teams v3: holds (covers 160 of 2000 accounts ...)".</summary>
    public string Headline => string.Create(CultureInfo.InvariantCulture, $"{Icp.Name} v{Icp.Version}: {VerdictWords} ({Reason})");

    private static readonly string[] Headers = ["outcome", "ICP", "non-ICP", "effect [95% CI]", "n ICP", "n non-ICP", "adj. p", "verdict", "why"];

    private IEnumerable<IReadOnlyList<object?>> Rows() => Outcomes.Select(o => (IReadOnlyList<object?>)
    [
        o.Title + (o.Primary ? " *" : ""), o.IcpValue, o.NonIcpValue, o.EffectText, o.NIcp, o.NNonIcp, o.AdjustedPText, o.Verdict.Words(),
        o.Reason + (o.Note is null ? "" : $" ({o.Note})"),
    ]);

    private string Footer => string.Create(CultureInfo.InvariantCulture,
        $"* primary outcome. {Population}, as of {AsOf:yyyy-MM-dd}. p-values adjusted ({(Options.Adjustment == PAdjustMethod.Holm ? "Holm" : "Benjamini-Hochberg")}) within two families: the {Outcomes.Count(o => o.Primary && !double.IsNaN(o.PValue))} primary outcomes, which alone decide the overall verdict, and the {Outcomes.Count(o => !o.Primary && !double.IsNaN(o.PValue))} secondary ones; alpha {Options.Alpha:0.##}. {PowerText}Effects: rates in points (ICP minus non-ICP; the win rate's interval and test are clustered by account, since deals of one account are not independent), HR = hazard ratio ICP/non-ICP from the log-rank test, xN = ratio of means (of medians for the sales cycle; bootstrap interval).");

    /// <summary>"Power: Win rate (closed deals): 1359 closed deals seen, 100% power ...; Retention (customers): 45 churns seen,
    /// 52% power; 80% power needs about 90." (empty when no primary has a power formula).</summary>
    public string PowerText => PrimaryPower.IsEmpty ? "" : string.Create(CultureInfo.InvariantCulture,
        $"Power of the primaries (one-sided tests at alpha {Options.Alpha:0.##}, the tests behind holds): ") + string.Join(". ", PrimaryPower.Select(p => p.ToString())) + ". ";

    /// <summary>The verdict per outcome as a table (one row per outcome).</summary>
    public Table Table => Table.Of(Headers, Rows(), Headline);

    /// <summary>Aligned text: headline, the table, the footnote and what to do next.</summary>
    public string ToText()
    {
        var sb = new StringBuilder();
        sb.AppendLine(TextTable.Render(Headers, Rows(), Headline));
        sb.AppendLine(Footer);
        sb.Append("Next: ").AppendLine(Verdict.NextStep());
        return sb.ToString().TrimEnd();
    }

    /// <summary>The headline, the verdict table and what to do next, as HTML.</summary>
    public string ToHtml() =>
        $"<p><strong>{HtmlText.Escape(Icp.Name)} v{Icp.Version}: {HtmlText.Escape(VerdictWords)}</strong> &mdash; {HtmlText.Escape(Reason)}</p>"
        + HtmlTable.Render(Headers, Rows(), footnote: Footer)
        + $"<p><em>Next:</em> {HtmlText.Escape(Verdict.NextStep())}</p>";

    /// <inheritdoc/>
    public override string ToString() => ToText();

    /// <summary>One row per outcome: id, n, values, effect, interval, p, adjusted p, verdict, more needed.</summary>
    public DataFrame Summary => new(
        new StringDataFrameColumn("outcome", Outcomes.Select(o => o.Id)),
        new BooleanDataFrameColumn("primary", Outcomes.Select(o => o.Primary)),
        new Int32DataFrameColumn("n_icp", Outcomes.Select(o => o.NIcp)),
        new Int32DataFrameColumn("n_non_icp", Outcomes.Select(o => o.NNonIcp)),
        new StringDataFrameColumn("icp", Outcomes.Select(o => o.IcpValue)),
        new StringDataFrameColumn("non_icp", Outcomes.Select(o => o.NonIcpValue)),
        new StringDataFrameColumn("effect_kind", Outcomes.Select(o => o.Kind.ToString())),
        new DoubleDataFrameColumn("effect", Outcomes.Select(o => o.Effect)),
        new DoubleDataFrameColumn("lower", Outcomes.Select(o => o.Interval.Lower)),
        new DoubleDataFrameColumn("upper", Outcomes.Select(o => o.Interval.Upper)),
        new DoubleDataFrameColumn("p_value", Outcomes.Select(o => o.PValue)),
        new DoubleDataFrameColumn("p_adjusted", Outcomes.Select(o => o.AdjustedPValue)),
        new StringDataFrameColumn("verdict", Outcomes.Select(o => o.Verdict.Words())),
        new Int32DataFrameColumn("more_needed", Outcomes.Select(o => o.MoreNeeded)));

    /// <summary>Retention at the configured months as a table: group, months, retained, interval, at risk.</summary>
    public Table RetentionTable => Table.Of(["group", "months", "retained", "95% CI", "at risk"], Retention.Select(r => (IReadOnlyList<object?>)
        [r.Group, r.Months, Format.Percent(r.Retained), $"[{Format.Percent(r.Interval.Lower)}, {Format.Percent(r.Interval.Upper)}]", r.AtRisk]), "Retention of customers (Kaplan-Meier)");

    /// <summary>What to do next for each verdict, the current one first.</summary>
    public Table NextSteps => Table.Of(["verdict", "what to do next"],
        new[] { Verdict.Holds, Verdict.NotProvenYet, Verdict.TooBroad, Verdict.Wrong }.OrderBy(v => v == Verdict ? 0 : 1)
            .Select(v => (IReadOnlyList<object?>)[v.Words() + (v == Verdict ? " (this ICP)" : ""), v.NextStep()]));

    /// <summary>The chart of the result: the forest of effects (<see cref="ForestChart"/>).</summary>
    public Figure Chart() => ForestChart();

    /// <summary>Kaplan-Meier retention curves of ICP and non-ICP customers, with 95% bands, in months.</summary>
    public Figure RetentionChart()
    {
        if (RetentionCurves is null) return Figure.Of().WithTitle("Retention: no customers");
        var colors = new Dictionary<string, (string Line, string Band)>(StringComparer.Ordinal)
        {
            [IcpTest.IcpLabel] = ("#1f77b4", "rgba(31,119,180,0.18)"),
            [IcpTest.NonIcpLabel] = ("#ff7f0e", "rgba(255,127,14,0.18)"),
        };
        var traces = new List<Trace>();
        foreach (var fit in RetentionCurves.Fits)
        {
            var (line, band) = colors.TryGetValue(fit.Group, out var c) ? c : ("#555", "rgba(85,85,85,0.15)");
            // Start every curve at month 0, 100% retained, so the first drop shows.
            var x = new List<object?> { 0.0 };
            var y = new List<double> { 1 };
            var lo = new List<double> { 1 };
            var hi = new List<double> { 1 };
            foreach (var s in fit.Steps)
            {
                x.Add(Math.Round(s.Time / (365.25 / 12), 3));
                y.Add(s.Survival);
                lo.Add(double.IsNaN(s.Lower) ? s.Survival : s.Lower);
                hi.Add(double.IsNaN(s.Upper) ? s.Survival : s.Upper);
            }
            traces.Add(Charts.Chart.BandTrace(x, lo, hi, step: true, fillColor: band));
            traces.Add(Charts.Chart.LineTrace(x, y, string.Create(CultureInfo.InvariantCulture, $"{fit.Group} (n = {fit.N})"), step: true, color: line));
        }
        return Figure.Of(traces).WithTitle("Customers still active, ICP vs non-ICP (Kaplan-Meier, 95% bands)")
            .WithXAxis("months since becoming a customer").WithYAxis("still a customer", tickFormat: ".0%", range: (0, 1.02));
    }

    /// <summary>
    /// A forest chart: each outcome's effect with its 95% interval, in units of the minimum effect that matters,
    /// oriented so right is better for the ICP. Inside the grey band (-1..1) a difference is too small to matter.
    /// </summary>
    public Figure ForestChart()
    {
        var shown = Outcomes.Where(o => !double.IsNaN(o.Scaled)).Reverse().ToList();
        var traces = new List<Trace>();
        foreach (var o in shown)
        {
            if (!o.ScaledInterval.IsDefined) continue;
            traces.Add(new ScatterTrace([o.ScaledInterval.Lower, o.ScaledInterval.Upper], [o.Title, o.Title])
            {
                Mode = "lines", Color = Color(o.Verdict), ShowLegend = false, LineWidth = 3,
            });
        }
        foreach (var v in new[] { Verdict.Holds, Verdict.NotProvenYet, Verdict.TooBroad, Verdict.Wrong })
        {
            var group = shown.Where(o => o.Verdict == v).ToList();
            if (group.Count == 0) continue;
            traces.Add(new ScatterTrace([.. group.Select(o => (object?)o.Scaled)], [.. group.Select(o => (object?)o.Title)])
            {
                Mode = "markers", Name = v.Words(), Color = Color(v), Text = [.. group.Select(o => o.EffectText)],
            });
        }
        // An explicit range holding every interval end (and the -1..1 band) with a margin: plotly.js's autorange ends
        // a line exactly at the axis edge, so the widest intervals looked cut off.
        var ends = shown.Where(o => o.ScaledInterval.IsDefined).SelectMany(o => new[] { o.ScaledInterval.Lower, o.ScaledInterval.Upper })
            .Concat(shown.Select(o => o.Scaled)).Where(double.IsFinite).Append(-1.0).Append(1.0).ToList();
        var (lo, hi) = (ends.Min(), ends.Max());
        var pad = 0.05 * (hi - lo);
        return Figure.Of(traces).WithTitle("Effect of being ICP, per outcome (right = better)")
            .WithXAxis("effect in units of the smallest difference that matters (-1..1: too small)", range: (lo - pad, hi + pad)).WithVerticalLine(0).WithVerticalLine(-1, "#bbb").WithVerticalLine(1, "#bbb")
            .WithHeight(120 + 32 * shown.Count);
    }

    private static string Color(Verdict v) => v switch
    {
        Verdict.Holds => "#2ca02c",
        Verdict.Wrong => "#d62728",
        Verdict.TooBroad => "#9467bd",
        _ => "#7f7f7f",
    };

    /// <summary>The result as JSON: ICP, coverage, overall verdict and one object per outcome (NaN written as null).</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("icp", Icp.Name);
            w.WriteNumber("version", Icp.Version);
            w.WriteString("population", Population);
            w.WriteString("as_of", AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteNumber("accounts", Accounts);
            w.WriteNumber("icp_accounts", IcpAccounts);
            Number(w, "coverage", Coverage);
            w.WriteString("verdict", VerdictWords);
            w.WriteString("reason", Reason);
            if (MoreAccountsNeeded is { } more) w.WriteNumber("more_accounts_needed", more); else w.WriteNull("more_accounts_needed");
            w.WriteString("adjustment", Options.Adjustment == PAdjustMethod.Holm ? "holm" : "bh");
            Number(w, "alpha", Options.Alpha);
            w.WriteStartArray("outcomes");
            foreach (var o in Outcomes)
            {
                w.WriteStartObject();
                w.WriteString("id", o.Id);
                w.WriteString("title", o.Title);
                w.WriteBoolean("primary", o.Primary);
                w.WriteString("unit", o.Unit);
                w.WriteNumber("n_icp", o.NIcp);
                w.WriteNumber("n_non_icp", o.NNonIcp);
                w.WriteString("icp", o.IcpValue);
                w.WriteString("non_icp", o.NonIcpValue);
                Number(w, "icp_value", o.IcpEstimate);
                Number(w, "non_icp_value", o.NonIcpEstimate);
                w.WriteString("effect_kind", JsonNamingPolicy.SnakeCaseLower.ConvertName(o.Kind.ToString()));
                Number(w, "effect", o.Effect);
                Number(w, "lower", o.Interval.Lower);
                Number(w, "upper", o.Interval.Upper);
                // p-values at full precision: rounding to 6 decimals wrote a p of 7.9e-10 as 0.
                Exact(w, "p_value", o.PValue);
                Exact(w, "adjusted_p", o.AdjustedPValue);
                w.WriteString("verdict", o.Verdict.Words());
                w.WriteString("reason", o.Reason);
                if (o.MoreNeeded is { } m) w.WriteNumber("more_needed", m); else w.WriteNull("more_needed");
                if (o.MoreAccountsNeeded is { } a) w.WriteNumber("more_accounts_needed", a); else w.WriteNull("more_accounts_needed");
                if (o.Note is null) w.WriteNull("note"); else w.WriteString("note", o.Note);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("retention");
            foreach (var r in Retention)
            {
                w.WriteStartObject();
                w.WriteString("group", r.Group);
                w.WriteNumber("months", r.Months);
                Number(w, "retained", r.Retained);
                Number(w, "lower", r.Interval.Lower);
                Number(w, "upper", r.Interval.Upper);
                w.WriteNumber("at_risk", r.AtRisk);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Exact(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value)) w.WriteNumber(name, value);
        else w.WriteNull(name);
    }

    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value)) w.WriteNumber(name, Math.Round(value, 6));
        else w.WriteNull(name);
    }
}

/// <summary>Out-of-time validation: the same test before and after a cutoff date.</summary>
/// <param name="Cutoff">Accounts entering before it are the drafting set, on or after it the test set.</param>
/// <param name="Earlier">The test on the accounts that entered before the cutoff.</param>
/// <param name="Later">The test on those that entered on or after it: the honest verdict.</param>
public sealed record OutOfTimeResult(DateOnly Cutoff, IcpTestResult Earlier, IcpTestResult Later) : IHtmlRenderable, ITextRenderable
{
    /// <summary>Per outcome: verdict before and after the cutoff, side by side.</summary>
    public Table Table => Table.Of(["outcome", "effect before", "verdict before", "effect after", "n after (ICP/non)", "verdict after"],
        Earlier.Outcomes.Zip(Later.Outcomes, (a, b) => (IReadOnlyList<object?>)
        [
            a.Title + (a.Primary ? " *" : ""), a.EffectText, a.Verdict.Words(), b.EffectText,
            string.Create(CultureInfo.InvariantCulture, $"{b.NIcp}/{b.NNonIcp}"), b.Verdict.Words(),
        ]),
        string.Create(CultureInfo.InvariantCulture, $"Out of time at {Cutoff:yyyy-MM-dd}: before {Earlier.VerdictWords}, after {Later.VerdictWords} ({Later.Reason})"));

    /// <summary>
    /// One row per outcome: its id and whether it is primary, then before and after the cutoff the counts, the effect with
    /// its interval, and the verdict in words.
    /// </summary>
    public DataFrame Summary
    {
        get
        {
            var pairs = Earlier.Outcomes.Zip(Later.Outcomes).ToArray();
            return new DataFrame(
                new DateTimeDataFrameColumn("cutoff", pairs.Select(_ => Cutoff.ToDateTime(TimeOnly.MinValue))),
                new StringDataFrameColumn("outcome", pairs.Select(p => p.First.Id)),
                new BooleanDataFrameColumn("primary", pairs.Select(p => p.First.Primary)),
                new Int32DataFrameColumn("n_icp_before", pairs.Select(p => p.First.NIcp)),
                new Int32DataFrameColumn("n_non_icp_before", pairs.Select(p => p.First.NNonIcp)),
                new DoubleDataFrameColumn("effect_before", pairs.Select(p => p.First.Effect)),
                new DoubleDataFrameColumn("lower_before", pairs.Select(p => p.First.Interval.Lower)),
                new DoubleDataFrameColumn("upper_before", pairs.Select(p => p.First.Interval.Upper)),
                new StringDataFrameColumn("verdict_before", pairs.Select(p => p.First.Verdict.Words())),
                new Int32DataFrameColumn("n_icp_after", pairs.Select(p => p.Second.NIcp)),
                new Int32DataFrameColumn("n_non_icp_after", pairs.Select(p => p.Second.NNonIcp)),
                new DoubleDataFrameColumn("effect_after", pairs.Select(p => p.Second.Effect)),
                new DoubleDataFrameColumn("lower_after", pairs.Select(p => p.Second.Interval.Lower)),
                new DoubleDataFrameColumn("upper_after", pairs.Select(p => p.Second.Interval.Upper)),
                new StringDataFrameColumn("verdict_after", pairs.Select(p => p.Second.Verdict.Words())));
        }
    }

    /// <inheritdoc/>
    public string ToHtml() => Table.ToHtml();

    /// <inheritdoc/>
    public string ToText() => Table.ToText();

    /// <inheritdoc/>
    public override string ToString() => ToText();
}
