using System.Collections.Immutable;
using System.Globalization;
using IcpKit.Charts;
using IcpKit.Icp;
using IcpKit.Model;
using IcpKit.Rendering;
using IcpKit.Statistics;
using Microsoft.Data.Analysis;

namespace IcpKit.PutToWork;

/// <summary>How one fit grade's closed deals went.</summary>
/// <param name="Grade">The grade of the deals' accounts.</param>
/// <param name="WinRate">Won / closed, with its Wilson interval; null when the grade has no closed deal.</param>
/// <param name="Lift">Win rate divided by the overall win rate; NaN without closed deals.</param>
public sealed record GradeOutcome(FitGrade Grade, ProportionEstimate? WinRate, double Lift)
{
    /// <summary>Closed deals of accounts with this grade.</summary>
    public int Closed => WinRate?.N ?? 0;

    /// <summary>Won deals of accounts with this grade.</summary>
    public int Won => WinRate?.Successes ?? 0;
}

/// <summary>
/// The lift each fit grade showed historically: the win rate of closed deals per grade against the overall
/// win rate, with Wilson intervals; build with <see cref="Of"/>.
/// </summary>
/// <remarks>
/// Grades are today's grades applied to past deals, so the table answers "did deals from accounts that look like
/// this win more?", which is what a grade promises a salesperson. A grade with no closed deal has no rate and a
/// NaN lift (government accounts that were never tried, for example), rather than a zero that reads as "never wins".
/// </remarks>
/// <param name="Grades">One row per grade, A to D.</param>
/// <param name="Overall">Win rate of every closed deal whose account was scored.</param>
/// <param name="Confidence">Interval level.</param>
/// <param name="OutsideIcp">Win rate of the closed deals of accounts outside the ICP (grades B to D): the baseline a campaign aimed at the ICP must beat.</param>
public sealed record GradeHistory(ImmutableArray<GradeOutcome> Grades, ProportionEstimate? Overall, ProportionEstimate? OutsideIcp, double Confidence) : IHtmlRenderable, ITextRenderable
{
    /// <summary>Win rate per grade of the closed deals among <paramref name="deals"/>, joined to the scored accounts by account_id.</summary>
    /// <param name="scores">Scored accounts.</param>
    /// <param name="deals">Deals; open ones and those of unknown accounts are ignored.</param>
    /// <param name="confidence">Two-sided level of the Wilson intervals.</param>
    public static GradeHistory Of(IcpScores scores, IEnumerable<Deal> deals, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(deals);
        var gradeOf = new Dictionary<string, FitGrade>(StringComparer.Ordinal);
        foreach (var a in scores.Accounts) gradeOf.TryAdd(a.Account.AccountId, a.Grade);
        var closed = deals.Where(d => d.IsClosed && gradeOf.ContainsKey(d.AccountId))
            .Select(d => (Grade: gradeOf[d.AccountId], Won: d.Outcome == DealOutcome.Won)).ToList();
        ProportionEstimate? Rate(IReadOnlyCollection<(FitGrade Grade, bool Won)> set) =>
            set.Count == 0 ? null : Proportions.Wilson(set.Count(x => x.Won), set.Count, confidence);
        var overall = Rate(closed);
        var rows = Enum.GetValues<FitGrade>().Select(g =>
        {
            var rate = Rate([.. closed.Where(c => c.Grade == g)]);
            var lift = rate is null || overall is null || overall.Estimate == 0 ? double.NaN : rate.Estimate / overall.Estimate;
            return new GradeOutcome(g, rate, lift);
        });
        return new GradeHistory([.. rows], overall, Rate([.. closed.Where(c => c.Grade != FitGrade.A)]), confidence);
    }

    /// <summary>The row of one grade.</summary>
    public GradeOutcome this[FitGrade grade] => Grades.First(g => g.Grade == grade);

    /// <summary>One row per grade: grade, status, closed, won, win_rate, lower, upper, lift.</summary>
    public DataFrame Summary => new(
        new StringDataFrameColumn("grade", Grades.Select(g => g.Grade.ToString())),
        new StringDataFrameColumn("status", Grades.Select(g => FitGrades.StatusOf(g.Grade))),
        new Int32DataFrameColumn("closed", Grades.Select(g => g.Closed)),
        new Int32DataFrameColumn("won", Grades.Select(g => g.Won)),
        new DoubleDataFrameColumn("win_rate", Grades.Select(g => g.WinRate?.Estimate ?? double.NaN)),
        new DoubleDataFrameColumn("lower", Grades.Select(g => g.WinRate?.Interval.Lower ?? double.NaN)),
        new DoubleDataFrameColumn("upper", Grades.Select(g => g.WinRate?.Interval.Upper ?? double.NaN)),
        new DoubleDataFrameColumn("lift", Grades.Select(g => g.Lift)));

    internal IReadOnlyList<string> Headers => ["grade", "status", "closed deals", "won", "win rate", $"{Confidence * 100:0.##}% CI", "lift vs overall"];

    internal IEnumerable<IReadOnlyList<object?>> Rows() =>
        Grades.Select(g => (IReadOnlyList<object?>)[
            g.Grade.ToString(), FitGrades.StatusOf(g.Grade), g.Closed, g.Won,
            g.WinRate is { } r ? Format.Percent(r.Estimate) : "no closed deals",
            g.WinRate is { } w ? Format.PercentInterval(w.Interval.Lower, w.Interval.Upper) : "",
            double.IsNaN(g.Lift) ? "" : g.Lift.ToString("0.00", CultureInfo.InvariantCulture) + "x"]);

    internal string Caption => Overall is { } o
        ? $"Win rate of closed deals per fit grade; overall {o}"
        : "No closed deals among the scored accounts";

    /// <summary>Win rate per grade as bars with their intervals, the overall rate as a dashed line.</summary>
    public Figure Chart()
    {
        var shown = Grades.Where(g => g.WinRate is not null).ToList();
        var figure = IcpKit.Charts.Chart.Bar(shown.Select(g => (object?)$"{g.Grade} ({FitGrades.StatusOf(g.Grade)})"), shown.Select(g => g.WinRate!.Estimate),
                name: "win rate", errorLow: shown.Select(g => g.WinRate!.Interval.Lower), errorHigh: shown.Select(g => g.WinRate!.Interval.Upper),
                text: shown.Select(g => string.Create(CultureInfo.InvariantCulture, $"n={g.Closed}")))
            .WithTitle("Win rate of closed deals by fit grade").WithYAxis("win rate", tickFormat: ".0%");
        return Overall is { } o ? figure.WithHorizontalLine(o.Estimate) : figure;
    }

    /// <inheritdoc/>
    public string ToHtml() => HtmlTable.Render(Headers, Rows(), Caption);

    /// <inheritdoc/>
    public string ToText() => TextTable.Render(Headers, Rows(), Caption);

    /// <summary>An aligned text table, one row per grade.</summary>
    public override string ToString() => ToText();
}
