using IcpKit.Drafting;
using IcpKit.Generation;
using IcpKit.Icp;
using IcpKit.Model;
using IcpKit.Statistics.Survival;
using IcpKit.Tests.Generation;

namespace IcpKit.Tests.Drafting;

/// <summary>The summary card on data-samples/2026Q3 with its reviewed icp.yaml (the planted ICP without education).</summary>
public sealed class IcpSummaryCardTests(DraftSampleFixture sample) : IClassFixture<DraftSampleFixture>
{
    private IcpDefinition Reviewed() => IcpDefinition.Load(Path.Combine(DataSamplesTests.RepoRoot(), "data-samples", "2026Q3", "icp.yaml"),
        IcpFields.Catalog(sample.Export.Accounts, sample.Export.Usage.Values));

    private bool InIcp(IcpDefinition icp, Account a) => icp.Match(a, sample.Export.Usage.GetValueOrDefault(a.AccountId) ?? IcpFields.NoUsage(a.AccountId)).InIcp;

    private static CardOutcome Outcome(IcpSummaryCard card, string startsWith) => card.Outcomes.Single(o => o.Outcome.StartsWith(startsWith, StringComparison.Ordinal));

    [Fact]
    public void For_PlantedIcp_WinsRetainsAndActivatesBetterThanTheRest()
    {
        // The generator plants higher win rates, less churn and more activation inside the ICP.
        var card = IcpSummaryCard.For(Reviewed(), sample.Export);
        foreach (var name in new[] { "win rate", "365-day logo retention", "activation within 30 days" })
        {
            var o = Outcome(card, name);
            Assert.True(o.Icp > o.Rest, $"{o.Outcome}: ICP {o.Icp} vs rest {o.Rest}");
        }
    }

    [Fact]
    public void For_Retention_MatchesKaplanMeierFitOnTheIcpCustomers()
    {
        // Oracle: the survival engine fitted directly on the ICP's customers (churn the event, censored at as_of).
        var icp = Reviewed();
        var export = sample.Export;
        var customers = export.Accounts.Where(a => a.CustomerSince is { } s && s <= export.AsOf && InIcp(icp, a)).ToArray();
        var data = SurvivalData.FromDates(customers, a => a.CustomerSince!.Value, a => a.ChurnedOn, export.AsOf);
        var expected = KaplanMeier.Fit(data).SurvivalAt(365);
        var o = Outcome(IcpSummaryCard.For(icp, export), "365-day logo retention");
        Assert.Equal(expected, o.Icp, 12);
        Assert.Equal(customers.Length, o.IcpN);
    }

    [Fact]
    public void For_Activation_CountsOnlyCustomersFollowedThirtyDays()
    {
        // Oracle by hand: the kit's one definition (first activation at most 30 days after customer_since, a trial
        // activation before it counts; customers started less than 30 days before as_of are not in n).
        var icp = Reviewed();
        var export = sample.Export;
        var eligible = export.Accounts.Where(a => a.CustomerSince is { } s && s.AddDays(30) <= export.AsOf && InIcp(icp, a)).ToArray();
        var activated = eligible.Count(a => export.Usage.GetValueOrDefault(a.AccountId)?.FirstActivationAt is { } at
            && DateOnly.FromDateTime(at) <= a.CustomerSince!.Value.AddDays(30));
        var o = Outcome(IcpSummaryCard.For(icp, export), "activation within 30 days");
        Assert.Equal(eligible.Length, o.IcpN);
        Assert.Equal((double)activated / eligible.Length, o.Icp, 12);
    }
}
