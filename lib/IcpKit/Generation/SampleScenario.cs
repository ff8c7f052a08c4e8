using System.Collections.Immutable;
using System.Globalization;

namespace IcpKit.Generation;

/// <summary>The kinds of world the kit is calibrated on: what a correct analysis should find in each is known.</summary>
public enum ScenarioKind
{
    /// <summary>A planted ICP of three conditions with strong effects on every outcome; no confounders.</summary>
    Planted,
    /// <summary>Nothing has any effect (the planted conditions are only labels); no confounders.</summary>
    Null,
    /// <summary>One common condition (business_model B2B, about 58% of accounts) with effects too small to matter (win rate about ×1.1).</summary>
    Broad,
    /// <summary>Planted, plus the confounders: an over-targeted industry (about twice the accounts, nearly all of them worked, more deals each) with no better outcomes, a never-won and a never-tried industry, a source that wins regardless of fit.</summary>
    Confounded,
}

/// <summary>One seeded world of a scenario: the generator's options and what was planted.</summary>
/// <param name="Kind">The scenario.</param>
/// <param name="Options">The generator's options (seed, size, ICP, effect strength, confounders).</param>
public sealed record SampleScenario(ScenarioKind Kind, SampleExportOptions Options)
{
    /// <summary>Accounts per world unless told otherwise: as many as the held-out check the kit was first measured on.</summary>
    public const int DefaultAccounts = 3_000;

    /// <summary>
    /// Effect strength of <see cref="ScenarioKind.Broad"/>: the ICP's win odds rise by 2.4 × 0.045 on the logit scale, from
    /// 15.4% to about 16.9% (×1.1), and its monthly churn falls from 3% to 2.9%.
    /// </summary>
    public const double BroadEffectStrength = 0.045;

    /// <summary>What was planted.</summary>
    public PlantedTruth Truth => PlantedTruth.For(Options);

    /// <summary>True when the scenario plants an ICP worth finding (planted and confounded).</summary>
    public bool HasIcp => Kind is ScenarioKind.Planted or ScenarioKind.Confounded;

    /// <summary>
    /// A world of the scenario. Planted and confounded worlds plant <paramref name="icp"/> (default
    /// <see cref="PlantedTruth.StageIcp"/>, whose funding_stage in [series_a, series_b] only a multi-value condition
    /// finds); the null world plants nothing; the broad world plants business_model equals B2B at
    /// <see cref="BroadEffectStrength"/>.
    /// </summary>
    /// <param name="kind">The scenario.</param>
    /// <param name="seed">The world's seed.</param>
    /// <param name="accounts">Accounts in the CRM.</param>
    /// <param name="icp">The planted ICP of planted and confounded worlds (and the labels of null ones).</param>
    /// <param name="eventsPerAccount">Product events per account (activation needs some; fewer is faster).</param>
    public static SampleScenario Of(ScenarioKind kind, int seed, int accounts = DefaultAccounts,
        ImmutableArray<PlantedCondition>? icp = null, double eventsPerAccount = 20)
    {
        var planted = icp ?? PlantedTruth.StageIcp;
        var options = new SampleExportOptions
        {
            Accounts = accounts, Seed = seed, EventsPerAccount = eventsPerAccount, Icp = planted,
            Confounders = kind == ScenarioKind.Confounded,
            EffectStrength = kind switch { ScenarioKind.Null => 0, ScenarioKind.Broad => BroadEffectStrength, _ => 1 },
        };
        if (kind == ScenarioKind.Broad) options = options with { Icp = [new(Model.TraitFields.BusinessModel, "equals", "B2B")] };
        options.Validate();
        return new SampleScenario(kind, options);
    }

    /// <summary>Writes the world's export into <paramref name="folder"/>.</summary>
    public GeneratedExport Generate(string folder) => new SampleExportGenerator(Options).Generate(folder);

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Kind.ToString().ToLowerInvariant()} seed {Options.Seed}, {Options.Accounts:N0} accounts, ICP {string.Join(" and ", Options.Icp)}");
}
