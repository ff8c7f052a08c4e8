using IcpKit.Drafting;
using IcpKit.Generation;
using IcpKit.Icp;
using IcpKit.Model;
using IcpKit.Outcomes;
using IcpKit.Tests.Generation;
using static IcpKit.Tests.Architecture.SummaryFrame;

namespace IcpKit.Tests.Drafting;

/// <summary>The summary card on data-samples/2026Q3 with its reviewed icp.yaml (the planted ICP without education).</summary>
public sealed class IcpSummaryCardTests(DraftSampleFixture sample) : IClassFixture<DraftSampleFixture>
{
    private IcpDefinition Reviewed() => IcpDefinition.Load(Path.Combine(DataSamplesTests.RepoRoot(), "data-samples", "2026Q3", "icp.yaml"),
        IcpFields.Catalog(sample.Export.Accounts, sample.Export.Usage.Values));

    private bool InIcp(IcpDefinition icp, Account a) => icp.Match(a, sample.Export.Usage.GetValueOrDefault(a.AccountId) ?? IcpFields.NoUsage(a.AccountId)).InIcp;

    private static CardOutcome Outcome(IcpSummaryCard card, string id) => card.Outcomes.Single(o => o.Id == id);

    [Fact]
    public void For_PlantedIcp_WinsRetainsAndActivatesBetterThanTheRest()
    {
        // The generator plants higher win rates, less churn and more activation inside the ICP.
        var card = IcpSummaryCard.For(Reviewed(), sample.Export);
        foreach (var name in new[] { IcpOutcomes.WinRate, IcpOutcomes.Retention, IcpOutcomes.Activation })
        {
            var o = Outcome(card, name);
            Assert.True(o.Icp > o.Rest, $"{o.Outcome}: ICP {o.Icp} vs rest {o.Rest}");
        }
    }

    [Fact]
    public void For_Retention_IsTheProductLimitEstimateAtOneYearOnTheIcpCustomers()
    {
        // Oracle written out here, not the survival engine: Kaplan-Meier's product over the days up to 365 on which ICP
        // customers churned, of (1 - churned that day / customers still followed that day); a customer still there is
        // followed up to as_of.
        var icp = Reviewed();
        var export = sample.Export;
        var customers = export.Accounts.Where(a => a.CustomerSince is { } s && s <= export.AsOf && InIcp(icp, a))
            .Select(a => (Days: ((a.ChurnedOn is { } c && c <= export.AsOf ? c : export.AsOf).DayNumber - a.CustomerSince!.Value.DayNumber),
                Churned: a.ChurnedOn is { } ch && ch <= export.AsOf))
            .ToArray();
        var expected = 1.0;
        foreach (var day in customers.Where(c => c.Churned && c.Days <= 365).Select(c => c.Days).Distinct().Order())
        {
            var atRisk = customers.Count(c => c.Days >= day);
            var churned = customers.Count(c => c.Churned && c.Days == day);
            expected *= 1 - (double)churned / atRisk;
        }
        var o = Outcome(IcpSummaryCard.For(icp, export), IcpOutcomes.Retention);
        Assert.Equal(expected, o.Icp, 12);
        Assert.Equal(customers.Length, o.IcpN);

        // The card's Summary carries the same figure, after the coverage row.
        var card = IcpSummaryCard.For(icp, export);
        var summary = card.Summary;
        Assert.Equal(["outcome", "label", "icp", "rest", "n_icp", "n_rest", "is_rate"], Columns(summary));
        Assert.Equal("coverage", Cell(summary, "outcome"));
        var inIcp = export.Accounts.Count(a => InIcp(icp, a));
        Assert.Equal((double)inIcp / export.Accounts.Length, Number(summary, "icp"), 12);
        Assert.Equal(inIcp, Cell(summary, "n_icp"));
        var row = 1 + card.Outcomes.IndexOf(o);
        Assert.Equal(IcpOutcomes.Retention, Cell(summary, "outcome", row));
        Assert.Equal(expected, Number(summary, "icp", row), 12);
        Assert.Equal(customers.Length, Cell(summary, "n_icp", row));
        // Not a degenerate case: some ICP customers churned within the year, so the estimate is strictly below 1.
        Assert.InRange(expected, 0.5, 0.999);
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
        var o = Outcome(IcpSummaryCard.For(icp, export), IcpOutcomes.Activation);
        Assert.Equal(eligible.Length, o.IcpN);
        Assert.Equal((double)activated / eligible.Length, o.Icp, 12);
    }
}
