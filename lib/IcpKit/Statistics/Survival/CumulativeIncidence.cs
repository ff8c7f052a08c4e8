using IcpKit.Rendering;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Microsoft.Data.Analysis;

namespace IcpKit.Statistics.Survival;

/// <summary>One subject's follow-up when several events compete: a deal ends won or lost, whichever comes first.</summary>
/// <param name="Time">Follow-up time (for example days since the deal was created); finite and not negative.</param>
/// <param name="Cause">0 when censored (still open when observation stopped), otherwise the event that ended follow-up
/// (1, 2, ...).</param>
/// <param name="Group">Group label; null when the data are not grouped.</param>
public readonly record struct CompetingRiskObservation(double Time, int Cause, string? Group = null);

/// <summary>One step of a cumulative incidence curve: the value just after an event of the cause of interest.</summary>
/// <param name="Time">Event time.</param>
/// <param name="NRisk">Subjects still followed just before <paramref name="Time"/>.</param>
/// <param name="NEvent">Events of the cause at <paramref name="Time"/>.</param>
/// <param name="Incidence">Aalen-Johansen estimate F(t): the share that had the event by <paramref name="Time"/>.</param>
/// <param name="Variance">Delta-method variance of F(t), as R's <c>cmprsk::cuminc</c>.</param>
/// <param name="Lower">Lower pointwise limit (log(-log F) scale, inside (0, 1)).</param>
/// <param name="Upper">Upper pointwise limit.</param>
public readonly record struct CumulativeIncidenceStep(double Time, int NRisk, int NEvent, double Incidence, double Variance,
    double Lower, double Upper);

/// <summary>
/// Cumulative incidence of one cause in competing-risks data (Aalen-Johansen), matching R's <c>cmprsk::cuminc</c>
/// (estimates and variances) and <c>survfit</c> with a multi-state status (estimates).
/// </summary>
/// <remarks>
/// F_c(t) = Σ over event times t_j ≤ t of S(t_j−) d_cj / n_j, where S is the Kaplan-Meier curve of "no event of any cause
/// yet", d_cj the events of cause c at t_j and n_j the subjects at risk. Unlike 1 − KM with the other causes censored, the
/// curves of all causes plus S add to one: a deal lost can no longer be won. Example: 4 deals, won at day 2, lost at 3,
/// open at 3, won at 5 give F_won(2) = 1/4 and F_won(5) = 1/4 + (3/4 · 1/2) · 1/1 = 5/8.
/// </remarks>
public static class CumulativeIncidence
{
    /// <summary>Fits the curve of <paramref name="cause"/> in each group (ordinal group order; "all" when ungrouped).</summary>
    /// <param name="observations">Follow-up of every subject.</param>
    /// <param name="cause">The cause of interest (1, 2, ...).</param>
    /// <param name="confidenceLevel">Level of the pointwise interval.</param>
    /// <exception cref="ArgumentException">A time is not finite or negative, a cause is negative, or only some
    /// observations carry a group.</exception>
    public static ImmutableArray<CumulativeIncidenceResult> FitGroups(IEnumerable<CompetingRiskObservation> observations, int cause,
        double confidenceLevel = 0.95)
    {
        var data = CompetingRiskData.From(observations);
        if (cause < 1) throw new ArgumentOutOfRangeException(nameof(cause), cause, "the cause of interest is 1, 2, ...; 0 means censored.");
        double z = KaplanMeier.ZFor(confidenceLevel);
        return [.. data.Groups.Select((g, k) => FitCore(data, k, g, cause, z, confidenceLevel))];
    }

    /// <summary>Fits one curve to every subject, ignoring groups.</summary>
    public static CumulativeIncidenceResult Fit(IEnumerable<CompetingRiskObservation> observations, int cause, double confidenceLevel = 0.95)
    {
        ArgumentNullException.ThrowIfNull(observations);
        return FitGroups(observations.Select(o => o with { Group = null }), cause, confidenceLevel)[0];
    }

