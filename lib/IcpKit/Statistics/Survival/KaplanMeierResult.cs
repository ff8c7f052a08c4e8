using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Analysis;

namespace IcpKit.Statistics.Survival;

/// <summary>One row of the Kaplan-Meier step table, as R's <c>summary(survfit(...), censored = TRUE)</c>.</summary>
/// <param name="Time">A distinct follow-up time (event or censoring).</param>
/// <param name="NRisk">Subjects still followed just before <paramref name="Time"/>.</param>
/// <param name="NEvent">Events at <paramref name="Time"/>.</param>
/// <param name="NCensor">Censorings at <paramref name="Time"/> (counted at risk at that time).</param>
/// <param name="Survival">Kaplan-Meier estimate S(t).</param>
/// <param name="StdErr">Greenwood standard error of S(t); NaN once S reaches 0 (R's NaN).</param>
/// <param name="Lower">Lower confidence limit; NaN where R gives NA (log-log at S = 0 or 1).</param>
/// <param name="Upper">Upper confidence limit.</param>
public readonly record struct KaplanMeierStep(double Time, int NRisk, int NEvent, int NCensor, double Survival, double StdErr,
    double Lower, double Upper);

/// <summary>Survival read off the curve at a requested time, as R's <c>summary(fit, times = ..., extend = TRUE)</c>.</summary>
/// <param name="Time">The requested time.</param>
/// <param name="NRisk">Subjects at risk at <paramref name="Time"/> (follow-up at least that long).</param>
/// <param name="NEvent">Events since the previous requested time (exclusive) up to this one (inclusive).</param>
/// <param name="NCensor">Censorings in the same interval.</param>
/// <param name="Survival">S(t) of the last step at or before <paramref name="Time"/> (1 before the first).</param>
/// <param name="StdErr">Its standard error.</param>
/// <param name="Lower">Lower confidence limit.</param>
/// <param name="Upper">Upper confidence limit.</param>
public readonly record struct SurvivalAtTime(double Time, int NRisk, int NEvent, int NCensor, double Survival, double StdErr,
    double Lower, double Upper);

/// <summary>Median survival time with its confidence interval, as R's <c>print(survfit(...))</c>.</summary>
/// <remarks>Null means "not reached": the curve (or confidence limit) never falls to 0.5 within follow-up.
/// The lower limit is where the lower confidence curve crosses 0.5, the upper where the upper curve does.</remarks>
/// <param name="Estimate">Median, or null when S never reaches 0.5.</param>
/// <param name="Lower">Lower limit, or null.</param>
/// <param name="Upper">Upper limit, or null (common: the upper curve often stays above 0.5).</param>
public sealed record MedianSurvival(double? Estimate, double? Lower, double? Upper)
{
    /// <summary>For example "310 [284, 361]" or "not reached [464, not reached]".</summary>
    public override string ToString() =>
        $"{SurvivalText.Num(Estimate)} [{SurvivalText.Num(Lower)}, {SurvivalText.Num(Upper)}]";
}

