using System.Collections.Immutable;
using System.Runtime.InteropServices;
using MathNet.Numerics.Distributions;

namespace IcpKit.Statistics.Survival;

/// <summary>How the pointwise confidence interval of a survival curve is built (R survfit's <c>conf.type</c>).</summary>
public enum SurvivalConfidenceType
{
    /// <summary>R's "log-log": symmetric on log(-log S); stays inside (0, 1). The kit's default.</summary>
    LogLog,
    /// <summary>R's "plain": S ± z·se(S), clipped to [0, 1].</summary>
    Plain,
    /// <summary>R's "log" (survfit's own default): symmetric on log S, upper limit capped at 1.</summary>
    Log,
}

/// <summary>Kaplan-Meier estimates of the survival curve with Greenwood variance, matching R's <c>survfit</c>.</summary>
/// <example>
/// Eight subjects, three censored. R: <c>survfit(Surv(t, e) ~ 1, conf.type = "log-log")</c> prints median 10, 0.95LCL 3,
/// 0.95UCL NA, and <c>summary(fit, times = 11)$surv</c> is 0.45. A line ending in <c>// =&gt; value</c> is checked by the
/// tests (DocExampleTests).
/// <code>
/// var data = SurvivalData.Create([3, 5, 5, 8, 10, 12, 15, 20], [true, true, false, true, true, false, true, false]);
/// var fit = KaplanMeier.Fit(data);                 // pooled, log-log 95% intervals
/// fit.Median.ToString()                            // => 10 [3, not reached]
/// Math.Round(fit.SurvivalAt(11), 10)               // => 0.45
/// </code>
/// </example>
public static class KaplanMeier
{
    /// <summary>Fits one curve to all subjects, ignoring groups.</summary>
    /// <param name="data">Survival data.</param>
    /// <param name="confidenceType">Interval type; R's <c>conf.type</c>.</param>
    /// <param name="confidenceLevel">Interval level, in (0, 1).</param>
    public static KaplanMeierResult Fit(SurvivalData data, SurvivalConfidenceType confidenceType = SurvivalConfidenceType.LogLog,
        double confidenceLevel = 0.95)
    {
        ArgumentNullException.ThrowIfNull(data);
        return FitCore(data, -1, data.IsGrouped ? "all" : SurvivalData.UngroupedLabel, confidenceType, confidenceLevel);
    }

    /// <summary>Fits the curve of one group.</summary>
    /// <exception cref="ArgumentException">The group is not in the data.</exception>
    public static KaplanMeierResult Fit(SurvivalData data, string group, SurvivalConfidenceType confidenceType = SurvivalConfidenceType.LogLog,
        double confidenceLevel = 0.95)
    {
        ArgumentNullException.ThrowIfNull(data);
        int code = data.GroupIndex(group);
        if (code < 0)
            throw new ArgumentException($"group '{group}' is not in the data (groups: {string.Join(", ", data.Groups)}).", nameof(group));
        return FitCore(data, code, group, confidenceType, confidenceLevel);
    }

    /// <summary>Fits one curve per group, in the data's group order.</summary>
    public static KaplanMeierGroups FitGroups(SurvivalData data, SurvivalConfidenceType confidenceType = SurvivalConfidenceType.LogLog,
        double confidenceLevel = 0.95)
    {
        ArgumentNullException.ThrowIfNull(data);
        var fits = new KaplanMeierResult[data.Groups.Count];
        for (int g = 0; g < fits.Length; g++)
            fits[g] = FitCore(data, g, data.Groups[g], confidenceType, confidenceLevel);
        return new KaplanMeierGroups(ImmutableCollectionsMarshal.AsImmutableArray(fits));
    }

    /// <summary>Two-sided standard normal quantile for a confidence level.</summary>
    internal static double ZFor(double confidenceLevel)
    {
        if (!(confidenceLevel > 0 && confidenceLevel < 1))
            throw new ArgumentOutOfRangeException(nameof(confidenceLevel), confidenceLevel, "confidence level must be in (0, 1).");
        return Normal.InvCDF(0, 1, 1 - (1 - confidenceLevel) / 2);
    }

