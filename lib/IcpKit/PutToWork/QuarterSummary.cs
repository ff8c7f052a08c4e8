using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using IcpKit.Analysis;
using IcpKit.Icp;
using IcpKit.Loading;
using IcpKit.Metrics;
using IcpKit.Model;
using IcpKit.Outcomes;
using IcpKit.Rendering;
using IcpKit.Statistics;
using Microsoft.Data.Analysis;

namespace IcpKit.PutToWork;

/// <summary>How much of the export the ICP covers.</summary>
/// <param name="Accounts">All accounts.</param>
/// <param name="IcpAccounts">Accounts graded A (in the ICP).</param>
/// <param name="IcpShare">IcpAccounts / Accounts.</param>
/// <param name="AccountsByGrade">Accounts per grade, "A" to "D".</param>
/// <param name="OpenDeals">Open deals of known accounts.</param>
/// <param name="IcpOpenDeals">Of which the account is in the ICP.</param>
public sealed record QuarterCoverage(int Accounts, int IcpAccounts, double IcpShare, ImmutableSortedDictionary<string, int> AccountsByGrade, int OpenDeals, int IcpOpenDeals);

/// <summary>One key outcome of a quarter: a rate with its interval, or a plain number.</summary>
/// <param name="Name">Identifier, e.g. win_rate_icp.</param>
/// <param name="Label">Words, e.g. "win rate, ICP".</param>
/// <param name="Value">The value; null when it could not be measured (no closed deals, no events).</param>
/// <param name="Lower">Lower end of the 95% Wilson interval for rates.</param>
/// <param name="Upper">Upper end.</param>
/// <param name="N">Deals or accounts it rests on.</param>
/// <param name="NotMeasurable">Why the value is null, when its input is absent ("no churn dates mapped (...)"); null otherwise.</param>
/// <param name="Unit">"share", "money" or "months" when the value is one (how compare writes it); null for counts and days, and in files written before it.</param>
public sealed record QuarterOutcome(string Name, string Label, double? Value, double? Lower, double? Upper, int N, string? NotMeasurable = null, string? Unit = null);

/// <summary>A graded experiment, as kept in summary.json.</summary>
/// <param name="Metric">The metric.</param>
/// <param name="Hypothesis">The hypothesis.</param>
/// <param name="SuccessThreshold">The threshold.</param>
/// <param name="EndsOn">The end date.</param>
/// <param name="Outcome">"met", "not met" or "not enough data".</param>
/// <param name="Value">The measured value; null when not measured.</param>
/// <param name="Reason">The grading's explanation.</param>
public sealed record QuarterVerdict(string Metric, string Hypothesis, double SuccessThreshold, DateOnly EndsOn, string Outcome, double? Value, string Reason)
{
    /// <summary>What identifies an experiment across quarters: metric and hypothesis.</summary>
    [JsonIgnore]
    public string Key => Metric + ": " + Hypothesis;
}