    private static CumulativeIncidenceResult FitCore(CompetingRiskData data, int code, string label, int cause, double z, double level)
    {
        var times = data.Times;
        var causes = data.Causes;
        int total = times.Length, n = 0, events = 0;
        for (int i = 0; i < total; i++)
        {
            if (data.GroupCodes[i] != code) continue;
            n++;
            if (causes[i] == cause) events++;
        }

        // Var F(t) = Σ_j w_j (δ_j − (F(t) − F(t_j)) / S(t_j))² over event times t_j ≤ t, where δ_j is 1 for the cause of
        // interest and 0 for the others, and w_j = S(t_j−)² d_j (1 − (d_j − 1)/(n_j − 1)) / n_j² (ties corrected).
        // Expanding the square in F(t) keeps three running sums, so the curve is one pass (Gray's estimator in cmprsk).
        double s = 1, f = 0, sumA2 = 0, sumAB = 0, sumB2 = 0;
        int atRisk = n, j = 0;
        var steps = ImmutableArray.CreateBuilder<CumulativeIncidenceStep>();
        while (j < total)
        {
            double t = times[j];
            int dCause = 0, dOther = 0, leaving = 0;
            for (; j < total && times[j] == t; j++)
            {
                if (data.GroupCodes[j] != code) continue;
                leaving++;
                if (causes[j] == cause) dCause++;
                else if (causes[j] != 0) dOther++;
            }
            if (leaving == 0) continue;
            int d = dCause + dOther;
            if (d > 0)
            {
                double sBefore = s;
                s *= (atRisk - d) / (double)atRisk;
                if (dCause > 0) f += sBefore * dCause / atRisk;
                double b = s > 0 ? 1 / s : 0;
                if (dOther > 0 && s > 0) Accumulate(f * b, dOther);
                if (dCause > 0)
                {
                    Accumulate(1 + f * b, dCause);
                    double variance = sumA2 + f * f * sumB2 - 2 * f * sumAB;
                    var (lower, upper) = Band(f, variance, z);
                    steps.Add(new CumulativeIncidenceStep(t, atRisk, dCause, f, variance, lower, upper));
                }

                void Accumulate(double a, int count)
                {
                    double ties = count > 1 ? 1 - (count - 1.0) / (atRisk - 1.0) : 1;
                    double weight = sBefore * sBefore * ties * count / ((double)atRisk * atRisk);
                    sumA2 += a * a * weight;
                    sumAB += a * b * weight;
                    sumB2 += b * b * weight;
                }
            }
            atRisk -= leaving;
        }
        double lastTime = n == 0 ? 0 : LastTime(data, code);
        return new CumulativeIncidenceResult(label, cause, n, events, level, steps.ToImmutable(), lastTime);
    }

    private static double LastTime(CompetingRiskData data, int code)
    {
        for (int i = data.Times.Length - 1; i >= 0; i--)
            if (data.GroupCodes[i] == code) return data.Times[i];
        return 0;
    }

    /// <summary>Pointwise interval symmetric on log(−log F): F^exp(±z·se/(F log F)); NaN at F = 0 or 1.</summary>
    internal static (double Lower, double Upper) Band(double f, double variance, double z)
    {
        if (!(f > 0 && f < 1) || !(variance >= 0)) return (double.NaN, double.NaN);
        double half = z * Math.Sqrt(variance) / (f * Math.Log(f));
        return (Math.Pow(f, Math.Exp(-half)), Math.Pow(f, Math.Exp(half)));
    }
}

