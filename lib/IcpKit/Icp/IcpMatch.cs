using System.Collections.Immutable;
using IcpKit.Model;

namespace IcpKit.Icp;

/// <summary>How well an account fits the ICP.</summary>
public enum FitGrade
{
    /// <summary>Meets every rule: in the ICP.</summary>
    A,
    /// <summary>Near miss: fails exactly one "has" or "needs" rule and no exclusion.</summary>
    B,
    /// <summary>Fails two or more rules, no exclusion.</summary>
    C,
    /// <summary>Excluded by a "doesn't need" rule, whatever else it meets.</summary>
    D,
}

/// <summary>Words for a <see cref="FitGrade"/>.</summary>
internal static class FitGrades
{
    /// <summary>"match", "near miss", "no match" or "excluded".</summary>
    internal static string StatusOf(FitGrade grade) => grade switch
    {
        FitGrade.A => "match",
        FitGrade.B => "near miss",
        FitGrade.C => "no match",
        _ => "excluded",
    };
}

/// <summary>One rule an account failed (or, for exclusions, hit), with the account's value and a plain reason.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Value">The account's value for the rule's field (possibly missing).</param>
/// <param name="Reason">E.g. "employees is 30, not between 51 and 500", "no value for region".</param>
public sealed record RuleFinding(IcpRule Rule, TraitValue Value, string Reason)
{
    /// <inheritdoc/>
    public override string ToString() => Reason;
}

/// <summary>The result of checking one account against an ICP.</summary>
/// <param name="AccountId">The account.</param>
/// <param name="FailedRules">"Has" and "needs" rules the account does not meet, in file order.</param>
/// <param name="Exclusions">"Doesn't need" rules the account meets; any one excludes it.</param>
public sealed record IcpMatch(string AccountId, ImmutableArray<RuleFinding> FailedRules, ImmutableArray<RuleFinding> Exclusions)
{
    /// <summary>True when excluded by at least one "doesn't need" rule.</summary>
    public bool Excluded => !Exclusions.IsDefaultOrEmpty;

    /// <summary>The first exclusion rule that hit, or null.</summary>
    public RuleFinding? Exclusion => Excluded ? Exclusions[0] : null;

    /// <summary>In the ICP: every "has" and "needs" rule met, no exclusion.</summary>
    public bool InIcp => !Excluded && FailedRules.IsDefaultOrEmpty;

    /// <summary>Fails exactly one "has" or "needs" rule and no exclusion; <see cref="FailedRules"/> names it.</summary>
    public bool NearMiss => !Excluded && FailedRules.Length == 1;

    /// <summary>A = match, B = near miss, C = fails two or more, D = excluded.</summary>
    public FitGrade Grade => Excluded ? FitGrade.D : FailedRules.Length switch { 0 => FitGrade.A, 1 => FitGrade.B, _ => FitGrade.C };

    /// <summary>"match", "near miss", "no match" or "excluded".</summary>
    public string Status => FitGrades.StatusOf(Grade);

    /// <summary>The reasons, exclusions first: empty for a match.</summary>
    public ImmutableArray<string> Reasons => [.. Exclusions.Select(f => f.Reason), .. FailedRules.Select(f => f.Reason)];

    /// <inheritdoc/>
    public override string ToString() =>
        InIcp ? $"{AccountId}: A (match)" : $"{AccountId}: {Grade} ({Status}: {string.Join("; ", Reasons)})";
}

/// <summary>Decides whether one value meets one rule, and says why not.</summary>
internal static class RuleEvaluator
{
    public static (bool Met, string Reason) Evaluate(IcpRule rule, TraitValue value)
    {
        if (rule.Operator == RuleOperator.Missing)
            return value.IsMissing ? (true, "") : (false, $"{rule.Field} is {value}, expected no value");
        if (value.IsMissing)
            return (false, $"no value for {rule.Field} (needs {rule.Condition()})");
        if (rule.Operator == RuleOperator.Present) return (true, "");

        bool? met = rule.Operator switch
        {
            RuleOperator.EqualTo or RuleOperator.In => Matches(rule.Values, value),
            RuleOperator.NotIn => Matches(rule.Values, value) is { } any ? !any : null,
            RuleOperator.Between => Compare(value, rule.Values[0]) is { } lo && Compare(value, rule.Values[1]) is { } hi ? lo >= 0 && hi <= 0 : null,
            RuleOperator.AtLeast => Compare(value, rule.Values[0]) is { } c ? c >= 0 : null,
            RuleOperator.AtMost => Compare(value, rule.Values[0]) is { } c ? c <= 0 : null,
            RuleOperator.Contains => value is TraitValue.ListValue list
                ? list.Members.Any(m => rule.Values.Any(v => v is TraitValue.CategoryValue c && SameLabel(c.Value, m)))
                : null,
            _ => null,
        };
        return met switch
        {
            true => (true, ""),
            false => (false, $"{rule.Field} is {value}, not {rule.Condition()}"),
            // The account's value has another kind than the rule's: the catalog passed at load time was off.
            null => (false, $"{rule.Field} is {value} ({IcpFields.KindOf(value)?.ToString().ToLowerInvariant()}), which cannot be compared with {rule.Condition()}"),
        };
    }

    /// <summary>Whether the value equals any of the rule's values; null when the kinds differ.</summary>
    private static bool? Matches(ImmutableArray<TraitValue> values, TraitValue value)
    {
        bool? result = null;
        foreach (var v in values)
        {
            bool? eq = (v, value) switch
            {
                (TraitValue.CategoryValue a, TraitValue.CategoryValue b) => SameLabel(a.Value, b.Value),
                (TraitValue.NumberValue a, TraitValue.NumberValue b) => a.Value == b.Value,
                (TraitValue.DateValue a, TraitValue.DateValue b) => a.Value == b.Value,
                _ => null,
            };
            if (eq == true) return true;
            result ??= eq;
        }
        return result;
    }

    /// <summary>Sign of value - bound; null when they are not both numbers or both dates.</summary>
    private static int? Compare(TraitValue value, TraitValue bound) => (value, bound) switch
    {
        (TraitValue.NumberValue a, TraitValue.NumberValue b) => a.Value.CompareTo(b.Value),
        (TraitValue.DateValue a, TraitValue.DateValue b) => a.Value.CompareTo(b.Value),
        _ => null,
    };

    private static bool SameLabel(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}
