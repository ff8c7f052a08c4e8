using System.Collections.Immutable;
using IcpKit.Model;

namespace IcpKit.Loading;

/// <summary>A ready-made mapping of a CRM's standard export headers onto the contract.</summary>
public enum Preset
{
    /// <summary>The contract's own column names (accounts.csv, deals.csv, events.csv, surveys.csv).</summary>
    Canonical,
    /// <summary>HubSpot companies and deals exports.</summary>
    HubSpot,
    /// <summary>Salesforce Accounts and Opportunities reports.</summary>
    Salesforce,
    /// <summary>Pipedrive organizations and deals exports.</summary>
    Pipedrive,
}

/// <summary>Where an account's customer date comes from when the export has none for it.</summary>
public enum CustomerSinceFallback
{
    /// <summary>An empty customer date means the account never became a customer.</summary>
    None,
    /// <summary>An account without a customer date becomes a customer at the close date of its first won deal.</summary>
    FirstWonDeal,
}

/// <summary>Maps raw values of one column onto contract values (e.g. "Closed Won" to won).</summary>
/// <param name="Values">Raw value key (<see cref="Names.Key"/>) to contract value.</param>
/// <param name="Otherwise">The value for anything not listed ("*" in the YAML); null keeps it as written.</param>
public sealed record ValueMap(ImmutableDictionary<string, string> Values, string? Otherwise)
{
    /// <summary>Builds a map from raw values as written.</summary>
    public static ValueMap Of(IEnumerable<(string Raw, string Mapped)> pairs, string? otherwise = null) =>
        new(pairs.ToImmutableDictionary(p => Names.Key(p.Raw), p => p.Mapped), otherwise);

    /// <summary>The mapped value, and whether the raw value was listed explicitly.</summary>
    public string Map(string raw, out bool listed)
    {
        listed = Values.TryGetValue(Names.Key(raw), out var mapped);
        return mapped ?? Otherwise ?? raw;
    }
}

/// <summary>The <c>analysis:</c> section of icpkit.yaml: which traits the notebooks break results down by.</summary>
/// <param name="FocusTrait">The trait win/loss sections and the historic-bias table break down by (focus_trait).</param>
/// <param name="SizeTrait">The numeric trait spend and adoption are banded by (size_trait).</param>
/// <param name="CrossTraits">The two traits crossed in step 1 (cross_traits); empty or one picks the rest from the export.</param>
public sealed record AnalysisSettings(string? FocusTrait, string? SizeTrait, ImmutableArray<string> CrossTraits)
{
    /// <summary>Nothing configured: every trait is chosen from the export.</summary>
    public static AnalysisSettings None { get; } = new(null, null, []);

    /// <summary>The deal trait win/loss draws and breaks down by (deal_trait: <c>deal.product</c>, or <c>product</c>); null to choose from the export.</summary>
    public string? DealTrait { get; init; }
}

/// <summary>The <c>value:</c> section of icpkit.yaml: how lifetime value and payback are measured.</summary>
/// <param name="HorizonMonths">Months of revenue a lifetime value counts (horizon_months; 24 by default): a restricted mean, so a
/// few very old customers cannot dominate it.</param>
/// <param name="GrossMargin">Share of revenue kept after the cost of serving it (gross_margin, in (0, 1]); 1 when not set, so
/// values are revenue until a margin is given.</param>
/// <param name="MarginStated">True when icpkit.yaml states the margin (reports say which).</param>
public sealed record ValueSettings(int HorizonMonths, double GrossMargin, bool MarginStated)
{
    /// <summary>24 months, margin not set (100%).</summary>
    public static ValueSettings Default { get; } = new(24, 1.0, false);
}

/// <summary>Where a contract table's rows live (icpkit.yaml <c>source:</c>).</summary>
public enum TableSource
{
    /// <summary>The export folder's files: CSV read by the kit, Parquet and JSON through embedded DuckDB.</summary>
    Files,
    /// <summary>A PostgreSQL database (Npgsql), reached through <see cref="FileMapping.ConnectionEnv"/>.</summary>
    Postgres,
    /// <summary>A ClickHouse server's HTTP interface, reached through <see cref="FileMapping.ConnectionEnv"/>.</summary>
    ClickHouse,
}

