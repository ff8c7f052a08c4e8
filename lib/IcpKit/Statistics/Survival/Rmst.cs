using IcpKit.Rendering;
using System.Globalization;
using MathNet.Numerics.Distributions;

namespace IcpKit.Statistics.Survival;

/// <summary>Whether a survival comparison had enough data to be called.</summary>
public enum SurvivalStatus
{
    /// <summary>Enough events in every group: the statistics are computed.</summary>
    Ok,
    /// <summary>Some group is below the minimum (see the result's Reason): no difference is called and the
    /// test statistic and p-value are NaN.</summary>
    InsufficientData,
}

/// <summary>Restricted mean survival time: the expected event-free time within the first <paramref name="Tau"/> units.</summary>
/// <param name="Group">Group label.</param>
/// <param name="Tau">Horizon.</param>
/// <param name="Estimate">Area under the Kaplan-Meier curve up to tau (R's rmean).</param>
/// <param name="StdError">Its standard error (R's se(rmean)).</param>
/// <param name="ConfidenceLevel">Level of <see cref="Lower"/>/<see cref="Upper"/>.</param>
public sealed partial record RestrictedMeanSurvival(string Group, double Tau, double Estimate, double StdError, double ConfidenceLevel)
{
    /// <summary>Normal-approximation lower limit (survRM2's interval).</summary>
    public double Lower => Estimate - KaplanMeier.ZFor(ConfidenceLevel) * StdError;

    /// <summary>Normal-approximation upper limit.</summary>
    public double Upper => Estimate + KaplanMeier.ZFor(ConfidenceLevel) * StdError;

    /// <summary>For example "RMST(lung all, tau = 365) = 263.222 (se 7.79886) [247.937, 278.507]".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"RMST({Group}, tau = {SurvivalText.Num(Tau)}) = {SurvivalText.Num(Estimate)} (se {SurvivalText.Num(StdError)}) [{SurvivalText.Num(Lower)}, {SurvivalText.Num(Upper)}]");
}

/// <summary>Difference in restricted mean survival time between two groups (B minus A), as survRM2::rmst2.</summary>
/// <param name="A">Reference group's RMST.</param>
/// <param name="B">Compared group's RMST.</param>
/// <param name="Difference">B minus A; NaN when <paramref name="Status"/> is insufficient data.</param>
/// <param name="StdError">sqrt(se_A² + se_B²).</param>
/// <param name="Lower">Normal lower limit.</param>
/// <param name="Upper">Normal upper limit.</param>
/// <param name="PValue">Two-sided normal p-value for no difference.</param>
/// <param name="Status">Whether the comparison could be called.</param>
/// <param name="Reason">Why not, when insufficient.</param>
public sealed partial record RmstDifference(RestrictedMeanSurvival A, RestrictedMeanSurvival B, double Difference, double StdError,
    double Lower, double Upper, double PValue, SurvivalStatus Status, string? Reason)
{
    /// <summary>Horizon.</summary>
    public double Tau => A.Tau;

    /// <inheritdoc />
    public override string ToString() => Status == SurvivalStatus.Ok
        ? string.Create(CultureInfo.InvariantCulture,
            $"RMST difference {B.Group} - {A.Group} to tau = {SurvivalText.Num(Tau)}: {SurvivalText.Num(Difference)} [{SurvivalText.Num(Lower)}, {SurvivalText.Num(Upper)}], p = {Format.P(PValue)}")
        : $"RMST difference {B.Group} - {A.Group}: insufficient data ({Reason})";
}

