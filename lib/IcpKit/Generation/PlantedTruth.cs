using System.Collections.Immutable;
using System.Globalization;
using IcpKit.Icp;
using IcpKit.Model;

namespace IcpKit.Generation;

/// <summary>One condition of the planted ICP, in words an ICP rule would use.</summary>
/// <param name="Field">Contract trait name (e.g. "employees") or an extra column the generator writes (funding_stage, team_size).</param>
/// <param name="Operator">"between" (inclusive), "contains" (list member), "equals" or "in" (one of <see cref="AnyOf"/>).</param>
/// <param name="Value">The value, or the lower bound for "between", or the first of <see cref="AnyOf"/> for "in".</param>
/// <param name="UpperValue">Upper bound for "between"; null otherwise.</param>
public sealed record PlantedCondition(string Field, string Operator, string Value, string? UpperValue = null)
{
    /// <summary>The values of an "in" condition; empty otherwise.</summary>
    public ImmutableArray<string> AnyOf { get; init; } = [];

    /// <summary>An "in" condition: the value is one of <paramref name="values"/> (e.g. funding_stage in series_a, series_b).</summary>
    public static PlantedCondition In(string field, params string[] values) => new(field, "in", values[0]) { AnyOf = [.. values] };

    /// <summary>True when an account with these exported values meets the condition; a blank value never does.</summary>
    /// <param name="trait">The account's value of a field, e.g. <see cref="Account.Trait"/>.</param>
    public bool IsMetBy(Func<string, TraitValue> trait)
    {
        ArgumentNullException.ThrowIfNull(trait);
        return (Operator, trait(Field)) switch
        {
            ("between", TraitValue.NumberValue n) => n.Value >= Number(Value) && n.Value <= Number(UpperValue!),
            ("contains", TraitValue.ListValue l) => l.Members.Contains(Value, StringComparer.OrdinalIgnoreCase),
            ("equals", TraitValue.CategoryValue c) => string.Equals(c.Value, Value, StringComparison.OrdinalIgnoreCase),
            ("in", TraitValue.CategoryValue c) => AnyOf.Contains(c.Value, StringComparer.OrdinalIgnoreCase),
            _ => false,
        };
    }

