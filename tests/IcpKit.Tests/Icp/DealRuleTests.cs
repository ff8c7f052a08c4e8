using IcpKit.Drafting;
using IcpKit.Icp;
using IcpKit.Loading;
using IcpKit.Outcomes;
using IcpKit.PutToWork;
using IcpKit.Testing;
using IcpKit.Tests.Analysis;

namespace IcpKit.Tests.Icp;

/// <summary>
/// ICP rules naming a deal trait, on tests/Fixtures/exports/crm-opportunities: an account is in when one of its deals meets
/// the deal rules, and deal-level outcomes count only the deals that meet them.
/// </summary>
public class DealRuleTests
{
    private static readonly ExportData Crm = FixtureExports.Load("crm-opportunities");

    private const string GtxPro = """
        name: GTX Pro buyers
        version: 1
        date: 2025-04-01
        has:
          - field: deal.product
            in: [GTX Pro]
        """;

    [Fact]
    public void Parse_DealTraitRule_IsTypedByTheDealCatalog()
    {
        var icp = IcpDefinition.Parse(GtxPro, IcpTest.FieldsOf(Crm));
        var rule = Assert.Single(icp.Rules);
        Assert.Equal(("deal.product", RuleOperator.In), (rule.Field, rule.Operator));
        Assert.True(icp.HasDealRules);
        // It reads back from its own YAML.
        Assert.Equal(icp, IcpDefinition.Parse(icp.ToYaml(), IcpTest.FieldsOf(Crm)));
    }

    [Fact]
    public void Parse_UnknownDealTrait_NamesTheLineAndTheDealTraitsThereAre()
    {
        var e = Assert.Throws<IcpFileException>(() => IcpDefinition.Parse(GtxPro.Replace("deal.product", "deal.team_size", StringComparison.Ordinal), IcpTest.FieldsOf(Crm)));
        Assert.Equal("icp.yaml line 5: unknown field 'deal.team_size' (the deals' traits: deal.manager, deal.product, deal.product_series, deal.regional_office)", e.Message);
        // An export whose deals have no extra column says so.
        var plain = FixtureExports.Load("accounts-deals");
        var none = Assert.Throws<IcpFileException>(() => IcpDefinition.Parse(GtxPro, IcpTest.FieldsOf(plain)));
        Assert.Contains("unknown field 'deal.product'", none.Message, StringComparison.Ordinal);
        Assert.Contains("this export's deals have no trait columns", none.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_AccountWithAMatchingDeal_IsIn_AndReasonsNameTheDealRule()
    {
        var icp = IcpDefinition.Parse(GtxPro, IcpTest.FieldsOf(Crm));
        var split = IcpSplit.Of(Crm, icp);
        // GTX Pro deals: OPP02 Betatech (won), OPP06 Finjob (won), OPP12 Dambase (open), OPP15 Acme Corp (open).
        Assert.Equal(["Acme Corp", "Betatech", "Dambase", "Finjob"], split.Members.Order(StringComparer.Ordinal));
        Assert.Equal(6, split.Accounts);
        var cancity = IcpScoring.Score(icp, Crm).Accounts.Single(a => a.Account.AccountId == "Cancity").Match;
        Assert.Equal("no deal with deal.product in [GTX Pro]", Assert.Single(cancity.Reasons));
    }

    [Fact]
    public void Outcomes_DealLevel_CountOnlyTheDealsThatMeetTheRules()
    {
        var icp = IcpDefinition.Parse(GtxPro, IcpTest.FieldsOf(Crm));
        var test = IcpTest.Run(Crm, icp);
        var card = IcpSummaryCard.For(icp, Crm);
        // ICP deals: OPP02 and OPP06, both won (OPP12, OPP15 open): 2 / 2. The rest: Acme Corp's GTX Basic deals OPP01 (won)
        // and OPP04 (lost) are its account's but not GTX Pro, so they are non-ICP deals, as are OPP03 W, OPP05 L, OPP07 L,
        // OPP08 L, OPP09 W, OPP16 W: 4 / 8.
        var win = test[IcpOutcomes.WinRate];
        Assert.Equal((1.0, 2, 0.5, 8), (win.IcpEstimate, win.NIcp, win.NonIcpEstimate, win.NNonIcp));
        // Won amounts: ICP 4,514 and 5,169 -> median 4,841.5; rest 50, 1,054, 25,897, 27,000 -> (1,054 + 25,897) / 2 = 13,475.5.
        var acv = test[IcpOutcomes.Acv];
        Assert.Equal((4841.5, 13475.5), (acv.IcpEstimate, acv.NonIcpEstimate));
        var onCard = card.Outcomes.Single(o => o.Id == IcpOutcomes.WinRate);
        Assert.Equal((1.0, 0.5), (onCard.Icp, onCard.Rest));
        Assert.Equal(4, test.IcpAccounts);
    }

    [Fact]
    public void Match_ExclusionOnlyDealRule_ExcludesAnAccountOnlyWhenEveryDealIsExcluded()
    {
        const string yaml = """
            name: not MG
            version: 1
            date: 2025-04-01
            doesnt_need:
              - field: deal.product
                equals: MG Special
            """;
        var icp = IcpDefinition.Parse(yaml, IcpTest.FieldsOf(Crm));
        var split = IcpSplit.Of(Crm, icp);
        // Gogo Ltd's deals are OPP07 and OPP14, both MG Special: excluded. Cancity also sold MG Special (OPP03) but has GTK 500
        // and GTX Basic deals: in.
        Assert.Equal(["Acme Corp", "Betatech", "Cancity", "Dambase", "Finjob"], split.Members.Order(StringComparer.Ordinal));
        var gogo = IcpScoring.Score(icp, Crm).Accounts.Single(a => a.Account.AccountId == "Gogo Ltd").Match;
        Assert.Equal("every deal of the account is excluded (deal.product is MG Special)", Assert.Single(gogo.Reasons));
    }
}