/// <summary>A cumulative incidence curve of one cause in one group.</summary>
/// <param name="Group">Group label, or "all".</param>
/// <param name="Cause">The cause (1, 2, ...).</param>
/// <param name="N">Subjects.</param>
/// <param name="Events">Events of this cause.</param>
/// <param name="ConfidenceLevel">Level of the pointwise interval.</param>
/// <param name="Steps">One row per event time of the cause, ascending.</param>
/// <param name="LastTime">Longest follow-up in the group: the curve is known up to here.</param>
public sealed record CumulativeIncidenceResult(string Group, int Cause, int N, int Events, double ConfidenceLevel,
    ImmutableArray<CumulativeIncidenceStep> Steps, double LastTime)
{
    /// <summary>F(t) with its interval: the last step at or before <paramref name="time"/> (0 before the first).</summary>
    public CumulativeIncidenceStep At(double time)
    {
        int found = StepSearch.LastAtOrBefore(Steps.Length, i => Steps[i].Time, time);
        return found < 0 ? new CumulativeIncidenceStep(time, N, 0, 0, 0, 0, 0) : Steps[found] with { Time = time };
    }

    /// <summary>The share with the event by <paramref name="time"/>.</summary>
    public double IncidenceAt(double time) => At(time).Incidence;

    /// <summary>The final value of the curve: the share that ends with this cause as far as follow-up reaches.</summary>
    public double Final => Steps.IsEmpty ? 0 : Steps[^1].Incidence;

    /// <summary>The steps as a table (time, n.risk, n.event, incidence, variance, lower, upper).</summary>
    public DataFrame Summary => new(
        new DoubleDataFrameColumn("time", Steps.Select(s => s.Time)),
        new Int32DataFrameColumn("n.risk", Steps.Select(s => s.NRisk)),
        new Int32DataFrameColumn("n.event", Steps.Select(s => s.NEvent)),
        new DoubleDataFrameColumn("incidence", Steps.Select(s => s.Incidence)),
        new DoubleDataFrameColumn("variance", Steps.Select(s => s.Variance)),
        new DoubleDataFrameColumn("lower", Steps.Select(s => s.Lower)),
        new DoubleDataFrameColumn("upper", Steps.Select(s => s.Upper)));

    /// <summary>"cause 1 in icp: n = 120, events = 70, final 58.3%".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"cumulative incidence of cause {Cause} in {Group}: n = {N}, events = {Events}, by {SurvivalText.Num(LastTime)}: {Format.Percent(Final)}");
}

/// <summary>Gray's test (1988) that the cumulative incidence of one cause is the same in every group, as
/// <c>cmprsk::cuminc(..., rho = 0)</c>'s <c>$Tests</c>.</summary>
/// <param name="Cause">The cause compared.</param>
/// <param name="Groups">Group labels, in the order of the scores.</param>
/// <param name="Events">Events of the cause per group.</param>
/// <param name="ChiSquare">The statistic s′ V⁻¹ s over the first k − 1 groups' scores; NaN when not called.</param>
/// <param name="DegreesOfFreedom">Groups minus one.</param>
/// <param name="PValue">Chi-square p-value; NaN when not called.</param>
/// <param name="Status">Ok, or insufficient data (a group with fewer events than the guard asks, or a singular variance).</param>
/// <param name="Reason">Why the test was not called, or null.</param>
public sealed record GrayTestResult(int Cause, ImmutableArray<string> Groups, ImmutableArray<int> Events, double ChiSquare,
    int DegreesOfFreedom, double PValue, SurvivalStatus Status, string? Reason)
{
    /// <summary>"Gray's test: chi-square = 23.4 on 1 df, p = 1.3e-06" or the reason it was not called.</summary>
    public override string ToString() => Status == SurvivalStatus.Ok
        ? string.Create(CultureInfo.InvariantCulture, $"Gray's test (cause {Cause}): chi-square = {Format.Number(ChiSquare)} on {DegreesOfFreedom} df, {Format.PClause(PValue)}")
        : $"Gray's test (cause {Cause}): insufficient data: {Reason}";
}

/// <summary>Gray's k-sample test of cumulative incidence curves.</summary>
public static class GrayTest
{
    /// <summary>Compares the cumulative incidence of <paramref name="cause"/> across the groups of
    /// <paramref name="observations"/> (ρ = 0: every event time weighs the same, a log-rank-like test on the
    /// subdistribution hazard).</summary>
    /// <remarks>The score of group k sums, over event times, its events of the cause minus those expected from the pooled
    /// subdistribution hazard; its variance is Gray's estimator (the one <c>cmprsk</c> computes), which keeps the test
    /// valid when the other causes differ between groups.</remarks>
    /// <param name="observations">Grouped competing-risks data (two groups or more).</param>
    /// <param name="cause">The cause compared.</param>
    /// <param name="minEventsPerGroup">Below this many events of the cause in a group the test is not called.</param>
    public static GrayTestResult Test(IEnumerable<CompetingRiskObservation> observations, int cause, int minEventsPerGroup = 5)
    {
        var data = CompetingRiskData.From(observations);
        if (cause < 1) throw new ArgumentOutOfRangeException(nameof(cause), cause, "the cause of interest is 1, 2, ...; 0 means censored.");
        int ng = data.Groups.Length;
        var events = new int[ng];
        for (int i = 0; i < data.Times.Length; i++)
            if (data.Causes[i] == cause) events[data.GroupCodes[i]]++;
        var groups = data.Groups;
        GrayTestResult NotCalled(string reason) =>
            new(cause, groups, [.. events], double.NaN, Math.Max(ng - 1, 0), double.NaN, SurvivalStatus.InsufficientData, reason);
        if (ng < 2) return NotCalled("one group only: nothing to compare");
        for (int k = 0; k < ng; k++)
            if (events[k] < minEventsPerGroup)
                return NotCalled(string.Create(CultureInfo.InvariantCulture, $"group {groups[k]} has {events[k]} events, fewer than {minEventsPerGroup}"));

        var (score, variance) = ScoreAndVariance(data, cause);
        int m = ng - 1;
        var v = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(variance);
        var s = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(score);
        if (v.Rank() < m) return NotCalled("the scores' variance is singular (a group never at risk when events happen)");
        double chi = s.DotProduct(v.Solve(s));
        double p = chi > 0 ? 1 - MathNet.Numerics.Distributions.ChiSquared.CDF(m, chi) : 1; // as R: 1 - pchisq
        return new GrayTestResult(cause, groups, [.. events], chi, m, p, SurvivalStatus.Ok, null);
    }

