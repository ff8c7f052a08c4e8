using IcpKit.Loading;
using IcpKit.Model;

namespace IcpKit.Tests.Loading;

public class AccountTraitTests
{
    private static ExportData LoadGood() =>
        Export.Load(Path.Combine(AppContext.BaseDirectory, "Loading", "Data", "good"));

    [Fact]
    public void Extras_TypesAreInferredAcrossTheColumn()
    {
        var export = LoadGood();
        Assert.Equal([("annual_revenue", TraitKind.Number), ("founded", TraitKind.Date), ("integrations", TraitKind.List), ("segment", TraitKind.Category)],
            export.Traits.Traits.Where(t => t.IsExtra).Select(t => (t.Name, t.Kind)));
        var acme = export.Accounts[0];
        Assert.Equal(TraitValue.Of(1500000.0), acme.Trait("annual_revenue"));
        Assert.Equal(TraitValue.Of(new DateOnly(2012, 5, 1)), acme.Trait("founded"));
        Assert.Equal(TraitValue.Of(["slack", "jira"]), acme.Trait("integrations"));
        // An empty extra value is missing, not an empty category.
        Assert.True(export.Accounts[3].Trait("annual_revenue").IsMissing);
    }

    [Fact]
    public void Catalog_NamedTraits_CarryConfiguredBands()
    {
        var employees = LoadGood().Traits["employees"];
        Assert.Equal(["1-10", "11-50", "51-200", "201-1000", "1001+"], employees.Bands.Select(b => b.Label));
        Assert.Equal("11-50", employees.BandOf(45));
        Assert.Equal("1001+", employees.BandOf(5000));
        Assert.Equal("under 1", employees.BandOf(0));
    }

    [Fact]
    public void Accounts_QuotedQuotesAndListsAndDates_AreRead()
    {
        var a = LoadGood().Accounts;
        Assert.Equal("Société Générale \"Tech\"", a[2].Name);
        Assert.Equal(["salesforce", "slack"], a[0].TechStack.ToArray());
        Assert.Equal((new DateOnly(2024, 6, 1), new DateOnly(2025, 6, 1)), (a[2].CustomerSince!.Value, a[2].ChurnedOn!.Value));
        Assert.Equal(1200.50m, a[0].Mrr);
    }

    [Fact]
    public void Usage_FoldsEventsPerAccount()
    {
        var u = LoadGood().Usage["A1"];
        // 2025-01-12 (a Sunday, ISO week 2) and 2025-01-20 (week 4): two days, two weeks.
        Assert.Equal((3L, 2, 2, 2), (u.EventCount, u.ActiveDays, u.ActiveWeeks, u.DistinctUsers));
        Assert.Equal(new DateTime(2025, 1, 12, 9, 5, 0, DateTimeKind.Utc), u.FirstActivationAt);
        Assert.Equal((1L, 1L), (u.HighValueCount, u.EventCounts["login"]));
    }

    [Fact]
    public void Frames_HaveOneRowPerRecordAndExtraColumns()
    {
        var export = LoadGood();
        var accounts = export.AccountsFrame();
        Assert.Equal(4, accounts.Rows.Count);
        Assert.Equal(1500000.0, accounts["annual_revenue"][0]);
        Assert.Equal(4, export.DealsFrame().Rows.Count);
        Assert.Equal(2, export.SurveysFrame().Rows.Count);
        Assert.Equal(2, export.UsageFrame().Rows.Count);
        Assert.Equal("won", export.DealsFrame()["outcome"][0]);
    }

    [Fact]
    public void Dates_SeveralConfiguredFormats_AreTriedInOrderAfterIso()
    {
        using var folder = new ExportFolder()
            .With("icpkit.yaml", "date_formats: [dd/MM/yyyy, dd.MM.yyyy, \"MMM d, yyyy\"]\n")
            .With("accounts.csv", "account_id,customer_since\nA1,2025-03-04\nA2,04/03/2025\nA3,04.03.2025\nA4,\"Mar 4, 2025\"\nA5,2025-03-04T23:30:00Z\n");
        var export = Export.Load(folder.Path);
        Assert.All(export.Accounts, a => Assert.Equal(new DateOnly(2025, 3, 4), a.CustomerSince));
        Assert.Equal(5, export.Accounts.Length);
    }

    [Fact]
    public void AsOf_WhenNotConfigured_IsTheLatestDateSeen()
    {
        using var folder = new ExportFolder()
            .With("accounts.csv", "account_id,customer_since,churned_on\nA1,2025-01-01,2025-07-09\n")
            .With("events.csv", "account_id,user_id,occurred_at,event\nA1,u,2025-08-01T10:00:00Z,login\n");
        Assert.Equal(new DateOnly(2025, 8, 1), Export.Load(folder.Path).AsOf);
    }

    [Fact]
    public void ValidationText_ShowsSummaryAndFirstProblems()
    {
        using var folder = new ExportFolder().With("accounts.csv", "account_id,name\nA1,x\nA1,y\n");
        var text = ValidationText.Format(Export.Load(folder.Path));
        Assert.Contains("accounts.csv                 2         1         1         0  utf-8        ,", text, StringComparison.Ordinal);
        Assert.Contains("error duplicate-id in accounts.csv: 1", text, StringComparison.Ordinal);
        Assert.Contains("accounts.csv:3:account_id = 'A1': expected a unique account_id; 'A1' is already on line 2", text, StringComparison.Ordinal);
        Assert.Contains("deals.csv            no deals.csv: win-rate", text, StringComparison.Ordinal);
    }
}
