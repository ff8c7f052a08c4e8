using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using IcpKit.Rendering;
using IcpKit.Statistics;
using IcpKit.Statistics.Survival;
using Microsoft.Data.Analysis;

namespace IcpKit.Metrics;

/// <summary>
/// A time-to-event metric per group (retention, time to the high-value event, sales cycle): Kaplan-Meier curves,
/// median time with its interval, the curve at fixed horizons, and the log-rank test (pairwise, Holm-adjusted, when
/// there are more than two groups).
/// </summary>
/// <remarks>
/// Times are in days. A group expecting fewer events (under no difference) than <see cref="SampleGuard.MinEventsPerGroup"/> makes the log-rank
/// test "insufficient data" (no p-value). An item in several groups of a list trait is followed in each of them.
/// </remarks>
/// <param name="Measure">What is followed, e.g. "time to churn".</param>
/// <param name="Segmentation">What the groups are of ("all" when ungrouped).</param>
/// <param name="Curves">One Kaplan-Meier curve per group (log-log 95% intervals).</param>
/// <param name="Test">Log-rank test across all groups; null with one group.</param>
/// <param name="Pairwise">Every pair of groups, Holm and BH adjusted; null with two groups or fewer.</param>
/// <param name="Horizons">Days at which the curve is read (e.g. 91, 183, 365).</param>
/// <param name="HorizonLabels">Labels of the horizons (e.g. "3 months").</param>
/// <param name="Censoring">How follow-up ends without the event, in words.</param>
public sealed partial record SurvivalComparison(string Measure, string Segmentation, KaplanMeierGroups Curves,
    LogRankResult? Test, PairwiseLogRankResult? Pairwise, ImmutableArray<double> Horizons, ImmutableArray<string> HorizonLabels,
    string Censoring)
{
    /// <summary>Subjects over all groups.</summary>
    public int N => Curves.Fits.Sum(f => f.N);

    /// <summary>The curve of one group.</summary>
    public KaplanMeierResult this[string group] => Curves[group];

    /// <summary>The curve of one group at the horizons: survival with interval and number at risk.</summary>
    public ImmutableArray<SurvivalAtTime> AtHorizons(string group) => Curves[group].At(Horizons);

    /// <summary>True when the log-rank test was called and its p-value is below alpha.</summary>
    public bool Differs(double alpha = 0.05) => Test is { Status: SurvivalStatus.Ok } t && t.PValue < alpha;

    /// <summary>Per group: n, events, median [lower, upper] and S(t) [lower, upper] at each horizon.</summary>
    public DataFrame Summary
    {
        get
        {
            var fits = Curves.Fits;
            var columns = new List<DataFrameColumn>
            {
                new StringDataFrameColumn("group", fits.Select(f => f.Group)),
                new Int32DataFrameColumn("n", fits.Select(f => f.N)),
                new Int32DataFrameColumn("events", fits.Select(f => f.Events)),
                new DoubleDataFrameColumn("median_days", fits.Select(f => f.Median.Estimate)),
                new DoubleDataFrameColumn("median_lower", fits.Select(f => f.Median.Lower)),
                new DoubleDataFrameColumn("median_upper", fits.Select(f => f.Median.Upper)),
            };
            for (int h = 0; h < Horizons.Length; h++)
            {
                var at = fits.Select(f => f.At([Horizons[h]])[0]).ToArray();
                columns.Add(new DoubleDataFrameColumn($"S({HorizonLabels[h]})", at.Select(a => a.Survival)));
                columns.Add(new DoubleDataFrameColumn($"S({HorizonLabels[h]}) lower", at.Select(a => a.Lower)));
                columns.Add(new DoubleDataFrameColumn($"S({HorizonLabels[h]}) upper", at.Select(a => a.Upper)));
            }
            return new DataFrame(columns);
        }
    }

    /// <summary>The comparison in one sentence: log-rank p, "no detectable difference" or "insufficient data".</summary>
    public string Verdict => Test switch
    {
        null => string.Create(CultureInfo.InvariantCulture, $"one group only (n = {N}): nothing to compare"),
        { Status: SurvivalStatus.InsufficientData } t => string.Create(CultureInfo.InvariantCulture, $"insufficient data to compare (n = {t.N}): {t.Reason}"),
        var t => string.Create(CultureInfo.InvariantCulture,
            $"{(t.PValue < 0.05 ? "the groups differ" : "no detectable difference")}: log-rank chi-square = {Format.Number(t.ChiSquare)} on {t.DegreesOfFreedom} df, n = {t.N}, {Format.PClause(t.PValue)}"),
    };

    /// <summary>Header, the per-group table, the verdict.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{Measure} by {Format.Trait(Segmentation)} (days; {Censoring})").AppendLine();
        var headers = new List<string> { "group", "n", "events", "median [95% CI]" };
        headers.AddRange(HorizonLabels);
        SurvivalText.Table(sb, [.. headers], Curves.Fits.Select(f =>
        {
            var row = new List<string> { f.Group, SurvivalText.Int(f.N), SurvivalText.Int(f.Events), f.Median.ToString() };
            row.AddRange(f.At(Horizons).Select(a => $"{Format.Percent(a.Survival)} {Format.PercentInterval(a.Lower, a.Upper)}".Trim()));
            return row.ToArray();
        }));
        sb.Append(Verdict);
        return sb.ToString();
    }

    /// <summary>Fits the curves and tests them.</summary>
    internal static SurvivalComparison Of(string measure, string segmentation, IReadOnlyList<SurvivalObservation> observations,
        IEnumerable<(double Days, string Label)> horizons, string censoring, SampleGuard? guard)
    {
        var minEvents = (guard ?? SampleGuard.Default).MinEventsPerGroup;
        var data = SurvivalData.FromObservations(observations);
        var curves = KaplanMeier.FitGroups(data);
        LogRankResult? test = null;
        PairwiseLogRankResult? pairwise = null;
        if (data.Groups.Count >= 2)
        {
            test = LogRank.Test(data, minEvents);
            if (data.Groups.Count > 2) pairwise = LogRank.Pairwise(data, minEvents);
        }
        var hs = horizons.ToArray();
        return new SurvivalComparison(measure, segmentation, curves, test, pairwise,
            [.. hs.Select(h => h.Days)], [.. hs.Select(h => h.Label)], censoring);
    }

    /// <summary>Horizons in whole months, as days (a month is 365.25/12 days, rounded): 3 → 91, 6 → 183, 12 → 365.</summary>
    internal static IEnumerable<(double Days, string Label)> MonthHorizons(IEnumerable<int> months) =>
        months.Select(m => (Months.Days(m), m == 1 ? "1 month" : string.Create(CultureInfo.InvariantCulture, $"{m} months")));
}
