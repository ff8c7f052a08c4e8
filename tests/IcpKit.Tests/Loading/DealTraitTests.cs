using IcpKit.Loading;
using IcpKit.Model;
using IcpKit.Tests.Analysis;

namespace IcpKit.Tests.Loading;

/// <summary>Every extra deal column, plain or joined in a SQL-defined table, is a deal trait typed like the accounts' extras.</summary>
public class DealTraitTests
{
    [Fact]
    public void SqlDeals_JoinedLookupColumns_AreDealTraits()
    {
        // crm-opportunities joins products.csv (series) and sales_teams.csv (manager, regional_office) onto each deal.
        var export = FixtureExports.Load("crm-opportunities");
        Assert.Equal(["deal.product", "deal.product_series", "deal.manager", "deal.regional_office"],
            export.DealTraits.Traits.Select(t => t.Name));
        Assert.All(export.DealTraits.Traits, t => Assert.Equal(TraitKind.Category, t.Kind));
        // OPP02: Darcel Schlecht sells GTX Pro from the East office (sales_teams.csv line 4).
        var opp02 = export.Deals.Single(d => d.DealId == "OPP02");
        Assert.Equal(TraitValue.Of("GTX Pro"), opp02.Trait("deal.product"));
        Assert.Equal(TraitValue.Of("GTX"), opp02.Trait("deal.product_series"));
        Assert.Equal(TraitValue.Of("East"), opp02.Trait("deal.regional_office"));
        // Account traits stay the accounts': a deal trait never enters the account catalog.
        Assert.DoesNotContain(export.Traits.Traits, t => t.Name.StartsWith("deal.", StringComparison.Ordinal));
    }

    [Fact]
    public void PlainDeals_ExtraColumns_TypedByTheAccountsRules()
    {
        using var folder = new ExportFolder().WithAccounts(2).With("deals.csv",
            "deal_id,account_id,created_on,closed_on,stage,outcome,amount,product,seats_quoted,kickoff,region\n" +
            "D1,A1,2025-01-01,2025-02-01,demo,won,100,Pro,5,03.02.2025,EMEA\n" +
            "D2,A1,2025-01-05,2025-02-03,demo,lost,0,Basic,12,04.02.2025,\n" +
            "D3,A2,2025-01-09,,demo,open,,Pro,40,05.02.2025,AMER\n");
        var export = Export.Load(folder.Path);
        var traits = export.DealTraits;
        // Numbers get bands (quartile bounds 5, 12, 40 as for an account extra); a column named like a contract column of
        // the accounts (region) is still a deal trait, under its own prefixed name.
        Assert.Equal([("deal.product", TraitKind.Category), ("deal.seats_quoted", TraitKind.Number), ("deal.region", TraitKind.Category)],
            traits.Traits.Select(t => (t.Name, t.Kind)));
        Assert.Equal(["5-11", "12-39", "40+"], traits["deal.seats_quoted"].Bands.Select(b => b.Label));
        Assert.Equal(TraitValue.Of(12.0), export.Deals[1].Trait("deal.seats_quoted"));
        Assert.True(export.Deals[1].Trait("deal.region").IsMissing);
        // Dates in a format date_formats does not list: one warning for the column, as for accounts, and no trait.
        var warning = Assert.Single(export.Report.Issues, i => i.Rule == "unknown-date-format");
        Assert.Equal(("deals.csv", "kickoff"), (warning.File, warning.Column));
        Assert.Contains("dd.MM.yyyy", warning.Expected, StringComparison.Ordinal);
        // validate names them.
        Assert.Contains("deal traits: deal.product (category, column 'product'), deal.seats_quoted (number, column 'seats_quoted'), deal.region (category, column 'region')",
            export.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Deals_WithoutExtraColumns_HaveNoDealTraits()
    {
        using var folder = new ExportFolder().WithAccounts(1).With("deals.csv",
            "deal_id,account_id,created_on,closed_on,stage,outcome\nD1,A1,2025-01-01,2025-02-01,demo,won\n");
        var export = Export.Load(folder.Path);
        Assert.Empty(export.DealTraits.Traits);
        Assert.Contains("deal traits: none", export.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void PipedrivePreset_OwnerCurrencyPipelineAreDealTraits_TitleAndOrganizationAreNot()
    {
        var export = FixtureExports.Load("pipedrive");
        var names = export.DealTraits.Traits.Select(t => t.Name).ToList();
        Assert.Contains("deal.deal_owner", names);
        Assert.Contains("deal.deal_currency", names);
        Assert.DoesNotContain("deal.deal_title", names);
        Assert.DoesNotContain("deal.deal_organization", names);
        Assert.True(export.Deals[0].Trait("deal.deal_organization").IsMissing);
    }
}
