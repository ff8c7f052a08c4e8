using System.Collections.Immutable;
using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace IcpKit.Loading;

/// <summary>An icpkit.yaml that cannot be used; the message names the line and the key.</summary>
public sealed class ProjectConfigException : Exception
{
    /// <summary>An exception without problems (for serializers and tests).</summary>
    public ProjectConfigException() { }
    /// <summary>An exception with a message.</summary>
    public ProjectConfigException(string message) : base(message) { }
    /// <summary>An exception with a message and its cause.</summary>
    public ProjectConfigException(string message, Exception inner) : base(message, inner) { }

    internal ProjectConfigException(string source, long line, string? key, string problem, Exception? inner = null)
        : base(key is null ? $"{source} line {line}: {problem}" : $"{source} line {line}, key '{key}': {problem}", inner)
    {
        Line = line;
        Key = key;
    }

    /// <summary>1-based line of the offending node.</summary>
    public long Line { get; }
    /// <summary>Dotted path of the offending key (e.g. "deals.columns.outcome").</summary>
    public string? Key { get; }
}

/// <summary>Reads icpkit.yaml by walking YamlDotNet's representation model, so every error can name its line and key.</summary>
public static class ProjectConfigReader
{
    /// <summary>The name of the project file in an export folder.</summary>
    public const string FileName = "icpkit.yaml";

    private static readonly string[] TopKeys =
    [
        "preset", "as_of", "encoding", "decimal_separator", "list_separator", "date_formats", "timestamp_formats",
        "customer_since", "funnel", "activation_events", "high_value_events", "bands", "accounts", "deals", "events", "surveys", "spend", "mrr_history", "analysis", "value",
        "interviews",
    ];
    private static readonly string[] AnalysisKeys = ["focus_trait", "size_trait", "cross_traits", "deal_trait"];
    private static readonly string[] ValueKeys = ["horizon_months", "gross_margin"];
    private static readonly string[] FileKeys = ["file", "columns", "values", "ignore", "sql", "source", "connection_env", "table", "personal"];

    /// <summary>Reads a project file.</summary>
    /// <exception cref="ProjectConfigException">The file is not valid YAML or has an unknown key or a bad value.</exception>
    public static ProjectConfig ReadFile(string path) => Parse(File.ReadAllText(path), Path.GetFileName(path));