    /// <summary>
    /// True when <paramref name="rule"/> holds this condition: the same field, and one's accounts nested in the other's
    /// (employees between 51 and 200 holds employees between 51 and 1000, and so does at least 51; industry is a holds
    /// industry in [a, b]; tech_stack contains snowflake holds only contains snowflake).
    /// </summary>
    /// <param name="rule">A has-rule, e.g. a suggested candidate's condition.</param>
    public bool IsHeldBy(IcpRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (!string.Equals(rule.Field, Field, StringComparison.OrdinalIgnoreCase) || rule.Group == RuleGroup.DoesntNeed) return false;
        switch (Operator)
        {
            case "between":
                var (lo, hi) = (Number(Value), Number(UpperValue!));
                (double Lo, double Hi)? range = rule.Operator switch
                {
                    RuleOperator.Between => (Num(rule.Values[0]), Num(rule.Values[1])),
                    RuleOperator.AtLeast => (Num(rule.Values[0]), double.PositiveInfinity),
                    RuleOperator.AtMost => (double.NegativeInfinity, Num(rule.Values[0])),
                    _ => null,
                };
                return range is { } r && ((r.Lo >= lo && r.Hi <= hi) || (lo >= r.Lo && hi <= r.Hi));
            case "contains":
                return rule.Operator == RuleOperator.Contains && rule.Values.Length == 1 && Same(rule.Values[0], Value);
            default:
                if (rule.Operator is not (RuleOperator.EqualTo or RuleOperator.In)) return false;
                var planted = Operator == "in" ? AnyOf : [Value];
                var chosen = rule.Values.Select(v => v.ToString()).ToArray();
                bool Within(IEnumerable<string> inner, IEnumerable<string> outer) => inner.All(i => outer.Contains(i, StringComparer.OrdinalIgnoreCase));
                return Within(chosen, planted) || Within(planted, chosen);
        }
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private static double Num(TraitValue v) => v is TraitValue.NumberValue n ? n.Value : double.NaN;

    private static bool Same(TraitValue v, string text) => string.Equals(v.ToString(), text, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override string ToString() => Operator switch
    {
        "in" => $"{Field} in [{string.Join(", ", AnyOf)}]",
        _ => UpperValue is null ? $"{Field} {Operator} {Value}" : $"{Field} {Operator} {Value} and {UpperValue}",
    };
}

/// <summary>
/// What <see cref="SampleExportGenerator"/> planted, so tests of later analyses can assert they find it
/// (and do not find the confounders).
/// </summary>
/// <remarks>
/// The ICP is judged on the exported values: an account whose employees or tech stack is blank in the export
/// is not ICP, even though the simulated company "knew" it.
/// </remarks>
public sealed record PlantedTruth
{
    /// <summary>The sample's ICP (data-samples/): employees between 51 and 1000, tech_stack contains snowflake, business_model equals B2B.</summary>
    public static ImmutableArray<PlantedCondition> SampleIcp { get; } =
    [
        new(TraitFields.Employees, "between", "51", "1000"),
        new(TraitFields.TechStack, "contains", "snowflake"),
        new(TraitFields.BusinessModel, "equals", "B2B"),
    ];

    /// <summary>
    /// An ICP with a multi-value condition on an ordered trait, as real ones have: funding_stage in [series_a, series_b],
    /// tech_stack contains snowflake, business_model equals B2B (about 5% of accounts).
    /// </summary>
    public static ImmutableArray<PlantedCondition> StageIcp { get; } =
    [
        PlantedCondition.In("funding_stage", "series_a", "series_b"),
        new(TraitFields.TechStack, "contains", "snowflake"),
        new(TraitFields.BusinessModel, "equals", "B2B"),
    ];

    /// <summary>The ICP: all conditions together (AND).</summary>
    public required ImmutableArray<PlantedCondition> IcpRule { get; init; }

    /// <summary>How strongly the ICP's outcomes differ from the rest's (<see cref="SampleExportOptions.EffectStrength"/>; 0: not at all).</summary>
    public double EffectStrength { get; init; } = 1.0;

    /// <summary>Industry that was targeted far more (most deals, many customers) but wins and retains like the rest.</summary>
    public required string? OverTargetedIndustry { get; init; }

    /// <summary>Industry present in the CRM that sales never tried: zero deals.</summary>
    public required string? NeverTriedIndustry { get; init; }

    /// <summary>Industry with deals but never a win.</summary>
    public required string? NeverWonIndustry { get; init; }

    /// <summary>Deal source that wins more regardless of fit, without better retention or PMF.</summary>
    public required string? LiftedSource { get; init; }

    /// <summary>Extra account columns with no planted effect (noise traits).</summary>
    public required ImmutableArray<string> NeutralExtraTraits { get; init; }

    /// <summary>The funnel's stage order.</summary>
    public required ImmutableArray<string> Funnel { get; init; }

    /// <summary>Activation event(s).</summary>
    public required ImmutableArray<string> ActivationEvents { get; init; }

    /// <summary>High-value event(s).</summary>
    public required ImmutableArray<string> HighValueEvents { get; init; }

    private static readonly string[] ExtraTraits = ["funding_stage", "team_size"];

    /// <summary>The truth for the given options (confounders absent when switched off).</summary>
    public static PlantedTruth For(SampleExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new()
        {
            IcpRule = options.Icp,
            EffectStrength = options.EffectStrength,
            OverTargetedIndustry = options.Confounders ? "fintech" : null,
            NeverTriedIndustry = options.Confounders ? "government" : null,
            NeverWonIndustry = options.Confounders ? "education" : null,
            LiftedSource = options.Confounders ? "warm_intro" : null,
            NeutralExtraTraits = [.. ExtraTraits.Where(f => !options.Icp.Any(c => c.Field == f))],
            Funnel = [.. SampleWorld.Funnel],
            ActivationEvents = [SampleWorld.ActivationEvent],
            HighValueEvents = [SampleWorld.HighValueEvent],
        };
    }

    /// <summary>True when the account matches every condition of the sample's ICP (<see cref="SampleIcp"/>).</summary>
    public static bool IsIcp(Account account) => IsIcp(account.Employees, account.TechStack, account.BusinessModel);

    internal static bool IsIcp(int? employees, IReadOnlyCollection<string> techStack, string? businessModel) =>
        employees is >= 51 and <= 1000 && techStack.Contains("snowflake") && businessModel == "B2B";

    /// <summary>True when the account meets every planted condition.</summary>
    public bool Matches(Account account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return IcpRule.All(c => c.IsMetBy(account.Trait));
    }

    /// <summary>How many planted conditions the rules hold (<see cref="PlantedCondition.IsHeldBy"/>): 3 of 3 is the ICP found.</summary>
    /// <param name="rules">E.g. a suggested candidate's conditions.</param>
    public int HeldBy(IEnumerable<IcpRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var list = rules.ToArray();
        return IcpRule.Count(c => list.Any(c.IsHeldBy));
    }
}
