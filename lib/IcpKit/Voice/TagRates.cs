using System.Collections.Immutable;
using System.Globalization;
using IcpKit.Icp;
using IcpKit.Model;
using IcpKit.Rendering;
using IcpKit.Statistics;
using Microsoft.Data.Analysis;

namespace IcpKit.Voice;

/// <summary>One signal's rate among ICP and non-ICP interviews.</summary>
/// <param name="Signal">The tag, or "any enthusiasm signal" / "any red flag".</param>
/// <param name="Kind">Enthusiasm or red flag.</param>
/// <param name="Icp">Share of ICP interviews showing it, with its Wilson 95% interval.</param>
/// <param name="NonIcp">Share of non-ICP interviews showing it.</param>
/// <param name="Test">Fisher's exact test of the 2x2 table (two-sided; exact, so valid with a handful of interviews).</param>
public sealed record TagRate(string Signal, TagKind Kind, ProportionEstimate Icp, ProportionEstimate NonIcp, FisherExactResult Test)
{
    /// <summary>ICP rate minus non-ICP rate.</summary>
    public double Difference => Icp.Estimate - NonIcp.Estimate;
}

/// <summary>How often each interview tag shows among ICP and non-ICP interviews.</summary>
/// <remarks>
/// The unit is the interview (two interviews of one account count twice). A tag counts when the tags column holds it,
/// and for invited_colleagues and would_not_pay also when their own column says so (<see cref="InterviewTags.Has"/>).
/// Fisher's exact test runs with no minimum sample: it is exact, which is why it is used here, where 8 against 5
/// interviews is normal. Example: 6 of 8 ICP interviews against 1 of 5 non-ICP ones show demo excitement: 75.0% vs
/// 20.0%, Fisher p = 0.1026 (SciPy <c>fisher_exact([[6, 2], [1, 4]])</c>): a big gap that a dozen interviews cannot prove.
/// </remarks>
public sealed record TagRates(int IcpInterviews, int NonIcpInterviews, ImmutableArray<TagRate> Rows) : IHtmlRenderable, ITextRenderable
{
    /// <summary>Label of the row counting interviews with any enthusiasm signal.</summary>
    public const string AnyEnthusiasm = "any enthusiasm signal";

    /// <summary>Label of the row counting interviews with any red flag.</summary>
    public const string AnyRedFlag = "any red flag";

    /// <summary>Compares the interviews of ICP accounts with the others, one row per documented tag and two summary rows.</summary>
    public static TagRates Compare(IEnumerable<Interview> interviews, IcpSplit split)
    {
        ArgumentNullException.ThrowIfNull(interviews);
        ArgumentNullException.ThrowIfNull(split);
        var all = interviews.ToList();
        var icp = all.Where(i => split.Contains(i.AccountId)).ToList();
        var rest = all.Where(i => !split.Contains(i.AccountId)).ToList();
        TagRate Row(string signal, TagKind kind, Func<Interview, bool> shows)
        {
            int a = icp.Count(shows), c = rest.Count(shows);
            return new TagRate(signal, kind, Proportions.Wilson(a, icp.Count), Proportions.Wilson(c, rest.Count),
                FisherExact.FromCounts(a, icp.Count, c, rest.Count, guard: SampleGuard.None));
        }
        var rows = InterviewTags.All.Select(t => Row(t.Name, t.Kind, i => InterviewTags.Has(i, t.Name))).ToList();
        rows.Insert(InterviewTags.All.Count(t => t.Kind == TagKind.Enthusiasm), Row(AnyEnthusiasm, TagKind.Enthusiasm, InterviewTags.AnyEnthusiasm));
        rows.Add(Row(AnyRedFlag, TagKind.RedFlag, InterviewTags.AnyRedFlag));
        return new TagRates(icp.Count, rest.Count, [.. rows]);
    }

    /// <summary>The row of a tag or summary label.</summary>
    public TagRate this[string signal] => Rows.First(r => r.Signal == signal);

    private static string Share(ProportionEstimate p) =>
        string.Create(CultureInfo.InvariantCulture, $"{p.Successes} of {p.N} ({Format.Percent(p.Estimate)})");

    private IEnumerable<IReadOnlyList<object?>> Cells() => Rows.Select(r => (IReadOnlyList<object?>)
    [
        Format.Words(r.Signal), r.Kind == TagKind.Enthusiasm ? "enthusiasm" : "red flag",
        Share(r.Icp), Format.PercentInterval(r.Icp.Interval.Lower, r.Icp.Interval.Upper),
        Share(r.NonIcp), Format.PercentInterval(r.NonIcp.Interval.Lower, r.NonIcp.Interval.Upper),
        Format.Points(r.Difference), Format.P(r.Test.PValue),
    ]);

    private static readonly string[] Headers = ["signal", "kind", "ICP interviews", "ICP 95% interval", "non-ICP interviews", "non-ICP 95% interval", "difference", "p (Fisher's exact)"];

    private string Caption => string.Create(CultureInfo.InvariantCulture,
        $"Signals in {IcpInterviews} ICP and {NonIcpInterviews} non-ICP interviews (Wilson intervals; Fisher's exact test, two-sided).");

    /// <summary>One row per signal: kind, interviews with it and rate for the ICP and the rest, odds ratio and Fisher p.</summary>
    public DataFrame Summary => new(
        [
            new StringDataFrameColumn("signal", Rows.Select(r => r.Signal)),
            new StringDataFrameColumn("kind", Rows.Select(r => r.Kind.ToString())),
            new Int32DataFrameColumn("icp_with", Rows.Select(r => r.Icp.Successes)),
            new Int32DataFrameColumn("icp_interviews", Rows.Select(r => r.Icp.N)),
            new DoubleDataFrameColumn("icp_rate", Rows.Select(r => r.Icp.Estimate)),
            new Int32DataFrameColumn("rest_with", Rows.Select(r => r.NonIcp.Successes)),
            new Int32DataFrameColumn("rest_interviews", Rows.Select(r => r.NonIcp.N)),
            new DoubleDataFrameColumn("rest_rate", Rows.Select(r => r.NonIcp.Estimate)),
            new DoubleDataFrameColumn("odds_ratio", Rows.Select(r => r.Test.OddsRatio)),
            new DoubleDataFrameColumn("p_value", Rows.Select(r => r.Test.PValue)),
        ]);

    /// <inheritdoc/>
    public string ToHtml() => HtmlTable.Render(Headers, Cells(), Caption);

    /// <inheritdoc/>
    public string ToText() => TextTable.Render(Headers, Cells(), Caption);

    /// <inheritdoc/>
    public override string ToString() => ToText();
}
