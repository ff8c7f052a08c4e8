using System.Collections.Immutable;
using IcpKit.Model;

namespace IcpKit.Generation;

/// <summary>One condition of the planted ICP, in words an ICP rule would use.</summary>
/// <param name="Field">Contract trait name (e.g. "employees").</param>
/// <param name="Operator">"between" (inclusive), "contains" (list member), "equals" or "in" (one of several values).</param>
/// <param name="Value">The value, the lower bound for "between", or the values joined by commas for "in".</param>
/// <param name="UpperValue">Upper bound for "between"; null otherwise.</param>
public sealed record PlantedCondition(string Field, string Operator, string Value, string? UpperValue = null)
{
    /// <inheritdoc/>
    public override string ToString() => UpperValue is null ? $"{Field} {Operator} {string.Join(", ", Values)}" : $"{Field} {Operator} {Value} and {UpperValue}";

    /// <summary>The values: several for "in", else the one <see cref="Value"/>.</summary>
    public ImmutableArray<string> Values => Operator == "in" ? [.. Value.Split(',')] : [Value];
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
    /// <summary>The ICP: all conditions together (AND).</summary>
    public required ImmutableArray<PlantedCondition> IcpRule { get; init; }

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

    /// <summary>The truth for the given options (confounders absent when switched off).</summary>
    public static PlantedTruth For(SampleExportOptions options) => new()
    {
        IcpRule =
        [
            new(TraitFields.Employees, "between", "51", "1000"),
            new(TraitFields.TechStack, "contains", "snowflake"),
            new(TraitFields.BusinessModel, "equals", "B2B"),
        ],
        OverTargetedIndustry = options.Confounders ? "fintech" : null,
        NeverTriedIndustry = options.Confounders ? "government" : null,
        NeverWonIndustry = options.Confounders ? "education" : null,
        LiftedSource = options.Confounders ? "warm_intro" : null,
        NeutralExtraTraits = ["funding_stage", "team_size"],
        Funnel = [.. SampleWorld.Funnel],
        ActivationEvents = [SampleWorld.ActivationEvent],
        HighValueEvents = [SampleWorld.HighValueEvent],
    };

    /// <summary>True when the account matches every condition of the planted ICP.</summary>
    public static bool IsIcp(Account account) => IsIcp(account.Employees, account.TechStack, account.BusinessModel);

    internal static bool IsIcp(int? employees, IReadOnlyCollection<string> techStack, string? businessModel) =>
        employees is >= 51 and <= 1000 && techStack.Contains("snowflake") && businessModel == "B2B";
}
