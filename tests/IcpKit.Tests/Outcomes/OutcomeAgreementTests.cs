using System.Text.Json;
using IcpKit.Drafting;
using IcpKit.Icp;
using IcpKit.Outcomes;
using IcpKit.PutToWork;
using IcpKit.Testing;
using IcpKit.Tests.Drafting;

namespace IcpKit.Tests.Outcomes;

/// <summary>
/// One definition per outcome: for the same export and ICP, every outcome's ICP and non-ICP value is the same in the
/// summary card (notebook 03), the ICP test's result (notebook 04), <c>icpkit suggest --json</c>, <c>icpkit test
/// --json</c> and summary.json. The JSON files hold numbers rounded to 6 decimals, so they are compared rounded.
/// </summary>
public sealed class OutcomeAgreementTests(DraftSampleFixture sample) : IClassFixture<DraftSampleFixture>
{
    // The outcomes the card, the search and summary.json share with the test.
    private static readonly string[] Shared = [IcpOutcomes.WinRate, IcpOutcomes.Retention, IcpOutcomes.Acv, IcpOutcomes.Activation];

    private static double R(double v) => Math.Round(v, 6);

    private static JsonElement Outcome(JsonElement array, string property, string id) =>
        array.EnumerateArray().Single(o => o.GetProperty(property).GetString() == id);

    private static double Number(JsonElement e, string name) => e.GetProperty(name).GetDouble();

    [Fact]
    public void TopCandidate_EveryOutcome_SameInCardTestSuggestJsonTestJsonAndSummaryJson()
    {
        var export = sample.Export;
        var candidate = sample.Result.Best!;
        var icp = candidate.ToIcp("top candidate", 1, new DateOnly(2026, 10, 1));

        var card = IcpSummaryCard.For(icp, export);
        var test = IcpTest.Run(export, icp);
        var suggestJson = JsonDocument.Parse(sample.Result.ToJson(1)).RootElement.GetProperty("top")[0];
        var testJson = JsonDocument.Parse(test.ToJson()).RootElement.GetProperty("outcomes");
        var summaryJson = JsonDocument.Parse(QuarterSummary.Build(export, icp).ToJson()).RootElement.GetProperty("outcomes");

        Assert.Equal(candidate.Accounts, card.Accounts);
        Assert.Equal(candidate.Accounts, test.IcpAccounts);
        foreach (var id in Shared)
        {
            var onCard = card.Outcomes.Single(o => o.Id == id);
            var inTest = test[id];
            var lift = candidate.Lifts.Single(l => l.Outcome.Id() == id);
            // In memory: card, test and search carry the very same doubles.
            Assert.Equal(onCard.Icp, inTest.IcpEstimate);
            Assert.Equal(onCard.Rest, inTest.NonIcpEstimate);
            Assert.Equal(onCard.Icp, lift.Value);
            Assert.Equal(onCard.Rest, lift.Rest);
            Assert.Equal(onCard.IcpN, inTest.NIcp);
            Assert.Equal(onCard.RestN, inTest.NNonIcp);
            Assert.Equal(onCard.IcpN, lift.N);
            // In the JSON the commands print.
            var suggest = suggestJson.GetProperty(id);
            Assert.Equal(R(onCard.Icp), Number(suggest, "value"));
            Assert.Equal(R(onCard.Rest), Number(suggest, "rest"));
            var tested = Outcome(testJson, "id", id);
            Assert.Equal(R(onCard.Icp), Number(tested, "icp_value"));
            Assert.Equal(R(onCard.Rest), Number(tested, "non_icp_value"));
            Assert.Equal(R(onCard.Icp), Number(Outcome(summaryJson, "name", id + "_icp"), "value"));
            Assert.Equal(R(onCard.Rest), Number(Outcome(summaryJson, "name", id + "_non_icp"), "value"));
            Assert.Equal(onCard.IcpN, Outcome(summaryJson, "name", id + "_icp").GetProperty("n").GetInt32());
        }
    }

