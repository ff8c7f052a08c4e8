using System.Collections.Immutable;
using IcpKit.Metrics;
using IcpKit.Statistics;

namespace IcpKit.Outcomes;

/// <summary>An outcome's headline value in one group.</summary>
/// <param name="Estimate">The value: a share, a number of days, an amount; NaN when the group has no data.</param>
/// <param name="N">Units it rests on (closed deals, customers, responses).</param>
/// <param name="Interval">Its 95% interval where the measure gives one (Wilson for rates, log-log for Kaplan-Meier), else undefined.</param>
public sealed record OutcomeValue(double Estimate, int N, ConfidenceInterval Interval);

/// <summary>
/// An outcome measured on an export for each group of a split: what the ICP test compares and what the summary card
/// and summary.json show. One subtype per way of measuring (a rate, a time to an event, a value per unit).
/// </summary>
/// <param name="Outcome">The outcome's definition.</param>
public abstract record OutcomeMeasure(OutcomeDefinition Outcome)
{
    /// <summary>Why the export cannot measure the outcome; null when it can.</summary>
    public virtual string? NotMeasurableWhy => null;

    /// <summary>True when the export can measure the outcome.</summary>
    public bool IsMeasurable => NotMeasurableWhy is null;

    /// <summary>The headline value of one group; null when the group has no units.</summary>
    public abstract OutcomeValue? ValueOf(string group);

    /// <summary>The headline value over every account, for a measure taken without a segmentation; else null.</summary>
    public OutcomeValue? Overall => ValueOf(Grouping.All);
}

/// <summary>The export has nothing to measure the outcome with.</summary>
/// <param name="Outcome">The outcome.</param>
/// <param name="Why">What is missing, e.g. "no events.csv".</param>
public sealed record UnmeasuredOutcome(OutcomeDefinition Outcome, string Why) : OutcomeMeasure(Outcome)
{
    /// <inheritdoc/>
    public override string? NotMeasurableWhy => Why;

    /// <inheritdoc/>
    public override OutcomeValue? ValueOf(string group) => null;
}

/// <summary>A share per group (won of closed deals, activated of customers): successes of units, with Wilson intervals.</summary>
/// <param name="Outcome">The outcome.</param>
/// <param name="Rates">The metrics engine's rates per group.</param>
public sealed record RateMeasure(OutcomeDefinition Outcome, RateComparison Rates) : OutcomeMeasure(Outcome)
{
    /// <summary>Successes and units of one group; (0, 0) when absent.</summary>
    public (int Successes, int N) Counts(string group) =>
        Rates.Groups.FirstOrDefault(g => g.Group == group) is { } g ? (g.Rate.Successes, g.Rate.N) : (0, 0);

    /// <inheritdoc/>
    public override OutcomeValue? ValueOf(string group) =>
        Rates.Groups.FirstOrDefault(g => g.Group == group) is { } g && g.N > 0 ? new OutcomeValue(g.Rate.Estimate, g.N, g.Rate.Interval) : null;

    /// <summary>
    /// When the units come in clusters that are not independent (the deals of one account): per group, successes and units
    /// of each cluster, so comparisons can use a cluster-robust variance. Empty when every unit is its own cluster.
    /// </summary>
    public ImmutableDictionary<string, ImmutableArray<(int Successes, int Units)>> Clusters { get; init; } =
        ImmutableDictionary<string, ImmutableArray<(int Successes, int Units)>>.Empty;

    /// <summary>What a cluster is, in words ("account"); null when <see cref="Clusters"/> is empty.</summary>
    public string? ClusterUnit { get; init; }
}

/// <summary>
/// A time to an event per group (to churn, to a win, to real value) as Kaplan-Meier curves with the log-rank test.
/// The headline is the curve read at <see cref="ReadAtDays"/> when set (retention: share still a customer), else
/// the median time.
/// </summary>
/// <param name="Outcome">The outcome.</param>
/// <param name="Survival">The metrics engine's curves and test.</param>
/// <param name="EventIsGood">True when the event is good for the account (a win, value reached), false for churn.</param>
/// <param name="ReadAtDays">Day at which the headline is read off the curve; null for the median.</param>
public sealed record SurvivalMeasure(OutcomeDefinition Outcome, SurvivalComparison Survival, bool EventIsGood, double? ReadAtDays) : OutcomeMeasure(Outcome)
{
    /// <inheritdoc/>
    public override OutcomeValue? ValueOf(string group)
    {
        var fit = Survival.Curves.Fits.FirstOrDefault(f => f.Group == group);
        if (fit is null || fit.N == 0) return null;
        if (ReadAtDays is { } t)
        {
            var at = fit.At([t])[0];
            return new OutcomeValue(at.Survival, fit.N, new ConfidenceInterval(at.Lower, at.Upper, fit.ConfidenceLevel));
        }
        var m = fit.Median;
        return new OutcomeValue(m.Estimate ?? double.NaN, fit.N, new ConfidenceInterval(m.Lower ?? double.NaN, m.Upper ?? double.NaN, fit.ConfidenceLevel));
    }
}

