using IcpKit.Generation;
using IcpKit.Metrics;
using IcpKit.WinLoss;

namespace IcpKit.Tests.WinLoss;

/// <summary>
/// On generated exports with a planted ICP and planted confounders, the win/loss analyses find what was planted
/// and are not fooled by the confounders. Several seeds, so one lucky draw cannot pass the test.
/// </summary>
public class PlantedWinLossTests(PlantedExports exports) : IClassFixture<PlantedExports>
{
    private const string WarmIntro = "warm_intro";

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ByTraits_PlantedIcpTraits_WinMoreThanTheRest(int seed)
    {
        var (export, _) = exports.For(PlantedExports.Options(seed));
        var byTrait = WinRates.ByTraits(export, WarmIntro);
        // Each ICP condition on its own: B2B and snowflake users win credibly more than the other deals.
        foreach (var (trait, segment) in new[] { ("business_model", "B2B"), ("tech_stack", "snowflake") })
        {
            var row = byTrait[trait][segment];
            Assert.True(row.AdjustedP < 0.05 && row.DifferenceFromRest > 0,
                $"seed {seed}: {trait} = {segment} {row.Won}/{row.Closed}, vs rest {row.DifferenceFromRest:0.000}, adjusted p {row.AdjustedP:0.0000}");
        }
        // The three conditions together: the ICP's win rate is far above the rest.
        var icp = WinRates.By(WinRates.WithoutSources(export.Deals, WarmIntro),
            DealSegmentation.ByAccount(Segmentation.InOrOut("icp", PlantedTruth.IsIcp), export.Accounts))["ICP"];
        Assert.True(icp.AdjustedP < 1e-6 && icp.DifferenceFromRest > 0.15,
            $"seed {seed}: ICP {icp.Won}/{icp.Closed}, vs rest {icp.DifferenceFromRest:0.000}, adjusted p {icp.AdjustedP}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ExclusionList_NeverWonIndustry_IsExcludedAsNeverWon(int seed)
    {
        var (export, truth) = exports.For(PlantedExports.Options(seed));
        var exclusions = ExclusionList.From(WinRates.ByTraits(export, WarmIntro));
        var entry = Assert.Single(exclusions.Excluded, e => e.Trait == "industry" && e.Segment == truth.NeverWonIndustry);
        Assert.Equal(ExclusionVerdict.NeverWon, entry.Verdict);
        Assert.Equal(0, entry.Won);
        Assert.True(entry.Closed >= ExclusionList.DefaultMinClosed, $"seed {seed}: only {entry.Closed} closed deals");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ExclusionList_NeverTriedIndustry_IsNotJudgedNotExcluded(int seed)
    {
        var (export, truth) = exports.For(PlantedExports.Options(seed));
        var byTrait = WinRates.ByTraits(export, WarmIntro);
        var exclusions = ExclusionList.From(byTrait);
        // Government accounts exist but sales never opened a deal: listed apart as "no deals", never as a loss.
        Assert.Equal(0, byTrait["industry"][truth.NeverTriedIndustry!].Deals);
        Assert.Equal(ExclusionVerdict.NoDeals, exclusions.VerdictFor("industry", truth.NeverTriedIndustry!));
        Assert.DoesNotContain(exclusions.Excluded, e => e.Segment == truth.NeverTriedIndustry);
        Assert.Equal("no deals", byTrait["industry"][truth.NeverTriedIndustry!].Status);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void BySource_WarmIntro_WinsMoreThanEveryOtherSource(int seed)
    {
        var (export, truth) = exports.For(PlantedExports.Options(seed));
        var bySource = WinRates.BySource(export.Deals);
        var lifted = bySource[truth.LiftedSource!];
        Assert.True(lifted.AdjustedP < 0.05 && lifted.DifferenceFromRest > 0.1,
            $"seed {seed}: {lifted.Won}/{lifted.Closed}, vs rest {lifted.DifferenceFromRest:0.000}, adjusted p {lifted.AdjustedP}");
        Assert.All(bySource.Segments.Where(s => s.Segment != truth.LiftedSource && s.Closed > 0),
            s => Assert.True(s.Rate!.Estimate < lifted.Rate!.Estimate, $"seed {seed}: {s.Segment} {s.Rate} >= {lifted.Rate}"));
        // The conclusions name it, and say the trait results leave it out.
        var summary = WinLossSummary.From(bySource, WinRates.ByTraits(export, WarmIntro), ExclusionList.From(WinRates.ByTraits(export, WarmIntro)));
        Assert.Contains(summary.Conclusions, c => c.StartsWith($"Deals from {truth.LiftedSource} win more", StringComparison.Ordinal) && c.Contains("leave these deals out", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ByTraits_OverTargetedIndustry_HasMostDealsButDoesNotWinMore(int seed)
    {
        var (export, truth) = exports.For(PlantedExports.Options(seed));
        var industry = WinRates.ByTraits(export, WarmIntro)["industry"];
        var fintech = industry[truth.OverTargetedIndustry!];
        Assert.Equal(fintech.Closed, industry.Segments.Max(s => s.Closed));
        Assert.False(fintech.AdjustedP < 0.05 && fintech.DifferenceFromRest > 0,
            $"seed {seed}: {fintech.Won}/{fintech.Closed} flagged as winning more (adjusted p {fintech.AdjustedP})");
        var summary = WinLossSummary.From(WinRates.BySource(export.Deals), WinRates.ByTraits(export, WarmIntro),
            ExclusionList.From(WinRates.ByTraits(export, WarmIntro)));
        Assert.DoesNotContain(summary.Wins, w => w.Trait == "industry" && w.Segment == truth.OverTargetedIndustry);
        Assert.Contains(summary.Conclusions, c => c.StartsWith($"industry = {truth.OverTargetedIndustry} has by far the most deals", StringComparison.Ordinal));
    }

    [Fact]
    public void ByTraits_CustomerOnlyTraits_AreLeftOut()
    {
        // plan, mrr and seats are filled in only for customers: every deal of an account without them was lost.
        var (export, _) = exports.For(PlantedExports.Options(1));
        var byTrait = WinRates.ByTraits(export);
        Assert.Equal(["mrr", "plan", "seats"], byTrait.CustomerOnlyTraits.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(byTrait.Tables, table => table.By is "plan" or "mrr" or "seats");
        Assert.Contains(byTrait.Tables, table => table.By == "industry");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void WinRates_OpenDeals_AreNeverCountedAsLosses(int seed)
    {
        var (export, _) = exports.For(PlantedExports.Options(seed));
        var open = export.Deals.Count(d => !d.IsClosed);
        Assert.True(open > 0, $"seed {seed}: the generator made no open deals");
        var industry = WinRates.By(export, "industry");
        Assert.Equal(export.Deals.Count(d => d.Outcome == IcpKit.Model.DealOutcome.Lost), industry.Segments.Sum(s => s.Lost));
        Assert.Equal(open, industry.Segments.Sum(s => s.Open));
        Assert.Equal(open, industry.OpenDeals);
        Assert.Equal(export.Deals.Count(d => d.IsClosed), industry.ClosedDeals);
        // Dropping the open deals changes nothing in any rate.
        var closedOnly = WinRates.By(export, "industry", export.Deals.Where(d => d.IsClosed));
        Assert.Equal(industry.Segments.Select(s => s.Rate?.Estimate), closedOnly.Segments.Select(s => s.Rate?.Estimate));
        Assert.Equal(industry.Segments.Select(s => s.AdjustedP), closedOnly.Segments.Select(s => s.AdjustedP));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Funnel_OnGeneratedExport_CountsAddUp(int seed)
    {
        var (export, _) = exports.For(PlantedExports.Options(seed));
        var funnel = Funnel.By(export, "industry");
        var deals = export.Deals;
        Assert.Equal(deals.Count(d => d.IsClosed), funnel.All.Closed + funnel.All.UnknownStageClosed);
        Assert.Equal(deals.Count(d => !d.IsClosed), funnel.All.Open);
        Assert.Equal(deals.Count(d => d.Outcome == IcpKit.Model.DealOutcome.Won), funnel.All.Won);
        foreach (var s in funnel.Segments.Append(funnel.All))
        {
            // Every closed deal leaves the funnel exactly once: lost at one stage, or won.
            Assert.Equal(s.Closed, s.Lost + s.Won);
            // Reaching a stage is monotone: no stage is reached by more deals than the one before it.
            for (int i = 1; i < s.Reached.Length; i++) Assert.True(s.Reached[i] <= s.Reached[i - 1], $"seed {seed}: {s.Segment} stage {i}");
        }
        // Segments partition the deals (industry is single-valued), so their counts sum to the whole.
        Assert.Equal(funnel.All.Closed, funnel.Segments.Sum(s => s.Closed));
        Assert.Equal(funnel.All.Open, funnel.Segments.Sum(s => s.Open));
    }

    [Fact]
    public void ByTraits_NoPlantedEffects_FindsNoIcpTraitWinning()
    {
        // Effect strength 0 and no confounders: whatever wins is noise, and BH keeps the ICP traits from being called.
        var (export, _) = exports.For(PlantedExports.Options(7, effectStrength: 0, confounders: false));
        var byTrait = WinRates.ByTraits(export);
        foreach (var (trait, segment) in new[] { ("business_model", "B2B"), ("tech_stack", "snowflake") })
            Assert.False(byTrait[trait][segment].AdjustedP < 0.05 && byTrait[trait][segment].DifferenceFromRest > 0,
                $"seed 7: {trait} = {segment} flagged with adjusted p {byTrait[trait][segment].AdjustedP}");
    }
}
