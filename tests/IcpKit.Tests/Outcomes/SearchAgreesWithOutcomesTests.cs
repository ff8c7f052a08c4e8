using IcpKit.Drafting;
using IcpKit.Icp;
using IcpKit.Outcomes;
using IcpKit.Tests.Drafting;

namespace IcpKit.Tests.Outcomes;

/// <summary>
/// The candidate search counts over bit sets for speed; every value it reports must be the outcomes module's value for
/// the same accounts: the candidate's and the rest's win rate, Kaplan-Meier retention at 12 months, median won amount
/// and activation within 30 days, with the same n.
/// </summary>
public sealed class SearchAgreesWithOutcomesTests(DraftSampleFixture sample) : IClassFixture<DraftSampleFixture>
{
    [Fact]
    public void Run_Top40AndSomeOfTheRest_ValuesEqualTheModulesForTheSameAccounts()
    {
        var export = sample.Export;
        var candidates = sample.Result.Candidates;
        // The top 40 and every 50th after them: narrow and broad, one to three conditions.
        var checkedOnes = candidates.Take(40).Concat(candidates.Skip(40).Where((_, i) => i % 50 == 0)).ToList();
        Assert.True(checkedOnes.Count > 60, $"only {checkedOnes.Count} candidates checked");
        foreach (var candidate in checkedOnes)
        {
            var split = IcpSplit.Of(export, candidate.ToIcp("c", 1, export.AsOf));
            Assert.Equal(candidate.Accounts, split.IcpAccounts);
            foreach (var lift in candidate.Lifts)
            {
                var measure = IcpOutcomes.Get(lift.Outcome.Id()).Measure(export, split.Segmentation);
                var inside = measure.ValueOf(IcpSplit.IcpLabel);
                var rest = measure.ValueOf(IcpSplit.NonIcpLabel);
                var where = $"{candidate.Description}, {lift.Outcome}";
                Assert.True(inside?.Estimate.Equals(lift.Value) ?? double.IsNaN(lift.Value), $"{where}: module {inside?.Estimate}, search {lift.Value}");
                Assert.True(rest?.Estimate.Equals(lift.Rest) ?? double.IsNaN(lift.Rest), $"{where}: module rest {rest?.Estimate}, search {lift.Rest}");
                Assert.Equal(inside?.N ?? 0, lift.N);
            }
        }
    }

    [Fact]
    public void Run_Baseline_EqualsTheModulesOverallValues()
    {
        var export = sample.Export;
        var overall = sample.Result.Overall;
        Assert.Equal(IcpOutcomes.Get(IcpOutcomes.WinRate).Measure(export).Overall!.Estimate, overall.WinRate);
        Assert.Equal(IcpOutcomes.Get(IcpOutcomes.Retention).Measure(export).Overall!.Estimate, overall.RetentionRate);
        Assert.Equal(IcpOutcomes.Get(IcpOutcomes.Activation).Measure(export).Overall!.Estimate, overall.ActivationRate);
        Assert.Equal(IcpOutcomes.Get(IcpOutcomes.Acv).Measure(export).Overall!.Estimate, overall.MedianWonAmount);
    }
}
