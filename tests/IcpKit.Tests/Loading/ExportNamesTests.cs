using System.Text;
using IcpKit.Loading;

namespace IcpKit.Tests.Loading;

/// <summary>Redaction finds names the way the import reads them: mapped columns, detected encodings, every record.</summary>
public sealed class ExportNamesTests
{
    static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    [Fact]
    public void Read_MappedCompanyNameInWindows1252_FindsTheNamesAsTheImportReadsThem()
    {
        // HubSpot-style header mapped in icpkit.yaml, ';' delimiter, Excel's Windows-1252: before, the redactor
        // matched no column ("company name" is not "name") and read the bytes as UTF-8.
        using var folder = new ExportFolder()
            .With("icpkit.yaml", "accounts:\n  columns:\n    account_id: Record ID\n    name: Company Name\n")
            .With("accounts.csv", "Record ID;Company Name;Sector\nA1;Müller GmbH;x\nA2;Société Générale;y\n", Windows1252);

        var names = ExportNames.Read(folder.Path);

        Assert.Equal(["Müller GmbH", "Société Générale"], names.Where(n => n.Kind == NameKind.Account).Select(n => n.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Read_RejectedAndMalformedRows_StillGiveTheirNames()
    {
        // A row rejected for its empty id, and one with a stray quote: validation messages may quote either.
        using var folder = new ExportFolder().With("accounts.csv",
            "account_id,name,owner_email,contact\nA1,Acme Corp,jane@acme.example,Jane Roe\n,Orphan Ltd,,\nA3,Broken \"Quote Inc,,\n");

        var names = ExportNames.Read(folder.Path).Select(n => n.Name).ToHashSet();

        Assert.Contains("Acme Corp", names);
        Assert.Contains("Orphan Ltd", names);
        Assert.Contains("jane@acme.example", names);
        Assert.Contains("Jane Roe", names);
        Assert.Contains(names, n => n.StartsWith("Broken", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_SurveyUserIdThatIsAnEmail_IsAContact()
    {
        using var folder = new ExportFolder().WithAccounts(1)
            .With("surveys.csv", "account_id,user_id,responded_on,nps,comment\nA1,bob@beta.example,2025-01-01,9,\"mail me at bob @ home\"\nA1,u42,2025-01-02,7,\n");

        var contacts = ExportNames.Read(folder.Path).Where(n => n.Kind == NameKind.Contact).Select(n => n.Name).ToList();

        Assert.Equal(["bob@beta.example"], contacts);
    }
    [Theory]
    // The CRMs' default headers for the person owning a deal or an account, and a sales team's manager joined by SQL.
    [InlineData("hubspot", "Sam Seller")]          // Deal owner, Company owner
    [InlineData("salesforce", "Sam Seller")]       // Opportunity Owner, Account Owner
    [InlineData("pipedrive", "Sam Seller")]        // Deal - Owner, Organization - Owner
    [InlineData("crm-opportunities", "Dustin Brinkmann")] // deals.sql's t.manager (deal.manager)
    public void Read_FixtureOwnersAndManagers_AreContacts(string fixture, string person)
    {
        var contacts = ExportNames.Read(Tests.Analysis.FixtureExports.Folder(fixture)).Where(n => n.Kind == NameKind.Contact).Select(n => n.Name).ToList();
        Assert.Contains(person, contacts);
        if (fixture == "crm-opportunities") Assert.Equal(["Celia Rouche", "Dustin Brinkmann", "Melvin Marxen"], contacts.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Read_PersonalColumnsInIcpkitYaml_AndOwnerIdsLeftAlone()
    {
        // "closer" names no role: only personal: in icpkit.yaml says it holds people. "Owner ID" holds numbers, not names.
        using var folder = new ExportFolder()
            .With("icpkit.yaml", "deals:\n  personal: [Closer]\n")
            .WithAccounts(1)
            .With("deals.csv", "deal_id,account_id,created_on,closed_on,stage,outcome,amount,Closer,Owner ID,sales_agent,product\n" +
                "D1,A1,2025-01-01,2025-02-01,demo,won,100,Rita Closer,4711,Ann Agent,Pro\n");

        var contacts = ExportNames.Read(folder.Path).Where(n => n.Kind == NameKind.Contact).Select(n => n.Name).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(["Ann Agent", "Rita Closer"], contacts);
    }
}
