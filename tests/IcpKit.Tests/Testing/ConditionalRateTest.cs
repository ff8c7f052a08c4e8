using IcpKit.Model;
using IcpKit.Statistics.Survival;
using MathNet.Numerics.Distributions;

namespace IcpKit.Tests.Testing;

/// <summary>Churns and customer-time of the ICP and of the rest: with exponential lifetimes, all the data say about the two hazards.</summary>
/// <param name="IcpChurns">Churns among ICP customers (D₁).</param>
/// <param name="IcpTime">Their customer-time, churned or censored at as_of (T₁, days).</param>
/// <param name="RestChurns">Churns among the other customers (D₀).</param>
/// <param name="RestTime">Their customer-time (T₀, days).</param>
internal sealed record ChurnExposure(int IcpChurns, double IcpTime, int RestChurns, double RestTime)
{
    /// <summary>All churns, n = D₁ + D₀: the test conditions on it.</summary>
    public int Churns => IcpChurns + RestChurns;

    /// <summary>The ICP's share of customer-time, T₁ / (T₁ + T₀): the chance a churn is an ICP one when the hazards are equal.</summary>
    public double IcpTimeShare => IcpTime / (IcpTime + RestTime);

    /// <summary>The ratio of the churn rates, (D₁/T₁) / (D₀/T₀): the maximum-likelihood hazard ratio of two exponentials.</summary>
    public double HazardRatio => IcpChurns / IcpTime / (RestChurns / RestTime);

    /// <summary>Counts churns and sums customer-time as the kit's retention reads them: every account that is a customer by
    /// as_of, followed from customer_since to churned_on, or censored at as_of (<see cref="SurvivalObservation.FromDates"/>).</summary>
    /// <param name="accounts">The export's accounts.</param>
    /// <param name="asOf">The export's as_of.</param>
    /// <param name="inIcp">Whether an account is in the ICP.</param>
    public static ChurnExposure Of(IEnumerable<Account> accounts, DateOnly asOf, Func<Account, bool> inIcp)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(inIcp);
        int d1 = 0, d0 = 0;
        double t1 = 0, t0 = 0;
        foreach (var a in accounts.Where(a => a.IsCustomerAt(asOf)))
        {
            var o = SurvivalObservation.FromDates(a.CustomerSince!.Value, a.ChurnedOn, asOf);
            if (inIcp(a)) { t1 += o.Time; d1 += o.Event ? 1 : 0; }
            else { t0 += o.Time; d0 += o.Event ? 1 : 0; }
        }
        return new ChurnExposure(d1, t1, d0, t0);
    }
}

/// <summary>
/// The uniformly most powerful unbiased test that the ICP's churn hazard is lower, for exponential lifetimes: given all
/// n churns, the ICP's count is Binomial(n, π) with π = θT₁ / (θT₁ + T₀), θ the hazard ratio, so θ = 1 is tested by the
/// lower tail of Binomial(n, T₁ / (T₁ + T₀)) (Cox and Hinkley 1974, §5.2; Lehmann and Romano, Testing Statistical
/// Hypotheses, §4.5, comparing two Poisson rates). Randomized at the critical count, its level is exactly alpha.
/// </summary>
/// <remarks>
/// It is exact for Poisson counts over fixed exposure. Censored exponential lifetimes have the same likelihood (so the
/// same test), but their count given the exposure is only close to Poisson: its level on such data is measured, not
/// assumed (the <c>retention-ceiling</c> benchmark's null rows).
/// Example: n = 5 churns, half the customer-time in the ICP, alpha 5%: P(0) = 1/32 = 0.03125 ≤ 5% &lt; P(≤ 1) = 6/32, so
/// the test rejects at 0 ICP churns and at 1 with chance γ = (0.05 − 1/32) / (5/32) = 0.12.
/// </remarks>
internal static class ConditionalRateTest
{
    /// <summary>The critical count c and randomization γ: reject below c, at c with chance γ, so that
    /// P₀(X &lt; c) + γ P₀(X = c) = alpha under Binomial(<paramref name="churns"/>, <paramref name="nullShare"/>).</summary>
    public static (int Critical, double Gamma) Critical(int churns, double nullShare, double alpha)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(churns);
        if (nullShare is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(nullShare), nullShare, "a share strictly between 0 and 1");
        double below = 0; // P₀(X < c)
        for (int c = 0; c <= churns; c++)
        {
            double at = Binomial.PMF(nullShare, churns, c);
            if (below + at > alpha) return (c, (alpha - below) / at);
            below += at;
        }
        // Only when alpha is 1 or more: every count rejects.
        return (churns + 1, 0);
    }

    /// <summary>The randomized test's chance of rejecting at <paramref name="icpChurns"/> of <paramref name="churns"/> (its test function φ).</summary>
    public static double Reject(int icpChurns, int churns, double nullShare, double alpha)
    {
        var (c, gamma) = Critical(churns, nullShare, alpha);
        return icpChurns < c ? 1 : icpChurns == c ? gamma : 0;
    }

    /// <summary>The non-randomized test: rejects when the exact one-sided p, P₀(X ≤ x), is at most alpha (a level at most alpha).</summary>
    public static bool RejectsExact(int icpChurns, int churns, double nullShare, double alpha) =>
        icpChurns < Critical(churns, nullShare, alpha).Critical;

    /// <summary>The exact one-sided p-value P₀(X ≤ x) that the ICP churns less.</summary>
    public static double PValue(int icpChurns, int churns, double nullShare) => Binomial.CDF(nullShare, churns, icpChurns);

    /// <summary>The share of churns that fall in the ICP when its hazard is <paramref name="hazardRatio"/> times the rest's.</summary>
    public static double ShareUnder(double nullShare, double hazardRatio) =>
        hazardRatio * nullShare / (hazardRatio * nullShare + (1 - nullShare));

    /// <summary>The randomized test's power given n churns and the exposure shares, when the true hazard ratio is
    /// <paramref name="hazardRatio"/>: E[φ(X)] for X ~ Binomial(n, π(θ)). At θ = 1 it is alpha.</summary>
    public static double Power(int churns, double nullShare, double hazardRatio, double alpha)
    {
        var (c, gamma) = Critical(churns, nullShare, alpha);
        var share = ShareUnder(nullShare, hazardRatio);
        if (c > churns) return 1;
        double below = c == 0 ? 0 : Binomial.CDF(share, churns, c - 1);
        return below + gamma * Binomial.PMF(share, churns, c);
    }
}
