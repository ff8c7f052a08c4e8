using IcpKit.Icp;
using IcpKit.Model;
using IcpKit.Outcomes;
using IcpKit.Statistics;
using IcpKit.Testing;
using Xunit.Abstractions;

namespace IcpKit.Tests.Testing;

/// <summary>The ICP test's win rate treats the deals of one account as a cluster, not as independent trials (issue 13 item 5).</summary>
public sealed class ClusteredWinRateTests(Samples2026Q3 samples, ITestOutputHelper output) : IClassFixture<Samples2026Q3>
{
    [Fact]
    public void Run_WinRate_IntervalAndPAreClusteredByAccount()
    {
        var icp = samples.Icp("planted-icp.yaml");
        var result = IcpTest.Run(samples.Export, icp);
        var row = result[IcpOutcomes.WinRate];
        output.WriteLine(row.ToString());
        // The clusters counted here from the raw deals: closed deals of accounts in the export, per account, split by the ICP.
        var members = IcpSplit.Of(samples.Export, icp).Members;
        var known = samples.Export.Accounts.Select(a => a.AccountId).ToHashSet(StringComparer.Ordinal);
        var byAccount = samples.Export.Deals.Where(d => d.IsClosed && known.Contains(d.AccountId)).GroupBy(d => d.AccountId, StringComparer.Ordinal)
            .Select(g => (Icp: members.Contains(g.Key), Won: g.Count(d => d.Outcome == DealOutcome.Won), Closed: g.Count())).ToList();
        var expected = ClusteredProportions.CompareTwo(
            [.. byAccount.Where(a => a.Icp).Select(a => (a.Won, a.Closed))], [.. byAccount.Where(a => !a.Icp).Select(a => (a.Won, a.Closed))]);
        Assert.Equal(expected.Interval.Lower, row.Interval.Lower, 12);
        Assert.Equal(expected.Interval.Upper, row.Interval.Upper, 12);
        Assert.Equal(expected.PValue, row.PValue, 12);
        // Not the independent-deals test any more: its interval differs.
        var independent = Proportions.CompareTwo(expected.Successes1, expected.N1, expected.Successes2, expected.N2);
        Assert.NotEqual(independent.Interval.Lower, row.Interval.Lower, 6);
        // The table says so, and keeps the account-level view beside it.
        Assert.Contains("clustered by account", row.Note, StringComparison.Ordinal);
        Assert.Contains("accounts that won at least once", row.Note, StringComparison.Ordinal);
        Assert.Contains("clustered by account", result.ToText(), StringComparison.Ordinal);
    }
}
