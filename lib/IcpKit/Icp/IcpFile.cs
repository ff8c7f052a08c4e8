using System.Collections.Immutable;
using System.Globalization;
using IcpKit.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace IcpKit.Icp;

/// <summary>One problem in icp.yaml, pointing at its line and key.</summary>
/// <param name="File">File name, e.g. "icp.yaml".</param>
/// <param name="Line">1-based line of the offending key or value.</param>
/// <param name="Key">The key concerned, or null for whole-document problems.</param>
/// <param name="Message">What is wrong and what is expected.</param>
public sealed record IcpFileError(string File, int Line, string? Key, string Message)
{
    /// <summary>E.g. "icp.yaml line 9: unknown field 'employes' (did you mean 'employees'?)".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{File} line {Line}: {Message}");
}

/// <summary>A value an icp.yaml rule names that no account of the export has (<see cref="IcpFile.ValueWarnings"/>).</summary>
/// <param name="File">File name, e.g. "icp.yaml".</param>
/// <param name="Line">1-based line of the value.</param>
/// <param name="Column">1-based column where the value starts; 0 when unknown.</param>
/// <param name="Field">The rule's field.</param>
/// <param name="Value">The value as written.</param>
/// <param name="Occurring">The field's values that do occur, sorted.</param>
public sealed record IcpValueWarning(string File, int Line, int Column, string Field, string Value, ImmutableArray<string> Occurring)
{
    /// <summary>E.g. "icp.yaml line 6, column 20: industry 'fintek' occurs in no account of the export (its values: fintech, software)".</summary>
    public override string ToString()
    {
        const int shown = 20;
        var values = Occurring.IsDefaultOrEmpty ? "no account has a value" :
            "its values: " + string.Join(", ", Occurring.Take(shown)) + (Occurring.Length > shown ? $" and {Occurring.Length - shown} more" : "");
        return string.Create(CultureInfo.InvariantCulture, $"{File} line {Line}, column {Column}: {Field} '{Value}' occurs in no account of the export ({values})");
    }
}

/// <summary>Thrown when icp.yaml has problems; <see cref="Errors"/> lists all of them, each with its line.</summary>
public sealed class IcpFileException : Exception
{
    /// <summary>Creates the exception from the problems found.</summary>
    public IcpFileException(ImmutableArray<IcpFileError> errors)
        : base(string.Join(Environment.NewLine, errors.Select(e => e.ToString()))) => Errors = errors;

    /// <summary>An exception without problems (for serializers and tests).</summary>
    public IcpFileException() : this([]) { }
    /// <summary>An exception with a message.</summary>
    public IcpFileException(string message) : base(message) => Errors = [];
    /// <summary>An exception with a message and its cause.</summary>
    public IcpFileException(string message, Exception inner) : base(message, inner) => Errors = [];

    /// <summary>Every problem found, in file order.</summary>
    public ImmutableArray<IcpFileError> Errors { get; }
}

/// <summary>Reads icp.yaml (see docs/icp-file.md), checking every field and value against the export's fields.</summary>
public static class IcpFile
{
    /// <summary>The file name used in messages by default.</summary>
    public const string DefaultName = "icp.yaml";

    internal static readonly ImmutableArray<(RuleGroup Group, string Key)> GroupKeys =
        [(RuleGroup.Has, "has"), (RuleGroup.Needs, "needs"), (RuleGroup.DoesntNeed, "doesnt_need")];

    internal static readonly ImmutableDictionary<string, RuleOperator> OperatorKeys = new Dictionary<string, RuleOperator>
    {
        ["equals"] = RuleOperator.EqualTo, ["in"] = RuleOperator.In, ["not_in"] = RuleOperator.NotIn,
        ["between"] = RuleOperator.Between, ["at_least"] = RuleOperator.AtLeast, ["at_most"] = RuleOperator.AtMost,
        ["contains"] = RuleOperator.Contains, ["missing"] = RuleOperator.Missing,
    }.ToImmutableDictionary();

    private static readonly ImmutableArray<string> TopKeys = ["name", "version", "date", "description", "has", "needs", "doesnt_need", "experiment", "examples"];
    private static readonly ImmutableArray<string> ExampleKeys = ["company", "note"];
    private static readonly ImmutableArray<string> RuleKeys = ["field", "note", .. OperatorKeys.Keys.Order(StringComparer.Ordinal)];
    private static readonly ImmutableArray<string> ExperimentKeys = ["hypothesis", "metric", "success_threshold", "ends_on"];