/// <summary>Restricted mean survival time (RMST), as R's <c>print(survfit(...), rmean = tau)</c> and survRM2.</summary>
public static class Rmst
{
    /// <summary>RMST of a fitted curve up to <paramref name="tau"/>.</summary>
    /// <remarks>
    /// Follows R's survmean: the area under S from min(0, first time) to tau, plus that start; the variance is
    /// Σ over times t_j ≤ tau of (area from t_j to tau)² · d_j / (n_j (n_j − d_j)), terms with n_j = d_j
    /// contributing 0. Beyond the last follow-up time the curve is carried flat.
    /// </remarks>
    public static RestrictedMeanSurvival Of(KaplanMeierResult fit, double tau, double confidenceLevel = 0.95)
    {
        ArgumentNullException.ThrowIfNull(fit);
        if (!double.IsFinite(tau))
            throw new ArgumentOutOfRangeException(nameof(tau), tau, "tau must be finite.");
        var steps = fit.Steps;
        double start = steps.Length > 0 ? Math.Min(0, steps[0].Time) : 0;
        int keep = 0;
        while (keep < steps.Length && steps[keep].Time <= tau) keep++;

        // rectangle i spans [t_i, t_{i+1}) (t_keep = tau) at height S_i; before t_0 the height is 1.
        double previousTime = start, height = 1, area = 0;
        for (int i = 0; i < keep; i++)
        {
            area += (steps[i].Time - previousTime) * height;
            previousTime = steps[i].Time;
            height = steps[i].Survival;
        }
        area += (tau - previousTime) * height;

        double variance = 0, after = 0;
        for (int i = keep - 1; i >= 0; i--)
        {
            double next = i + 1 < keep ? steps[i + 1].Time : tau;
            after += (next - steps[i].Time) * steps[i].Survival;
            int n = steps[i].NRisk, d = steps[i].NEvent;
            if (n - d != 0)
                variance += after * after * d / ((double)n * (n - d));
        }
        return new RestrictedMeanSurvival(fit.Group, tau, area + start, Math.Sqrt(variance), confidenceLevel);
    }

    /// <summary>RMST of group B minus group A up to <paramref name="tau"/>, with a normal interval and p-value.</summary>
    /// <remarks>Reports insufficient data when a group has fewer than <paramref name="minEventsPerGroup"/> events,
    /// or when tau is beyond a group's last follow-up time (survRM2 refuses that too: the curve there is unknown).</remarks>
    /// <exception cref="ArgumentException">A group is not in the data.</exception>
    public static RmstDifference Difference(SurvivalData data, string groupA, string groupB, double tau,
        double confidenceLevel = 0.95, int minEventsPerGroup = 5)
    {
        ArgumentNullException.ThrowIfNull(data);
        var fitA = KaplanMeier.Fit(data, groupA, SurvivalConfidenceType.LogLog, confidenceLevel);
        var fitB = KaplanMeier.Fit(data, groupB, SurvivalConfidenceType.LogLog, confidenceLevel);
        var a = Of(fitA, tau, confidenceLevel);
        var b = Of(fitB, tau, confidenceLevel);
        string? reason = null;
        foreach (var f in (ReadOnlySpan<KaplanMeierResult>)[fitA, fitB])
        {
            if (f.Events < minEventsPerGroup)
                reason ??= string.Create(CultureInfo.InvariantCulture, $"group {f.Group} has {f.Events} events, fewer than {minEventsPerGroup}");
            else if (f.Steps.Length == 0 || f.Steps[^1].Time < tau)
                reason ??= string.Create(CultureInfo.InvariantCulture, $"tau = {SurvivalText.Num(tau)} is beyond group {f.Group}'s last follow-up time");
        }
        if (reason is not null)
            return new RmstDifference(a, b, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, SurvivalStatus.InsufficientData, reason);

        double diff = b.Estimate - a.Estimate;
        double se = Math.Sqrt(a.StdError * a.StdError + b.StdError * b.StdError);
        double z = KaplanMeier.ZFor(confidenceLevel);
        double p = 2 * Normal.CDF(0, 1, -Math.Abs(diff / se));
        return new RmstDifference(a, b, diff, se, diff - z * se, diff + z * se, p, SurvivalStatus.Ok, null);
    }
}