/// <summary>
/// A quarter's results in machine-readable form, the file <c>summary.json</c> a render writes and
/// <c>icpkit compare</c> reads: coverage, key outcomes, verdicts, trait shares, as_of and the kit's version.
/// </summary>
/// <remarks>
/// Trait shares are the share of all accounts in each group of each segmentable trait (list traits: the share
/// having that member, so they need not sum to 1; numbers by the trait's bands; "(missing)" kept), which is what
/// drifts when sales change whom they talk to. Rates are fractions. Numbers that cannot be measured are null.
/// </remarks>
/// <param name="Schema">Version of this file's layout.</param>
/// <param name="Quarter">Label such as "2026Q3", from the as-of date.</param>
/// <param name="AsOf">The export's as-of date.</param>
/// <param name="KitVersion">IcpKit version that wrote it.</param>
/// <param name="Icp">"name vN" of the ICP scored against; null without one.</param>
/// <param name="Coverage">Coverage; null without an ICP.</param>
/// <param name="Outcomes">Key outcomes, overall and ICP vs the rest.</param>
/// <param name="Verdicts">Graded experiments (zero or one today).</param>
/// <param name="TraitShares">Trait, then group, then share of accounts.</param>
public sealed record QuarterSummary(
    int Schema, string Quarter, DateOnly AsOf, string KitVersion, string? Icp, QuarterCoverage? Coverage,
    ImmutableArray<QuarterOutcome> Outcomes, ImmutableArray<QuarterVerdict> Verdicts,
    ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, double>> TraitShares) : IHtmlRenderable, ITextRenderable
{
    /// <summary>The file name.</summary>
    public const string FileName = "summary.json";

    /// <summary>The layout version this kit writes.</summary>
    /// <remarks>2: outcomes named by their <see cref="IcpOutcomes"/> id (retention from Kaplan-Meier instead of a churn
    /// rate, activation within 30 days, the median won amount); 1 kept churn_rate and activation_rate.</remarks>
    public const int CurrentSchema = 2;

    /// <summary>IcpKit's version (informational, without build metadata).</summary>
    public static string CurrentKitVersion =>
        typeof(QuarterSummary).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>"2026Q3" for any date in July to September 2026.</summary>
    public static string QuarterOf(DateOnly day) => string.Create(CultureInfo.InvariantCulture, $"{day.Year}Q{(day.Month - 1) / 3 + 1}");

    /// <summary>Summarises an export, scored against <paramref name="icp"/> when given (its experiment graded on this export).</summary>
    /// <param name="export">The quarter's export.</param>
    /// <param name="icp">The ICP in force; null leaves coverage, ICP outcomes and verdicts out.</param>
    /// <param name="previousIcp">
    /// Last quarter's ICP, whose pre-registered experiment ran during this quarter: when given, its experiment is graded
    /// on this export (with its own ICP split) instead of <paramref name="icp"/>'s, which has not run yet.
    /// </param>
    public static QuarterSummary Build(ExportData export, IcpDefinition? icp, IcpDefinition? previousIcp = null)
    {
        ArgumentNullException.ThrowIfNull(export);
        var scored = icp is null ? null : ScoredExport.Of(export, icp);
        var outcomes = ImmutableArray.CreateBuilder<QuarterOutcome>();
        // Each key outcome as its registered definition measures it: the numbers the ICP test and the summary card show.
        // An absent input makes an outcome not measurable, never zero: no churn dates mapped is not "nobody churned".
        foreach (var definition in KeyOutcomes.Select(IcpOutcomes.Get))
        {
            var measure = definition.Measure(export);
            outcomes.Add(Outcome(definition.Id, definition.ValueWords, measure.Overall, measure.NotMeasurableWhy, definition.ValueUnit));
        }
        var customers = export.Accounts.Count(a => a.IsCustomerAt(export.AsOf));
        outcomes.Add(new QuarterOutcome("customers", "customers at as_of", customers, null, null, customers));
        QuarterCoverage? coverage = null;
        ImmutableArray<QuarterVerdict> verdicts = [];
        if (scored is not null)
        {
            foreach (var definition in KeyOutcomes.Select(IcpOutcomes.Get))
            {
                var measure = definition.Measure(export, scored.Split.Segmentation);
                var why = measure.NotMeasurableWhy;
                outcomes.Add(Outcome(definition.Id + "_icp", definition.ValueWords + ", ICP", measure.ValueOf(IcpSplit.IcpLabel), why, definition.ValueUnit));
                outcomes.Add(Outcome(definition.Id + "_non_icp", definition.ValueWords + ", non-ICP", measure.ValueOf(IcpSplit.NonIcpLabel), why, definition.ValueUnit));
            }
            var s = scored.Scores;
            coverage = new QuarterCoverage(s.Accounts.Length, scored.IcpIds.Count, s.Coverage,
                s.AccountsByGrade.ToImmutableSortedDictionary(g => g.Key.ToString(), g => g.Value, StringComparer.Ordinal),
                s.OpenDeals.Length, s.OpenDeals.Count(d => d.Match.InIcp));
            var graded = previousIcp?.Experiment is not null ? ExperimentGrading.Grade(previousIcp, export) : ExperimentGrading.GradeScored(scored);
            if (graded is { } v)
            {
                verdicts = [new QuarterVerdict(v.Experiment.Metric, v.Experiment.Hypothesis, v.Experiment.SuccessThreshold, v.Experiment.EndsOn,
                    v.OutcomeText, double.IsFinite(v.Value) ? v.Value : null, v.Reason)];
            }
        }
        var shares = Segmentation.ByTraits(export.Traits).ToImmutableSortedDictionary(
            seg => seg.Name,
            seg => seg.Split(export.Accounts).ToImmutableSortedDictionary(
                g => g.Key, g => export.Accounts.IsEmpty ? 0 : Math.Round((double)g.Value.Length / export.Accounts.Length, 6), StringComparer.Ordinal),
            StringComparer.Ordinal);
        return new QuarterSummary(CurrentSchema, QuarterOf(export.AsOf), export.AsOf, CurrentKitVersion,
            icp is null ? null : string.Create(CultureInfo.InvariantCulture, $"{icp.Name} v{icp.Version}"),
            coverage, outcomes.ToImmutable(), verdicts, shares);
    }

    /// <summary>
    /// The outcomes summary.json keeps, overall and ICP against non-ICP (ids from <see cref="IcpOutcomes"/>, suffixed
    /// _icp and _non_icp): win rate, retention at 12 months (Kaplan-Meier), median won deal amount, activation within 30 days,
    /// and the value outcomes: lifetime value, CAC payback months and net revenue retention (null with the reason when the
    /// export lacks spend.csv or mrr_history.csv).
    /// </summary>
    public static ImmutableArray<string> KeyOutcomes { get; } =
        [IcpOutcomes.WinRate, IcpOutcomes.Retention, IcpOutcomes.Acv, IcpOutcomes.Activation, IcpOutcomes.LifetimeValue, IcpOutcomes.CacPayback, IcpOutcomes.NetRevenueRetention];

    private static QuarterOutcome Outcome(string name, string label, OutcomeValue? value, string? notMeasurable, EstimateUnit? unit)
    {
        static double? Round(double v) => double.IsFinite(v) ? Math.Round(v, 6) : null;
        var unitName = unit?.ToString().ToLowerInvariant();
        if (notMeasurable is not null) return new QuarterOutcome(name, label, null, null, null, 0, notMeasurable, unitName);
        return value is null
            ? new QuarterOutcome(name, label, null, null, null, 0, Unit: unitName)
            : new QuarterOutcome(name, label, Round(value.Estimate), Round(value.Interval.Lower), Round(value.Interval.Upper), value.N, Unit: unitName);
    }

    /// <summary>
    /// The summary of one export folder: its summary.json when there is one, else built by importing the export and
    /// scoring it against the ICP <see cref="IcpSource"/> finds: <paramref name="icpFile"/> when given, else the folder's own icp.yaml.
    /// </summary>
    /// <param name="folder">An export folder (or a report folder holding summary.json).</param>
    /// <param name="icpFile">icp.yaml given explicitly (--icp); null to use the folder's own, or none.</param>
    /// <returns>The summary and where it came from, e.g. "built from the export with data-samples/2026Q3/icp.yaml".</returns>
    public static (QuarterSummary Summary, string Source) ForFolder(string folder, string? icpFile = null)
    {
        var file = Path.Combine(folder, FileName);
        if (File.Exists(file))
        {
            var read = Load(file);
            return (read, $"read from {file} (written by icpkit render{(read.Icp is null ? ", without an ICP" : ", ICP " + read.Icp)})");
        }
        var export = Export.Load(folder);
        var source = IcpSource.Find(icpFile, folder, null);
        var icp = source.Load(export);
        if (source.Path is not null && !icp.IsMeasured) throw new IcpFileException(icp.Missing!.Reason);
        var previousPath = QuarterFolders.PreviousIcpFile(folder);
        return (Build(export, icp.OrDefault, previousPath is null ? null : IcpDefinition.Load(previousPath, export)),
            (icp.IsMeasured ? $"built from the export in {folder} with the ICP in {source.Path}" : $"built from the export in {folder}, without an ICP")
            + (previousPath is null ? "" : $"; last quarter's experiment from {previousPath}"));
    }

    /// <summary>
    /// What <c>icpkit render</c> calls after the notebooks: writes summary.json for the rendered export into the
    /// report folder, scored against the ICP <see cref="IcpSource"/> finds (the one notebooks 04 and 05 used), so that
    /// <c>icpkit compare</c> can read the quarter later without importing it again.
    /// </summary>
    /// <param name="dataFolder">The rendered export folder.</param>
    /// <param name="icpFile">icp.yaml given explicitly (--icp); null to find one as the notebooks did.</param>
    /// <param name="outFolder">The render's report folder.</param>
    /// <param name="export">The render's import of <paramref name="dataFolder"/>, reused when given (see <see cref="Export.LoadOrReuse"/>).</param>
    /// <returns>A line for the console: where it was written, or why it was not.</returns>
    public static string WriteForRender(string dataFolder, string? icpFile, string outFolder, ExportData? export = null)
    {
        try
        {
            export = Export.LoadOrReuse(dataFolder, export);
            var source = IcpSource.Find(icpFile, dataFolder, outFolder);
            var icp = source.Load(export);
            var previousPath = QuarterFolders.PreviousIcpFile(dataFolder);
            var summary = Build(export, icp.OrDefault, previousPath is null ? null : IcpDefinition.Load(previousPath, export));
            return $"Wrote {summary.Save(outFolder)} ({summary.Quarter}, {(icp.IsMeasured ? source.Description.TrimEnd('.') : "without ICP coverage or verdicts: " + icp.Missing!.Reason)}"
                + (previousPath is null ? "" : $"; last quarter's experiment from {previousPath}") + ")";
        }
        catch (Exception e) when (e is ProjectConfigException or ExportLoadException or IcpFileException or IOException)
        {
            // The reports are written already; a summary that cannot be built must not fail the render.
            return $"No {FileName}: {e.Message}";
        }
    }

    /// <summary>
    /// One row per figure: the ICP's share of accounts and of open deals (without an ICP, none), then every key outcome:
    /// its id, words, value, interval and n, unit, and why it was not measurable (NaN values where there is none).
    /// </summary>
    [JsonIgnore]
    public DataFrame Summary => SummaryFrame([this]);

    internal static DataFrame SummaryFrame(IEnumerable<QuarterSummary> quarters)
    {
        var rows = quarters.SelectMany(q => q.Figures().Select(f => (q.Quarter, Figure: f))).ToArray();
        double Or(double? v) => v ?? double.NaN;
        return new DataFrame(
            new StringDataFrameColumn("quarter", rows.Select(r => r.Quarter)),
            new StringDataFrameColumn("figure", rows.Select(r => r.Figure.Name)),
            new StringDataFrameColumn("label", rows.Select(r => r.Figure.Label)),
            new DoubleDataFrameColumn("value", rows.Select(r => Or(r.Figure.Value))),
            new DoubleDataFrameColumn("lower", rows.Select(r => Or(r.Figure.Lower))),
            new DoubleDataFrameColumn("upper", rows.Select(r => Or(r.Figure.Upper))),
            new Int32DataFrameColumn("n", rows.Select(r => r.Figure.N)),
            new StringDataFrameColumn("unit", rows.Select(r => r.Figure.Unit ?? "")),
            new StringDataFrameColumn("not_measurable", rows.Select(r => r.Figure.NotMeasurable ?? "")));
    }

    // Coverage reads as two shares, so it stacks with the outcomes.
    private ImmutableArray<QuarterOutcome> Figures() => Coverage is { } c
        ? [new QuarterOutcome("icp_share", "share of accounts in the ICP", c.IcpShare, null, null, c.Accounts, Unit: "share"),
           new QuarterOutcome("icp_open_deal_share", "share of open deals in the ICP", c.OpenDeals == 0 ? null : (double)c.IcpOpenDeals / c.OpenDeals, null, null, c.OpenDeals, Unit: "share"),
           .. Outcomes]
        : Outcomes;

    /// <summary>The outcome of that name, or null.</summary>
    public QuarterOutcome? Outcome(string name) => Outcomes.FirstOrDefault(o => o.Name == name);

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The JSON text (snake_case keys, dates yyyy-MM-dd).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads summary.json text.</summary>
    /// <exception cref="InvalidDataException">Not a summary, or a newer layout than this kit reads.</exception>
    public static QuarterSummary FromJson(string json, string source = FileName)
    {
        QuarterSummary? summary;
        try
        {
            summary = JsonSerializer.Deserialize<QuarterSummary>(json, Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: not a quarter summary ({e.Message})", e);
        }
        if (summary is null || summary.Quarter is null) throw new InvalidDataException($"{source}: not a quarter summary");
        if (summary.Schema > CurrentSchema)
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{source}: layout {summary.Schema} is newer than this kit reads ({CurrentSchema}); update IcpKit"));
        return summary with
        {
            Outcomes = summary.Outcomes.IsDefault ? [] : summary.Outcomes,
            Verdicts = summary.Verdicts.IsDefault ? [] : summary.Verdicts,
            TraitShares = summary.TraitShares ?? ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, double>>.Empty,
        };
    }

    /// <summary>Writes summary.json into <paramref name="folder"/> (created if needed); returns the file's path.</summary>
    public string Save(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileName);
        File.WriteAllText(path, ToJson() + "\n");
        return path;
    }

    /// <summary>Reads a summary.json file, or the one inside a folder.</summary>
    public static QuarterSummary Load(string path)
    {
        var file = Directory.Exists(path) ? Path.Combine(path, FileName) : path;
        return FromJson(File.ReadAllText(file), file);
    }

    /// <summary>The single summary as a one-quarter comparison: coverage, outcomes and verdicts.</summary>
    /// <returns>HTML tables (every value escaped).</returns>
    public string ToHtml()
    {
        var one = QuarterComparison.Of([this]);
        return one.CoverageTable().ToHtml() + one.OutcomesTable().ToHtml() + (Verdicts.IsEmpty ? "" : one.VerdictTable().ToHtml())
            + string.Concat(Outcomes.Where(o => o.NotMeasurable is not null && !o.Name.EndsWith("_icp", StringComparison.Ordinal))
                .Select(o => $"<p>{HtmlText.Escape($"{o.Label}: not measurable: {o.NotMeasurable}.")}</p>"))
            + $"<p><small>{HtmlText.Escape($"{TraitShares.Count} traits' shares of accounts are kept for the quarter-over-quarter comparison.")}</small></p>";
    }

    /// <inheritdoc/>
    public string ToText() => ToString();

    /// <summary>Reads like "2026Q3 (as of 2026-09-30), Mid-market v3: 8.7% of 2,000 accounts in the ICP; win rate ...".</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        if (Coverage is { } c) parts.Add(string.Create(CultureInfo.InvariantCulture, $"{Format.Percent(c.IcpShare)} of {c.Accounts} accounts in the ICP"));
        parts.AddRange(Outcomes.Where(o => o.Value is not null && o.Name.Contains("rate", StringComparison.Ordinal))
            .Select(o => $"{o.Label} {Format.Percent(o.Value!.Value)}"));
        parts.AddRange(Outcomes.Where(o => o.NotMeasurable is not null && !o.Name.EndsWith("_icp", StringComparison.Ordinal))
            .Select(o => $"{o.Label}: not measurable ({o.NotMeasurable})"));
        parts.AddRange(Verdicts.Select(v => $"experiment '{v.Metric}': {v.Outcome}"));
        return string.Create(CultureInfo.InvariantCulture, $"{Quarter} (as of {AsOf:yyyy-MM-dd}){(Icp is null ? "" : ", " + Icp)}: ") + string.Join("; ", parts);
    }
}
