using IcpKit.Icp;
using IcpKit.Loading;
using IcpKit.Tests.Loading;
using IcpKit.Voice;

namespace IcpKit.Tests.Voice;

/// <summary>Users added after activation, folded from events.csv and compared by hand.</summary>
public class ColleaguesInvitedTests
{
    private const string Accounts = """
        account_id,name,industry,customer_since
        I1,I1 Acct,SaaS,2025-01-01
        I2,I2 Acct,SaaS,2025-01-01
        I3,I3 Acct,SaaS,2025-01-01
        I4,I4 Acct,SaaS,2025-01-01
        N1,N1 Acct,Retail,2025-01-01
        N2,N2 Acct,Retail,2025-01-01
        N3,N3 Acct,Retail,2025-01-01
        N4,N4 Acct,Retail,2025-01-01
        N5,N5 Acct,Retail,2025-01-01

        """;

    // I1: activated 01-02 by u1; u2 first seen 01-03 (added); u3 first seen 01-01, again later (not added); u4 first seen
    // at the activation instant (not added, it is not after). I2, I3: one user each added. I4: nobody added.
    // N1: one added. N2-N4: nobody added. N5 never activated (left out).
    private const string Events = """
        account_id,user_id,occurred_at,event
        I1,u1,2025-01-01T09:00:00Z,login
        I1,u3,2025-01-01T10:00:00Z,login
        I1,u1,2025-01-02T09:00:00Z,connect_integration
        I1,u4,2025-01-02T09:00:00Z,login
        I1,u2,2025-01-03T09:00:00Z,login
        I1,u3,2025-01-04T09:00:00Z,login
        I2,a,2025-01-02T09:00:00Z,connect_integration
        I2,b,2025-02-02T09:00:00Z,login
        I3,a,2025-01-02T09:00:00Z,connect_integration
        I3,b,2025-03-02T09:00:00Z,login
        I4,a,2025-01-02T09:00:00Z,connect_integration
        N1,a,2025-01-02T09:00:00Z,connect_integration
        N1,b,2025-01-05T09:00:00Z,login
        N2,a,2025-01-02T09:00:00Z,connect_integration
        N3,a,2025-01-02T09:00:00Z,connect_integration
        N4,a,2025-01-02T09:00:00Z,connect_integration
        N5,a,2025-01-02T09:00:00Z,login
        N5,b,2025-01-03T09:00:00Z,login

        """;

    private static (ExportData Export, IcpDefinition Icp) Load()
    {
        using var folder = new ExportFolder().With("accounts.csv", Accounts).With("events.csv", Events)
            .With("icpkit.yaml", "as_of: 2025-12-31\nactivation_events: [connect_integration]\n")
            .With("icp.yaml", "name: SaaS\nversion: 1\ndate: 2025-12-01\nhas:\n  - field: industry\n    equals: SaaS\n");
        var export = Export.Load(folder.Path);
        return (export, IcpDefinition.Load(Path.Combine(folder.Path, "icp.yaml"), export));
    }

    [Fact]
    public void Fold_UsersFirstSeenAfterActivation_CountedStrictlyAfter()
    {
        var (export, _) = Load();
        Assert.Equal(1, export.Usage["I1"].UsersAddedAfterActivation);
        Assert.Equal(4, export.Usage["I1"].DistinctUsers);
        Assert.Equal(0, export.Usage["I4"].UsersAddedAfterActivation);
        Assert.Equal(0, export.Usage["N5"].UsersAddedAfterActivation); // never activated
    }

    [Fact]
    public void Colleagues_IcpAgainstRest_MatchHandCountsAndScipy()
    {
        var (export, icp) = Load();
        var result = Interviews.Colleagues(export, icp).Value;
        // 3 of 4 ICP customers against 1 of 4 others (N5 never activated); SciPy fisher_exact([[3, 1], [1, 3]]) p = 0.4857142857
        // (Reference/tag_rates.py).
        Assert.Equal((3, 4, 1, 4), (result.Icp.Successes, result.Icp.N, result.NonIcp.Successes, result.NonIcp.N));
        Assert.Equal(0.4857142857, result.Test.PValue, 1e-9);
        Assert.Equal(0.75, result.IcpMeanAdded, 12);
        Assert.Equal(0.25, result.NonIcpMeanAdded, 12);
        // The Summary frame carries the same hand counts, a row per group.
        var summary = result.Summary;
        Assert.Equal(["ICP", "the rest"], summary["group"].Cast<string>());
        Assert.Equal([4, 4], summary["activated_customers"].Cast<int>());
        Assert.Equal([3, 1], summary["added_a_colleague"].Cast<int>());
        Assert.Equal([0.75, 0.25], summary["share"].Cast<double>());
        Assert.Equal([0.75, 0.25], summary["mean_users_added"].Cast<double>());
    }

    [Fact]
    public void Colleagues_NoActivationEvents_SaysWhatItNeeds()
    {
        using var folder = new ExportFolder().With("accounts.csv", Accounts).With("events.csv", Events).With("icpkit.yaml", "as_of: 2025-12-31\n")
            .With("icp.yaml", "name: SaaS\nversion: 1\ndate: 2025-12-01\nhas:\n  - field: industry\n    equals: SaaS\n");
        var export = Export.Load(folder.Path);
        var missing = Interviews.Colleagues(export, IcpDefinition.Load(Path.Combine(folder.Path, "icp.yaml"), export)).Missing;
        Assert.Equal("Not measurable: no activation event named (list the events that mean a customer got value under activation_events in icpkit.yaml).", missing!.Sentence);
    }
}
