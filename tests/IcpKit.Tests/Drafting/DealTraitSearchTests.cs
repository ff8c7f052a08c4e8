using IcpKit.Drafting;
using IcpKit.Icp;
using IcpKit.Loading;
using IcpKit.Outcomes;
using IcpKit.Testing;
using IcpKit.Tests.Analysis;

namespace IcpKit.Tests.Drafting;

/// <summary>
/// The candidate search proposes conditions on deal traits (<c>deal.product</c>) with the semantics of an ICP rule: an
/// account is in when one of its deals meets the condition, and win rate and ACV count only the deals that do, so the
/// drafted rule tests in step 4 to the same numbers.
/// </summary>
public class DealTraitSearchTests
{
    /// <summary>
    /// Eight accounts, saas (A1-A4) and retail (A5-A8); Pro deals win, Basic deals lose:
    /// Pro closed D1 W, D3 W, D4 W, D7 W, D11 L (4 of 5); Basic D2 L, D5 L, D6 L, D8 L, D9 L, D10 W, D12 L (1 of 7); D13 (Pro) is open.
    /// The team varies within A1 (East Pro, West Basic), so two deal conditions read per account would admit it for Pro and West.
    /// </summary>
    private static Tests.Loading.ExportFolder ProWins() => new Tests.Loading.ExportFolder()
        .With("accounts.csv", "account_id,name,industry,customer_since,churned_on\n" +
            "A1,Account 1,saas,2025-01-10,\nA2,Account 2,saas,2025-01-12,\nA3,Account 3,saas,2025-01-14,\nA4,Account 4,saas,,\n" +
            "A5,Account 5,retail,2025-01-16,\nA6,Account 6,retail,2025-02-01,\nA7,Account 7,retail,,\nA8,Account 8,retail,,\n")
        .With("deals.csv", "deal_id,account_id,created_on,closed_on,stage,outcome,amount,product,team\n" +
            "D1,A1,2024-11-01,2025-01-10,demo,won,1000,Pro,East\n" +
            "D2,A1,2024-11-01,2025-01-20,demo,lost,700,Basic,West\n" +
            "D3,A2,2024-11-01,2025-01-12,demo,won,2000,Pro,West\n" +
            "D4,A3,2024-11-01,2025-01-14,demo,won,3000,Pro,East\n" +
            "D5,A3,2024-11-01,2025-01-22,demo,lost,800,Basic,East\n" +
            "D6,A4,2024-11-01,2025-01-24,demo,lost,900,Basic,West\n" +
            "D7,A5,2024-11-01,2025-01-16,demo,won,4000,Pro,East\n" +
            "D8,A5,2024-11-01,2025-01-26,demo,lost,600,Basic,East\n" +
            "D9,A6,2024-11-01,2025-01-28,demo,lost,400,Basic,West\n" +
            "D10,A6,2024-11-01,2025-02-01,demo,won,500,Basic,West\n" +
            "D11,A7,2024-11-01,2025-02-03,demo,lost,300,Pro,West\n" +
            "D12,A8,2024-11-01,2025-02-05,demo,lost,200,Basic,East\n" +
            "D13,A8,2024-12-01,,demo,open,100,Pro,East\n");

    private static readonly CandidateSearchOptions Small = new() { MinCustomers = 1, MinAccountShare = 0.1, MaxConditions = 3, MinWonDealsForAcv = 1 };

    [Fact]
    public void Run_DealTraitThatSeparatesWinners_IsProposedWithDealLevelWinRateAndAcv()
    {
        using var folder = ProWins();
        var export = Export.Load(folder.Path);
        var result = CandidateSearch.Run(export, Small);

        var pro = result.Candidates.Single(c => c.Conditions.Length == 1 && c.Conditions[0] == IcpRule.EqualTo("deal.product", "Pro"));
        // Accounts with a Pro deal, the open D13 included: A1, A2, A3, A5, A7, A8. Customers among them: A1, A2, A3, A5.
        Assert.Equal((6, 4), (pro.Accounts, pro.Customers));
        // Win rate of the Pro deals only: 4 of 5; the rest 1 of 7. Counting every deal of those six accounts would give
        // 4 of 9 (A1 1/2, A2 1/1, A3 1/2, A5 1/2, A7 0/1, A8 0/1), the account-level reading an ICP rule does not make.
        Assert.Equal((5, 0.8, 1.0 / 7), (pro.WinRate.N, pro.WinRate.Value, pro.WinRate.Rest));
        // Won amounts: Pro 1,000, 2,000, 3,000, 4,000 -> median 2,500; the rest: D10's 500.
        Assert.Equal((4, 2500.0, 500.0), (pro.Acv.N, pro.Acv.Value, pro.Acv.Rest));

        // With an account condition: saas accounts with a Pro deal (A1, A2, A3), their Pro deals D1, D3, D4: 3 of 3;
        // the rest 2 of 9: D7 and D10 won; D2, D5, D6, D8, D9, D11, D12 lost (D2 and D5 are saas accounts' Basic deals).
        var saasPro = result.Candidates.Single(c => c.Description == "industry is saas and deal.product is Pro");
        Assert.Equal((3, 3, 1.0, 2.0 / 9), (saasPro.Accounts, saasPro.WinRate.N, saasPro.WinRate.Value, saasPro.WinRate.Rest));
    }

    [Fact]
    public void Run_EveryDealTraitCandidate_TestsToTheSameNumbersInStepFour()
    {
        using var folder = ProWins();
        var export = Export.Load(folder.Path);
        var result = CandidateSearch.Run(export, Small);
        var withDeals = result.Candidates.Where(c => c.Conditions.Any(r => IcpKit.Model.Deal.IsDealTrait(r.Field))).ToList();
        Assert.True(withDeals.Count >= 5, $"only {withDeals.Count} candidates name a deal trait");
        foreach (var candidate in withDeals)
        {
            // One deal condition at most: two on deal traits would intersect accounts where an ICP needs one deal meeting both.
            Assert.Equal(1, candidate.Conditions.Count(r => IcpKit.Model.Deal.IsDealTrait(r.Field)));
            var icp = candidate.ToIcp("draft", 1, new DateOnly(2025, 3, 1));
            var test = IcpTest.Run(export, icp);
            var win = test[IcpOutcomes.WinRate];
            Assert.Equal((candidate.Accounts, candidate.Customers), (test.IcpAccounts, IcpSplit.Of(export, icp).Members.Count(m =>
                export.Accounts.Single(a => a.AccountId == m).IsCustomerAt(export.AsOf))));
            Assert.Equal((candidate.WinRate.N, candidate.WinRate.Value, candidate.WinRate.Rest), (win.NIcp, win.IcpEstimate, win.NonIcpEstimate));
            var acv = test[IcpOutcomes.Acv];
            if (candidate.Acv.N > 0) Assert.Equal((candidate.Acv.Value, candidate.Acv.Rest), (acv.IcpEstimate, acv.NonIcpEstimate));
        }
    }

    [Fact]
    public void Run_ExportWithoutDealTraits_ProposesNoDealCondition()
    {
        // The sample's deals have no column outside the contract: the search is the account-level one it was.
        var export = FixtureExports.Load("accounts-deals");
        var result = CandidateSearch.Run(export, Small);
        Assert.NotEmpty(result.Candidates);
        Assert.DoesNotContain(result.Candidates, c => c.Conditions.Any(r => IcpKit.Model.Deal.IsDealTrait(r.Field)));
    }
}
