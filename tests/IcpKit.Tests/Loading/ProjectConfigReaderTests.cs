using IcpKit.Loading;
using IcpKit.Model;

namespace IcpKit.Tests.Loading;

public class ProjectConfigReaderTests
{
    [Fact]
    public void Parse_UnknownColumnKey_NamesLineAndDottedKey()
    {
        const string yaml = """
            preset: canonical
            deals:
              file: deals.csv
              columns:
                deal_id: Deal ID
                outcom: Result
            """;
        var e = Assert.Throws<ProjectConfigException>(() => ProjectConfigReader.Parse(yaml));
        Assert.Equal(6, e.Line);
        Assert.Equal("deals.columns.outcom", e.Key);
        Assert.StartsWith("icpkit.yaml line 6, key 'deals.columns.outcom': unknown key; expected one of deal_id, account_id", e.Message);
    }

    [Fact]
    public void Parse_UnknownTopLevelKey_ListsTheKeysAllowed()
    {
        var e = Assert.Throws<ProjectConfigException>(() => ProjectConfigReader.Parse("as_of: 2026-01-01\nfunel: [a, b]\n"));
        Assert.Equal(2, e.Line);
        Assert.Contains("key 'funel': unknown key; expected one of preset, as_of", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("decimal_separator: x", "decimal_separator", "'x' is not allowed")]
    [InlineData("as_of: 30/09/2026", "as_of", "expected yyyy-MM-dd")]
    [InlineData("preset: zoho", "preset", "expected one of canonical, hubspot, salesforce, pipedrive")]
    [InlineData("encoding: ebcdic", "encoding", "not a known encoding")]
    [InlineData("bands:\n  employees: [10, 5]", "bands.employees", "increasing lower bounds")]
    [InlineData("customer_since: sometimes", "customer_since", "expected one of export, first_won_deal")]
    public void Parse_BadValue_NamesKeyAndWhatIsAllowed(string yaml, string key, string fragment)
    {
        var e = Assert.Throws<ProjectConfigException>(() => ProjectConfigReader.Parse(yaml));
        Assert.Equal(key, e.Key);
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidYamlSyntax_NamesTheLine()
    {
        // An unclosed flow sequence: the parser stops at line 3.
        var e = Assert.Throws<ProjectConfigException>(() => ProjectConfigReader.Parse("as_of: 2026-01-01\nfunnel: [a, b\nplan: x\n"));
        Assert.StartsWith("icpkit.yaml line ", e.Message, StringComparison.Ordinal);
        Assert.InRange(e.Line, 2, 3);
    }

    [Fact]
    public void Parse_FullFile_ReadsEverySetting()
    {
        const string yaml = """
            preset: hubspot
            as_of: 2026-09-30
            decimal_separator: ","
            list_separator: "|"
            encoding: windows-1252
            date_formats: [dd.MM.yyyy, dd/MM/yyyy]
            customer_since: export
            funnel: [lead, demo, won]
            activation_events: [project_created]
            high_value_events: [report_shared, invite_sent]
            bands:
              employees: [1, 51, 501]
              annual_revenue: [0, 1000000]
            accounts:
              file: firmen.csv
              columns:
                industry: Branche
              ignore: [Owner]
            deals:
              values:
                outcome:
                  Gewonnen: won
                  Verloren: lost
                  "*": open
            """;
        var c = ProjectConfigReader.Parse(yaml);
        Assert.Equal(Preset.HubSpot, c.Preset);
        Assert.Equal(new DateOnly(2026, 9, 30), c.AsOf);
        Assert.Equal(',', c.DecimalSeparator);
        Assert.Equal('|', c.ListSeparator);
        Assert.Equal("windows-1252", c.Encoding);
        Assert.Equal(["dd.MM.yyyy", "dd/MM/yyyy"], c.DateFormats.ToArray());
        Assert.Equal(CustomerSinceFallback.None, c.CustomerSinceFallback);
        Assert.Equal(["lead", "demo", "won"], c.Funnel.ToArray());
        Assert.Equal(["report_shared", "invite_sent"], c.HighValueEvents.ToArray());
        Assert.Equal([1.0, 51, 501], c.Bands["employees"].ToArray());
        Assert.Equal([0.0, 1000000], c.Bands["annual_revenue"].ToArray());
        Assert.Equal("firmen.csv", c.Accounts.FileName);
        Assert.Equal("Branche", c.Accounts.Columns["industry"]);
        // Columns not overridden keep the preset's header.
        Assert.Equal("Record ID", c.Accounts.Columns["account_id"]);
        Assert.Equal(["Owner"], c.Accounts.Ignore.ToArray());
        var outcome = c.Deals.Values["outcome"];
        Assert.Equal("won", outcome.Map("GEWONNEN", out var listed));
        Assert.True(listed);
        Assert.Equal("open", outcome.Map("Angebot", out listed));
        Assert.False(listed);
    }

    [Fact]
    public void Parse_EmptyFile_IsTheCanonicalLayout()
    {
        Assert.Same(ProjectConfig.Canonical, ProjectConfigReader.Parse(""));
        Assert.Equal(TraitFields.AccountId, ProjectConfig.Canonical.Accounts.HeaderFor("account_id"));
    }

    [Fact]
    public void Load_BadYamlInFolder_ThrowsWithFileLineAndKey()
    {
        using var folder = new ExportFolder().WithAccounts().With("icpkit.yaml", "accounts:\n  colums:\n    name: Company\n");
        var e = Assert.Throws<ProjectConfigException>(() => Export.Load(folder.Path));
        Assert.Equal("icpkit.yaml line 2, key 'accounts.colums': unknown key; expected one of file, columns, values, ignore, sql, source, connection_env, table, personal", e.Message);
    }
}
