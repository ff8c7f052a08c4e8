using System.Globalization;
using IcpKit.Icp;
using IcpKit.Loading;
using IcpKit.Model;
using IcpKit.Rendering;
using IcpKit.Statistics;
using Microsoft.Data.Analysis;

namespace IcpKit.PutToWork;

/// <summary>How a pre-registered experiment came out.</summary>
public enum ExperimentOutcome
{
    /// <summary>The metric reached the success threshold.</summary>
    Met,
    /// <summary>The window is over, there was enough data, and the metric stayed below the threshold.</summary>
    NotMet,
    /// <summary>The end date is not reached in this export, or too few deals or customers fell in the window.</summary>
    NotEnoughData,
}

/// <summary>The grade of one pre-registered experiment on one export; built by <see cref="ExperimentGrading.Grade"/>.</summary>
/// <param name="Experiment">The experiment as written in icp.yaml.</param>
/// <param name="Icp">Name and version of the ICP that carried it, e.g. "Mid-market data teams v3".</param>
/// <param name="WindowStart">First day counted: the ICP file's date.</param>
/// <param name="WindowEnd">Last day counted: ends_on.</param>
/// <param name="AsOf">The graded export's as-of date.</param>
/// <param name="Outcome">Met, not met, or not enough data.</param>
/// <param name="Value">The metric's value; NaN when it could not be measured.</param>
/// <param name="Interval">Interval of the value where the metric has one (rates and differences), else null.</param>
/// <param name="IcpCount">Deals (or new customers) counted in the ICP arm.</param>
/// <param name="OtherCount">Deals (or new customers) counted in the non-ICP arm.</param>
/// <param name="Reason">Why, in plain words, with the counts.</param>
public sealed record ExperimentVerdict(
    IcpExperiment Experiment, string Icp, DateOnly WindowStart, DateOnly WindowEnd, DateOnly AsOf,
    ExperimentOutcome Outcome, double Value, ConfidenceInterval? Interval, int IcpCount, int OtherCount, string Reason) : IHtmlRenderable, ITextRenderable
{
    /// <summary>"met", "not met" or "not enough data".</summary>
    public string OutcomeText => TextOf(Outcome);

    /// <summary>The words used for an outcome in reports and summary.json.</summary>
    public static string TextOf(ExperimentOutcome outcome) => outcome switch
    {
        ExperimentOutcome.Met => "met",
        ExperimentOutcome.NotMet => "not met",
        _ => "not enough data",
    };

    private IReadOnlyList<IReadOnlyList<object?>> Rows() =>
    [
        ["hypothesis", Experiment.Hypothesis],
        ["metric", Experiment.Metric],
        ["success threshold", Experiment.SuccessThreshold],
        ["window", string.Create(CultureInfo.InvariantCulture, $"{WindowStart:yyyy-MM-dd} to {WindowEnd:yyyy-MM-dd} (export as of {AsOf:yyyy-MM-dd})")],
        ["measured", double.IsNaN(Value) ? "not measured" : Format.Number(Value) + (Interval is { } i ? " " + i : "")],
        ["verdict", OutcomeText],
        ["why", Reason],
    ];

    /// <summary>
    /// One row: the ICP, metric, hypothesis and success threshold, the window and as-of date, the measured value with its
    /// interval (NaN where there is none), the counts in each arm, the verdict in words and why.
    /// </summary>
    public DataFrame Summary => new(
        new StringDataFrameColumn("icp", [Icp]),
        new StringDataFrameColumn("metric", [Experiment.Metric]),
        new StringDataFrameColumn("hypothesis", [Experiment.Hypothesis]),
        new DoubleDataFrameColumn("success_threshold", [Experiment.SuccessThreshold]),
        new DateTimeDataFrameColumn("window_start", [WindowStart.ToDateTime(TimeOnly.MinValue)]),
        new DateTimeDataFrameColumn("window_end", [WindowEnd.ToDateTime(TimeOnly.MinValue)]),
        new DateTimeDataFrameColumn("as_of", [AsOf.ToDateTime(TimeOnly.MinValue)]),
        new DoubleDataFrameColumn("value", [Value]),
        new DoubleDataFrameColumn("lower", [Interval?.Lower ?? double.NaN]),
        new DoubleDataFrameColumn("upper", [Interval?.Upper ?? double.NaN]),
        new Int32DataFrameColumn("icp_count", [IcpCount]),
        new Int32DataFrameColumn("other_count", [OtherCount]),
        new StringDataFrameColumn("verdict", [OutcomeText]),
        new StringDataFrameColumn("why", [Reason]));

    /// <inheritdoc/>
    public string ToHtml() => HtmlTable.Render(["", ""], Rows(), $"Pre-registered experiment of {Icp}: {OutcomeText}");

    /// <inheritdoc/>
    public string ToText() => ToString();

    /// <summary>Reads like "win_rate_difference >= 0.1 (ICP accounts win more): met: 0.38 [0.21, 0.55]; ICP 40/64 won ...".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Experiment.Metric} >= {Format.Number(Experiment.SuccessThreshold)} ({Experiment.Hypothesis}), {WindowStart:yyyy-MM-dd} to {WindowEnd:yyyy-MM-dd}: {OutcomeText.ToUpperInvariant()}. {Reason}");
}