    /// <summary>Reads icp.yaml text.</summary>
    /// <param name="yaml">The file's text.</param>
    /// <param name="fields">Known fields and their kinds, usually <see cref="IcpFields.Catalog(Loading.ExportData)"/> of the export.</param>
    /// <param name="fileName">Name used in messages.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="IcpFileException">Any problem: unknown key or field, bad value, wrong operator for the field's kind.</exception>
    public static IcpDefinition Parse(string yaml, IReadOnlyDictionary<string, TraitKind> fields, string fileName = DefaultName)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(fields);
        var reader = new Reader(fileName, fields);
        var result = reader.Read(yaml);
        if (reader.Errors.Count > 0 || result is null) throw new IcpFileException([.. reader.Errors]);
        return result;
    }

    /// <summary>
    /// Values of <c>equals</c>, <c>in</c> and <c>not_in</c> rules on account category fields that no account of the export has:
    /// most often a typo or a value the CRM spells differently, which would silently match nobody. Each warning names the
    /// value's place in the file (read by <see cref="Parse"/>) and the values that do occur.
    /// </summary>
    /// <remarks>Values compare as the rules match them: trimmed, ignoring case. Deal traits and usage fields are not checked
    /// (their values live on deals and events). An ICP built in memory has no places: its warnings say line 0.</remarks>
    /// <param name="icp">The ICP, read from <paramref name="fileName"/>.</param>
    /// <param name="accounts">The export's accounts.</param>
    /// <param name="fileName">Name used in the warnings.</param>
    /// <example>
    /// <code>
    /// var fields = new Dictionary&lt;string, IcpKit.Model.TraitKind&gt; { ["industry"] = IcpKit.Model.TraitKind.Category };
    /// var icp = IcpKit.Icp.IcpFile.Parse("name: x\nversion: 1\ndate: 2026-01-01\nhas:\n  - field: industry\n    in: [software, fintek]\n", fields);
    /// var account = new IcpKit.Model.Account { AccountId = "a1", Industry = "software" };
    /// IcpKit.Icp.IcpFile.ValueWarnings(icp, [account]).Single().ToString() // => icp.yaml line 6, column 20: industry 'fintek' occurs in no account of the export (its values: software)
    /// </code>
    /// </example>
    public static ImmutableArray<IcpValueWarning> ValueWarnings(IcpDefinition icp, IReadOnlyList<Account> accounts, string fileName = DefaultName)
    {
        ArgumentNullException.ThrowIfNull(icp);
        ArgumentNullException.ThrowIfNull(accounts);
        var result = ImmutableArray.CreateBuilder<IcpValueWarning>();
        foreach (var rule in icp.Rules)
        {
            if (rule.Operator is not (RuleOperator.EqualTo or RuleOperator.In or RuleOperator.NotIn) || Deal.IsDealTrait(rule.Field)
                || rule.Field.StartsWith(IcpFields.UsagePrefix, StringComparison.Ordinal)) continue;
            var occurring = accounts.Select(a => a.Trait(rule.Field)).OfType<TraitValue.CategoryValue>().Select(v => v.Value.Trim())
                .Where(v => v.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToImmutableArray();
            for (var k = 0; k < rule.Values.Length; k++)
            {
                if (rule.Values[k] is not TraitValue.CategoryValue { Value: var value }) continue;
                if (occurring.Contains(value.Trim(), StringComparer.OrdinalIgnoreCase)) continue;
                var (line, column) = k < rule.ValuePlaces.Length ? rule.ValuePlaces[k] : (rule.Line, 0);
                result.Add(new IcpValueWarning(fileName, line, column, rule.Field, value, occurring));
            }
        }
        return result.ToImmutable();
    }

    /// <summary>
    /// The example companies a file names (<c>examples:</c>), read without checking anything else, so a redacted render
    /// can hide them even when the rest of the file has errors; empty when the text is not YAML or has no examples.
    /// </summary>
    public static ImmutableArray<string> ExampleCompanies(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException)
        {
            return [];
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root
            || !root.Children.TryGetValue(new YamlScalarNode("examples"), out var node) || node is not YamlSequenceNode list) return [];
        return [.. list.Select(item => item switch
            {
                YamlScalarNode { Value: { } v } => v,
                YamlMappingNode m when m.Children.TryGetValue(new YamlScalarNode("company"), out var c) && c is YamlScalarNode { Value: { } v } => v,
                _ => "",
            }).Select(v => v.Trim()).Where(v => v.Length > 0)];
    }

    /// <summary>Closest candidate within edit distance 2 (or equal ignoring case and punctuation), for "did you mean".</summary>
    internal static string? Suggest(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var c in candidates)
        {
            var d = IcpFields.LooseKey(c) == IcpFields.LooseKey(name) ? 0 : Distance(name.ToLowerInvariant(), c.ToLowerInvariant());
            if (d < bestDistance) (best, bestDistance) = (c, d);
        }
        return bestDistance <= Math.Max(2, name.Length / 4) ? best : null;
    }

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
            previous = current;
        }
        return previous[b.Length];
    }

    /// <summary>Walks the YAML representation model once, collecting every error rather than stopping at the first.</summary>
    private sealed class Reader(string fileName, IReadOnlyDictionary<string, TraitKind> fields)
    {
        public List<IcpFileError> Errors { get; } = [];

        private static int LineOf(YamlNode node) => (int)node.Start.Line;

        private void Error(YamlNode node, string? key, string message) => Errors.Add(new IcpFileError(fileName, LineOf(node), key, message));

        public IcpDefinition? Read(string yaml)
        {
            var stream = new YamlStream();
            try
            {
                stream.Load(new StringReader(yaml));
            }
            catch (YamlException e)
            {
                var message = e.Message.StartsWith("Duplicate key ", StringComparison.Ordinal)
                    ? $"key '{e.Message["Duplicate key ".Length..]}' appears twice (write each group once, with all its rules)"
                    : $"not valid YAML: {e.Message}";
                Errors.Add(new IcpFileError(fileName, (int)e.Start.Line, null, message));
                return null;
            }
            if (stream.Documents.Count > 1)
            {
                Errors.Add(new IcpFileError(fileName, LineOf(stream.Documents[1].RootNode), null, "one ICP per file: found a second YAML document ('---')"));
                return null;
            }
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                Errors.Add(new IcpFileError(fileName, stream.Documents.Count == 0 ? 1 : LineOf(stream.Documents[0].RootNode), null,
                    "expected a mapping with name, version, date and has / needs / doesnt_need rules"));
                return null;
            }

            var map = Keys(root, TopKeys, "key");
            var name = RequiredText(root, map, "name");
            var version = Required(root, map, "version", (node, text) =>
                int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= 0 ? v : Fail<int?>(node, "version", $"version '{text}' is not a whole number"));
            var date = Required(root, map, "date", (node, text) => ParseDate(node, "date", text));
            var description = map.TryGetValue("description", out var d) ? ScalarText(d.Value, "description") : null;

            var rules = ImmutableArray.CreateBuilder<IcpRule>();
            foreach (var (group, key) in GroupKeys)
            {
                if (!map.TryGetValue(key, out var entry)) continue;
                if (entry.Value is YamlScalarNode { Value: null or "" or "~" or "null" }) continue; // an empty group
                if (entry.Value is not YamlSequenceNode list)
                {
                    Error(entry.Value, key, $"'{key}' must be a list of rules (lines starting with '- field: ...')");
                    continue;
                }
                foreach (var item in list) if (ReadRule(group, key, item) is { } rule) rules.Add(rule);
            }
            if (rules.Count == 0 && Errors.Count == 0)
                Error(root, null, "the ICP has no rules: add at least one under has, needs or doesnt_need");

            IcpExperiment? experiment = null;
            if (map.TryGetValue("experiment", out var exp)) experiment = ReadExperiment(exp.Value);

            var examples = map.TryGetValue("examples", out var ex) ? ReadExamples(ex.Value) : [];

            if (Errors.Count > 0 || name is null || version is null || date is null) return null;
            return new IcpDefinition(name, version.Value, date.Value, rules.ToImmutable(), description, experiment) { Examples = examples };
        }

        /// <summary>A list of company names, each plain or as a mapping with company and note.</summary>
        private ImmutableArray<IcpExample> ReadExamples(YamlNode node)
        {
            if (node is YamlScalarNode { Value: null or "" or "~" or "null" }) return [];
            if (node is not YamlSequenceNode list)
            {
                Error(node, "examples", "'examples' must be a list of companies (lines starting with '- '), e.g. '- Northwind Analytics'");
                return [];
            }
            var examples = ImmutableArray.CreateBuilder<IcpExample>();
            foreach (var item in list)
            {
                if (item is YamlMappingNode m)
                {
                    var fields = Keys(m, ExampleKeys, "example key");
                    var company = RequiredText(m, fields, "company");
                    var note = fields.TryGetValue("note", out var n) ? ScalarText(n.Value, "note") : null;
                    if (company is not null) examples.Add(new IcpExample(company.Trim(), note));
                }
                else if (ScalarText(item, "examples") is { } text)
                {
                    if (string.IsNullOrWhiteSpace(text)) Error(item, "examples", "an example company is empty");
                    else examples.Add(new IcpExample(text.Trim()));
                }
            }
            return examples.ToImmutable();
        }

        /// <summary>The mapping's entries by key, reporting unknown and non-text keys.</summary>
        private Dictionary<string, (YamlNode Key, YamlNode Value)> Keys(YamlMappingNode node, ImmutableArray<string> known, string what)
        {
            var map = new Dictionary<string, (YamlNode, YamlNode)>(StringComparer.Ordinal);
            foreach (var (k, v) in node.Children)
            {
                if (k is not YamlScalarNode { Value: { } key })
                {
                    Error(k, null, $"a {what} must be a plain name");
                    continue;
                }
                if (!known.Contains(key))
                {
                    var hint = Suggest(key, known) is { } s ? $" (did you mean '{s}'?)" : $" (expected one of: {string.Join(", ", known)})";
                    Error(k, key, $"unknown {what} '{key}'{hint}");
                    continue;
                }
                map[key] = (k, v);
            }
            return map;
        }

        private IcpRule? ReadRule(RuleGroup group, string groupKey, YamlNode item)
        {
            if (item is not YamlMappingNode node)
            {
                Error(item, groupKey, $"each rule under '{groupKey}' must be a mapping such as '- field: employees' with an operator");
                return null;
            }
            var errorsBefore = Errors.Count;
            var map = Keys(node, RuleKeys, "rule key");
            var note = map.TryGetValue("note", out var n) ? ScalarText(n.Value, "note") : null;
            if (!map.TryGetValue("field", out var f))
            {
                Error(node, "field", "rule has no 'field'");
                return null;
            }
            var fieldName = ScalarText(f.Value, "field");
            if (fieldName is null) return null;
            var field = ResolveField(f.Value, fieldName);

            var operators = map.Where(kv => OperatorKeys.ContainsKey(kv.Key)).ToList();
            if (operators.Count != 1)
            {
                Error(node, null, operators.Count == 0
                    ? $"rule on '{fieldName}' has no operator (one of: {string.Join(", ", OperatorKeys.Keys.Order(StringComparer.Ordinal))})"
                    : $"rule on '{fieldName}' has {operators.Count} operators ({string.Join(", ", operators.Select(o => o.Key))}); write one rule per operator");
                return null;
            }
            if (field is null) return null;
            var (opKey, (opKeyNode, valueNode)) = (operators[0].Key, operators[0].Value);
            var op = OperatorKeys[opKey];
            var kind = fields[field];
            if (!Allowed(op, kind))
            {
                Error(opKeyNode, opKey, $"'{opKey}' does not apply to '{field}', which is a {KindName(kind)} field ({Advice(kind)})");
                return null;
            }
            var values = ReadValues(op, opKey, field, kind, valueNode);
            if (values is null || Errors.Count > errorsBefore) return null;
            var resolved = op == RuleOperator.Missing && values.Value is [TraitValue.CategoryValue { Value: "false" }] ? RuleOperator.Present : op;
            IEnumerable<YamlNode> written = valueNode is YamlSequenceNode items ? items.Children : [valueNode];
            return new IcpRule(group, field, resolved, op == RuleOperator.Missing ? [] : values.Value, note)
            {
                Line = LineOf(node),
                ValuePlaces = op == RuleOperator.Missing ? [] : [.. written.Select(v => ((int)v.Start.Line, (int)v.Start.Column))],
            };
        }

        /// <summary>The catalog's spelling of a field, matching exactly or ignoring case and punctuation.</summary>
        private string? ResolveField(YamlNode node, string name)
        {
            if (fields.ContainsKey(name)) return name;
            var loose = fields.Keys.Where(k => IcpFields.LooseKey(k) == IcpFields.LooseKey(name)).ToList();
            if (loose.Count == 1) return loose[0];
            var hint = Suggest(name, fields.Keys) is { } s ? $" (did you mean '{s}'?)" : "";
            var usageHint = name.StartsWith(IcpFields.UsagePrefix, StringComparison.Ordinal) && !fields.Keys.Any(k => k.StartsWith(IcpFields.UsagePrefix, StringComparison.Ordinal))
                ? " (this export has no usage data)" : "";
            // A deal trait is a column of the deals outside the contract: say which the export has, or that it has none.
            var dealFields = fields.Keys.Where(Deal.IsDealTrait).ToList();
            var dealHint = !Deal.IsDealTrait(name) ? ""
                : dealFields.Count == 0 ? " (this export's deals have no trait columns: a deal trait is a column of the deals outside the contract, such as a product)"
                : $" (the deals' traits: {string.Join(", ", dealFields)})";
            Error(node, "field", $"unknown field '{name}'{hint}{usageHint}{dealHint}");
            return null;
        }

        private static bool Allowed(RuleOperator op, TraitKind kind) => op switch
        {
            RuleOperator.Missing => true,
            RuleOperator.Contains => kind == TraitKind.List,
            RuleOperator.EqualTo or RuleOperator.In or RuleOperator.NotIn => kind != TraitKind.List,
            _ => kind is TraitKind.Number or TraitKind.Date, // between, at_least, at_most
        };

        private static string KindName(TraitKind kind) => kind switch
        {
            TraitKind.Category => "category",
            TraitKind.Number => "number",
            TraitKind.Date => "date",
            _ => "list",
        };

        private static string Advice(TraitKind kind) => kind switch
        {
            TraitKind.Category => "use equals, in, not_in or missing",
            TraitKind.List => "use contains or missing",
            _ => "use between, at_least, at_most, equals, in, not_in or missing",
        };

        private ImmutableArray<TraitValue>? ReadValues(RuleOperator op, string opKey, string field, TraitKind kind, YamlNode node)
        {
            switch (op)
            {
                case RuleOperator.Missing:
                    var flag = ScalarText(node, opKey)?.ToLowerInvariant();
                    if (flag is "true" or "false") return [TraitValue.Of(flag)];
                    if (flag is not null) Error(node, opKey, $"missing must be true or false, not '{flag}'");
                    return null;
                case RuleOperator.Between:
                    if (node is not YamlSequenceNode { Children.Count: 2 } pair)
                    {
                        Error(node, opKey, $"between needs two values, [min, max], for '{field}'");
                        return null;
                    }
                    var lo = Value(pair[0], opKey, field, kind);
                    var hi = Value(pair[1], opKey, field, kind);
                    if (lo is null || hi is null) return null;
                    if (Order(lo, hi) > 0)
                    {
                        Error(node, opKey, $"between [{lo}, {hi}] on '{field}': min is greater than max");
                        return null;
                    }
                    return [lo, hi];
                case RuleOperator.In or RuleOperator.NotIn or RuleOperator.Contains:
                    var items = node is YamlSequenceNode seq ? seq.Children.ToList() : [node];
                    if (items.Count == 0)
                    {
                        Error(node, opKey, $"{opKey} on '{field}' needs at least one value");
                        return null;
                    }
                    var values = items.Select(i => Value(i, opKey, field, op == RuleOperator.Contains ? TraitKind.Category : kind)).ToList();
                    return values.Any(v => v is null) ? null : [.. values!];
                default:
                    return Value(node, opKey, field, kind) is { } single ? [single] : null;
            }
        }

        private static int Order(TraitValue a, TraitValue b) => (a, b) switch
        {
            (TraitValue.NumberValue x, TraitValue.NumberValue y) => x.Value.CompareTo(y.Value),
            (TraitValue.DateValue x, TraitValue.DateValue y) => x.Value.CompareTo(y.Value),
            _ => 0,
        };

        /// <summary>One value typed by the field's kind (list members are categories).</summary>
        private TraitValue? Value(YamlNode node, string key, string field, TraitKind kind)
        {
            var text = ScalarText(node, key);
            if (text is null) return null;
            switch (kind)
            {
                case TraitKind.Number:
                    if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
                        return TraitValue.Of(number);
                    Error(node, key, $"'{text}' is not a number, and '{field}' is a number field");
                    return null;
                case TraitKind.Date:
                    return ParseDate(node, key, text) is { } date ? TraitValue.Of(date) : null;
                default:
                    if (string.IsNullOrWhiteSpace(text))
                    {
                        Error(node, key, $"empty value for '{field}' (use 'missing: true' for accounts without a value)");
                        return null;
                    }
                    if (IcpFields.UsageFlags.Contains(field) && text.ToLowerInvariant() is not ("true" or "false"))
                    {
                        Error(node, key, $"'{field}' is true or false, not '{text}'");
                        return null;
                    }
                    return TraitValue.Of(text);
            }
        }

        private DateOnly? ParseDate(YamlNode node, string key, string text)
        {
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
            Error(node, key, $"'{text}' is not a date (expected yyyy-mm-dd)");
            return null;
        }

        private IcpExperiment? ReadExperiment(YamlNode node)
        {
            if (node is not YamlMappingNode m)
            {
                Error(node, "experiment", "experiment must be a mapping with hypothesis, metric, success_threshold and ends_on");
                return null;
            }
            var map = Keys(m, ExperimentKeys, "experiment key");
            var hypothesis = RequiredText(m, map, "hypothesis");
            var metric = RequiredText(m, map, "metric");
            if (metric is not null && !metric.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
                Error(map["metric"].Value, "metric", $"metric '{metric}' must be an identifier such as win_rate");
            else if (metric is not null && !ExperimentMetrics.IsKnown(metric))
            {
                // Caught here rather than when grading, a quarter later, when the line is long forgotten.
                var hint = Suggest(metric, ExperimentMetrics.Known.Select(k => k.Name)) is { } s ? $" (did you mean '{s}'?)" : "";
                Error(map["metric"].Value, "metric",
                    $"unknown metric '{metric}'{hint}; known: {string.Join(", ", ExperimentMetrics.Known.Select(k => k.Name))}");
            }
            var threshold = Required(m, map, "success_threshold", (n, text) =>
                double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var t) && double.IsFinite(t) ? t : Fail<double?>(n, "success_threshold", $"success_threshold '{text}' is not a number"));
            var endsOn = Required(m, map, "ends_on", (n, text) => ParseDate(n, "ends_on", text));
            return hypothesis is null || metric is null || threshold is null || endsOn is null ? null
                : new IcpExperiment(hypothesis, metric, threshold.Value, endsOn.Value);
        }

        private T? Fail<T>(YamlNode node, string key, string message)
        {
            Error(node, key, message);
            return default;
        }

        private string? RequiredText(YamlMappingNode parent, Dictionary<string, (YamlNode Key, YamlNode Value)> map, string key)
        {
            var text = Required(parent, map, key, (_, t) => t);
            if (text is not null && string.IsNullOrWhiteSpace(text))
            {
                Error(map[key].Value, key, $"'{key}' is empty");
                return null;
            }
            return text;
        }

        private T? Required<T>(YamlMappingNode parent, Dictionary<string, (YamlNode Key, YamlNode Value)> map, string key, Func<YamlNode, string, T?> parse)
        {
            if (!map.TryGetValue(key, out var entry))
            {
                Error(parent, key, $"'{key}' is required");
                return default;
            }
            var text = ScalarText(entry.Value, key);
            return text is null ? default : parse(entry.Value, text);
        }

        /// <summary>The text of a single value; an error when the node is a list or mapping.</summary>
        private string? ScalarText(YamlNode node, string key)
        {
            if (node is YamlScalarNode s) return s.Value ?? "";
            Error(node, key, $"'{key}' must be a single value, not a {(node is YamlSequenceNode ? "list" : "mapping")}");
            return null;
        }
    }
}