    [Fact]
    public void ReviewedIcp_EveryOutcome_SameInCardTestAndSummaryJson()
    {
        // The reviewed icp.yaml has an exclusion, so it is no search candidate; the other places still agree.
        var export = sample.Export;
        var icp = IcpDefinition.Load(Path.Combine(Generation.DataSamplesTests.RepoRoot(), "data-samples", "2026Q3", "icp.yaml"), IcpTest.FieldsOf(export));
        var card = IcpSummaryCard.For(icp, export);
        var test = IcpTest.Run(export, icp);
        var summary = QuarterSummary.Build(export, icp);
        Assert.Equal(Shared, card.Outcomes.Select(o => o.Id));
        foreach (var o in card.Outcomes)
        {
            Assert.Equal(o.Icp, test[o.Id].IcpEstimate);
            Assert.Equal(o.Rest, test[o.Id].NonIcpEstimate);
            Assert.Equal(R(o.Icp), summary.Outcome(o.Id + "_icp")!.Value);
            Assert.Equal(R(o.Rest), summary.Outcome(o.Id + "_non_icp")!.Value);
        }
        Assert.Equal(card.Accounts, test.IcpAccounts);
        Assert.Equal(card.Accounts, summary.Coverage!.IcpAccounts);
    }

    // The value outcomes (registered secondary outcomes, not on the card): the ICP test, icpkit test --json and summary.json
    // show the same lifetime value, CAC payback and net revenue retention for the same ICP.
    [Theory]
    [InlineData(IcpOutcomes.LifetimeValue)]
    [InlineData(IcpOutcomes.CacPayback)]
    [InlineData(IcpOutcomes.NetRevenueRetention)]
    public void ReviewedIcp_ValueOutcome_SameInTestTestJsonAndSummaryJson(string id)
    {
        var export = sample.Export;
        var icp = IcpDefinition.Load(Path.Combine(Generation.DataSamplesTests.RepoRoot(), "data-samples", "2026Q3", "icp.yaml"), IcpTest.FieldsOf(export));
        var test = IcpTest.Run(export, icp);
        var tested = Outcome(JsonDocument.Parse(test.ToJson()).RootElement.GetProperty("outcomes"), "id", id);
        var summary = QuarterSummary.Build(export, icp);
        var measured = IcpOutcomes.Get(id).Measure(export, IcpSplit.Of(export, icp).Segmentation).ValueOf(IcpSplit.IcpLabel)!;

        Assert.False(test[id].Primary);
        Assert.True(double.IsFinite(test[id].IcpEstimate) && double.IsFinite(test[id].NonIcpEstimate), id);
        Assert.Equal(measured.Estimate, test[id].IcpEstimate);
        Assert.Equal(measured.N, test[id].NIcp);
        Assert.Equal(R(test[id].IcpEstimate), Number(tested, "icp_value"));
        Assert.Equal(R(test[id].NonIcpEstimate), Number(tested, "non_icp_value"));
        Assert.Equal(R(test[id].IcpEstimate), summary.Outcome(id + "_icp")!.Value);
        Assert.Equal(R(test[id].NonIcpEstimate), summary.Outcome(id + "_non_icp")!.Value);
        Assert.Equal(test[id].NIcp, summary.Outcome(id + "_icp")!.N);
        // The bootstrap interval summary.json keeps is the measure's own (same seed): it holds the estimate.
        Assert.Equal(R(measured.Interval.Lower), summary.Outcome(id + "_icp")!.Lower);
        Assert.InRange(measured.Estimate, measured.Interval.Lower, measured.Interval.Upper);
    }

