using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using IcpKit.Charts;
using IcpKit.Rendering;
using IcpKit.Statistics;
using Microsoft.Data.Analysis;

namespace IcpKit.PutToWork;

/// <summary>A trait group whose share of accounts moved between the first and the last quarter.</summary>
/// <param name="Trait">The trait, e.g. industry.</param>
/// <param name="Group">The group, e.g. fintech.</param>
/// <param name="Shares">Its share of accounts per quarter (null where the quarter lacks the trait), oldest first.</param>
/// <param name="Change">Last share minus first share, in fraction points (0.05 = 5 points).</param>
public sealed record TraitDrift(string Trait, string Group, ImmutableArray<double?> Shares, double Change);

/// <summary>An experiment's verdict per quarter.</summary>
/// <param name="Experiment">Metric and hypothesis.</param>
/// <param name="Outcomes">Verdict per quarter ("" where the quarter did not grade it), oldest first.</param>
public sealed record VerdictHistory(string Experiment, ImmutableArray<string> Outcomes)
{
    /// <summary>True when two quarters that graded it disagree.</summary>
    public bool Changed => Outcomes.Where(o => o.Length > 0).Distinct(StringComparer.Ordinal).Count() > 1;
}

/// <summary>
/// Quarters side by side: coverage and key outcomes per quarter, drift in trait shares, verdict changes; built from
/// summary.json files with <see cref="Of"/>, what <c>icpkit compare</c> prints and writes as compare.html.
/// </summary>
/// <param name="Quarters">The summaries, oldest first.</param>
/// <param name="Drift">Trait groups whose share moved by at least <see cref="DriftThreshold"/>, largest move first.</param>
/// <param name="Verdicts">Each experiment graded in any quarter.</param>
/// <param name="DriftThreshold">Smallest move reported, in fraction points.</param>
public sealed record QuarterComparison(ImmutableArray<QuarterSummary> Quarters, ImmutableArray<TraitDrift> Drift, ImmutableArray<VerdictHistory> Verdicts, double DriftThreshold)
    : IHtmlRenderable, ITextRenderable
{
    /// <summary>The report file name.</summary>
    public const string FileName = "compare.html";

    /// <summary>
    /// Where each quarter's numbers came from, by quarter ("read from …/summary.json", "built from the export … with …/icp.yaml");
    /// shown under the tables. Empty when the caller does not know.
    /// </summary>
    public ImmutableSortedDictionary<string, string> Sources { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>Compares quarters, ordered by as-of date.</summary>
    /// <param name="summaries">Two or more quarter summaries.</param>
    /// <param name="driftThreshold">Report a trait group when its share moved at least this much (default 2 points).</param>
    public static QuarterComparison Of(IEnumerable<QuarterSummary> summaries, double driftThreshold = 0.02)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        var quarters = summaries.OrderBy(s => s.AsOf).ThenBy(s => s.Quarter, StringComparer.Ordinal).ToImmutableArray();
        if (quarters.Length == 0) throw new ArgumentException("Need at least one quarter summary.", nameof(summaries));
        var drift = quarters.SelectMany(q => q.TraitShares.SelectMany(t => t.Value.Keys.Select(g => (Trait: t.Key, Group: g))))
            .Distinct()
            .Select(k =>
            {
                var shares = quarters.Select(q => q.TraitShares.TryGetValue(k.Trait, out var t)
                    ? (double?)(t.TryGetValue(k.Group, out var v) ? v : 0) : null).ToImmutableArray();
                var known = shares.Where(s => s is not null).Select(s => s!.Value).ToList();
                return new TraitDrift(k.Trait, k.Group, shares, known.Count < 2 ? 0 : Math.Round(known[^1] - known[0], 6));
            })
            .Where(d => Math.Abs(d.Change) >= driftThreshold)
            .OrderByDescending(d => Math.Abs(d.Change)).ThenBy(d => d.Trait, StringComparer.Ordinal).ThenBy(d => d.Group, StringComparer.Ordinal)
            .ToImmutableArray();
        var verdicts = quarters.SelectMany(q => q.Verdicts.Select(v => v.Key)).Distinct(StringComparer.Ordinal)
            .Select(key => new VerdictHistory(key, [.. quarters.Select(q => q.Verdicts.FirstOrDefault(v => v.Key == key)?.Outcome ?? "")]))
            .ToImmutableArray();
        return new QuarterComparison(quarters, drift, verdicts, driftThreshold);
    }

    /// <summary>Every quarter's <see cref="QuarterSummary.Summary"/> stacked, oldest first (the <c>quarter</c> column tells them apart).</summary>
    public DataFrame Summary => QuarterSummary.SummaryFrame(Quarters);

    private IReadOnlyList<string> QuarterHeaders(string first) => [first, .. Quarters.Select(q => q.Quarter)];

    /// <summary>Coverage per quarter: one row per measure, one column per quarter.</summary>
    public Table CoverageTable() => Table.Of(QuarterHeaders("coverage"),
    [
        ["as of", .. Quarters.Select(q => (object?)q.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))],
        ["ICP", .. Quarters.Select(q => (object?)(q.Icp ?? "none"))],
        ["accounts", .. Quarters.Select(q => (object?)q.Coverage?.Accounts)],
        ["in the ICP (A)", .. Quarters.Select(q => (object?)q.Coverage?.IcpAccounts)],
        ["share in the ICP", .. Quarters.Select(q => (object?)(q.Coverage is { } c ? Format.Percent(c.IcpShare) : null))],
        ["near misses (B)", .. Quarters.Select(q => (object?)(q.Coverage?.AccountsByGrade.GetValueOrDefault("B")))],
        ["open deals", .. Quarters.Select(q => (object?)q.Coverage?.OpenDeals)],
        ["open deals in the ICP", .. Quarters.Select(q => (object?)q.Coverage?.IcpOpenDeals)],
        ["kit version", .. Quarters.Select(q => (object?)q.KitVersion)],
    ], "Coverage per quarter");

    /// <summary>Key outcomes per quarter: rates as "value [lower, upper] (n)".</summary>
    public Table OutcomesTable()
    {
        var names = Quarters.SelectMany(q => q.Outcomes.Select(o => (o.Name, o.Label))).DistinctBy(o => o.Name).ToList();
        return Table.Of(QuarterHeaders("outcome"), names.Select(n => (IReadOnlyList<object?>)
            [n.Label, .. Quarters.Select(q => (object?)(q.Outcome(n.Name) is { } o ? OutcomeText(o) : ""))]), "Key outcomes per quarter (95% intervals: Wilson for rates, bootstrap for lifetime value, payback and net revenue retention)");
    }

    private static string OutcomeText(QuarterOutcome o)
    {
        if (o.NotMeasurable is not null) return "not measurable";
        if (o.Value is not { } v) return Format.TooFew;
        // Money whole, months with a decimal, shares as percentages; a file written before units were kept: a rate when it has an interval.
        Func<double, string> show = o.Unit switch
        {
            "money" => Format.Money,
            "months" => x => Format.Fixed(x, 1),
            "share" => x => Format.Percent(x),
            _ when o.Lower is not null && o.Upper is not null => x => Format.Percent(x),
            _ => Format.Number,
        };
        var value = o.Unit == "months" ? Format.Months(v) : show(v);
        return o.Lower is { } lo && o.Upper is { } hi
            ? string.Create(CultureInfo.InvariantCulture, $"{value} {Format.Interval(lo, hi, show)} (n={Format.Count(o.N)})")
            : value;
    }

    /// <summary>Trait groups whose share of accounts moved, per quarter, with the change.</summary>
    public Table DriftTable() => Table.Of(["trait", "group", .. Quarters.Select(q => q.Quarter), "change"],
        Drift.Select(d => (IReadOnlyList<object?>)[d.Trait, d.Group, .. d.Shares.Select(s => (object?)(s is { } v ? Format.Percent(v) : "")),
            string.Create(CultureInfo.InvariantCulture, $"{(d.Change > 0 ? "+" : "")}{d.Change * 100:0.0} pts")]),
        string.Create(CultureInfo.InvariantCulture, $"Drift in trait shares of accounts (moves of {DriftThreshold * 100:0.#} points or more, first to last quarter)"));

    /// <summary>Verdicts per quarter, with whether they changed.</summary>
    public Table VerdictTable() => Table.Of(["experiment", .. Quarters.Select(q => q.Quarter), "changed"],
        Verdicts.Select(v => (IReadOnlyList<object?>)[v.Experiment, .. v.Outcomes.Select(o => (object?)(o.Length == 0 ? "-" : o)), v.Changed ? "yes" : "no"]),
        "Pre-registered experiments per quarter");

    /// <summary>The ICP's share of accounts and the ICP vs non-ICP win rates per quarter, with intervals.</summary>
    public Figure Chart()
    {
        var x = Quarters.Select(q => (object?)q.Quarter).ToList();
        var figure = Figure.Of();
        foreach (var (name, label) in new[] { ("win_rate_icp", "win rate, ICP"), ("win_rate_non_icp", "win rate, non-ICP"), ("win_rate", "win rate, all") })
        {
            var os = Quarters.Select(q => q.Outcome(name)).ToList();
            if (os.All(o => o?.Value is null)) continue;
            figure = figure.With(IcpKit.Charts.Chart.BarTrace(x, os.Select(o => o?.Value ?? double.NaN), label,
                os.Select(o => o?.Lower ?? double.NaN), os.Select(o => o?.Upper ?? double.NaN)));
        }
        if (Quarters.Any(q => q.Coverage is not null))
            figure = figure.With(IcpKit.Charts.Chart.LineTrace(x, Quarters.Select(q => q.Coverage?.IcpShare ?? double.NaN), "share of accounts in the ICP", markers: true));
        return figure.WithTitle("ICP coverage and win rates per quarter").WithYAxis("share", tickFormat: ".0%").WithBarMode("group");
    }

    /// <summary>Plain-words headline: the ICP's share and win rates from first to last quarter, and verdict changes.</summary>
    public string Headline()
    {
        var (first, last) = (Quarters[0], Quarters[^1]);
        if (Quarters.Length == 1)
        {
            // One quarter has nothing to be compared with: say so rather than "1 quarters ... from 8.0% to 8.0%".
            var now = new List<string>();
            if (first.Coverage is { } c) now.Add($"the ICP covers {Format.Percent(c.IcpShare)} of accounts");
            if (first.Outcome("win_rate_icp")?.Value is { } w) now.Add($"its win rate is {Format.Percent(w)}");
            return $"Only one quarter ({first.Quarter}), so nothing to compare yet" + (now.Count > 0 ? ": " + string.Join(", ", now) : "")
                + ". Compare again when next quarter's export is in.";
        }
        var parts = new List<string>();
        if (first.Coverage is { } a && last.Coverage is { } b)
            parts.Add($"the ICP's share of accounts went from {Format.Percent(a.IcpShare)} ({first.Quarter}) to {Format.Percent(b.IcpShare)} ({last.Quarter})");
        if (first.Outcome("win_rate_icp")?.Value is { } w1 && last.Outcome("win_rate_icp")?.Value is { } w2)
            parts.Add($"the ICP's win rate from {Format.Percent(w1)} to {Format.Percent(w2)}");
        parts.Add(Drift.IsEmpty ? "no trait share moved by the threshold" : $"{Drift.Length} trait group(s) moved, most {Drift[0].Trait} = {Drift[0].Group}");
        var changed = Verdicts.Count(v => v.Changed);
        if (!Verdicts.IsEmpty) parts.Add(changed == 0 ? "no verdict changed" : $"{changed} verdict(s) changed");
        return $"{Quarters.Length} quarters: " + string.Join("; ", parts) + ".";
    }

    /// <inheritdoc/>
    public string ToHtml()
    {
        var html = new StringBuilder();
        html.Append("<p>").Append(HtmlText.Escape(Headline())).Append("</p>");
        html.Append(CoverageTable().ToHtml()).Append(OutcomesTable().ToHtml()).Append(Chart().ToHtml());
        html.Append(Drift.IsEmpty ? $"<p>{HtmlText.Escape(DriftTable().Caption)}: none.</p>" : DriftTable().ToHtml());
        html.Append(Verdicts.IsEmpty ? "<p>No quarter graded a pre-registered experiment.</p>" : VerdictTable().ToHtml());
        if (!Sources.IsEmpty)
        {
            html.Append("<p>Where each quarter's numbers came from:</p><ul>");
            foreach (var q in Quarters)
                if (Sources.TryGetValue(q.Quarter, out var source)) html.Append("<li>").Append(HtmlText.Escape($"{q.Quarter}: {source}")).Append("</li>");
            html.Append("</ul>");
        }
        return html.ToString();
    }

    /// <inheritdoc/>
    public string ToText()
    {
        var parts = new List<string> { Headline(), CoverageTable().ToText(), OutcomesTable().ToText(),
            Drift.IsEmpty ? DriftTable().Caption + ": none." : DriftTable().ToText(),
            Verdicts.IsEmpty ? "No quarter graded a pre-registered experiment." : VerdictTable().ToText() };
        if (!Sources.IsEmpty)
            parts.Add("Where each quarter's numbers came from:" + string.Concat(Quarters.Where(q => Sources.ContainsKey(q.Quarter))
                .Select(q => Environment.NewLine + "  " + q.Quarter + ": " + Sources[q.Quarter])));
        return string.Join(Environment.NewLine + Environment.NewLine, parts);
    }

    /// <inheritdoc/>
    public override string ToString() => ToText();

    /// <summary>A self-contained page (plotly.js embedded, no external resources) with every table and the chart.</summary>
    public string ToHtmlDocument() => $"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>IcpKit: quarter over quarter</title>
        <style>body{"{"}font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222{"}"}
        table{"{"}border-collapse:collapse;margin:1em 0{"}"} th,td{"{"}border:1px solid #ccc;padding:.25em .6em{"}"} caption{"{"}text-align:left;font-weight:bold;padding:.3em 0{"}"}</style>
        {PlotlyJs.ScriptTag()}
        </head><body>
        <h1>Quarter over quarter: {HtmlText.Escape(string.Join(", ", Quarters.Select(q => q.Quarter)))}</h1>
        {ToHtml()}
        <p><small>Written by IcpKit {HtmlText.Escape(QuarterSummary.CurrentKitVersion)}; as of {HtmlText.Escape(string.Join(", ", Quarters.Select(q => $"{q.AsOf:yyyy-MM-dd} ({q.Quarter})")))}.</small></p>
        </body></html>
        """;

    /// <summary>Writes <see cref="ToHtmlDocument"/> as compare.html in <paramref name="folder"/>; returns the path.</summary>
    public string Save(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileName);
        File.WriteAllText(path, ToHtmlDocument(), new UTF8Encoding(false));
        return path;
    }
}
