using IcpKit.Customers;
using IcpKit.Generation;
using IcpKit.Metrics;
using IcpKit.Model;
using IcpKit.Tests.Generation;

namespace IcpKit.Tests.Customers;

/// <summary>Known answers on a generated export: the planted ICP traits stand out, the confounders are flagged.</summary>
public sealed class PlantedTruthTests(GeneratedCustomers data) : IClassFixture<GeneratedCustomers>
{
    private static string Seed => $"(generated export, seed {GeneratedCustomers.Seed})";

    [Fact]
    public void Findings_PlantedIcpTraits_StandOutAmongTopRanks()
    {
        // Each planted condition alone lifts only a little (the ICP is their AND), so we ask that each appears among
        // the stand-out values (whole lift interval above 1) and within the five most robust of them.
        var lift = TraitLift.AmongCustomers(data.Export);
        var findings = CustomerFindings.From(lift, HistoricBias.AcrossTraits(data.Export));
        var top = findings.StandOut.Take(5).Select(s => s.Lift).ToArray();
        var labels = string.Join(", ", top.Select(r => r.Label));
        Assert.True(top.Any(r => r is { Trait: TraitFields.TechStack, Value: "snowflake" }), $"snowflake not in top 5 {Seed}: {labels}");
        Assert.True(top.Any(r => r is { Trait: TraitFields.BusinessModel, Value: "B2B" }), $"B2B not in top 5 {Seed}: {labels}");
        Assert.True(top.Any(r => r is { Trait: TraitFields.Employees, Value: "51-200" or "201-1000" }), $"no 51-1000 employee band in top 5 {Seed}: {labels}");
    }

    [Fact]
    public void AmongCustomers_Snowflake_SurvivesAdjustment()
    {
        // The strongest single planted trait is significant after BH over every value scanned.
        var row = TraitLift.AmongCustomers(data.Export).Find(TraitFields.TechStack, "snowflake")!;
        Assert.True(row.IsSignificant(), $"snowflake adjusted p = {row.AdjustedPValue} {Seed}");
    }

    [Fact]
    public void HistoricBias_OverTargetedIndustry_FlaggedAsExposureBias()
    {
        var bias = HistoricBias.By(data.Export, Segmentation.ByTrait(data.Export.Traits[TraitFields.Industry]));
        var row = bias.Find(TraitFields.Industry, data.Truth.OverTargetedIndustry!)!;
        Assert.Equal(BiasVerdict.ExposureBias, row.Verdict);
        Assert.Contains("exposure bias", row.Finding, StringComparison.Ordinal);
        // Only the planted industry is flagged so.
        Assert.Single(bias.Rows, r => r.Verdict == BiasVerdict.ExposureBias);
    }

    [Fact]
    public void HistoricBias_NeverTriedAndNeverWonIndustries_Flagged()
    {
        var bias = HistoricBias.By(data.Export, Segmentation.ByTrait(data.Export.Traits[TraitFields.Industry]));
        Assert.Equal(BiasVerdict.NeverTried, bias.Find(TraitFields.Industry, data.Truth.NeverTriedIndustry!)!.Verdict);
        Assert.Contains("no conclusion possible", bias.Find(TraitFields.Industry, data.Truth.NeverTriedIndustry!)!.Finding, StringComparison.Ordinal);
        Assert.Equal(BiasVerdict.NeverWon, bias.Find(TraitFields.Industry, data.Truth.NeverWonIndustry!)!.Verdict);
    }

    [Fact]
    public void AcrossTraits_NeutralExtraTraits_NotFlaggedAsExposureBias()
    {
        var flagged = HistoricBias.AcrossTraits(data.Export).Flagged;
        Assert.DoesNotContain(flagged, r => data.Truth.NeutralExtraTraits.Contains(r.Trait));
    }

    [Fact]
    public void Findings_MentionExposureBiasAndNeverTriedInPlainWords()
    {
        var findings = CustomerFindings.From(TraitLift.AmongCustomers(data.Export), HistoricBias.AcrossTraits(data.Export));
        Assert.Contains(findings.Suggestions, s => s.Contains(data.Truth.OverTargetedIndustry!, StringComparison.Ordinal) && s.Contains("win rate", StringComparison.Ordinal));
        Assert.Contains(findings.Suggestions, s => s.Contains(data.Truth.NeverTriedIndustry!, StringComparison.Ordinal) && s.Contains("never tried", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void StayAndActivate_Snowflake_RetainsAndActivatesBetterThanTheRest()
    {
        // ICP customers churn less and activate more; snowflake carries part of that.
        var row = StayAndActivate.Scan(data.Export).Find(TraitFields.TechStack, "snowflake")!;
        Assert.True(row.Retention.Survival > row.RestRetention, $"retention {row.Retention.Survival} vs {row.RestRetention} {Seed}");
        Assert.True(row.Activation!.Estimate > row.RestActivation, $"activation {row.Activation.Estimate} vs {row.RestActivation} {Seed}");
    }

    [Fact]
    public void StayAndActivate_SnowflakeActivation_IsTheKitsThirtyDayDefinition()
    {
        // Oracle by hand: first activation at most 30 days after customer_since (a trial before it counts), among
        // customers followed at least 30 days by as_of; the scan must not use a second ("ever activated") definition.
        var export = data.Export;
        var eligible = export.Accounts.Where(a => a.IsCustomer && a.CustomerSince!.Value.AddDays(30) <= export.AsOf
            && a.TechStack.Contains("snowflake")).ToArray();
        var activated = eligible.Count(a => export.Usage.GetValueOrDefault(a.AccountId)?.FirstActivationAt is { } at
            && DateOnly.FromDateTime(at) <= a.CustomerSince!.Value.AddDays(30));
        var row = StayAndActivate.Scan(export).Find(TraitFields.TechStack, "snowflake")!;
        Assert.Equal(eligible.Length, row.Activation!.N);
        Assert.Equal(activated, row.Activation.Successes);
    }

    [Fact]
    public void HistoricBias_NoConfounders_NothingFlaggedAsExposureBias()
    {
        // Control: the same world without the over-targeted industry has no exposure bias to find.
        using var dir = new TempDir();
        new SampleExportGenerator(new SampleExportOptions { Accounts = 2000, Seed = GeneratedCustomers.Seed, EventsPerAccount = 5, Confounders = false }).Generate(dir.Path);
        var export = IcpKit.Loading.Export.Load(dir.Path);
        Assert.DoesNotContain(HistoricBias.AcrossTraits(export).Rows, r => r.Verdict == BiasVerdict.ExposureBias);
    }
}
