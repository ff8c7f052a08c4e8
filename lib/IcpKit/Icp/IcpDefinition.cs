using System.Collections.Immutable;
using System.Globalization;
using IcpKit.Model;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace IcpKit.Icp;

/// <summary>A pre-registered experiment, written before the quarter it is graded in.</summary>
/// <param name="Hypothesis">What is expected, in words.</param>
/// <param name="Metric">The outcome measured, e.g. win_rate (an identifier the grading step knows).</param>
/// <param name="SuccessThreshold">The value that counts as success, in the metric's own units.</param>
/// <param name="EndsOn">When the experiment ends and gets graded.</param>
public sealed record IcpExperiment(string Hypothesis, string Metric, double SuccessThreshold, DateOnly EndsOn);

/// <summary>An ICP as written in icp.yaml: name, version, date and rules in the three groups.</summary>
/// <remarks>
/// An account is in the ICP when it meets every "has" and "needs" rule and none of the "doesn't need" rules.
/// A missing value never meets a rule other than <c>missing: true</c>: it does not let an account in, and it
/// does not exclude one. Equality compares content, so <c>Parse(icp.ToYaml(), fields) == icp</c>.
/// </remarks>
/// <param name="Name">Short name, e.g. "Mid-market data teams".</param>
/// <param name="Version">Version number, raised with every change.</param>
/// <param name="Date">When this version was written.</param>
/// <param name="Rules">Every rule, each carrying its group, in file order.</param>
/// <param name="Description">Longer description; optional.</param>
/// <param name="Experiment">Optional pre-registration.</param>
public sealed record IcpDefinition(
    string Name,
    int Version,
    DateOnly Date,
    ImmutableArray<IcpRule> Rules,
    string? Description = null,
    IcpExperiment? Experiment = null)
{
    /// <summary>Traits the account must have.</summary>
    public ImmutableArray<IcpRule> Has => [.. Rules.Where(r => r.Group == RuleGroup.Has)];
    /// <summary>Problems and usage signals the account must show.</summary>
    public ImmutableArray<IcpRule> Needs => [.. Rules.Where(r => r.Group == RuleGroup.Needs)];
    /// <summary>Exclusions.</summary>
    public ImmutableArray<IcpRule> DoesntNeed => [.. Rules.Where(r => r.Group == RuleGroup.DoesntNeed)];

    /// <summary>Reads icp.yaml text; see <see cref="IcpFile.Parse"/>.</summary>
    public static IcpDefinition Parse(string yaml, IReadOnlyDictionary<string, TraitKind> fields, string fileName = IcpFile.DefaultName) =>
        IcpFile.Parse(yaml, fields, fileName);

    /// <summary>Reads an icp.yaml file; see <see cref="IcpFile.Parse"/>.</summary>
    public static IcpDefinition Load(string path, IReadOnlyDictionary<string, TraitKind> fields) =>
        IcpFile.Parse(File.ReadAllText(path), fields, Path.GetFileName(path));

    /// <summary>Reads an icp.yaml file, checking its fields against an imported export (usage fields when it has events).</summary>
    public static IcpDefinition Load(string path, Loading.ExportData export)
    {
        ArgumentNullException.ThrowIfNull(export);
        return Load(path, IcpFields.Catalog(export));
    }

    /// <summary>True when the ICP has a rule on a deal trait (<c>deal.product</c>), which the account's deals decide.</summary>
    public bool HasDealRules => Rules.Any(r => Deal.IsDealTrait(r.Field));

    /// <summary>
    /// True when the deal meets every "has" and "needs" rule on a deal trait and no "doesn't need" one: an ICP deal when its
    /// account is in the ICP. Rules on account fields are not looked at; an ICP without deal rules admits every deal.
    /// </summary>
    public bool MeetsDealRules(Deal deal)
    {
        ArgumentNullException.ThrowIfNull(deal);
        foreach (var rule in Rules.Where(r => Deal.IsDealTrait(r.Field)))
        {
            var met = RuleEvaluator.Evaluate(rule, deal.Trait(rule.Field)).Met;
            if (met == (rule.Group == RuleGroup.DoesntNeed)) return false;
        }
        return true;
    }

    /// <summary>Checks one account against every rule.</summary>
    /// <remarks>
    /// Rules on deal traits are decided by the account's deals: the account meets them when at least one of its deals meets
    /// every "has" and "needs" deal rule and no "doesn't need" one (<see cref="MeetsDealRules"/>). With "doesn't need" deal
    /// rules only, an account without deals is not excluded, and one whose every deal is excluded is. Example: with
    /// <c>deal.product in [GTX Pro]</c>, an account with a lost GTX Basic deal and an open GTX Pro deal is in; an account
    /// without deals is not (no value for deal.product).
    /// </remarks>
    /// <param name="account">The account.</param>
    /// <param name="usage">Its usage; null makes usage fields missing (see <see cref="IcpFields.Resolve"/>).</param>
    /// <param name="deals">The account's deals; null reads as none (every deal rule then has no value).</param>
    public IcpMatch Match(Account account, AccountUsage? usage = null, IReadOnlyList<Deal>? deals = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        var failed = ImmutableArray.CreateBuilder<RuleFinding>();
        var exclusions = ImmutableArray.CreateBuilder<RuleFinding>();
        if (HasDealRules) MatchDeals(deals ?? [], failed, exclusions);
        foreach (var rule in Rules.Where(r => !Deal.IsDealTrait(r.Field)))
        {
            var value = IcpFields.Resolve(rule.Field, account, usage);
            var (met, reason) = RuleEvaluator.Evaluate(rule, value);
            if (rule.Group == RuleGroup.DoesntNeed)
            {
                if (met) exclusions.Add(new RuleFinding(rule, value, $"{rule.Field} is {value}: excluded ({rule.Describe()})"));
            }
            else if (!met)
            {
                failed.Add(new RuleFinding(rule, value, reason));
            }
        }
        return new IcpMatch(account.AccountId, failed.ToImmutable(), exclusions.ToImmutable());
    }

    /// <summary>Findings of the deal rules for one account: each has/needs rule no deal meets, or the exclusion that removed every deal.</summary>
    private void MatchDeals(IReadOnlyList<Deal> deals, ImmutableArray<RuleFinding>.Builder failed, ImmutableArray<RuleFinding>.Builder exclusions)
    {
        if (deals.Any(MeetsDealRules)) return;
        var required = Rules.Where(r => Deal.IsDealTrait(r.Field) && r.Group != RuleGroup.DoesntNeed).ToList();
        var excluding = Rules.Where(r => Deal.IsDealTrait(r.Field) && r.Group == RuleGroup.DoesntNeed).ToList();
        if (required.Count == 0)
        {
            // Exclusions only: an account without deals stays; one whose every deal is excluded goes, on the first rule that hit.
            if (deals.Count == 0) return;
            var rule = excluding.First(r => deals.Any(d => RuleEvaluator.Evaluate(r, d.Trait(r.Field)).Met));
            exclusions.Add(new RuleFinding(rule, TraitValue.Missing, $"every deal of the account is excluded ({rule.Describe()})"));
            return;
        }
        var reported = false;
        foreach (var rule in required)
        {
            if (deals.Any(d => RuleEvaluator.Evaluate(rule, d.Trait(rule.Field)).Met)) continue;
            reported = true;
            failed.Add(new RuleFinding(rule, TraitValue.Missing, deals.Count == 0
                ? $"no deal to read {rule.Field} from (needs {rule.Condition()})"
                : $"no deal with {rule.Describe()}"));
        }
        if (!reported)
        {
            // Each rule is met by some deal, but no one deal meets them all (or the ones that do are excluded).
            var rule = required[0];
            failed.Add(new RuleFinding(rule, TraitValue.Missing, "no single deal meets every deal rule: " + string.Join(", ", required.Select(r => r.Describe()))
                + (excluding.Count == 0 ? "" : " without " + string.Join(" or ", excluding.Select(r => r.Describe())))));
        }
    }

    /// <summary>The file text: a YAML document that <see cref="IcpFile.Parse"/> reads back to an equal definition.</summary>
    public string ToYaml()
    {
        var root = new YamlMappingNode
        {
            { "name", YamlText.Node(Name) },
            { "version", Version.ToString(CultureInfo.InvariantCulture) },
            { "date", Text(TraitValue.Of(Date)) },
        };
        if (Description is not null) root.Add("description", YamlText.Node(Description));
        foreach (var (group, key) in IcpFile.GroupKeys)
        {
            var rules = Rules.Where(r => r.Group == group).ToList();
            if (rules.Count == 0) continue;
            root.Add(key, new YamlSequenceNode(rules.Select(RuleNode)));
        }
        if (Experiment is { } e)
        {
            root.Add("experiment", new YamlMappingNode
            {
                { "hypothesis", YamlText.Node(e.Hypothesis) },
                { "metric", YamlText.Node(e.Metric) },
                { "success_threshold", e.SuccessThreshold.ToString("R", CultureInfo.InvariantCulture) },
                { "ends_on", Text(TraitValue.Of(e.EndsOn)) },
            });
        }
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        // The stream writer ends every document with "...", which a single-document file does not need.
        var text = writer.ToString().TrimEnd();
        if (text.EndsWith("...", StringComparison.Ordinal)) text = text[..^3].TrimEnd();
        return text + "\n";
    }

    private static YamlMappingNode RuleNode(IcpRule rule)
    {
        var node = new YamlMappingNode { { "field", YamlText.Node(rule.Field) } };
        // missing: false reads as Present, so both write the "missing" key.
        var op = rule.Operator == RuleOperator.Present ? RuleOperator.Missing : rule.Operator;
        var key = IcpFile.OperatorKeys.First(k => k.Value == op).Key;
        YamlNode value = rule.Operator switch
        {
            RuleOperator.Missing => new YamlScalarNode("true"),
            RuleOperator.Present => new YamlScalarNode("false"),
            RuleOperator.Between or RuleOperator.In or RuleOperator.NotIn or RuleOperator.Contains =>
                new YamlSequenceNode(rule.Values.Select(v => (YamlNode)Scalar(v))) { Style = SequenceStyle.Flow },
            _ => Scalar(rule.Values[0]),
        };
        node.Add(key, value);
        if (rule.Note is not null) node.Add("note", YamlText.Node(rule.Note));
        return node;
    }

    private static YamlScalarNode Scalar(TraitValue value) =>
        // Categories are always quoted so that values such as "yes", "3" or "null" read as the text they are.
        value is TraitValue.CategoryValue c ? YamlText.Quoted(c.Value) : new YamlScalarNode(Text(value));

    private static string Text(TraitValue value) => value switch
    {
        TraitValue.NumberValue n => n.Value.ToString("R", CultureInfo.InvariantCulture),
        _ => value.ToString()!,
    };

    /// <summary>Definitions compare by content.</summary>
    public bool Equals(IcpDefinition? other) =>
        other is not null && Name == other.Name && Version == other.Version && Date == other.Date
        && Description == other.Description && Experiment == other.Experiment && Rules.SequenceEqual(other.Rules);

    /// <inheritdoc/>
    public override int GetHashCode() =>
        Rules.Aggregate(HashCode.Combine(Name, Version, Date, Description, Experiment), (h, r) => HashCode.Combine(h, r));

    /// <summary>The ICP as a short text: name, version and the three rule lists.</summary>
    public override string ToString()
    {
        var lines = new List<string> { string.Create(CultureInfo.InvariantCulture, $"{Name} (version {Version}, {Date:yyyy-MM-dd})") };
        foreach (var (group, title) in new[] { (RuleGroup.Needs, "Needs"), (RuleGroup.Has, "Has"), (RuleGroup.DoesntNeed, "Doesn't need") })
        {
            var rules = Rules.Where(r => r.Group == group).ToList();
            if (rules.Count == 0) continue;
            lines.Add(title + ":");
            lines.AddRange(rules.Select(r => "  - " + r.Describe() + (r.Note is null ? "" : $"  ({r.Note})")));
        }
        return string.Join(Environment.NewLine, lines);
    }
}

/// <summary>Scalars for text the kit writes into YAML.</summary>
internal static partial class YamlText
{
    /// <summary>
    /// Plain when the text is simple words, double-quoted otherwise: YamlDotNet 18.1's emitter can write a plain
    /// scalar it cannot read back (a leading tab, a trailing tab), while its double-quoted output always reads back.
    /// </summary>
    public static YamlScalarNode Node(string text) => Simple().IsMatch(text) ? new YamlScalarNode(text) : Quoted(text);

    public static YamlScalarNode Quoted(string text) => new(text) { Style = YamlDotNet.Core.ScalarStyle.DoubleQuoted };

    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Za-z0-9]([A-Za-z0-9 .,()/_-]*[A-Za-z0-9.)])?$")]
    private static partial System.Text.RegularExpressions.Regex Simple();
}
