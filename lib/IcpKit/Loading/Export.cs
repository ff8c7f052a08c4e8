using System.Collections.Immutable;
using IcpKit.Loading.Events;
using IcpKit.Loading.Warehouse;
using IcpKit.Model;
using Microsoft.Data.Analysis;

namespace IcpKit.Loading;

/// <summary>An export folder that cannot be imported at all (no folder, no accounts file).</summary>
public sealed class ExportLoadException : Exception
{
    /// <summary>An exception without problems (for serializers and tests).</summary>
    public ExportLoadException() { }
    /// <summary>An exception with a message.</summary>
    public ExportLoadException(string message) : base(message) { }
    /// <summary>An exception with a message and its cause.</summary>
    public ExportLoadException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>One export, imported and validated: the records analyses use and the report of what was wrong.</summary>
/// <param name="Accounts">Accepted accounts, in file order.</param>
/// <param name="Deals">Accepted deals (empty without deals.csv).</param>
/// <param name="Surveys">Accepted survey answers (empty without surveys.csv).</param>
/// <param name="Usage">Per-account product usage from events.csv (empty without it).</param>
/// <param name="Traits">The traits analyses can segment by.</param>
/// <param name="Config">The mapping and settings used.</param>
/// <param name="AsOf">The analysis date: configured, or the latest date seen in the export (today only when it holds no date: see <see cref="AsOfIsToday"/>).</param>
/// <param name="FilesPresent">Which contract files were found.</param>
/// <param name="Report">Every problem found, and rows read, accepted and rejected per file.</param>
public sealed record ExportData(
    ImmutableArray<Account> Accounts,
    ImmutableArray<Deal> Deals,
    ImmutableArray<SurveyResponse> Surveys,
    ImmutableDictionary<string, AccountUsage> Usage,
    TraitCatalog Traits,
    ProjectConfig Config,
    DateOnly AsOf,
    ImmutableHashSet<ExportFile> FilesPresent,
    ValidationReport Report)
{
    /// <summary>The validation summary (files, then the first problems of each kind), as <c>icpkit validate</c> prints it.</summary>
    public override string ToString() => ValidationText.Format(this);

    /// <summary>What each engine that folded events where they live returned (rows, accounts, accounts without a CRM record); empty for CSV events.</summary>
    public ImmutableArray<EngineSummary> Engines { get; init; } = [];

    /// <summary>The full path of the folder it was imported from; null when it was built otherwise.</summary>
    public string? Folder { get; init; }

    /// <summary>True when the export holds no date at all and no as_of is configured, so <see cref="AsOf"/> is the day it was loaded.</summary>
    public bool AsOfIsToday { get; init; }

    /// <summary>
    /// Deal traits: the deals table's extra columns (joined ones from a SQL-defined table included), named
    /// <c>deal.&lt;column&gt;</c>, typed like the accounts' extras; empty without deals or extra columns.
    /// </summary>
    public TraitCatalog DealTraits { get; init; } = new([]);

    /// <summary>True when the export had the file.</summary>
    public bool Has(ExportFile file) => FilesPresent.Contains(file);

    /// <summary>The contract columns each file's header held, after the mapping (absent files have none).</summary>
    /// <remarks>What tells "no churn date mapped" (retention not measurable) from "churned_on mapped and blank" (nobody churned).</remarks>
    public ImmutableDictionary<ExportFile, ImmutableHashSet<string>> MappedColumns { get; init; } =
        ImmutableDictionary<ExportFile, ImmutableHashSet<string>>.Empty;

    /// <summary>Accepted step-4 interview notes (empty without interviews.csv).</summary>
    public ImmutableArray<Interview> Interviews { get; init; } = [];

    /// <summary>True when <paramref name="file"/> was present and its header held the contract column <paramref name="column"/>.</summary>
    public bool HasColumn(ExportFile file, string column) => MappedColumns.TryGetValue(file, out var c) && c.Contains(column);

    /// <summary>Accounts as a DataFrame: one column per contract field and extra trait (tech_stack joined with ';').</summary>
    public DataFrame AccountsFrame() => RecordFrames.Accounts(Accounts, Traits);

    /// <summary>Deals as a DataFrame.</summary>
    public DataFrame DealsFrame() => RecordFrames.Deals(Deals);

    /// <summary>Survey answers as a DataFrame.</summary>
    public DataFrame SurveysFrame() => RecordFrames.Surveys(Surveys);

    /// <summary>Acquisition spend per month and channel (empty without spend.csv).</summary>
    public ImmutableArray<SpendRow> Spend { get; init; } = [];

    /// <summary>MRR per account and month (empty without mrr_history.csv).</summary>
    public ImmutableArray<MrrPoint> MrrHistory { get; init; } = [];

    /// <summary>Per-account usage as a DataFrame (event counts per name left out: see <see cref="Usage"/>).</summary>
    public DataFrame UsageFrame() => RecordFrames.Usage(Usage);
}

/// <summary>Imports an export folder: sniffs, maps, validates and folds every file of the data contract.</summary>
public static class Export
{
    /// <summary>Imports a folder with the icpkit.yaml beside it (the canonical layout when there is none).</summary>
    /// <exception cref="ProjectConfigException">icpkit.yaml is invalid.</exception>
    /// <exception cref="ExportLoadException">The folder or its accounts file does not exist, a SQL-defined table's query fails, or
    /// no date is readable and as_of is not set.</exception>
    public static ExportData Load(string folder)
    {
        var yaml = Path.Combine(folder, ProjectConfigReader.FileName);
        return Load(folder, File.Exists(yaml) ? ProjectConfigReader.ReadFile(yaml) : ProjectConfig.Canonical);
    }