/// <summary>How one file of an export maps onto the contract.</summary>
/// <param name="FileName">File name inside the export folder.</param>
/// <param name="Columns">Contract column name to the header in the file (matched by <see cref="Names.Key"/>).</param>
/// <param name="Values">Contract column name to a value map applied before parsing.</param>
/// <param name="Ignore">Headers that are neither contract columns nor extra traits.</param>
public sealed record FileMapping(
    string FileName,
    ImmutableDictionary<string, string> Columns,
    ImmutableDictionary<string, ValueMap> Values,
    ImmutableArray<string> Ignore)
{
    /// <summary>The canonical mapping of a file: contract names as headers.</summary>
    public static FileMapping Canonical(ExportFile file) => new(
        Contract.Key(file) + ".csv",
        Contract.Columns(file).ToImmutableDictionary(c => c, c => c),
        ImmutableDictionary<string, ValueMap>.Empty,
        []);

    /// <summary>
    /// A DuckDB query over the export folder's files (paths relative to the folder) that defines the table instead
    /// of <see cref="FileName"/>; its result columns are mapped like a file's headers. Null for a plain file.
    /// </summary>
    public string? Sql { get; init; }

    /// <summary>Where the rows live: the export folder (default) or a database that folds the events itself.</summary>
    public TableSource Source { get; init; } = TableSource.Files;

    /// <summary>With a database <see cref="Source"/>: the NAME of the environment variable holding the connection string or URL.</summary>
    public string? ConnectionEnv { get; init; }

    /// <summary>With a database <see cref="Source"/>: the (dotted) table holding the raw rows, when no <see cref="Sql"/> query defines them.</summary>
    public string? Table { get; init; }

    /// <summary>How reports name the table: the file, or e.g. "events (postgres: analytics.events)".</summary>
    public string DisplayName(ExportFile file) => Source switch
    {
        TableSource.Files => Sql is null ? FileName : Contract.Key(file),
        _ => $"{Contract.Key(file)} ({Source.ToString().ToLowerInvariant()}: {Table ?? "query"})",
    };

    /// <summary>
    /// Headers whose values name people (<c>personal: [Deal owner, sales_agent]</c> in icpkit.yaml): <c>--redact</c> hides
    /// them in every output, whatever the header says; <see cref="ExportNames"/> also finds owners, agents, reps and
    /// managers by their header alone.
    /// </summary>
    public ImmutableArray<string> Personal { get; init; } = [];

    /// <summary>The header expected for a contract column (the mapping, else the contract name).</summary>
    public string HeaderFor(string contractColumn) => Columns.TryGetValue(contractColumn, out var h) ? h : contractColumn;
}

/// <summary>
/// The project file (<c>icpkit.yaml</c>) beside an export: how its files map onto the data contract and the
/// settings analyses share (funnel order, events that count, analysis date, bands).
/// </summary>
/// <remarks>
/// Start from a preset with <see cref="For(Preset)"/> and override with <c>with</c>; read a file with
/// <see cref="ProjectConfigReader"/>. Example: a HubSpot export without customer dates uses
/// <see cref="CustomerSinceFallback.FirstWonDeal"/>, so an account with a won deal closed on 2025-03-02 is a
/// customer from that day, and its <see cref="Account.CustomerSinceSource"/> says so.
/// </remarks>
public sealed record ProjectConfig
{
    /// <summary>The preset the mapping started from.</summary>
    public Preset Preset { get; init; } = Preset.Canonical;
    /// <summary>How accounts.csv (or its SQL table) maps onto the contract.</summary>
    public required FileMapping Accounts { get; init; }
    /// <summary>How deals.csv (or its SQL table) maps onto the contract.</summary>
    public required FileMapping Deals { get; init; }
    /// <summary>How events (a file, a SQL table or a warehouse) map onto the contract.</summary>
    public required FileMapping Events { get; init; }
    /// <summary>How surveys.csv (or its SQL table) maps onto the contract.</summary>
    public required FileMapping Surveys { get; init; }
    /// <summary>Optional acquisition spend (spend.csv).</summary>
    public FileMapping Spend { get; init; } = FileMapping.Canonical(ExportFile.Spend);
    /// <summary>Optional MRR per account and month (mrr_history.csv).</summary>
    public FileMapping MrrHistory { get; init; } = FileMapping.Canonical(ExportFile.MrrHistory);
    /// <summary>The optional interview notes (interviews.csv); canonical unless icpkit.yaml maps them.</summary>
    public FileMapping Interviews { get; init; } = FileMapping.Canonical(ExportFile.Interviews);
    /// <summary>Funnel stages, first to last; empty means stages are not checked.</summary>
    public ImmutableArray<string> Funnel { get; init; } = [];
    /// <summary>Date formats tried in order after ISO 8601 (which is always accepted).</summary>
    public ImmutableArray<string> DateFormats { get; init; } = [];
    /// <summary>Timestamp formats for events.occurred_at, tried in order after ISO 8601.</summary>
    public ImmutableArray<string> TimestampFormats { get; init; } = [];
    /// <summary>Decimal separator of numbers in the files.</summary>
    public char DecimalSeparator { get; init; } = '.';
    /// <summary>True when icpkit.yaml states <see cref="DecimalSeparator"/>; otherwise a ';'-delimited file whose numbers read like "900,50" is read with ','.</summary>
    public bool DecimalSeparatorStated { get; init; }
    /// <summary>Separator of list values such as tech_stack.</summary>
    public char ListSeparator { get; init; } = ';';
    /// <summary>Encoding name forced for every file (e.g. "windows-1252"); null detects it.</summary>
    public string? Encoding { get; init; }
    /// <summary>Event names that mean an account activated.</summary>
    public ImmutableArray<string> ActivationEvents { get; init; } = [];
    /// <summary>Event names that mean an account reached the product's core value.</summary>
    public ImmutableArray<string> HighValueEvents { get; init; } = [];
    /// <summary>The analysis date (censoring); null means the latest date seen in the export.</summary>
    public DateOnly? AsOf { get; init; }
    /// <summary>Lower bounds of the bands of numeric traits, by trait name.</summary>
    public ImmutableDictionary<string, ImmutableArray<double>> Bands { get; init; } = DefaultBands;
    /// <summary>What stands in for customer_since when the export has none.</summary>
    public CustomerSinceFallback CustomerSinceFallback { get; init; } = CustomerSinceFallback.None;
    /// <summary>The traits the notebooks focus on or cross (the <c>analysis:</c> section); unset ones are chosen from the export.</summary>
    public AnalysisSettings Analysis { get; init; } = AnalysisSettings.None;
    /// <summary>Lifetime value horizon and gross margin (the <c>value:</c> section).</summary>
    public ValueSettings Value { get; init; } = ValueSettings.Default;