/// <summary>Grades the pre-registration block of icp.yaml on a later export.</summary>
public static class ExperimentGrading
{
    /// <summary>The fewest deals (or new customers) an arm needs before a verdict is given.</summary>
    public const int DefaultMinimumPerArm = 20;

    /// <summary>Grades <paramref name="icp"/>'s experiment on <paramref name="export"/> (normally the next quarter's).</summary>
    /// <remarks>
    /// The window runs from the ICP file's date to ends_on. The verdict is "not enough data" when the export's as-of
    /// date is before ends_on (the experiment has not ended), when an arm has fewer than
    /// <paramref name="minimumPerArm"/> deals or customers in the window, or when an activation metric is asked of an
    /// export without events. Otherwise the metric's point estimate is compared with the threshold: at or above is met.
    /// The interval is reported beside it so a "met" resting on a wide interval reads as the weak evidence it is.
    /// See <see cref="ExperimentMetrics"/> for the metrics.
    /// </remarks>
    /// <param name="icp">The ICP whose experiment block is graded; it also decides who is in the ICP arm.</param>
    /// <param name="export">The export to grade on.</param>
    /// <param name="minimumPerArm">Fewest deals or customers per arm.</param>
    /// <param name="confidence">Level of the reported interval.</param>
    /// <returns>The verdict; null when the ICP has no experiment block.</returns>
    /// <exception cref="ArgumentException">The metric is not one of <see cref="ExperimentMetrics.Known"/>.</exception>
    public static ExperimentVerdict? Grade(IcpDefinition icp, ExportData export, int minimumPerArm = DefaultMinimumPerArm, double confidence = 0.95) =>
        GradeScored(ScoredExport.Of(export, icp), minimumPerArm, confidence);

    internal static ExperimentVerdict? GradeScored(ScoredExport scored, int minimumPerArm = DefaultMinimumPerArm, double confidence = 0.95)
    {
        var icp = scored.Scores.Icp;
        if (icp.Experiment is not { } e) return null;
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumPerArm, 1);
        if (!ExperimentMetrics.IsKnown(e.Metric))
            throw new ArgumentException(
                $"unknown experiment metric '{e.Metric}'; known: {string.Join(", ", ExperimentMetrics.Known.Select(k => k.Name))}", nameof(scored));
        var export = scored.Export;
        var start = icp.Date;
        var end = e.EndsOn;
        var label = string.Create(CultureInfo.InvariantCulture, $"{icp.Name} v{icp.Version}");
        ExperimentVerdict Verdict(ExperimentOutcome outcome, double value, ConfidenceInterval? interval, int nIcp, int nOther, string reason) =>
            new(e, label, start, end, export.AsOf, outcome, value, interval, nIcp, nOther, reason);
        ExperimentVerdict TooFew(int nIcp, int nOther, string what) => Verdict(ExperimentOutcome.NotEnoughData, double.NaN, null, nIcp, nOther,
            string.Create(CultureInfo.InvariantCulture, $"{what}: ICP {nIcp}, non-ICP {nOther}; each arm needs at least {minimumPerArm}."));

        if (export.AsOf < end)
        {
            return Verdict(ExperimentOutcome.NotEnoughData, double.NaN, null, 0, 0, string.Create(CultureInfo.InvariantCulture,
                $"The experiment ends on {end:yyyy-MM-dd} and this export is as of {export.AsOf:yyyy-MM-dd}: grade it on a later export."));
        }

        bool InWindow(DateOnly? day) => day is { } d && d >= start && d <= end;
        ExperimentVerdict Judge(double value, ConfidenceInterval? interval, int nIcp, int nOther, string counts)
        {
            var met = value >= e.SuccessThreshold;
            return Verdict(met ? ExperimentOutcome.Met : ExperimentOutcome.NotMet, value, interval, nIcp, nOther, string.Create(CultureInfo.InvariantCulture,
                $"{e.Metric} = {Format.Number(value)}{(interval is { } i ? " " + i : "")}, {(met ? "at or above" : "below")} the threshold {Format.Number(e.SuccessThreshold)}; {counts}."));
        }

