using IcpKit.Generation;
using IcpKit.Loading;
using IcpKit.Metrics;

namespace IcpKit.Tests.Generation;

/// <summary>The generator's value files plant what its README says: the ICP keeps and grows its revenue and pays back faster.</summary>
public class ValueFilesPlantedTests
{
    [Theory]
    [InlineData(42)]
    [InlineData(7)]
    public void Generate_PlantedIcp_HigherNetRevenueRetentionAndFasterPayback(int seed)
    {
        using var dir = new TempDir();
        var generator = new SampleExportGenerator(new SampleExportOptions { Accounts = 2000, Seed = seed, EventsPerAccount = 1 });
        generator.Generate(dir.Path);
        var export = Export.Load(dir.Path);
        var split = Segmentation.InOrOut("planted", PlantedTruth.IsIcp);

        Assert.False(export.Report.HasErrors, $"seed {seed}: {export}");
        // Each history ends at the MRR accounts.csv exports, in the customer's last month.
        var lastMonth = export.MrrHistory.GroupBy(p => p.AccountId).ToDictionary(g => g.Key, g => g.MaxBy(p => p.Month)!.Mrr);
        Assert.All(export.Accounts.Where(a => a.IsCustomerAt(export.AsOf)), a => Assert.Equal(a.Mrr, lastMonth[a.AccountId]));

        var nrr = NetRevenueRetention.Of(export, split);
        Assert.True(nrr["ICP"]!.Nrr.Estimate > nrr["non-ICP"]!.Nrr.Estimate + 0.15, $"seed {seed}: {nrr}");
        var cac = AcquisitionCost.Of(export, split);
        Assert.True(cac["ICP"]!.PaybackMonths.Estimate < 0.7 * cac["non-ICP"]!.PaybackMonths.Estimate, $"seed {seed}: {cac}");
        // Every spend row is a paid channel; referrals cost nothing and appear in no row.
        Assert.DoesNotContain(export.Spend, s => s.Channel == "referral");
    }
}