    // Gray (1988), with the weight (1 − F)^ρ at ρ = 0. Per group k at each event time: R_k = n_k / S_k(t−) is the
    // subdistribution risk set (n_k at risk, S_k the group's all-cause KM), F_k the group's incidence, F the pooled one.
    private static (double[] Score, double[,] Variance) ScoreAndVariance(CompetingRiskData data, int cause)
    {
        int ng = data.Groups.Length, m = ng - 1, total = data.Times.Length;
        var atRisk = new int[ng];
        foreach (int g in data.GroupCodes) atRisk[g]++;
        var sBefore = Enumerable.Repeat(1.0, ng).ToArray();
        var sAfter = new double[ng];
        var fBefore = new double[ng];
        var fAfter = new double[ng];
        var dCause = new int[ng];
        var dOther = new int[ng];
        var leaving = new int[ng];
        var a = new double[ng, ng];
        var c = new double[ng, ng];          // running sums of a · d / (R (1 − F)) over event times
        var v2 = new double[m, ng];
        var v3 = new double[ng];
        var score = new double[m];
        var variance = new double[m, m];
        double fPooledBefore = 0;
        int j = 0;
        while (j < total)
        {
            double t = data.Times[j];
            Array.Clear(dCause); Array.Clear(dOther); Array.Clear(leaving);
            for (; j < total && data.Times[j] == t; j++)
            {
                int g = data.GroupCodes[j];
                leaving[g]++;
                if (data.Causes[j] == cause) dCause[g]++;
                else if (data.Causes[j] != 0) dOther[g]++;
            }
            int d1 = dCause.Sum(), d2 = dOther.Sum();
            if (d1 + d2 > 0)
            {
                double rSum = 0, qSum = 0;
                for (int k = 0; k < ng; k++)
                {
                    if (atRisk[k] <= 0) continue;
                    sAfter[k] = sBefore[k] * (atRisk[k] - dCause[k] - dOther[k]) / atRisk[k];
                    fAfter[k] = fBefore[k] + sBefore[k] * dCause[k] / atRisk[k];
                    rSum += atRisk[k] / sBefore[k];
                    qSum += atRisk[k] * (1 - fBefore[k]) / sBefore[k];
                }
                double fPooled = fPooledBefore + d1 / rSum;
                Array.Clear(a);
                for (int k = 0; k < ng; k++)
                {
                    if (atRisk[k] <= 0) continue;
                    double rk = atRisk[k] / sBefore[k];
                    for (int l = k; l < ng; l++)
                    {
                        if (atRisk[l] <= 0) continue;
                        a[k, l] = l == k ? rk * (1 - rk / rSum) : -rk * atRisk[l] / (sBefore[l] * rSum);
                        a[l, k] = a[k, l];
                    }
                }
                double dc = d1 / (rSum * (1 - fPooledBefore));
                for (int k = 0; k < ng; k++)
                    for (int l = 0; l < ng; l++)
                        c[k, l] += a[k, l] * dc;
                for (int k = 0; k < m; k++)
                    if (atRisk[k] > 0)
                        score[k] += dCause[k] - d1 * atRisk[k] * (1 - fBefore[k]) / (sBefore[k] * qSum);

                if (d1 > 0)
                {
                    for (int k = 0; k < ng; k++)
                    {
                        if (atRisk[k] <= 0) continue;
                        double t4 = sAfter[k] > 0 ? 1 - (1 - fPooled) / sAfter[k] : 1;
                        double ties = d1 > 1 ? 1 - (d1 - 1) / (rSum * sBefore[k] - 1) : 1;
                        double w = ties * sBefore[k] * d1 / (rSum * atRisk[k]);
                        AddVariance(k, t4, w, (i, kk) => a[i, kk] - t4 * c[i, kk]);
                    }
                }
                for (int k = 0; k < ng; k++)
                {
                    if (sAfter[k] <= 0 || dOther[k] <= 0 || atRisk[k] <= 0) continue;
                    double t4 = (1 - fPooled) / sAfter[k];
                    double ties = dOther[k] > 1 ? 1 - (dOther[k] - 1.0) / (atRisk[k] - 1.0) : 1;
                    double w = ties * sBefore[k] * sBefore[k] * dOther[k] / ((double)atRisk[k] * atRisk[k]);
                    AddVariance(k, t4, w, (i, kk) => -t4 * c[i, kk]);
                }
                fPooledBefore = fPooled;
            }
            for (int k = 0; k < ng; k++)
            {
                atRisk[k] -= leaving[k];
                if (d1 + d2 > 0 && atRisk[k] + leaving[k] > 0)
                {
                    fBefore[k] = fAfter[k];
                    sBefore[k] = sAfter[k];
                }
            }
        }
        for (int i = 0; i < m; i++)
            for (int l = 0; l <= i; l++)
            {
                for (int k = 0; k < ng; k++)
                    variance[i, l] += c[i, k] * c[l, k] * v3[k] + c[i, k] * v2[l, k] + c[l, k] * v2[i, k];
                variance[l, i] = variance[i, l];
            }
        return (score, variance);

        // One event's influence on the scores: direct (coefficient per score) and through the incidence (t4, kept in
        // v2/v3 until the end, when the cumulative c is known).
        void AddVariance(int k, double t4, double w, Func<int, int, double> coefficient)
        {
            v3[k] += t4 * t4 * w;
            for (int i = 0; i < m; i++)
            {
                double ci = coefficient(i, k);
                v2[i, k] += ci * t4 * w;
                for (int l = 0; l <= i; l++)
                    variance[i, l] += ci * coefficient(l, k) * w;
            }
        }
    }
}