        switch (e.Metric)
        {
            case ExperimentMetrics.WinRate or ExperimentMetrics.WinRateDifference or ExperimentMetrics.WinRateRatio:
            {
                var (inIcp, rest) = scored.ClosedDeals(d => InWindow(d.ClosedOn));
                var needsBoth = e.Metric != ExperimentMetrics.WinRate;
                if (inIcp.Count < minimumPerArm || (needsBoth && rest.Count < minimumPerArm)) return TooFew(inIcp.Count, rest.Count, "Deals closed in the window");
                int wonIcp = inIcp.Count(d => d.Outcome == DealOutcome.Won), wonRest = rest.Count(d => d.Outcome == DealOutcome.Won);
                var counts = Counts("won", wonIcp, inIcp.Count, wonRest, rest.Count, "closed deals");
                if (e.Metric == ExperimentMetrics.WinRate)
                {
                    var rate = Proportions.Wilson(wonIcp, inIcp.Count, confidence);
                    return Judge(rate.Estimate, rate.Interval, inIcp.Count, rest.Count, counts);
                }
                var test = Proportions.CompareTwo(wonIcp, inIcp.Count, wonRest, rest.Count, confidence: confidence);
                return e.Metric == ExperimentMetrics.WinRateDifference
                    ? Judge(test.Difference, test.Interval, inIcp.Count, rest.Count, counts + ", " + Format.PClause(test.PValue))
                    : Judge(test.Rate2 == 0 ? double.PositiveInfinity : test.Rate1 / test.Rate2, null, inIcp.Count, rest.Count, counts);
            }
            case ExperimentMetrics.IcpShareOfWins:
            {
                var (inIcp, rest) = scored.ClosedDeals(d => InWindow(d.ClosedOn) && d.Outcome == DealOutcome.Won);
                var total = inIcp.Count + rest.Count;
                if (total < minimumPerArm) return TooFew(inIcp.Count, rest.Count, "Deals won in the window");
                var share = Proportions.Wilson(inIcp.Count, total, confidence);
                return Judge(share.Estimate, share.Interval, inIcp.Count, rest.Count,
                    string.Create(CultureInfo.InvariantCulture, $"{inIcp.Count} of {total} deals won in the window came from ICP accounts"));
            }
            default:
            {
                if (!export.Has(ExportFile.Events))
                    return Verdict(ExperimentOutcome.NotEnoughData, double.NaN, null, 0, 0, "Activation needs events.csv, which this export does not have.");
                var customers = export.Accounts.Where(a => InWindow(a.CustomerSince)).ToList();
                // Activated by the end of the window, so a later export grades the same customers the same way.
                bool Activated(Account a) => export.Usage.TryGetValue(a.AccountId, out var u) && u.FirstActivationAt is { } t && DateOnly.FromDateTime(t) <= end;
                var inIcp = customers.Where(a => scored.InIcp(a.AccountId)).ToList();
                var rest = customers.Where(a => !scored.InIcp(a.AccountId)).ToList();
                var needsBoth = e.Metric == ExperimentMetrics.ActivationRateDifference;
                if (inIcp.Count < minimumPerArm || (needsBoth && rest.Count < minimumPerArm)) return TooFew(inIcp.Count, rest.Count, "New customers in the window");
                int actIcp = inIcp.Count(Activated), actRest = rest.Count(Activated);
                var counts = Counts("activated", actIcp, inIcp.Count, actRest, rest.Count, "new customers");
                if (!needsBoth)
                {
                    var rate = Proportions.Wilson(actIcp, inIcp.Count, confidence);
                    return Judge(rate.Estimate, rate.Interval, inIcp.Count, rest.Count, counts);
                }
                var test = Proportions.CompareTwo(actIcp, inIcp.Count, actRest, rest.Count, confidence: confidence);
                return Judge(test.Difference, test.Interval, inIcp.Count, rest.Count, counts + ", " + Format.PClause(test.PValue));
            }
        }
    }

    private static string Counts(string verb, int xIcp, int nIcp, int xRest, int nRest, string what) => string.Create(CultureInfo.InvariantCulture,
        $"ICP {xIcp}/{nIcp} {what} {verb} ({Format.Percent((double)xIcp / nIcp)}), non-ICP {xRest}/{nRest}{(nRest > 0 ? $" ({Format.Percent((double)xRest / nRest)})" : "")}");
}
