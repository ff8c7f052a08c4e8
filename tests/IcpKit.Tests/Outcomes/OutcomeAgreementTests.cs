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
}