/// <summary>Competing-risks data sorted by time once, with group codes in ordinal label order.</summary>
internal sealed class CompetingRiskData
{
    public required double[] Times { get; init; }
    public required int[] Causes { get; init; }
    public required int[] GroupCodes { get; init; }
    public required ImmutableArray<string> Groups { get; init; }

    public static CompetingRiskData From(IEnumerable<CompetingRiskObservation> observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var list = observations.ToArray();
        bool grouped = list.Any(o => o.Group is not null);
        for (int i = 0; i < list.Length; i++)
        {
            var o = list[i];
            if (!double.IsFinite(o.Time) || o.Time < 0)
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"time at position {i} is {o.Time}; times must be finite and not negative."));
            if (o.Cause < 0)
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"cause at position {i} is {o.Cause}; 0 is censored, 1, 2, ... are events."));
            if (grouped && o.Group is null)
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"group label at position {i} is missing; give every subject a group or none."));
        }
        var labels = grouped ? list.Select(o => o.Group!).Distinct().Order(StringComparer.Ordinal).ToImmutableArray() : [SurvivalData.UngroupedLabel];
        var index = labels.Select((l, k) => (l, k)).ToDictionary(x => x.l, x => x.k, StringComparer.Ordinal);
        var order = Enumerable.Range(0, list.Length).OrderBy(i => list[i].Time).ToArray();
        return new CompetingRiskData
        {
            Times = [.. order.Select(i => list[i].Time)],
            Causes = [.. order.Select(i => list[i].Cause)],
            GroupCodes = [.. order.Select(i => grouped ? index[list[i].Group!] : 0)],
            Groups = labels,
        };
    }
}
