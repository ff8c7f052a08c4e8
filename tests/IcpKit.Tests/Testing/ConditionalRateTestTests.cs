using IcpKit.Model;
using static IcpKit.Tests.Statistics.ReferenceValues;

namespace IcpKit.Tests.Testing;

/// <summary>
/// The conditional binomial test behind the <c>retention-ceiling</c> benchmark, against SciPy's binomial
/// (Testing/Reference/make_conditional_rate_reference.py wrote conditional_rate_reference.csv with scipy.stats.binom).
/// </summary>
public sealed class ConditionalRateTestTests
{
    private const double Alpha = 0.05;
    private const double Tol = 1e-9;

    private static readonly Lazy<Dictionary<(string, string), double>> SciPy = new(() =>
        Read("Testing", "Reference", "conditional_rate_reference.csv"));

    private static double Ref(string @case, string quantity) => SciPy.Value[(@case, quantity)];

    // The script's cases: churns, ICP and rest customer-time, the counts whose phi and p it wrote.
    public static TheoryData<string, int, double, double, int[]> Cases => new()
    {
        { "n5_half", 5, 1.0, 1.0, [0, 1, 2] },
        { "n12_quarter", 12, 30.0, 90.0, [0, 1, 2, 3] },
        { "n47_heldout_like", 47, 21000.0, 52000.0, [6, 7, 8, 9, 10] },
        { "n0", 0, 10.0, 30.0, [0] },
    };

    [Fact]
    public void Critical_FiveChurnsHalfTheTime_IsTheHandComputedCase()
    {
        // By hand: P0(X = 0) = 1/32 = 0.03125 <= 5% < P0(X <= 1) = 6/32, so c = 1 and gamma = (0.05 - 1/32) / (5/32) = 0.12;
        // pi = 0.45 x 0.5 / (0.45 x 0.5 + 0.5) = 9/29, power = (20/29)^5 + 0.12 x 5 (9/29) (20/29)^4.
        var (c, gamma) = ConditionalRateTest.Critical(5, 0.5, Alpha);
        Assert.Equal(1, c);
        AssertClose(0.12, gamma, Tol, "gamma");
        double pi = 9.0 / 29, q = 20.0 / 29;
        AssertClose(Math.Pow(q, 5) + 0.12 * 5 * pi * Math.Pow(q, 4), ConditionalRateTest.Power(5, 0.5, 0.45, Alpha), Tol, "power");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Test_MatchesSciPyBinom(string @case, int churns, double icpTime, double restTime, int[] counts)
    {
        var exposure = new ChurnExposure(0, icpTime, churns, restTime);
        var share = exposure.IcpTimeShare;
        var (c, gamma) = ConditionalRateTest.Critical(churns, share, Alpha);
        Assert.Equal((int)Ref(@case, "critical"), c);
        AssertClose(Ref(@case, "gamma"), gamma, Tol, @case + " gamma");
        AssertClose(Ref(@case, "share_under_theta"), ConditionalRateTest.ShareUnder(share, 0.45), Tol, @case + " share under 0.45");
        AssertClose(Ref(@case, "power"), ConditionalRateTest.Power(churns, share, 0.45, Alpha), Tol, @case + " power");
        foreach (var x in counts)
        {
            AssertClose(Ref(@case, $"phi_{x}"), ConditionalRateTest.Reject(x, churns, share, Alpha), Tol, $"{@case} phi({x})");
            AssertClose(Ref(@case, $"p_{x}"), ConditionalRateTest.PValue(x, churns, share), Tol, $"{@case} p({x})");
            Assert.Equal(Ref(@case, $"p_{x}") <= Alpha, ConditionalRateTest.RejectsExact(x, churns, share, Alpha));
        }
    }

    [Theory]
    [InlineData(1, 0.5)]
    [InlineData(47, 0.287)]
    [InlineData(200, 0.1)]
    [InlineData(9, 0.95)]
    public void Power_AtNoDifference_IsExactlyAlpha(int churns, double share)
    {
        // The randomized test's level is alpha whatever n and the shares: E0[phi] = P0(X < c) + gamma P0(X = c) = alpha.
        AssertClose(Alpha, ConditionalRateTest.Power(churns, share, 1, Alpha), 1e-12, $"n {churns}, share {share}");
    }

    [Fact]
    public void Exposure_OfFourAccounts_CountsCustomersFromSinceToChurnOrAsOf()
    {
        // as_of 2026-06-30. ICP: churned after 31 days (Jan 1 -> Feb 1), active since Jun 1 (29 days to as_of). Rest: churned
        // after 59 days (Mar 1 -> Apr 29), churn after as_of (Jun 10 -> censored at 20 days), and a prospect (no customer_since)
        // and a contract starting after as_of, neither followed. By hand: D1 1, T1 60; D0 1, T0 79.
        var asOf = new DateOnly(2026, 6, 30);
        Account A(string id, DateOnly? since, DateOnly? churned) => new() { AccountId = id, CustomerSince = since, ChurnedOn = churned };
        var accounts = new[]
        {
            A("i1", new(2026, 1, 1), new(2026, 2, 1)), A("i2", new(2026, 6, 1), null),
            A("r1", new(2026, 3, 1), new(2026, 4, 29)), A("r2", new(2026, 6, 10), new(2026, 8, 1)), A("r3", null, null), A("r4", new(2026, 7, 1), null),
        };
        var e = ChurnExposure.Of(accounts, asOf, a => a.AccountId.StartsWith('i'));
        Assert.Equal(new ChurnExposure(1, 60, 1, 79), e);
        AssertClose(60.0 / 139, e.IcpTimeShare, Tol, "share");
        AssertClose(79.0 / 60, e.HazardRatio, Tol, "hazard ratio");
    }

    [Fact]
    public void Power_GrowsWithChurnsAndWithTheEffect()
    {
        // Unbiased and monotone: more churns, or a hazard ratio further below 1, never lower the power (n = 10 .. 200).
        double last = Alpha;
        for (int n = 10; n <= 200; n += 10)
        {
            var p = ConditionalRateTest.Power(n, 0.3, 0.45, Alpha);
            // The n-churn test run on the first n of n + 1 churns is unbiased at level alpha, so the UMPU test with one churn more
            // is at least as powerful: the randomized power never falls as churns grow.
            Assert.True(p >= last - 1e-12, $"power {p} at n {n} below {last}");
            last = p;
        }
        Assert.True(ConditionalRateTest.Power(47, 0.3, 0.3, Alpha) > ConditionalRateTest.Power(47, 0.3, 0.45, Alpha));
        Assert.True(ConditionalRateTest.Power(47, 0.3, 0.45, Alpha) > ConditionalRateTest.Power(47, 0.3, 0.8, Alpha));
    }
}