    /// <summary>Imports a folder with the given mapping.</summary>
    /// <exception cref="ExportLoadException">The folder or its accounts file does not exist, a SQL-defined table's query fails, or
    /// no date is readable and as_of is not set.</exception>
    public static ExportData Load(string folder, ProjectConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!Directory.Exists(folder))
        {
            throw new ExportLoadException($"no export folder '{folder}'");
        }
        var accountsPath = Path.Combine(folder, config.Accounts.FileName);
        if (config.Accounts.Sql is null && !File.Exists(accountsPath))
        {
            throw new ExportLoadException(
                $"no {config.Accounts.FileName} in '{folder}': it is required (set accounts.file in icpkit.yaml if it has another name)");
        }
        var log = new IssueLog();
        var summaries = ImmutableArray.CreateBuilder<FileSummary>();
        var present = ImmutableHashSet.CreateBuilder<ExportFile>();

        void ReportAbsent(ExportFile file)
        {
            var mapping = config.File(file);
            summaries.Add(new FileSummary(mapping.FileName, false, 0, 0, 0, 0, null, null));
            log.Add(new ValidationIssue(Severity.Warning, mapping.FileName, 0, null, null,
                $"no {mapping.FileName}: {Contract.WhenAbsent(file)}", "file-absent"));
        }

        IRowSource? Open(ExportFile file)
        {
            var source = RowSources.Open(folder, file, config);
            if (source is null)
            {
                ReportAbsent(file);
            }
            else
            {
                present.Add(file);
            }
            return source;
        }

        var mapped = ImmutableDictionary.CreateBuilder<ExportFile, ImmutableHashSet<string>>();
        void Mapped(ExportFile file, ColumnMap? columns)
        {
            if (columns is not null) mapped[file] = [.. columns.Contract.Keys];
        }

        TraitCatalog catalog;
        ImmutableArray<Account> accounts;
        using (var source = Open(ExportFile.Accounts)!)
        {
            var (accountsResult, c) = AccountImporter.Import(source, TableImport.For(source, config), log);
            summaries.Add(accountsResult.Summary);
            Mapped(ExportFile.Accounts, accountsResult.Columns);
            accounts = accountsResult.Records;
            catalog = c;
        }
        var known = accounts.Select(a => a.AccountId).ToHashSet(StringComparer.Ordinal);

        var deals = ImmutableArray<Deal>.Empty;
        var dealTraits = new TraitCatalog([]);
        using (var source = Open(ExportFile.Deals))
        {
            if (source is not null)
            {
                var (r, t) = DealImporter.Import(source, TableImport.For(source, config), known, log);
                summaries.Add(r.Summary);
                Mapped(ExportFile.Deals, r.Columns);
                deals = r.Records;
                dealTraits = t;
            }
        }

        var surveys = ImmutableArray<SurveyResponse>.Empty;
        using (var source = Open(ExportFile.Surveys))
        {
            if (source is not null)
            {
                var r = SurveyImporter.Import(source, TableImport.For(source, config), known, log);
                summaries.Add(r.Summary);
                Mapped(ExportFile.Surveys, r.Columns);
                surveys = r.Records;
            }
        }

        // The value files are optional extras: their absence is no warning (the value sections say what they would need).
        var spend = ImmutableArray<SpendRow>.Empty;
        var history = ImmutableArray<MrrPoint>.Empty;
        using (var source = RowSources.Open(folder, ExportFile.Spend, config))
        {
            if (source is not null)
            {
                present.Add(ExportFile.Spend);
                var r = ValueImporters.Spend(source, TableImport.For(source, config), log);
                summaries.Add(r.Summary);
                Mapped(ExportFile.Spend, r.Columns);
                spend = r.Records;
            }
        }
        using (var source = RowSources.Open(folder, ExportFile.MrrHistory, config))
        {
            if (source is not null)
            {
                present.Add(ExportFile.MrrHistory);
                var r = ValueImporters.MrrHistory(source, TableImport.For(source, config), known, log);
                summaries.Add(r.Summary);
                Mapped(ExportFile.MrrHistory, r.Columns);
                history = r.Records;
            }
        }

