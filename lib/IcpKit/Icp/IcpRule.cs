using System.Collections.Immutable;
using System.Globalization;
using IcpKit.Model;

namespace IcpKit.Icp;

/// <summary>The three groups of an ICP, as the method names them.</summary>
public enum RuleGroup
{
    /// <summary>Traits the account has (firmographics, tech stack): all must hold.</summary>
    Has,
    /// <summary>Problems and usage signals the account shows: all must hold.</summary>
    Needs,
    /// <summary>Exclusions: an account meeting any of these is out.</summary>
    DoesntNeed,
}

/// <summary>How a rule compares an account's value; the YAML key is given for each.</summary>
public enum RuleOperator
{
    /// <summary><c>equals</c>: one value (case-insensitive for categories).</summary>
    EqualTo,
    /// <summary><c>in</c>: one of several values.</summary>
    In,
    /// <summary><c>not_in</c>: a value that is none of these (a missing value does not qualify).</summary>
    NotIn,
    /// <summary><c>between: [min, max]</c>: inclusive, numbers or dates.</summary>
    Between,
    /// <summary><c>at_least</c>: inclusive lower bound, number or date.</summary>
    AtLeast,
    /// <summary><c>at_most</c>: inclusive upper bound, number or date.</summary>
    AtMost,
    /// <summary><c>contains</c>: a list field holding the value, or any of several.</summary>
    Contains,
    /// <summary><c>missing: true</c>: the account has no value.</summary>
    Missing,
    /// <summary><c>missing: false</c>: the account has a value.</summary>
    Present,
}

/// <summary>One rule of an ICP: a field, an operator and its values, in one of the three groups.</summary>
/// <remarks>
/// Values are typed by the field's kind when the file is read: <c>between: [51, 500]</c> on employees holds two
/// <see cref="TraitValue.NumberValue"/>s. Equality ignores <see cref="Line"/>, so a rule read back from
/// <see cref="IcpDefinition.ToYaml"/> equals the one written.
/// </remarks>
/// <param name="Group">Has, needs or doesn't need.</param>
/// <param name="Field">A contract field, an extra column's normalised name, or a usage signal (<c>usage.…</c>).</param>
/// <param name="Operator">How the value is compared.</param>
/// <param name="Values">The operator's values: one for equals/at_least/at_most, two for between, none for missing.</param>
/// <param name="Note">Why the rule is there, shown with the rule.</param>
public sealed record IcpRule(RuleGroup Group, string Field, RuleOperator Operator, ImmutableArray<TraitValue> Values, string? Note = null)
{
    /// <summary>Line of the rule in icp.yaml (1-based); 0 when built in memory.</summary>
    public int Line { get; init; }

    /// <summary>Where each of <see cref="Values"/> was written in icp.yaml (1-based line and column), in the same order;
    /// empty when built in memory. Like <see cref="Line"/>, not part of equality.</summary>
    public ImmutableArray<(int Line, int Column)> ValuePlaces { get; init; } = [];

    /// <summary>A has-rule on a number band: <c>between: [min, max]</c>, inclusive.</summary>
    public static IcpRule Between(string field, double min, double max, RuleGroup group = RuleGroup.Has) =>
        new(group, field, RuleOperator.Between, [TraitValue.Of(min), TraitValue.Of(max)]);

    /// <summary>A rule on a date range: <c>between: [from, to]</c>, inclusive.</summary>
    public static IcpRule Between(string field, DateOnly from, DateOnly to, RuleGroup group = RuleGroup.Has) =>
        new(group, field, RuleOperator.Between, [TraitValue.Of(from), TraitValue.Of(to)]);

    /// <summary><c>at_least: min</c> on a number field.</summary>
    public static IcpRule AtLeast(string field, double min, RuleGroup group = RuleGroup.Has) =>
        new(group, field, RuleOperator.AtLeast, [TraitValue.Of(min)]);

    /// <summary><c>at_most: max</c> on a number field.</summary>
    public static IcpRule AtMost(string field, double max, RuleGroup group = RuleGroup.Has) =>
        new(group, field, RuleOperator.AtMost, [TraitValue.Of(max)]);

    /// <summary><c>equals: value</c> on a category field.</summary>
    public static IcpRule EqualTo(string field, string value, RuleGroup group = RuleGroup.Has) =>
        new(group, field, RuleOperator.EqualTo, [TraitValue.Of(value)]);

    /// <summary><c>in: [values]</c> on a category field.</summary>
    public static IcpRule In(string field, IEnumerable<string> values, RuleGroup group = RuleGroup.Has) =>
        new(group, field, RuleOperator.In, [.. values.Select(TraitValue.Of)]);

    /// <summary><c>not_in: [values]</c> on a category field.</summary>
    public static IcpRule NotIn(string field, IEnumerable<string> values, RuleGroup group = RuleGroup.Has) =>
        new(group, field, RuleOperator.NotIn, [.. values.Select(TraitValue.Of)]);

    /// <summary><c>contains: member</c> (or any of several) on a list field such as tech_stack.</summary>
    public static IcpRule Contains(string field, IEnumerable<string> anyOf, RuleGroup group = RuleGroup.Has) =>
        new(group, field, RuleOperator.Contains, [.. anyOf.Select(TraitValue.Of)]);

    /// <summary><c>missing: true</c> (or false for <paramref name="missing"/> = false).</summary>
    public static IcpRule IsMissing(string field, bool missing = true, RuleGroup group = RuleGroup.Has) =>
        new(group, field, missing ? RuleOperator.Missing : RuleOperator.Present, []);

    /// <summary>The condition in words, e.g. "employees between 51 and 500", "tech_stack contains snowflake or bigquery".</summary>
    public string Describe() => $"{Field} {Condition()}";

    /// <summary>The condition without the field name, e.g. "between 51 and 500".</summary>
    public string Condition() => Operator switch
    {
        RuleOperator.EqualTo => $"is {Values[0]}",
        RuleOperator.In => $"in [{string.Join(", ", Values)}]",
        RuleOperator.NotIn => $"not in [{string.Join(", ", Values)}]",
        RuleOperator.Between => $"between {Values[0]} and {Values[1]}",
        RuleOperator.AtLeast => $"at least {Values[0]}",
        RuleOperator.AtMost => $"at most {Values[0]}",
        RuleOperator.Contains => $"contains {string.Join(" or ", Values)}",
        RuleOperator.Missing => "is missing",
        RuleOperator.Present => "has a value",
        _ => Operator.ToString(),
    };

    /// <summary>Rules compare by content, not by where they were read.</summary>
    public bool Equals(IcpRule? other) =>
        other is not null && Group == other.Group && Field == other.Field && Operator == other.Operator
        && Note == other.Note && Values.SequenceEqual(other.Values);

    /// <inheritdoc/>
    public override int GetHashCode() =>
        Values.Aggregate(HashCode.Combine(Group, Field, Operator, Note), (h, v) => HashCode.Combine(h, v));

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Group}: {Describe()}");
}