    /// <summary>employees 1-10, 11-50, 51-200, 201-1000, 1001+; mrr and seats likewise.</summary>
    public static ImmutableDictionary<string, ImmutableArray<double>> DefaultBands { get; } =
        new Dictionary<string, ImmutableArray<double>>
        {
            [TraitFields.Employees] = [1, 11, 51, 201, 1001],
            [TraitFields.Mrr] = [0, 500, 2000, 10000],
            [TraitFields.Seats] = [1, 6, 21, 101],
        }.ToImmutableDictionary();

    /// <summary>The mapping of one file.</summary>
    public FileMapping File(ExportFile file) => file switch
    {
        ExportFile.Accounts => Accounts,
        ExportFile.Deals => Deals,
        ExportFile.Events => Events,
        ExportFile.Surveys => Surveys,
        ExportFile.Spend => Spend,
        ExportFile.MrrHistory => MrrHistory,
        ExportFile.Interviews => Interviews,
        _ => throw new ArgumentOutOfRangeException(nameof(file)),
    };

    /// <summary>This configuration with one file's mapping replaced.</summary>
    public ProjectConfig WithFile(ExportFile file, FileMapping mapping) => file switch
    {
        ExportFile.Accounts => this with { Accounts = mapping },
        ExportFile.Deals => this with { Deals = mapping },
        ExportFile.Events => this with { Events = mapping },
        ExportFile.Surveys => this with { Surveys = mapping },
        ExportFile.Spend => this with { Spend = mapping },
        ExportFile.MrrHistory => this with { MrrHistory = mapping },
        ExportFile.Interviews => this with { Interviews = mapping },
        _ => throw new ArgumentOutOfRangeException(nameof(file)),
    };

    /// <summary>How messages name where accounts come from: the accounts file, or the SQL-defined accounts table.</summary>
    public string AccountsSourceName => Accounts.Sql is null ? Accounts.FileName : Contract.Key(ExportFile.Accounts);

    /// <summary>The value parser these settings describe.</summary>
    public ValueParsing Parsing => new(DateFormats, DecimalSeparator, ListSeparator);

    /// <summary>The canonical layout: contract names, files accounts.csv, deals.csv, events.csv, surveys.csv.</summary>
    public static ProjectConfig Canonical { get; } = new()
    {
        Accounts = FileMapping.Canonical(ExportFile.Accounts),
        Deals = FileMapping.Canonical(ExportFile.Deals) with
        {
            Values = ImmutableDictionary<string, ValueMap>.Empty.Add("outcome",
                ValueMap.Of([("won", "won"), ("lost", "lost"), ("open", "open")])),
        },
        Events = FileMapping.Canonical(ExportFile.Events),
        Surveys = FileMapping.Canonical(ExportFile.Surveys),
    };

    /// <summary>The mapping a preset ships.</summary>
    public static ProjectConfig For(Preset preset) => preset switch
    {
        Preset.Canonical => Canonical,
        Preset.HubSpot => Presets.HubSpot,
        Preset.Salesforce => Presets.Salesforce,
        Preset.Pipedrive => Presets.Pipedrive,
        _ => throw new ArgumentOutOfRangeException(nameof(preset)),
    };
}