/// <summary>A fitted Kaplan-Meier curve: the step table, median and helpers to read it.</summary>
/// <param name="Group">Group label, or "all".</param>
/// <param name="N">Subjects.</param>
/// <param name="Events">Observed events.</param>
/// <param name="ConfidenceType">Interval type.</param>
/// <param name="ConfidenceLevel">Interval level.</param>
/// <param name="Steps">One row per distinct time (events and censorings), ascending.</param>
/// <param name="Median">Median survival with interval.</param>
public sealed partial record KaplanMeierResult(string Group, int N, int Events, SurvivalConfidenceType ConfidenceType,
    double ConfidenceLevel, ImmutableArray<KaplanMeierStep> Steps, MedianSurvival Median)
{
    /// <summary>S(t): the estimate at the last step at or before <paramref name="time"/>; 1 before the first step.</summary>
    public double SurvivalAt(double time)
    {
        int k = LastAtOrBefore(time);
        return k < 0 ? 1.0 : Steps[k].Survival;
    }

    /// <summary>Number of subjects still at risk at <paramref name="time"/> (follow-up of at least that long).</summary>
    public int NumberAtRisk(double time)
    {
        int k = LastAtOrBefore(time);
        if (k >= 0 && Steps[k].Time == time) return Steps[k].NRisk;
        return k + 1 < Steps.Length ? Steps[k + 1].NRisk : 0;
    }

    /// <summary>The curve at given times, like R's <c>summary(fit, times = times, extend = TRUE)</c>; times are
    /// sorted ascending first because events and censorings are counted between consecutive times.</summary>
    public ImmutableArray<SurvivalAtTime> At(IEnumerable<double> times)
    {
        ArgumentNullException.ThrowIfNull(times);
        var sorted = times.Order().ToArray();
        var rows = new SurvivalAtTime[sorted.Length];
        int previous = -1;
        for (int r = 0; r < sorted.Length; r++)
        {
            double t = sorted[r];
            int k = LastAtOrBefore(t);
            int d = 0, c = 0;
            for (int i = previous + 1; i <= k; i++)
            {
                d += Steps[i].NEvent;
                c += Steps[i].NCensor;
            }
            if (k > previous) previous = k;
            rows[r] = k < 0
                ? new SurvivalAtTime(t, NumberAtRisk(t), 0, 0, 1, 0, 1, 1)
                : new SurvivalAtTime(t, NumberAtRisk(t), d, c, Steps[k].Survival, Steps[k].StdErr, Steps[k].Lower, Steps[k].Upper);
        }
        return ImmutableCollectionsMarshal.AsImmutableArray(rows);
    }

    /// <summary>Restricted mean survival time up to <paramref name="tau"/> with its standard error, as R's
    /// <c>print(fit, rmean = tau)</c> and survRM2: the area under S(t) from min(0, first time) to tau.</summary>
    /// <remarks>Beyond the last follow-up time the curve is carried flat, as R does; compare groups only up to a
    /// tau every group reaches (see <see cref="Rmst.Difference"/>).</remarks>
    public RestrictedMeanSurvival RestrictedMean(double tau) => Rmst.Of(this, tau);

    /// <summary>The step table (time, n.risk, n.event, n.censor, surv, std.err, lower, upper); built on each call.</summary>
    public DataFrame Summary => StepFrame(Steps, null);

    /// <summary>Step rows as a DataFrame, with a leading group column when <paramref name="groups"/> is given.</summary>
    internal static DataFrame StepFrame(IReadOnlyList<KaplanMeierStep> steps, IReadOnlyList<string>? groups)
    {
        var columns = new List<DataFrameColumn>();
        if (groups is not null) columns.Add(new StringDataFrameColumn("group", groups));
        columns.Add(new DoubleDataFrameColumn("time", steps.Select(s => s.Time)));
        columns.Add(new Int32DataFrameColumn("n.risk", steps.Select(s => s.NRisk)));
        columns.Add(new Int32DataFrameColumn("n.event", steps.Select(s => s.NEvent)));
        columns.Add(new Int32DataFrameColumn("n.censor", steps.Select(s => s.NCensor)));
        columns.Add(new DoubleDataFrameColumn("surv", steps.Select(s => s.Survival)));
        columns.Add(new DoubleDataFrameColumn("std.err", steps.Select(s => s.StdErr)));
        columns.Add(new DoubleDataFrameColumn("lower", steps.Select(s => s.Lower)));
        columns.Add(new DoubleDataFrameColumn("upper", steps.Select(s => s.Upper)));
        return new DataFrame(columns);
    }

    /// <summary>Header with n, events and median, then the event-time rows (the first 25).</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"Kaplan-Meier {Group}: n = {N}, events = {Events}, median = {Median} ")
          .Append(CultureInfo.InvariantCulture, $"({SurvivalText.Num(ConfidenceLevel * 100)}% {SurvivalText.Name(ConfidenceType)} CI)").AppendLine();
        var rows = new List<string[]>();
        int shown = 0, eventRows = 0;
        foreach (var s in Steps)
        {
            if (s.NEvent == 0) continue;
            eventRows++;
            if (shown++ >= 25) continue;
            rows.Add([SurvivalText.Num(s.Time), SurvivalText.Int(s.NRisk), SurvivalText.Int(s.NEvent), SurvivalText.Num(s.Survival),
                SurvivalText.Num(s.StdErr), SurvivalText.Num(s.Lower), SurvivalText.Num(s.Upper)]);
        }
        SurvivalText.Table(sb, ["time", "n.risk", "n.event", "surv", "std.err", "lower", "upper"], rows);
        if (eventRows > rows.Count) sb.Append(CultureInfo.InvariantCulture, $"... {eventRows - rows.Count} more event times").AppendLine();
        return sb.ToString();
    }

    private int LastAtOrBefore(double time) => StepSearch.LastAtOrBefore(Steps.Length, i => Steps[i].Time, time);
}

