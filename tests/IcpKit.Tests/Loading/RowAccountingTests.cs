using System.Text;
using IcpKit.Loading;

namespace IcpKit.Tests.Loading;

/// <summary>Nothing is dropped silently: on random messy files, rows read = accepted + rejected = records written.</summary>
public class RowAccountingTests
{
    private static readonly string[] Ids = ["D1", "D2", "D3", "", "D1"];
    private static readonly string[] Accounts = ["A1", "A2", "A9", ""];
    private static readonly string[] Dates = ["2025-01-01", "2025-02-30", "", "01/02/2025", "2024-12-31"];
    private static readonly string[] Stages = ["demo", "proposal", "pilot", ""];
    private static readonly string[] Outcomes = ["won", "lost", "open", "maybe", ""];
    private static readonly string[] Amounts = ["100", "-5", "", "abc", "\"1,000\""];
    private static readonly string[] Notes = ["", "\"line one\nline two\"", "\"say \"\"hi\"\"\"", "plain"];

    [Fact]
    public void Load_RandomMessyDeals_EveryRowIsAcceptedOrRejected()
    {
        for (var seed = 1; seed <= 40; seed++)
        {
            var random = new Random(seed);
            string Pick(string[] pool) => pool[random.Next(pool.Length)];
            var text = new StringBuilder("deal_id,account_id,created_on,closed_on,stage,outcome,amount,loss_reason\n");
            var records = random.Next(0, 30);
            for (var i = 0; i < records; i++)
            {
                if (random.Next(5) == 0)
                {
                    text.Append(random.Next(2) == 0 ? "\n" : ",,,\n"); // blank lines are not rows
                }
                text.Append($"{Pick(Ids)},{Pick(Accounts)},{Pick(Dates)},{Pick(Dates)},{Pick(Stages)},{Pick(Outcomes)},{Pick(Amounts)},{Pick(Notes)}\n");
            }
            using var folder = new ExportFolder().WithAccounts(2).With("deals.csv", text.ToString()).With("icpkit.yaml", "funnel: [demo, proposal]\nas_of: 2025-06-30\n"); // some seeds have no readable date: as_of is then required
            var export = Export.Load(folder.Path);
            var deals = export.Report.Files.Single(f => f.File == "deals.csv");
            // Records are the lines with some content, minus the continuation lines of the quoted two-line note.
            var expected = text.ToString().Split('\n').Skip(1).Count(l => l.Trim(',', ' ').Length > 0 && !l.StartsWith("line two", StringComparison.Ordinal));
            Assert.True(deals.Balances, $"seed {seed}: {deals}");
            Assert.True(expected == deals.RowsRead, $"seed {seed}: wrote {expected} records, read {deals.RowsRead}");
            Assert.True(export.Deals.Length == deals.Accepted, $"seed {seed}");
        }
    }
}