    // One pass over the time-sorted data: group code -1 means everyone.
    private static KaplanMeierResult FitCore(SurvivalData data, int code, string label, SurvivalConfidenceType type, double level)
    {
        double z = ZFor(level);
        var times = data.Times;
        var events = data.Events;
        var codes = data.GroupCodes;
        int total = times.Length;

        // First pass: counts, and the number of distinct times so the step table is allocated once, exactly.
        int n = 0, nEvents = 0, distinct = 0;
        double last = double.NaN;
        for (int i = 0; i < total; i++)
        {
            if (code >= 0 && codes[i] != code) continue;
            n++;
            if (events[i]) nEvents++;
            if (times[i] != last) { distinct++; last = times[i]; }
        }

        var steps = new KaplanMeierStep[distinct];
        int m = 0, atRisk = n;
        double surv = 1, greenwood = 0;
        int j = 0;
        while (j < total)
        {
            double t = times[j];
            int d = 0, c = 0;
            for (; j < total && times[j] == t; j++)
            {
                if (code >= 0 && codes[j] != code) continue;
                if (events[j]) d++; else c++;
            }
            if (d + c == 0) continue;
            if (d > 0)
            {
                surv *= 1.0 - (double)d / atRisk;
                // n = d makes this +Inf, as in R: the std.err and intervals at S = 0 become NaN (R's NA).
                greenwood += (double)d / ((double)atRisk * (atRisk - d));
            }
            double seLog = Math.Sqrt(greenwood);
            var (lower, upper) = Interval(surv, seLog, z, type);
            steps[m++] = new KaplanMeierStep(t, atRisk, d, c, surv, surv * seLog, lower, upper);
            atRisk -= d + c;
        }
        var stepArray = ImmutableCollectionsMarshal.AsImmutableArray(steps);
        return new KaplanMeierResult(label, n, nEvents, type, level, stepArray, MedianOf(steps));
    }

    /// <summary>Pointwise interval exactly as R's survfit_confint (survival 3.5), NaN where R gives NA.</summary>
    internal static (double Lower, double Upper) Interval(double surv, double seLog, double z, SurvivalConfidenceType type)
    {
        switch (type)
        {
            case SurvivalConfidenceType.Plain:
            {
                double half = seLog * surv * z;
                // Math.Max/Min propagate NaN like R's pmax/pmin.
                return (Math.Max(surv - half, 0), Math.Min(surv + half, 1));
            }
            case SurvivalConfidenceType.Log:
            {
                if (surv == 0) return (double.NaN, double.NaN);
                double half = z * seLog;
                return (Math.Exp(Math.Log(surv) - half), Math.Min(Math.Exp(Math.Log(surv) + half), 1));
            }
            case SurvivalConfidenceType.LogLog:
            {
                if (surv == 0 || surv == 1) return (double.NaN, double.NaN);
                double half = z * seLog / Math.Log(surv);
                double ll = Math.Log(-Math.Log(surv));
                return (Math.Exp(-Math.Exp(ll - half)), Math.Exp(-Math.Exp(ll + half)));
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "unknown confidence type.");
        }
    }

    private static MedianSurvival MedianOf(KaplanMeierStep[] steps)
    {
        int m = steps.Length;
        var x = new double[m];
        var s = new double[m];
        var lo = new double[m];
        var hi = new double[m];
        for (int i = 0; i < m; i++)
        {
            x[i] = steps[i].Time;
            s[i] = steps[i].Survival;
            lo[i] = steps[i].Lower;
            hi[i] = steps[i].Upper;
        }
        // The interval for the median is where the upper and lower curves cross 0.5 (print.survfit):
        // the lower limit of the median comes from the lower curve.
        return new MedianSurvival(FirstBelowHalf(s, x), FirstBelowHalf(lo, x), FirstBelowHalf(hi, x));
    }

    /// <summary>R's survmean "minmin": the first time a curve is at or below 0.5; when it sits exactly at 0.5
    /// the midpoint between that time and the next drop; null when the curve never gets there.</summary>
    private static double? FirstBelowHalf(double[] y, double[] x)
    {
        const double tolerance = 1.4901161193847656e-08; // sqrt(.Machine$double.eps)
        int first = -1;
        for (int i = 0; i < y.Length; i++)
        {
            if (!double.IsNaN(y[i]) && y[i] < 0.5 + tolerance)
            {
                first = i;
                break;
            }
        }
        if (first < 0) return null;
        if (Math.Abs(y[first] - 0.5) < tolerance)
        {
            for (int i = first + 1; i < y.Length; i++)
                if (!double.IsNaN(y[i]) && y[i] < y[first])
                    return (x[first] + x[i]) / 2;
        }
        return x[first];
    }
}