    /// <summary>Parses project YAML; <paramref name="source"/> names it in messages.</summary>
    /// <exception cref="ProjectConfigException">The text is not valid YAML or has an unknown key or a bad value.</exception>
    public static ProjectConfig Parse(string yaml, string source = FileName)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new ProjectConfigException(source, e.Start.Line, null, e.Message, e);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet fails this way on some unclosed brackets; the event parser still tells how far it got.
            throw new ProjectConfigException(source, LastParsedLine(yaml), null, "not valid YAML (an unclosed bracket or quote near here?)", e);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return ProjectConfig.Canonical;
        }
        return new Walker(source).Read(stream.Documents[0].RootNode);
    }

    private static long LastParsedLine(string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        long line = 1;
        try
        {
            while (parser.MoveNext())
            {
                line = parser.Current?.End.Line ?? line;
            }
        }
        catch (YamlException e)
        {
            return e.Start.Line;
        }
        catch (InvalidOperationException)
        {
            // The line reached so far is the best pointer there is.
        }
        return line;
    }

    private sealed class Walker(string source)
    {
        private ProjectConfigException Fail(YamlNode node, string? key, string problem) =>
            new(source, node.Start.Line, key, problem);

        private YamlMappingNode Mapping(YamlNode node, string key) =>
            node as YamlMappingNode ?? throw Fail(node, key, "expected a mapping of keys to values");

        private string Scalar(YamlNode node, string key) =>
            node is YamlScalarNode { Value: { } v } ? v : throw Fail(node, key, "expected a single value");

        private ImmutableArray<string> List(YamlNode node, string key) => node switch
        {
            YamlSequenceNode seq => [.. seq.Children.Select((c, i) => Scalar(c, $"{key}[{i}]"))],
            YamlScalarNode { Value: { Length: > 0 } v } => [v],
            _ => throw Fail(node, key, "expected a list of values"),
        };

        private char Char(YamlNode node, string key, string allowed)
        {
            var v = Scalar(node, key);
            return v.Length == 1 && allowed.Contains(v[0], StringComparison.Ordinal)
                ? v[0]
                : throw Fail(node, key, $"'{v}' is not allowed; expected one of {string.Join(" ", allowed.Select(c => $"'{c}'"))}");
        }

        private TEnum Enum<TEnum>(YamlNode node, string key, (string Name, TEnum Value)[] choices)
        {
            var v = Scalar(node, key);
            foreach (var (name, value) in choices)
            {
                if (Names.Key(name) == Names.Key(v))
                {
                    return value;
                }
            }
            throw Fail(node, key, $"'{v}' is not allowed; expected one of {string.Join(", ", choices.Select(c => c.Name))}");
        }

        private IEnumerable<(string Key, YamlNode KeyNode, YamlNode Value)> Entries(YamlMappingNode map, string path, IReadOnlyCollection<string>? allowed)
        {
            foreach (var (k, v) in map.Children)
            {
                var name = Scalar(k, path);
                var full = path.Length == 0 ? name : $"{path}.{name}";
                if (allowed is not null && !allowed.Contains(name))
                {
                    throw Fail(k, full, $"unknown key; expected one of {string.Join(", ", allowed)}");
                }
                yield return (name, k, v);
            }
        }

        public ProjectConfig Read(YamlNode root)
        {
            var map = Mapping(root, "(document)");
            var presetNode = map.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode { Value: "preset" }).Value;
            var config = presetNode is null
                ? ProjectConfig.Canonical
                : ProjectConfig.For(Enum(presetNode, "preset", [("canonical", Preset.Canonical), ("hubspot", Preset.HubSpot), ("salesforce", Preset.Salesforce), ("pipedrive", Preset.Pipedrive)]));

            foreach (var (key, _, value) in Entries(map, "", TopKeys))
            {
                config = key switch
                {
                    "preset" => config,
                    "as_of" => config with { AsOf = Date(value, key) },
                    "encoding" => config with { Encoding = EncodingName(value, key) },
                    "decimal_separator" => config with { DecimalSeparator = Char(value, key, ".,"), DecimalSeparatorStated = true },
                    "list_separator" => config with { ListSeparator = Char(value, key, ";|,/") },
                    "date_formats" => config with { DateFormats = Formats(value, key) },
                    "timestamp_formats" => config with { TimestampFormats = Formats(value, key) },
                    "customer_since" => config with
                    {
                        CustomerSinceFallback = Enum(value, key, [("export", CustomerSinceFallback.None), ("first_won_deal", CustomerSinceFallback.FirstWonDeal)]),
                    },
                    "funnel" => config with { Funnel = List(value, key) },
                    "activation_events" => config with { ActivationEvents = List(value, key) },
                    "high_value_events" => config with { HighValueEvents = List(value, key) },
                    "bands" => config with { Bands = Bands(value, key, config.Bands) },
                    "analysis" => config with { Analysis = Analysis(value, key) },
                    "value" => config with { Value = Value(value, key) },
                    _ => ReadFileMapping(config, Contract.FromKey(key)!.Value, value, key),
                };
            }
            return config;
        }

        private DateOnly Date(YamlNode node, string key)
        {
            var v = Scalar(node, key);
            if (!DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                throw Fail(node, key, $"'{v}' is not a date; expected yyyy-MM-dd");
            }
            return ValueParsing.InRange(d) ? d : throw Fail(node, key, $"'{v}' is out of range; expected {ValueParsing.RangeExpected}");
        }

        private string EncodingName(YamlNode node, string key)
        {
            var v = Scalar(node, key);
            return Sniffer.EncodingByName(v) is not null
                ? v
                : throw Fail(node, key, $"'{v}' is not a known encoding; expected utf-8, utf-16, windows-1252 or iso-8859-1");
        }

        private ImmutableArray<string> Formats(YamlNode node, string key)
        {
            var formats = List(node, key);
            foreach (var f in formats)
            {
                try
                {
                    _ = DateTime.MinValue.ToString(f, CultureInfo.InvariantCulture);
                }
                catch (FormatException)
                {
                    throw Fail(node, key, $"'{f}' is not a .NET date format such as dd/MM/yyyy");
                }
            }
            return formats;
        }

        private ImmutableDictionary<string, ImmutableArray<double>> Bands(YamlNode node, string path, ImmutableDictionary<string, ImmutableArray<double>> bands)
        {
            foreach (var (trait, _, value) in Entries(Mapping(node, path), path, null))
            {
                var key = $"{path}.{trait}";
                var bounds = List(value, key).Select(s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                    ? d
                    : throw Fail(value, key, $"'{s}' is not a number; expected the lower bound of each band, e.g. [1, 11, 51, 201, 1001]")).ToImmutableArray();
                if (bounds.Length == 0 || bounds.Zip(bounds.Skip(1)).Any(p => p.Second <= p.First))
                {
                    throw Fail(value, key, "expected increasing lower bounds of each band, e.g. [1, 11, 51, 201, 1001]");
                }
                bands = bands.SetItem(trait, bounds);
            }
            return bands;
        }

        private static string StripDealPrefix(string name) =>
            name.StartsWith(Model.Deal.TraitPrefix, StringComparison.OrdinalIgnoreCase) ? name[Model.Deal.TraitPrefix.Length..] : name;

        private AnalysisSettings Analysis(YamlNode node, string path)
        {
            var settings = AnalysisSettings.None;
            foreach (var (key, _, value) in Entries(Mapping(node, path), path, AnalysisKeys))
            {
                var full = $"{path}.{key}";
                settings = key switch
                {
                    "focus_trait" => settings with { FocusTrait = Names.Snake(Scalar(value, full)) },
                    "size_trait" => settings with { SizeTrait = Names.Snake(Scalar(value, full)) },
                    // "product" and "deal.product" name the same deal trait.
                    "deal_trait" => settings with { DealTrait = Model.Deal.TraitPrefix + Names.Snake(StripDealPrefix(Scalar(value, full))) },
                    _ => List(value, full) is { Length: <= 2 } cross
                        ? settings with { CrossTraits = [.. cross.Select(Names.Snake)] }
                        : throw Fail(value, full, "expected at most two traits, e.g. [employees, industry]"),
                };
            }
            return settings;
        }

        private ValueSettings Value(YamlNode node, string path)
        {
            var settings = ValueSettings.Default;
            foreach (var (key, _, value) in Entries(Mapping(node, path), path, ValueKeys))
            {
                var full = $"{path}.{key}";
                var text = Scalar(value, full);
                settings = key switch
                {
                    "horizon_months" => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var m) && m is >= 1 and <= 120
                        ? settings with { HorizonMonths = m }
                        : throw Fail(value, full, $"'{text}' is not allowed; expected whole months from 1 to 120, e.g. 24"),
                    _ => double.TryParse(text.TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var g)
                         && (text.EndsWith('%') ? g / 100 : g) is var margin && margin is > 0 and <= 1
                        ? settings with { GrossMargin = margin, MarginStated = true }
                        : throw Fail(value, full, $"'{text}' is not allowed; expected a share of revenue above 0 and at most 1, e.g. 0.8 or 80%"),
                };
            }
            return settings;
        }

        private ProjectConfig ReadFileMapping(ProjectConfig config, ExportFile file, YamlNode node, string path)
        {
            var mapping = config.File(file);
            var contract = Contract.Columns(file);
            var entries = Entries(Mapping(node, path), path, FileKeys).ToList();
            if (entries.Any(e => e.Key == "file") && entries.FirstOrDefault(e => e.Key == "sql") is { Value: { } both })
            {
                throw Fail(both, $"{path}.sql", "a table is either a file or a sql query; remove file or sql");
            }
            foreach (var (key, _, value) in entries)
            {
                var full = $"{path}.{key}";
                mapping = key switch
                {
                    "file" => mapping with { FileName = Scalar(value, full) },
                    "sql" => mapping with { Sql = Scalar(value, full) is { Length: > 0 } q && !string.IsNullOrWhiteSpace(q) ? q : throw Fail(value, full, "expected a DuckDB query") },
                    "source" => mapping with
                    {
                        Source = Enum(value, full, [("files", TableSource.Files), ("postgres", TableSource.Postgres), ("clickhouse", TableSource.ClickHouse)]),
                    },
                    "connection_env" => mapping with { ConnectionEnv = EnvironmentVariableName(value, full) },
                    "table" => mapping with { Table = Scalar(value, full) },
                    "ignore" => mapping with { Ignore = List(value, full) },
                    "personal" => mapping with { Personal = List(value, full) },
                    "columns" => mapping with
                    {
                        Columns = mapping.Columns.SetItems(Entries(Mapping(value, full), full, contract)
                            .Select(e => KeyValuePair.Create(e.Key, Scalar(e.Value, $"{full}.{e.Key}")))),
                    },
                    _ => mapping with
                    {
                        Values = mapping.Values.SetItems(Entries(Mapping(value, full), full, contract)
                            .Select(e => KeyValuePair.Create(e.Key, ValueMapOf(e.Value, $"{full}.{e.Key}")))),
                    },
                };
            }
            CheckSource(file, mapping, Mapping(node, path), path);
            return config.WithFile(file, mapping);
        }

        /// <summary>
        /// A connection string in the project file would end up in version control and in every report's inputs, so
        /// the file only names the environment variable that holds it.
        /// </summary>
        private string EnvironmentVariableName(YamlNode node, string key)
        {
            var v = Scalar(node, key);
            if (System.Text.RegularExpressions.Regex.IsMatch(v, "^[A-Za-z_][A-Za-z0-9_]*$"))
            {
                return v;
            }
            throw Fail(node, key, v.Contains('=', StringComparison.Ordinal) || v.Contains("://", StringComparison.Ordinal) || v.Contains(';', StringComparison.Ordinal)
                ? "this looks like a connection string; icpkit.yaml must not hold one: put it in an environment variable and name the variable here, e.g. connection_env: ICPKIT_EVENTS_PG"
                : $"'{v}' is not an environment variable name; expected letters, digits and _ such as ICPKIT_EVENTS_PG");
        }

        private void CheckSource(ExportFile file, FileMapping mapping, YamlMappingNode node, string path)
        {
            YamlNode At(string key) => node.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode { Value: { } k } && k == key).Value ?? node;
            if (mapping.Source == TableSource.Files)
            {
                foreach (var key in new[] { "connection_env", "table" })
                {
                    if (node.Children.Keys.Any(k => k is YamlScalarNode { Value: { } v } && v == key))
                    {
                        throw Fail(At(key), $"{path}.{key}", "only a database source has this; add source: postgres or source: clickhouse");
                    }
                }
                return;
            }
            var source = mapping.Source.ToString().ToLowerInvariant();
            if (file != ExportFile.Events)
            {
                throw Fail(At("source"), $"{path}.source", $"source: {source} is supported for events only (the kit sends the usage fold to the database); export {path} to a file");
            }
            if (node.Children.Keys.Any(k => k is YamlScalarNode { Value: "file" }))
            {
                throw Fail(At("file"), $"{path}.file", $"a table with source: {source} has no file; give table: or sql:");
            }
            if (mapping.ConnectionEnv is null)
            {
                throw Fail(At("source"), $"{path}.connection_env", $"source: {source} needs connection_env: the name of the environment variable holding the connection {(mapping.Source == TableSource.ClickHouse ? "URL" : "string")}");
            }
            if ((mapping.Table is null) == (mapping.Sql is null))
            {
                throw Fail(At("source"), $"{path}.table", $"source: {source} needs exactly one of table: (the events table) or sql: (a query returning the events)");
            }
        }

        private ValueMap ValueMapOf(YamlNode node, string path)
        {
            string? otherwise = null;
            var pairs = new List<(string, string)>();
            foreach (var (raw, _, value) in Entries(Mapping(node, path), path, null))
            {
                var mapped = Scalar(value, $"{path}.{raw}");
                if (raw == "*")
                {
                    otherwise = mapped;
                }
                else
                {
                    pairs.Add((raw, mapped));
                }
            }
            return ValueMap.Of(pairs, otherwise);
        }
    }
}
