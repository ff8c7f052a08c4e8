using System.Collections.Immutable;
using System.Globalization;

namespace IcpKit.Generation;

/// <summary>What <see cref="HeldOutGenerator"/> writes: which scenario, how many accounts, which seed.</summary>
/// <remarks>The same options write byte-identical files. The history is three years up to <see cref="AsOf"/>.</remarks>
public sealed record HeldOutOptions
{
    /// <summary>The scenario.</summary>
    public ScenarioKind Scenario { get; init; } = ScenarioKind.Planted;

    /// <summary>Accounts in the CRM (all exported).</summary>
    public int Accounts { get; init; } = 3_000;

    /// <summary>Seed of every draw.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Snapshot date, the last day of the three-year history.</summary>
    public DateOnly AsOf { get; init; } = new(2026, 6, 30);

    /// <summary>Write events.csv (activation and a little usage per customer, no planted effect); false leaves usage outcomes not measurable.</summary>
    public bool Events { get; init; } = true;

    /// <summary>False: ICP customers churn like everyone else, whatever the scenario plants in the funnel. A planted world
    /// without its churn effect is the least favourable null of the intersection-union test behind "holds" (one primary
    /// truly better, the other not), where a false "holds" comes closest to alpha.</summary>
    public bool ChurnEffect { get; init; } = true;

    /// <summary>Throws when the options cannot describe a company.</summary>
    public void Validate()
    {
        if (Accounts is < 50 or > 999_999) throw new ArgumentOutOfRangeException(nameof(Accounts), Accounts, "between 50 and 999,999 accounts");
        if (!Enum.IsDefined(Scenario)) throw new ArgumentOutOfRangeException(nameof(Scenario), Scenario, "a defined scenario");
    }
}

/// <summary>What a held-out scenario planted, so calibration runs and held-out checks can score the kit against it.</summary>
/// <param name="Scenario">The scenario.</param>
/// <param name="Seed">Its seed.</param>
/// <param name="IcpRule">The true ICP (all conditions, AND); for <see cref="ScenarioKind.Null"/> the same conditions as planted, with no effect.</param>
/// <param name="IcpAccounts">Exported accounts matching the rule (judged on exported values: a blank never matches).</param>
/// <param name="Accounts">Exported accounts.</param>
/// <param name="OverWorkedIndustry">The industry worked about 4x as often with no better outcomes (confounded only).</param>
/// <param name="LateConversion">Factor on the ICP's conversion from proposal to won, over the accounts' propensities (<see cref="HeldOutGenerator.LateStageFactor"/>).</param>
/// <param name="StageDuration">Factor on the ICP's stage durations (0.65 = 35% shorter).</param>
/// <param name="ChurnHazard">Factor on the ICP's churn hazard.</param>
/// <param name="WonCycleMedianIcp">True median days from creation to close of an ICP won deal (the distribution's, not a sample's).</param>
/// <param name="WonCycleMedianRest">The same for the rest.</param>
public sealed record HeldOutTruth(
    ScenarioKind Scenario, int Seed, ImmutableArray<PlantedCondition> IcpRule, int IcpAccounts, int Accounts, string? OverWorkedIndustry,
    double LateConversion, double StageDuration, double ChurnHazard, double WonCycleMedianIcp, double WonCycleMedianRest)
{
    /// <summary>Share of exported accounts in the true ICP.</summary>
    public double Coverage => Accounts == 0 ? 0 : (double)IcpAccounts / Accounts;

    /// <summary>True when the ICP behaves differently from the rest at all.</summary>
    public bool HasEffect => Scenario != ScenarioKind.Null;

    /// <summary>The truth in <see cref="PlantedTruth"/>'s terms (for <see cref="PlantedTruth.HeldBy"/> and <see cref="PlantedTruth.Matches"/>).</summary>
    public PlantedTruth Planted => new()
    {
        IcpRule = IcpRule, EffectStrength = HasEffect ? 1 : 0, OverTargetedIndustry = OverWorkedIndustry, NeverTriedIndustry = null,
        NeverWonIndustry = null, LiftedSource = null, NeutralExtraTraits = [], Funnel = HeldOutGenerator.Funnel,
        ActivationEvents = ["connect_integration"], HighValueEvents = ["export_dashboard"],
    };

    /// <summary>The true ICP as icp.yaml text (what <see cref="HeldOutGenerator.Write"/> saves as icp.yaml).</summary>
    public string IcpYaml()
    {
        var sb = new System.Text.StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"name: {Scenario.ToString().ToLowerInvariant()} scenario truth (seed {Seed})\n");
        sb.Append("version: 1\ndate: 2026-01-01\nhas:\n");
        foreach (var c in IcpRule)
        {
            sb.Append("  - field: ").Append(c.Field).Append('\n');
            sb.Append(c.Operator switch
            {
                "between" => $"    between: [{c.Value}, {c.UpperValue}]\n",
                "contains" => $"    contains: [{c.Value}]\n",
                "in" => $"    in: [{string.Join(", ", c.AnyOf)}]\n",
                _ => $"    equals: \"{c.Value}\"\n",
            });
        }
        return sb.ToString();
    }
}

/// <summary>What one <see cref="HeldOutGenerator.Write"/> call wrote.</summary>
/// <param name="Folder">The export folder (accounts.csv, deals.csv, events.csv when asked, icpkit.yaml, icp.yaml holding the truth).</param>
/// <param name="Accounts">Rows in accounts.csv.</param>
/// <param name="Deals">Rows in deals.csv.</param>
/// <param name="Truth">What was planted.</param>
public sealed record HeldOutExport(string Folder, int Accounts, int Deals, HeldOutTruth Truth)
{
    /// <summary>The icp.yaml holding the true ICP.</summary>
    public string IcpPath => Path.Combine(Folder, "icp.yaml");
}