        var interviews = ImmutableArray<Interview>.Empty;
        if (RowSources.Open(folder, ExportFile.Interviews, config) is { } interviewSource)
        {
            // Optional beyond the others: an export without interview notes is the usual case, so its absence is not reported.
            using (interviewSource)
            {
                present.Add(ExportFile.Interviews);
                var r = InterviewImporter.Import(interviewSource, TableImport.For(interviewSource, config), known, log);
                summaries.Add(r.Summary);
                Mapped(ExportFile.Interviews, r.Columns);
                interviews = r.Records;
            }
        }

        accounts = ApplyCustomerSinceFallback(accounts, deals, config.CustomerSinceFallback);
        var latest = LatestDate(accounts, deals, surveys);

        var usage = ImmutableDictionary<string, AccountUsage>.Empty;
        var eventsPath = Path.Combine(folder, config.Events.FileName);
        var engines = ImmutableArray<EngineSummary>.Empty;
        if (WarehouseEvents.Applies(config.Events) && (config.Events.Source != TableSource.Files || config.Events.Sql is not null || File.Exists(eventsPath)))
        {
            // The events stay where they are: the engine folds them and returns one row per account.
            present.Add(ExportFile.Events);
            var (summary, u, engine) = WarehouseEvents.Import(folder, config, known, log);
            summaries.Add(summary);
            if (summary.RowsRead > 0) mapped[ExportFile.Events] = [.. Contract.Columns(ExportFile.Events)];
            usage = u;
            engines = [engine];
        }
        else if (!File.Exists(eventsPath))
        {
            ReportAbsent(ExportFile.Events);
        }
        else
        {
            present.Add(ExportFile.Events);
            var (summary, u) = ImportEvents(eventsPath, config.Events.FileName, config, Sniffer.Sniff(eventsPath, config.Encoding), known, log);
            summaries.Add(summary);
            if (summary.RowsRead > 0) mapped[ExportFile.Events] = [.. Contract.Columns(ExportFile.Events)];
            usage = u;
        }
        if (usage.Values.Select(x => x.LastEventAt).Max() is { } lastEvent && DateOnly.FromDateTime(lastEvent) > (latest ?? DateOnly.MinValue))
        {
            latest = DateOnly.FromDateTime(lastEvent);
        }

        var report = new ValidationReport(summaries.ToImmutable(), log.Issues, log.Counts);
        // Never today's date by accident: when dates are there and none can be read, there is no analysis date. An
        // export with no date at all (nothing is measured over time) gets today's date, and the report says so.
        if (config.AsOf is null && latest is null && report.IssueCounts.Any(kv => kv.Key.Rule is "type.date" or "type.timestamp" && kv.Value > 0))
        {
            throw NoAsOf(report);
        }
        var asOf = config.AsOf ?? latest ?? DateOnly.FromDateTime(DateTime.UtcNow);
        return new ExportData(accounts, deals, surveys, usage, catalog, config, asOf, present.ToImmutable(), report)
        {
            Engines = engines,
            Spend = spend,
            MrrHistory = history,
            AsOfIsToday = config.AsOf is null && latest is null,
            MappedColumns = mapped.ToImmutable(),
            DealTraits = dealTraits,
            Interviews = interviews,
            Folder = Path.GetFullPath(folder),
        };
    }

    /// <summary>
    /// The export <c>icpkit render</c> imported once and handed to this notebook, when it is the import of
    /// <paramref name="folder"/>; otherwise imports <paramref name="folder"/> (<see cref="Load(string)"/>).
    /// </summary>
    /// <remarks>
    /// A render imports the export once (for a warehouse or <c>sql:</c> events source that is the one fold of every
    /// account's events in the engine) and sets each notebook's <c>loadedExport</c> parameter to it; a notebook run on
    /// its own leaves that parameter null and imports <paramref name="folder"/> itself. An export of another folder
    /// (a notebook's <c>dataFolder</c> pointed elsewhere) is not reused: <paramref name="folder"/> is imported.
    /// </remarks>
    /// <param name="folder">The export folder the notebook reads.</param>
    /// <param name="loaded">What the render handed in: null, or the <see cref="ExportData"/> it imported.</param>
    /// <exception cref="ArgumentException"><paramref name="loaded"/> is neither null nor an <see cref="ExportData"/> of this
    /// library, e.g. one from another build of IcpKit.dll than the notebook loaded (the message names both files).</exception>
    /// <exception cref="ExportLoadException">As <see cref="Load(string)"/>, when it imports.</exception>
    public static ExportData LoadOrReuse(string folder, object? loaded)
    {
        ArgumentNullException.ThrowIfNull(folder);
        switch (loaded)
        {
            case null:
                return Load(folder);
            case ExportData export:
                return string.Equals(export.Folder, Path.GetFullPath(folder), StringComparison.Ordinal) ? export : Load(folder);
            default:
                // Same name, other type: the handed-in export comes from an IcpKit.dll other than the one this code runs on.
                throw new ArgumentException(
                    $"the export handed in is a {loaded.GetType().FullName} from {loaded.GetType().Assembly.Location}, but this notebook runs "
                    + $"IcpKit from {typeof(ExportData).Assembly.Location}: rebuild (dotnet build IcpKit.slnx) so both are one build",
                    nameof(loaded));
        }
    }

