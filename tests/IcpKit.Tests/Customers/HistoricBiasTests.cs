using System.Collections.Immutable;
using IcpKit.Customers;
using IcpKit.Loading;
using IcpKit.Metrics;
using IcpKit.Model;
using static IcpKit.Tests.Customers.CustomerTestData;

namespace IcpKit.Tests.Customers;

/// <summary>Historic-bias verdicts on hand-built exports.</summary>
public sealed class HistoricBiasTests
{
    private static ExportData Export(IEnumerable<Account> accounts, IEnumerable<Deal> deals)
    {
        var catalog = new TraitCatalog([Category(TraitFields.Industry)]);
        return new ExportData([.. accounts], [.. deals], [], ImmutableDictionary<string, AccountUsage>.Empty, catalog,
            ProjectConfig.Canonical, new DateOnly(2026, 1, 1), [ExportFile.Accounts, ExportFile.Deals],
            new ValidationReport([], [], ImmutableDictionary<(string, string, Severity), long>.Empty));
    }

    private static Deal DealFor(string accountId, int i, DealOutcome outcome) => new()
    {
        DealId = $"{accountId}-{i}", AccountId = accountId, CreatedOn = new DateOnly(2025, 1, 1),
        ClosedOn = outcome == DealOutcome.Open ? null : new DateOnly(2025, 3, 1), Stage = "lead", Outcome = outcome,
    };

    [Fact]
    public void By_SegmentWithoutDeals_IsNeverTried_OthersNot()
    {
        var accounts = Accounts("g", 20, "government", false).Concat(Accounts("r", 20, "retail", false)).ToArray();
        var deals = accounts.Where(a => a.Industry == "retail").Select((a, i) => DealFor(a.AccountId, i, i % 3 == 0 ? DealOutcome.Won : DealOutcome.Lost));
        var bias = HistoricBias.By(Export(accounts, deals), Segmentation.ByTrait(Category(TraitFields.Industry)));
        Assert.Equal(BiasVerdict.NeverTried, bias.Find("industry", "government")!.Verdict);
        Assert.Equal(BiasVerdict.None, bias.Find("industry", "retail")!.Verdict);
    }

    [Fact]
    public void By_NoDealsAtAll_FlagsNothing()
    {
        // An export without deals says nothing about what was tried: no segment is "never tried" on its own.
        var bias = HistoricBias.By(Export(Accounts("g", 20, "government", false).Concat(Accounts("r", 20, "retail", false)), []),
            Segmentation.ByTrait(Category(TraitFields.Industry)));
        Assert.Empty(bias.Flagged);
    }

    [Fact]
    public void By_TriedTwiceAsMuchWithSameWinRate_IsExposureBias()
    {
        // fintech: 20 accounts, 3 deals each, win rate 1/3; retail: 40 accounts, 0.5 deal each, same win rate.
        var fin = Accounts("f", 20, "fintech", false).ToArray();
        var ret = Accounts("r", 40, "retail", false).ToArray();
        var deals = fin.SelectMany((a, i) => Enumerable.Range(0, 3).Select(k => DealFor(a.AccountId, k, k == 0 ? DealOutcome.Won : DealOutcome.Lost)))
            .Concat(ret.Take(20).Select((a, i) => DealFor(a.AccountId, 0, i % 3 == 0 ? DealOutcome.Won : DealOutcome.Lost))).ToArray();
        var won = deals.Where(d => d.Outcome == DealOutcome.Won).Select(d => d.AccountId).ToHashSet();
        var accounts = fin.Concat(ret).Select(a => won.Contains(a.AccountId) ? a with { CustomerSince = new DateOnly(2025, 3, 1) } : a);
        var bias = HistoricBias.By(Export(accounts, deals), Segmentation.ByTrait(Category(TraitFields.Industry)));
        var row = bias.Find("industry", "fintech")!;
        Assert.Equal(BiasVerdict.ExposureBias, row.Verdict);
        Assert.Equal(60.0 / 20 / (80.0 / 60), row.ExposureRatio, 12); // deals per account 3 against 80 / 60 overall
    }
}
