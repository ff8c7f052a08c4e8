using IcpKit.Loading;
using IcpKit.Model;

namespace IcpKit.Tests.Loading;

/// <summary>The shipped presets on header sets as HubSpot's and Salesforce's documentation name the default properties.</summary>
public class PresetTests
{
    [Fact]
    public void HubSpot_CompaniesAndDealsExport_MapsOntoTheContract()
    {
        // HubSpot "Default company properties" / "Default deal properties" labels, as an export writes them.
        using var folder = new ExportFolder()
            .With("icpkit.yaml", "preset: hubspot\n")
            .With("companies.csv",
                "Record ID,Company name,Company Domain Name,Industry,Number of Employees,Country/Region,Annual Revenue,Create Date,Lifecycle Stage,Original Source Type,Close Date\n" +
                "101,Acme,acme.io,COMPUTER_SOFTWARE,45,Germany,1500000,2024-01-05 10:00,customer,ORGANIC_SEARCH,\n" +
                "102,Beta,beta.io,RETAIL,800,France,,2024-02-01 09:30,opportunity,PAID_SEARCH,\n")
            .With("deals.csv",
                "Record ID,Deal Name,Deal Stage,Close Date,Create Date,Amount,Pipeline,Closed Lost Reason,Associated Company IDs\n" +
                "9001,Acme - new,Closed Won,2024-03-01 12:00,2024-01-10 08:00,12000,Sales Pipeline,,101\n" +
                "9002,Beta - new,Closed Lost,2024-04-02 12:00,2024-02-10 08:00,5000,Sales Pipeline,Price,102;101\n" +
                "9003,Beta - upsell,Presentation Scheduled,2024-09-30 00:00,2024-05-10 08:00,7000,Sales Pipeline,,102\n");
        var export = Export.Load(folder.Path);

        Assert.DoesNotContain(export.Report.Issues, i => i.Rule != "file-absent");
        var acme = export.Accounts[0];
        Assert.Equal(("101", "Acme", "COMPUTER_SOFTWARE", 45, "Germany"), (acme.AccountId, acme.Name, acme.Industry, acme.Employees!.Value, acme.Country));
        // No customer date in the export: the first won deal's close date, and the account says where it came from.
        Assert.Equal((new DateOnly(2024, 3, 1), CustomerSinceSource.FirstWonDeal), (acme.CustomerSince!.Value, acme.CustomerSinceSource));
        Assert.False(export.Accounts[1].IsCustomer);
        Assert.Equal([DealOutcome.Won, DealOutcome.Lost, DealOutcome.Open], export.Deals.Select(d => d.Outcome));
        Assert.Equal("102", export.Deals[1].AccountId);
        Assert.Equal([5, -1, 2], export.Deals.Select(d => d.StageIndex));
        Assert.Equal("Price", export.Deals[1].LossReason);
        // Unmapped columns become extra traits; the domain (ignored by the preset) does not.
        Assert.Equal(TraitKind.Number, export.Traits["annual_revenue"].Kind);
        Assert.Null(export.Traits.Find("company_domain_name"));
        // Lifecycle Stage says who is a customer already: ignored by the preset, or it would "explain" customers by themselves.
        Assert.Null(export.Traits.Find("lifecycle_stage"));
        Assert.Contains("companies.csv", export.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Salesforce_AccountsAndOpportunitiesReports_MapOntoTheContract()
    {
        // Salesforce report column labels (Accounts and Opportunities standard report types), US date format.
        using var folder = new ExportFolder()
            .With("icpkit.yaml", "preset: salesforce\n")
            .With("accounts.csv",
                "\"Account ID\",\"Account Name\",\"Account Owner\",\"Industry\",\"Employees\",\"Billing Country\",\"Type\",\"Account Source\"\n" +
                "\"0015g00000AbCdE\",\"Acme\",\"Jane Doe\",\"Technology\",\"45\",\"Germany\",\"Customer\",\"Web\"\n" +
                "\"0015g00000AbCdF\",\"Beta\",\"Jane Doe\",\"Retail\",\"800\",\"France\",\"Prospect\",\"Partner Referral\"\n")
            .With("opportunities.csv",
                "\"Opportunity ID\",\"Opportunity Name\",\"Account ID\",\"Account Name\",\"Stage\",\"Amount\",\"Probability (%)\",\"Close Date\",\"Created Date\",\"Lead Source\",\"Type\",\"Won\",\"Closed\"\n" +
                "\"0065g00000XyZ01\",\"Acme new\",\"0015g00000AbCdE\",\"Acme\",\"Closed Won\",\"12,000.00\",\"100\",\"3/1/2024\",\"1/10/2024\",\"Web\",\"New Business\",\"1\",\"1\"\n" +
                "\"0065g00000XyZ02\",\"Beta new\",\"0015g00000AbCdF\",\"Beta\",\"Negotiation/Review\",\"5000\",\"90\",\"12/1/2024\",\"2/10/2024\",\"Partner Referral\",\"New Business\",\"0\",\"0\"\n");
        var export = Export.Load(folder.Path);

        Assert.DoesNotContain(export.Report.Issues, i => i.Rule != "file-absent");
        Assert.Equal(("Technology", "Germany", "Web"), (export.Accounts[0].Industry, export.Accounts[0].Country, export.Accounts[0].AcquisitionChannel));
        Assert.Equal([DealOutcome.Won, DealOutcome.Open], export.Deals.Select(d => d.Outcome));
        Assert.Equal([8, 7], export.Deals.Select(d => d.StageIndex));
        Assert.Equal(12000m, export.Deals[0].Amount);
        Assert.Equal(new DateOnly(2024, 1, 10), export.Deals[0].CreatedOn);
        Assert.Equal(CustomerSinceSource.FirstWonDeal, export.Accounts[0].CustomerSinceSource);
        Assert.Equal("opportunities.csv", export.Report.Files[1].File);
        // The deal traits the search may propose: Type. Not the free-text name, the account's name, nor the probability the
        // stage sets (100 at Closed Won: "deal.probability at least 100" would be the outcome itself).
        Assert.Equal(["deal.type"], export.DealTraits.Traits.Select(t => t.Name));
    }

    [Fact]
    public void Salesforce_CustomStageNames_OutcomeComesFromWonAndClosedFlags()
    {
        // A customised pipeline: "Signed" and "Dead" are not Closed Won / Closed Lost, but the flags say what happened.
        using var folder = new ExportFolder()
            .With("icpkit.yaml", "preset: salesforce\nfunnel: [Intro, Trial, Signed]\n")
            .With("accounts.csv", "Account ID,Account Name\n001,Acme\n")
            .With("opportunities.csv",
                "Opportunity ID,Account ID,Stage,Close Date,Created Date,Won,Closed\n" +
                "006A,001,Signed,3/1/2024,1/10/2024,1,1\n006B,001,Dead,4/1/2024,1/10/2024,0,1\n006C,001,Trial,5/1/2024,1/10/2024,0,0\n006D,001,Trial,5/1/2024,1/10/2024,perhaps,0\n");
        var export = Export.Load(folder.Path);
        Assert.Equal([DealOutcome.Won, DealOutcome.Lost, DealOutcome.Open, DealOutcome.Open], export.Deals.Select(d => d.Outcome));
        Assert.Equal([("unknown-stage", 3), ("unknown-outcome", 5)], export.Report.Issues.Where(i => i.Rule != "file-absent").Select(i => (i.Rule, i.Line)));
    }

    [Fact]
    public void HubSpot_RenamedHeaderInYaml_OverridesThePreset()
    {
        // Header matching ignores case, spaces and punctuation: "company-NAME" is "Company name".
        using var folder = new ExportFolder()
            .With("icpkit.yaml", "preset: hubspot\naccounts:\n  file: firms.csv\n  columns:\n    industry: Sector\n")
            .With("firms.csv", "record_id,company-NAME,Sector\n1,Acme,Fintech\n");
        var export = Export.Load(folder.Path);
        Assert.Equal(("1", "Acme", "Fintech"), (export.Accounts[0].AccountId, export.Accounts[0].Name, export.Accounts[0].Industry));
    }
}
