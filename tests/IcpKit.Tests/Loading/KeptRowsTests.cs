using IcpKit.Loading;
using IcpKit.Model;

namespace IcpKit.Tests.Loading;

/// <summary>
/// Issue 11, item 5 (loading side): rows missing a field only some analyses need are kept for the others, and the
/// report says which analyses leave them out.
/// </summary>
public class KeptRowsTests
{
    private const string DealsHeader = "deal_id,account_id,created_on,closed_on,stage,outcome,amount,loss_reason,source\n";

    [Fact]
    public void DealWithoutCreatedOn_IsKept_SaidOnce_AndLeftOutOfTheSalesCycle()
    {
        using var folder = new ExportFolder().WithAccounts().With("deals.csv", DealsHeader +
            "D1,A1,2025-01-01,2025-01-31,proposal,won,1000,,\n" +   // 30 days to win
            "D2,A2,,,discovery,open,,,\n" +                         // a prospecting deal never engaged
            "D3,A3,,2025-03-01,proposal,lost,,price,\n");           // lost, no creation date
        var export = Export.Load(folder.Path);

        Assert.Equal(["D1", "D2", "D3"], export.Deals.Select(d => d.DealId));
        Assert.Equal(new FileSummary("deals.csv", true, 3, 3, 0, 2, "utf-8", ","), export.Report.Files[1]);
        var said = export.Report.Issues.Where(i => i.Rule == "partial").ToList();
        Assert.Equal([(3, "created_on"), (4, "created_on")], said.Select(i => (i.Line, i.Column!)));
        Assert.All(said, i => Assert.Equal(Severity.Warning, i.Severity));
        Assert.Contains("left out of the sales cycle", said[0].Expected, StringComparison.Ordinal);

        // Win rate over closed deals: D1 won, D3 lost, 1 of 2. The sales cycle sees D1 alone.
        Assert.Equal(2, export.Deals.Count(d => d.IsClosed));
        var cycle = IcpKit.Metrics.SalesCycle.Of(export.Deals, export.Accounts, export.AsOf);
        Assert.Equal(1, cycle.N);
    }
}
