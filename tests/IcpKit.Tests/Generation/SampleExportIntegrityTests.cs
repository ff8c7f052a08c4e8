using System.Globalization;
using IcpKit.Generation;

namespace IcpKit.Tests.Generation;

public class SampleExportIntegrityTests
{
    private static readonly SampleExportOptions Options = new() { Accounts = 1500, Seed = 5, EventsPerAccount = 30 };
    private static readonly Lazy<(ExportTables Tables, GeneratedExport Export)> Sample = new(() => ExportTables.Generate(Options));

    [Fact]
    public void Generate_ReturnedCounts_MatchRowsWritten()
    {
        var (t, export) = Sample.Value;
        Assert.Equal(Options.Accounts, export.Accounts); // as_of is the last day: every account is visible
        Assert.Equal(export.Accounts, t.Accounts.Count);
        Assert.Equal(export.Deals, t.Deals.Count);
        Assert.Equal(export.Events, t.Events.Count);
        Assert.Equal(export.Surveys, t.Surveys.Count);
        Assert.Equal(Options.EffectiveEvents, export.Events);
    }

    [Fact]
    public void Generate_Ids_AreUniqueAndReferToAccounts()
    {
        var (t, _) = Sample.Value;
        var accounts = t.Accounts.Select(a => a["account_id"]).ToHashSet();
        Assert.Equal(t.Accounts.Count, accounts.Count);
        Assert.Equal(t.Deals.Count, t.Deals.Select(d => d["deal_id"]).Distinct().Count());
        Assert.All(t.Deals, d => Assert.Contains(d["account_id"], accounts));
        Assert.All(t.Events, e => Assert.Contains(e["account_id"], accounts));
        Assert.All(t.Surveys, s => Assert.Contains(s["account_id"], accounts));
    }

    [Fact]
    public void Generate_Deals_FollowTheContract()
    {
        var (t, _) = Sample.Value;
        var asOf = Options.EffectiveAsOf;
        Assert.All(t.Deals, d =>
        {
            var created = ExportTables.Date(d["created_on"])!.Value;
            var closed = ExportTables.Date(d["closed_on"]);
            Assert.True(created <= asOf, d["deal_id"]);
            Assert.Contains(d["stage"], SampleWorld.Funnel);
            Assert.Contains(d["source"], SampleWorld.Sources);
            switch (d["outcome"])
            {
                case "open":
                    Assert.Null(closed);
                    Assert.Equal("", d["loss_reason"]);
                    break;
                case "won":
                    Assert.True(closed > created && closed <= asOf, d["deal_id"]);
                    Assert.Equal("negotiation", d["stage"]); // a won deal went through every stage
                    Assert.Equal("", d["loss_reason"]);
                    break;
                case "lost":
                    Assert.True(closed > created && closed <= asOf, d["deal_id"]);
                    break;
                default:
                    Assert.Fail($"outcome {d["outcome"]}");
                    break;
            }
            if (d["amount"].Length > 0) Assert.True(decimal.Parse(d["amount"], CultureInfo.InvariantCulture) > 0);
        });
        // Losses happen at every stage, and some deals are still open.
        Assert.Equal(SampleWorld.Funnel.Length, t.Deals.Where(d => d["outcome"] == "lost").Select(d => d["stage"]).Distinct().Count());
        Assert.Contains(t.Deals, d => d["outcome"] == "open");
        Assert.Contains(t.Deals, d => d["outcome"] == "lost" && d["loss_reason"].Length == 0);
    }

    [Fact]
    public void Generate_CustomerSince_IsTheFirstWonDealsCloseDate()
    {
        var (t, _) = Sample.Value;
        var firstWin = t.Deals.Where(d => d["outcome"] == "won")
            .GroupBy(d => d["account_id"]).ToDictionary(g => g.Key, g => g.Min(d => d["closed_on"]));
        Assert.All(t.Accounts, a =>
        {
            Assert.Equal(firstWin.GetValueOrDefault(a["account_id"], ""), a["customer_since"]);
            if (a["churned_on"].Length > 0)
                Assert.True(ExportTables.Date(a["churned_on"]) > ExportTables.Date(a["customer_since"]), a["account_id"]);
            // Plan, MRR and seats exist for customers only.
            Assert.Equal(a["customer_since"].Length > 0, a["plan"].Length > 0);
            Assert.Equal(a["customer_since"].Length > 0, a["mrr"].Length > 0);
        });
        Assert.Contains(t.Accounts, a => a["churned_on"].Length > 0);
    }

    [Fact]
    public void Generate_Events_FallWithinEachCustomersLifetime()
    {
        var (t, _) = Sample.Value;
        var accounts = t.Accounts.ToDictionary(a => a["account_id"]);
        var end = Options.EffectiveAsOf.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        string previousAccount = "";
        DateTime previous = DateTime.MinValue;
        foreach (var e in t.Events)
        {
            var a = accounts[e["account_id"]];
            var at = ExportTables.Timestamp(e["occurred_at"]);
            var since = ExportTables.Date(a["customer_since"]);
            Assert.NotNull(since);
            Assert.True(at >= since.Value.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), e["occurred_at"]);
            var until = ExportTables.Date(a["churned_on"])?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) ?? end;
            Assert.True(at < until, $"{e["account_id"]} {e["occurred_at"]}");
            // Grouped by account, in time order within each account.
            if (e["account_id"] == previousAccount) Assert.True(at >= previous);
            previousAccount = e["account_id"];
            previous = at;
        }
    }

    [Fact]
    public void Generate_Surveys_HaveValidAnswersAndSomeBlanks()
    {
        var (t, _) = Sample.Value;
        string[] pmf = ["", "very disappointed", "somewhat disappointed", "not disappointed"];
        Assert.All(t.Surveys, s =>
        {
            if (s["nps"].Length > 0) Assert.InRange(int.Parse(s["nps"], CultureInfo.InvariantCulture), 0, 10);
            Assert.Contains(s["pmf"], pmf);
        });
        Assert.Contains(t.Surveys, s => s["nps"].Length == 0);
        Assert.Contains(t.Surveys, s => s["pmf"].Length == 0);
        Assert.Contains(t.Surveys, s => s["comment"].Contains('\n', StringComparison.Ordinal));
        Assert.Contains(t.Surveys, s => s["comment"].Contains('"', StringComparison.Ordinal));
    }

    [Fact]
    public void Generate_EarlierAsOf_IsASnapshotOfTheSameCompany()
    {
        // A quarter earlier: fewer rows, the same ids, and nothing dated after the earlier as_of.
        var asOf = new DateOnly(2026, 6, 30);
        var (early, _) = ExportTables.Generate(Options with { AsOf = asOf, EventsPerAccount = 1 });
        var (late, _) = Sample.Value;
        var lateDeals = late.Deals.ToDictionary(d => d["deal_id"]);
        Assert.True(early.Deals.Count < late.Deals.Count);
        Assert.All(early.Deals, d =>
        {
            Assert.Equal(lateDeals[d["deal_id"]]["created_on"], d["created_on"]);
            if (d["outcome"] != "open") Assert.Equal(lateDeals[d["deal_id"]]["outcome"], d["outcome"]);
            Assert.True(ExportTables.Date(d["created_on"]) <= asOf);
        });
        Assert.All(early.Accounts, a => Assert.True(ExportTables.Date(a["customer_since"]) is null || ExportTables.Date(a["customer_since"]) <= asOf));
    }
}
