using System.Globalization;
using IcpKit.Generation;

namespace IcpKit.Tests.Generation;

/// <summary>
/// The planted ICP and confounders are visible in the raw numbers (plain counting, no kit analyses), on several
/// seeds. Margins are well inside the planted effects so a seed's noise cannot flip them.
/// </summary>
public class PlantedEffectsTests(PlantedEffectsTests.Exports exports) : IClassFixture<PlantedEffectsTests.Exports>
{
    private static SampleExportOptions Options(int seed) => new() { Accounts = 3000, Seed = seed, EventsPerAccount = 25 };

    /// <summary>Each seed's export, generated once for the tests of this class.</summary>
    public sealed class Exports
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<int, Lazy<ExportTables>> _bySeed = new();

        internal ExportTables For(int seed) => _bySeed.GetOrAdd(seed, s => new Lazy<ExportTables>(() => ExportTables.Generate(Options(s)).Tables)).Value;
    }

    private static double WinRate(IEnumerable<Dictionary<string, string>> deals)
    {
        var closed = deals.Where(d => d["outcome"] != "open").ToList();
        return closed.Count == 0 ? double.NaN : closed.Count(d => d["outcome"] == "won") / (double)closed.Count;
    }

    private static double Median(IEnumerable<double> values)
    {
        var v = values.Order().ToArray();
        return v.Length == 0 ? double.NaN : v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }

    private static double CycleDays(Dictionary<string, string> d) =>
        ExportTables.Date(d["closed_on"])!.Value.DayNumber - ExportTables.Date(d["created_on"])!.Value.DayNumber;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Icp_WinsMoreAndFaster(int seed)
    {
        var t = exports.For(seed);
        var icp = t.Accounts.Where(ExportTables.IsIcp).Select(a => a["account_id"]).ToHashSet();
        var icpDeals = t.Deals.Where(d => icp.Contains(d["account_id"])).ToList();
        var rest = t.Deals.Where(d => !icp.Contains(d["account_id"])).ToList();
        double icpWin = WinRate(icpDeals), restWin = WinRate(rest);
        Assert.True(icpWin > restWin + 0.25, $"seed {seed}: ICP win rate {icpWin:0.000} vs rest {restWin:0.000}");
        double icpCycle = Median(icpDeals.Where(d => d["outcome"] == "won").Select(CycleDays));
        double restCycle = Median(rest.Where(d => d["outcome"] == "won").Select(CycleDays));
        Assert.True(icpCycle < 0.7 * restCycle, $"seed {seed}: median won cycle ICP {icpCycle} vs rest {restCycle}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Icp_ActivatesRetainsUsesAndLikesItMore(int seed)
    {
        var t = exports.For(seed);
        var customers = t.Accounts.Where(a => a["customer_since"].Length > 0).ToList();
        var icp = customers.Where(ExportTables.IsIcp).Select(a => a["account_id"]).ToHashSet();
        var rest = customers.Select(a => a["account_id"]).Where(id => !icp.Contains(id)).ToHashSet();

        var byAccount = t.Events.GroupBy(e => e["account_id"]).ToDictionary(g => g.Key, g => g.ToList());
        double Share(HashSet<string> ids, string ev) => ids.Count(id => byAccount.TryGetValue(id, out var es) && es.Any(e => e["event"] == ev)) / (double)ids.Count;
        double Volume(HashSet<string> ids) => ids.Average(id => byAccount.TryGetValue(id, out var es) ? es.Count : 0);
        double Churn(HashSet<string> ids) => customers.Where(a => ids.Contains(a["account_id"])).Average(a => a["churned_on"].Length > 0 ? 1.0 : 0.0);

        Assert.True(Share(icp, "connect_integration") > Share(rest, "connect_integration") + 0.15, $"seed {seed}: activation");
        Assert.True(Share(icp, "export_dashboard") > Share(rest, "export_dashboard") + 0.25, $"seed {seed}: high-value event");
        // Among customers that got there, the ICP reaches the high-value event in well under half the time.
        var since = customers.ToDictionary(a => a["account_id"], a => ExportTables.Date(a["customer_since"])!.Value.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        double DaysToHighValue(HashSet<string> ids) => Median(ids.Where(byAccount.ContainsKey)
            .Select(id => byAccount[id].FirstOrDefault(e => e["event"] == "export_dashboard"))
            .Where(e => e is not null).Select(e => (ExportTables.Timestamp(e!["occurred_at"]) - since[e["account_id"]]).TotalDays));
        Assert.True(DaysToHighValue(icp) < 0.5 * DaysToHighValue(rest), $"seed {seed}: median days to high-value event {DaysToHighValue(icp):0} vs {DaysToHighValue(rest):0}");
        Assert.True(Volume(icp) > 1.8 * Volume(rest), $"seed {seed}: events per customer {Volume(icp):0} vs {Volume(rest):0}");
        Assert.True(Churn(icp) < Churn(rest) - 0.15, $"seed {seed}: churned share {Churn(icp):0.000} vs {Churn(rest):0.000}");

        var answers = t.Surveys.Where(s => s["nps"].Length > 0).ToList();
        double Nps(HashSet<string> ids) => answers.Where(s => ids.Contains(s["account_id"])).Average(s => int.Parse(s["nps"], CultureInfo.InvariantCulture));
        double Very(HashSet<string> ids) => t.Surveys.Where(s => ids.Contains(s["account_id"]) && s["pmf"].Length > 0).Average(s => s["pmf"] == "very disappointed" ? 1.0 : 0.0);
        Assert.True(Nps(icp) > Nps(rest) + 1.2, $"seed {seed}: mean NPS {Nps(icp):0.00} vs {Nps(rest):0.00}");
        Assert.True(Very(icp) > Very(rest) + 0.2, $"seed {seed}: PMF very disappointed {Very(icp):0.000} vs {Very(rest):0.000}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Confounders_ArePlantedAsDocumented(int seed)
    {
        var options = Options(seed);
        var truth = PlantedTruth.For(options);
        var t = exports.For(seed);
        var industry = t.Accounts.ToDictionary(a => a["account_id"], a => a["industry"]);
        var dealsByIndustry = t.Deals.GroupBy(d => industry[d["account_id"]]).ToDictionary(g => g.Key, g => g.ToList());

        // The over-targeted industry has by far the most deals and customers, but wins no better than the rest
        // (the never-won industry left out of "the rest", so it does not drag the rest down).
        var targeted = dealsByIndustry[truth.OverTargetedIndustry!];
        Assert.True(targeted.Count > 2 * dealsByIndustry.Where(kv => kv.Key != truth.OverTargetedIndustry).Max(kv => kv.Value.Count), $"seed {seed}: deals");
        var others = dealsByIndustry.Where(kv => kv.Key != truth.OverTargetedIndustry && kv.Key != truth.NeverWonIndustry).SelectMany(kv => kv.Value);
        double targetedWin = WinRate(targeted), othersWin = WinRate(others);
        Assert.True(targetedWin < othersWin + 0.04, $"seed {seed}: {truth.OverTargetedIndustry} win rate {targetedWin:0.000} vs {othersWin:0.000}");
        var customers = t.Accounts.Where(a => a["customer_since"].Length > 0).ToList();
        Assert.Equal(truth.OverTargetedIndustry, customers.GroupBy(a => a["industry"]).MaxBy(g => g.Count())!.Key);

        Assert.False(dealsByIndustry.ContainsKey(truth.NeverTriedIndustry!), $"seed {seed}: never-tried industry has deals");
        Assert.Contains(t.Accounts, a => a["industry"] == truth.NeverTriedIndustry);
        Assert.True(dealsByIndustry[truth.NeverWonIndustry!].Count > 30, $"seed {seed}: never-won industry was tried");
        Assert.DoesNotContain(dealsByIndustry[truth.NeverWonIndustry!], d => d["outcome"] == "won");

        // Warm intros win more among non-ICP accounts too, i.e. regardless of fit.
        var icp = t.Accounts.Where(ExportTables.IsIcp).Select(a => a["account_id"]).ToHashSet();
        var nonIcp = t.Deals.Where(d => !icp.Contains(d["account_id"])).ToList();
        double warm = WinRate(nonIcp.Where(d => d["source"] == truth.LiftedSource));
        double cold = WinRate(nonIcp.Where(d => d["source"] != truth.LiftedSource));
        Assert.True(warm > cold + 0.15, $"seed {seed}: non-ICP warm-intro win rate {warm:0.000} vs {cold:0.000}");
    }

    [Fact]
    public void EffectStrengthZero_IcpWinsLikeTheRest()
    {
        // The null world: same accounts, no ICP lift, so the ICP's win rate is the rest's within noise.
        var (t, _) = ExportTables.Generate(Options(4) with { Accounts = 6000, EffectStrength = 0, Confounders = false, EventsPerAccount = 1 });
        var icp = t.Accounts.Where(ExportTables.IsIcp).Select(a => a["account_id"]).ToHashSet();
        double icpWin = WinRate(t.Deals.Where(d => icp.Contains(d["account_id"])));
        double restWin = WinRate(t.Deals.Where(d => !icp.Contains(d["account_id"])));
        Assert.InRange(icpWin - restWin, -0.08, 0.08);
        // No confounders: every industry, including the usually never-tried one, has deals.
        Assert.Contains(t.Deals, d => t.Accounts.First(a => a["account_id"] == d["account_id"])["industry"] == "government");
    }
}