    /// <summary>
    /// Eight customers, one won deal each, half of them free pilots at 0; A1 also won a deal with a blank amount (missing,
    /// not zero). saas (A1-A4) won 0, 0, 1,000, 3,000; retail (A5-A8) 0, 200, 400, 600.
    /// </summary>
    private static Tests.Loading.ExportFolder ZeroAmounts() => new Tests.Loading.ExportFolder()
        .With("accounts.csv", "account_id,name,industry,customer_since,churned_on\n" + string.Concat(Enumerable.Range(1, 8).Select(i =>
            $"A{i},Account {i},{(i <= 4 ? "saas" : "retail")},2025-01-01,\n")))
        .With("deals.csv", "deal_id,account_id,created_on,closed_on,stage,outcome,amount\n" +
            "D1,A1,2024-11-01,2025-01-01,demo,won,0\nD2,A2,2024-11-01,2025-01-01,demo,won,0\nD3,A3,2024-11-01,2025-01-01,demo,won,1000\n" +
            "D4,A4,2024-11-01,2025-01-01,demo,won,3000\nD5,A5,2024-11-01,2025-01-01,demo,won,0\nD6,A6,2024-11-01,2025-01-01,demo,won,200\n" +
            "D7,A7,2024-11-01,2025-01-01,demo,won,400\nD8,A8,2024-11-01,2025-01-01,demo,won,600\nD9,A1,2024-12-01,2025-02-01,demo,won,\n" +
            "D10,A2,2024-12-01,2025-02-01,demo,lost,900\nD11,A6,2024-12-01,2025-02-01,demo,lost,0\n");

    [Fact]
    public void Acv_ZeroAmounts_CountInCardTestSuggestJsonTestJsonAndSummaryJson()
    {
        using var folder = ZeroAmounts();
        var export = IcpKit.Loading.Export.Load(folder.Path);
        var search = CandidateSearch.Run(export, new CandidateSearchOptions { MinCustomers = 1, MinAccountShare = 0.1, MaxConditions = 1, MinWonDealsForAcv = 1 });
        var candidate = search.Candidates.Single(c => c.Description == "industry is saas");
        var icp = candidate.ToIcp("saas", 1, new DateOnly(2025, 3, 1));
        var card = IcpSummaryCard.For(icp, export);
        var test = IcpTest.Run(export, icp);
        var suggestJson = JsonDocument.Parse(search.ToJson(search.Candidates.Length)).RootElement;
        var suggest = suggestJson.GetProperty("top").EnumerateArray().Single(c => c.GetProperty("description").GetString() == "industry is saas")
            .GetProperty(IcpOutcomes.Acv);
        var testJson = Outcome(JsonDocument.Parse(test.ToJson()).RootElement.GetProperty("outcomes"), "id", IcpOutcomes.Acv);
        var summary = QuarterSummary.Build(export, icp);

        // By hand, zeros in and the blank out: saas 0, 0, 1,000, 3,000 -> median 500 (positive amounts only: 2,000);
        // retail 0, 200, 400, 600 -> 300 (400); all eight -> 300 (600).
        var onCard = card.Outcomes.Single(o => o.Id == IcpOutcomes.Acv);
        Assert.Equal((500.0, 4, 300.0, 4), (onCard.Icp, onCard.IcpN, onCard.Rest, onCard.RestN));
        Assert.Equal((500.0, 300.0), (test[IcpOutcomes.Acv].IcpEstimate, test[IcpOutcomes.Acv].NonIcpEstimate));
        Assert.Equal((4, 4), (test[IcpOutcomes.Acv].NIcp, test[IcpOutcomes.Acv].NNonIcp));
        var lift = candidate.Lifts.Single(l => l.Outcome.Id() == IcpOutcomes.Acv);
        Assert.Equal((500.0, 300.0, 4), (lift.Value, lift.Rest, lift.N));
        Assert.Equal((500.0, 300.0), (Number(suggest, "value"), Number(suggest, "rest")));
        Assert.Equal(300.0, Number(suggestJson.GetProperty("baseline"), "median_won_amount"));
        Assert.Equal((500.0, 300.0), (Number(testJson, "icp_value"), Number(testJson, "non_icp_value")));
        Assert.Equal((500.0, 300.0), (summary.Outcome("acv_icp")!.Value, summary.Outcome("acv_non_icp")!.Value));
        Assert.Equal(4, summary.Outcome("acv_icp")!.N);
        // The search's ACV lift is the median ratio 500 / 300 on a log scale, shrunk toward 1 (here all the way: the two
        // one-condition candidates give a between-candidate variance of 0); zeros in the medians keep it defined.
        Assert.InRange(lift.Lift, 1, 500.0 / 300);
    }
}