/// <summary>Reading step functions: the last step at or before a time.</summary>
internal static class StepSearch
{
    /// <summary>Index of the last of <paramref name="count"/> ascending times at or before <paramref name="time"/>, or -1.</summary>
    public static int LastAtOrBefore(int count, Func<int, double> timeAt, double time)
    {
        int lo = 0, hi = count - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (timeAt(mid) <= time) { found = mid; lo = mid + 1; }
            else hi = mid - 1;
        }
        return found;
    }
}

/// <summary>One Kaplan-Meier curve per group.</summary>
/// <param name="Fits">The curves, in the data's group order.</param>
public sealed partial record KaplanMeierGroups(ImmutableArray<KaplanMeierResult> Fits)
{
    /// <summary>The curve of one group.</summary>
    /// <exception cref="KeyNotFoundException">No such group.</exception>
    public KaplanMeierResult this[string group] =>
        Fits.FirstOrDefault(f => f.Group == group) ?? throw new KeyNotFoundException($"no group '{group}'.");

    /// <summary>Per group: n, events, median and its interval (null = not reached).</summary>
    public DataFrame Summary => new(
        new StringDataFrameColumn("group", Fits.Select(f => f.Group)),
        new Int32DataFrameColumn("n", Fits.Select(f => f.N)),
        new Int32DataFrameColumn("events", Fits.Select(f => f.Events)),
        new DoubleDataFrameColumn("median", Fits.Select(f => f.Median.Estimate)),
        new DoubleDataFrameColumn("lower", Fits.Select(f => f.Median.Lower)),
        new DoubleDataFrameColumn("upper", Fits.Select(f => f.Median.Upper)));

    /// <summary>Every group's step table in long format (group, time, n.risk, n.event, n.censor, surv, std.err,
    /// lower, upper): what a KM chart with confidence bands draws.</summary>
    public DataFrame Steps => KaplanMeierResult.StepFrame(
        Fits.SelectMany(f => f.Steps).ToArray(),
        Fits.SelectMany(f => Enumerable.Repeat(f.Group, f.Steps.Length)).ToArray());

    /// <summary>The number-at-risk table under a KM plot: one row per group, one column per time.</summary>
    public DataFrame NumberAtRisk(IEnumerable<double> times)
    {
        ArgumentNullException.ThrowIfNull(times);
        var ts = times.ToArray();
        var columns = new List<DataFrameColumn> { new StringDataFrameColumn("group", Fits.Select(f => f.Group)) };
        foreach (double t in ts)
            columns.Add(new Int32DataFrameColumn(SurvivalText.Num(t), Fits.Select(f => f.NumberAtRisk(t))));
        return new DataFrame(columns);
    }

    /// <summary>Survival with interval per group at given times (long format: group, time, n.risk, surv, lower, upper).</summary>
    public DataFrame SurvivalAt(IEnumerable<double> times)
    {
        ArgumentNullException.ThrowIfNull(times);
        var ts = times.ToArray();
        var rows = Fits.SelectMany(f => f.At(ts).Select(r => (f.Group, r))).ToArray();
        return new DataFrame(
            new StringDataFrameColumn("group", rows.Select(x => x.Group)),
            new DoubleDataFrameColumn("time", rows.Select(x => x.r.Time)),
            new Int32DataFrameColumn("n.risk", rows.Select(x => x.r.NRisk)),
            new DoubleDataFrameColumn("surv", rows.Select(x => x.r.Survival)),
            new DoubleDataFrameColumn("lower", rows.Select(x => x.r.Lower)),
            new DoubleDataFrameColumn("upper", rows.Select(x => x.r.Upper)));
    }

    /// <summary>One line per group: n, events, median [interval].</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        SurvivalText.Table(sb, ["group", "n", "events", "median", "lower", "upper"],
            Fits.Select(f => new[] { f.Group, SurvivalText.Int(f.N), SurvivalText.Int(f.Events), SurvivalText.Num(f.Median.Estimate),
                SurvivalText.Num(f.Median.Lower), SurvivalText.Num(f.Median.Upper) }));
        return sb.ToString();
    }
}
