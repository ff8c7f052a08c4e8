using System.Collections.Immutable;
using System.Globalization;

namespace IcpKit.Generation;

/// <summary>What <see cref="SampleExportGenerator"/> writes: the size of the company, its seed and its planted effects.</summary>
/// <remarks>
/// The simulated company lives from <see cref="Start"/> for <see cref="Years"/> years; the export is a snapshot
/// taken at <see cref="AsOf"/> (by default the last day of that span). Two snapshots with the same seed and
/// start are the same company at two dates: e.g. as_of 2026-06-30 and 2026-09-30 give a quarter-over-quarter pair.
/// </remarks>
public sealed record SampleExportOptions
{
    /// <summary>Accounts in the simulated company's CRM (prospects and customers).</summary>
    public int Accounts { get; init; } = 2_000;

    /// <summary>Seed of every random draw: the same options write byte-identical files.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>First day of the simulated history.</summary>
    public DateOnly Start { get; init; } = new(2023, 10, 1);

    /// <summary>Length of the simulated history in years.</summary>
    public int Years { get; init; } = 3;

    /// <summary>Snapshot date; null means the last day of the history (<see cref="Start"/> + <see cref="Years"/> - 1 day).</summary>
    public DateOnly? AsOf { get; init; }

    /// <summary>Average product events per account (all accounts, not only customers); ignored when <see cref="Events"/> is set.</summary>
    public double EventsPerAccount { get; init; } = 100;

    /// <summary>Exact number of events to write; null means <see cref="Accounts"/> x <see cref="EventsPerAccount"/>.</summary>
    public long? Events { get; init; }

    /// <summary>
    /// Scales every planted ICP effect: 1 is the documented strength, 0 makes ICP accounts behave like the rest
    /// (a null world for testing false positives).
    /// </summary>
    public double EffectStrength { get; init; } = 1.0;

    /// <summary>
    /// The planted ICP: every condition together. Default <see cref="PlantedTruth.SampleIcp"/> (the sample's); a condition
    /// may name employees, industry, country, region, business_model, tech_stack, acquisition_channel, funding_stage or team_size.
    /// </summary>
    public ImmutableArray<PlantedCondition> Icp { get; init; } = PlantedTruth.SampleIcp;

    /// <summary>Plant the confounders (over-targeted industry, never-tried and never-won segments, warm-intro lift).</summary>
    public bool Confounders { get; init; } = true;

    /// <summary>Also write the optional value files, spend.csv and mrr_history.csv (their own seeded streams: the other files do not change).</summary>
    public bool ValueFiles { get; init; } = true;

    /// <summary>The snapshot date actually used.</summary>
    public DateOnly EffectiveAsOf => AsOf ?? Start.AddYears(Years).AddDays(-1);

    /// <summary>Total events the export will hold.</summary>
    public long EffectiveEvents => Events ?? (long)Math.Round(Accounts * EventsPerAccount, MidpointRounding.AwayFromZero);

    /// <summary>Throws when the options cannot describe a company.</summary>
    public void Validate()
    {
        if (Accounts is < 1 or > 999_999) throw new ArgumentOutOfRangeException(nameof(Accounts), Accounts, "between 1 and 999,999 accounts");
        if (Years < 1) throw new ArgumentOutOfRangeException(nameof(Years), Years, "at least one year");
        if (EffectiveEvents < 0) throw new ArgumentOutOfRangeException(nameof(Events), EffectiveEvents, "zero or more events");
        if (EffectStrength < 0) throw new ArgumentOutOfRangeException(nameof(EffectStrength), EffectStrength, "zero or more");
        if (Icp.IsDefaultOrEmpty) throw new ArgumentOutOfRangeException(nameof(Icp), "the planted ICP needs at least one condition");
        foreach (var c in Icp)
        {
            if (!SampleWorld.TraitFields.Contains(c.Field) || c.Operator is not ("between" or "contains" or "equals" or "in"))
                throw new ArgumentOutOfRangeException(nameof(Icp), c.ToString(),
                    $"a planted condition is between, contains, equals or in on one of {string.Join(", ", SampleWorld.TraitFields)}");
        }
        if (EffectiveAsOf < Start || EffectiveAsOf >= Start.AddYears(Years))
            throw new ArgumentOutOfRangeException(nameof(AsOf), string.Create(CultureInfo.InvariantCulture,
                $"as_of {EffectiveAsOf:yyyy-MM-dd} is outside the history {Start:yyyy-MM-dd} .. {Start.AddYears(Years).AddDays(-1):yyyy-MM-dd}"));
    }
}