    private static ExportLoadException NoAsOf(ValidationReport report)
    {
        var badDates = report.IssueCounts.Where(kv => kv.Key.Rule is "type.date" or "type.timestamp").Sum(kv => kv.Value);
        var example = report.Issues.FirstOrDefault(i => i.Rule is "type.date" or "type.timestamp");
        return new ExportLoadException(
            "no date in the export could be read, so there is no analysis date (as_of)" +
            (example is null ? "" : $"; {badDates} date value(s) did not parse, e.g. {ValidationText.Describe(example)}") +
            ". Add the export's date format to date_formats in icpkit.yaml, or set as_of: yyyy-mm-dd there");
    }

    private static (FileSummary, ImmutableDictionary<string, AccountUsage>) ImportEvents(
        string path, string name, ProjectConfig config, SniffResult sniff, IReadOnlySet<string> known, IssueLog log)
    {
        var mapping = config.Events;
        ColumnMap? columns;
        long refused = 0;
        using (var reader = CsvSource.Open(path, sniff))
        {
            reader.ReadHeader();
            columns = ColumnMap.Resolve([.. reader.Headers], ExportFile.Events, mapping, log, name == mapping.FileName ? null : name);
            // A refused header rejects the file: its rows are still counted, as read and rejected, so none vanishes.
            if (columns is null)
                using (var rows = new CsvRowSource(path, name, sniff))
                    while (rows.Read()) refused++;
        }
        {
            if (columns is null)
            {
                return (new FileSummary(name, true, refused, 0, refused, 0, sniff.EncodingName, sniff.DelimiterName), ImmutableDictionary<string, AccountUsage>.Empty);
            }
            var options = new EventImportOptions(path, name, sniff.Encoding, sniff.Delimiter,
                columns.IndexOf("account_id"), columns.IndexOf("user_id"), columns.IndexOf("occurred_at"), columns.IndexOf("event"),
                [.. config.ActivationEvents], [.. config.HighValueEvents],
                config.TimestampFormats.IsDefaultOrEmpty ? config.DateFormats : config.TimestampFormats,
                // Without a configured as_of every event counts, and the last one moves the inferred as_of.
                config.AsOf ?? DateOnly.MaxValue, known);
            var result = EventUsageImporter.Import(options);
            var severityByRule = result.Issues.GroupBy(i => i.Rule).ToDictionary(g => g.Key, g => g.First().Severity);
            log.AddRange(result.Issues, result.IssueCountsByRule.Select(kv =>
                ((name, kv.Key, severityByRule.GetValueOrDefault(kv.Key, Severity.Error)), kv.Value)));
            return (new FileSummary(name, true, result.RowsRead, result.Accepted, result.Rejected, result.Warnings,
                sniff.EncodingName, sniff.DelimiterName), result.Usage);
        }
    }

    /// <summary>Accounts without a customer date become customers at their first won deal's close date, when configured.</summary>
    private static ImmutableArray<Account> ApplyCustomerSinceFallback(ImmutableArray<Account> accounts, ImmutableArray<Deal> deals, CustomerSinceFallback fallback)
    {
        if (fallback != CustomerSinceFallback.FirstWonDeal)
        {
            return accounts;
        }
        var firstWon = deals.Where(d => d is { Outcome: DealOutcome.Won, ClosedOn: not null })
            .GroupBy(d => d.AccountId)
            .ToDictionary(g => g.Key, g => g.Min(d => d.ClosedOn!.Value));
        return [.. accounts.Select(a => a.CustomerSince is null && firstWon.TryGetValue(a.AccountId, out var won)
            ? a with { CustomerSince = won, CustomerSinceSource = CustomerSinceSource.FirstWonDeal }
            : a)];
    }

    private static DateOnly? LatestDate(ImmutableArray<Account> accounts, ImmutableArray<Deal> deals, ImmutableArray<SurveyResponse> surveys) =>
        accounts.SelectMany(a => new[] { a.CustomerSince, a.ChurnedOn })
            .Concat(deals.SelectMany(d => new DateOnly?[] { d.CreatedOn, d.ClosedOn }))
            .Concat(surveys.Select(s => (DateOnly?)s.RespondedOn))
            .Max();
}