/// <summary>The sales cycle per group: won and lost over time (competing risks), days to close, won-deal cycles compared.</summary>
/// <param name="Outcome">The outcome.</param>
/// <param name="Cycle">The metrics engine's sales cycle.</param>
public sealed record SalesCycleMeasure(OutcomeDefinition Outcome, SalesCycleResult Cycle) : OutcomeMeasure(Outcome)
{
    /// <summary>Median days to close of the group's won deals, with its bootstrap interval.</summary>
    public override OutcomeValue? ValueOf(string group) =>
        Cycle.Days.FirstOrDefault(d => d.Group == group) is { Won.N1: > 0 } d ? new OutcomeValue(d.Won.Estimate, d.Won.N1, d.Won.Interval) : null;
}

/// <summary>How a <see cref="ValuesMeasure"/> sums a group's values up.</summary>
public enum ValueStatistic
{
    /// <summary>The mean.</summary>
    Mean,
    /// <summary>The median (robust to a few huge deals).</summary>
    Median,
}

/// <summary>One value per unit per group (a won deal's amount, a customer's MRR, an NPS score).</summary>
/// <param name="Outcome">The outcome.</param>
/// <param name="Groups">Each group's values, groups in ordinal order.</param>
/// <param name="Statistic">The headline statistic.</param>
public sealed record ValuesMeasure(OutcomeDefinition Outcome, ImmutableArray<(string Group, ImmutableArray<double> Values)> Groups, ValueStatistic Statistic)
    : OutcomeMeasure(Outcome)
{
    /// <summary>The values of one group; empty when absent.</summary>
    public double[] ValuesOf(string group) => Groups.FirstOrDefault(g => g.Group == group) is { Values.IsDefault: false } g ? [.. g.Values] : [];

    /// <inheritdoc/>
    public override OutcomeValue? ValueOf(string group)
    {
        var values = ValuesOf(group);
        if (values.Length == 0) return null;
        var estimate = Statistic == ValueStatistic.Mean ? values.Average() : MathNet.Numerics.Statistics.Statistics.Median(values);
        return new OutcomeValue(estimate, values.Length, ConfidenceInterval.Undefined(0.95));
    }

    /// <summary>Groups values by the items' groups, keeping the group order.</summary>
    internal static ImmutableArray<(string Group, ImmutableArray<double> Values)> Of<T>(
        IEnumerable<(string Group, ImmutableArray<T> Members)> groups, Func<T, double> value) =>
        [.. groups.Select(g => (g.Group, g.Members.Select(value).ToImmutableArray()))];
}

/// <summary>What a <see cref="EstimateMeasure"/>'s figures are, so every report writes them one way.</summary>
public enum EstimateUnit
{
    /// <summary>An amount of money (lifetime value).</summary>
    Money,
    /// <summary>Months (CAC payback).</summary>
    Months,
    /// <summary>A share shown as a percentage (net revenue retention).</summary>
    Share,
}

/// <summary>
/// One figure per group that is not a mean of per-unit values (lifetime value from a curve, CAC payback from spend,
/// net revenue retention as a ratio of sums), with bootstrap replicates the ICP test compares replicate by replicate.
/// </summary>
/// <param name="Outcome">The outcome.</param>
/// <param name="Groups">Each group's figure, interval and replicates.</param>
/// <param name="HigherIsBetter">False when less is better (months to pay back).</param>
/// <param name="Unit">How the figure reads.</param>
public sealed record EstimateMeasure(OutcomeDefinition Outcome, ImmutableArray<ValueEstimate> Groups, bool HigherIsBetter, EstimateUnit Unit)
    : OutcomeMeasure(Outcome)
{
    /// <summary>One group's figure; null when absent.</summary>
    public ValueEstimate? EstimateOf(string group) => Groups.FirstOrDefault(g => g.Group == group);

    /// <inheritdoc/>
    public override OutcomeValue? ValueOf(string group) =>
        EstimateOf(group) is { N: > 0 } g && double.IsFinite(g.Estimate) ? new OutcomeValue(g.Estimate, g.N, g.Interval) : null;

    /// <summary>A figure in the kit's number style: money whole with separators, months with one decimal, shares as percentages.</summary>
    public string Show(double value) => Unit switch
    {
        EstimateUnit.Money => Rendering.Format.Money(value),
        EstimateUnit.Months => Rendering.Format.Months(value),
        _ => Rendering.Format.Percent(value),
    };
}
