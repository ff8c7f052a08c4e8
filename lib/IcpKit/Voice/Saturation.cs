using System.Collections.Immutable;
using System.Globalization;
using IcpKit.Charts;
using IcpKit.Model;
using IcpKit.Rendering;
using Microsoft.Data.Analysis;

namespace IcpKit.Voice;

/// <summary>What one interview added that no earlier one had.</summary>
/// <param name="Number">1 for the first interview in date order.</param>
/// <param name="On">The interview's date.</param>
/// <param name="AccountId">The account interviewed.</param>
/// <param name="New">Tags and themes heard for the first time, in the interview's order.</param>
/// <param name="Distinct">Distinct tags and themes heard so far.</param>
public sealed record SaturationStep(int Number, DateOnly On, string AccountId, ImmutableArray<string> New, int Distinct);

/// <summary>
/// When to stop interviewing: how many new themes and tags each interview brought, in date order. The method says to keep
/// going until the same trends repeat; here that is <see cref="Run"/> interviews in a row that bring nothing new.
/// </summary>
/// <remarks>
/// Items are the interview's tags (from the documented list) and its free themes, prefixed "tag:" and "theme:" so a
/// theme that happens to share a tag's name is not merged with it. Interviews on the same day keep file order.
/// Example: themes {a, b}, {b}, {a, c}, {c}, {a} bring 2, 0, 1, 0, 0 new items; with a run of 2 the interviews are
/// saturated after the fifth (the fourth and fifth added nothing).
/// </remarks>
/// <param name="Group">Whose interviews these are, e.g. "ICP".</param>
/// <param name="Steps">One per interview, in date order.</param>
/// <param name="Run">How many interviews in a row must add nothing new.</param>
public sealed record Saturation(string Group, ImmutableArray<SaturationStep> Steps, int Run) : IHtmlRenderable, ITextRenderable
{
    /// <summary>The steps of <paramref name="interviews"/> in date order.</summary>
    public static Saturation Of(IEnumerable<Interview> interviews, string group, int run = 3)
    {
        ArgumentNullException.ThrowIfNull(interviews);
        ArgumentOutOfRangeException.ThrowIfLessThan(run, 1);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var steps = interviews.OrderBy(i => i.InterviewedOn).ThenBy(i => i.SourceLine)
            .Select((i, k) =>
            {
                var items = i.Tags.Select(t => "tag: " + Format.Words(t)).Concat(i.Themes.Select(t => "theme: " + Format.Words(t)));
                var added = items.Where(seen.Add).ToImmutableArray();
                return new SaturationStep(k + 1, i.InterviewedOn, i.AccountId, added, seen.Count);
            }).ToImmutableArray();
        return new Saturation(group, steps, run);
    }

    /// <summary>Interviews since the last one that brought something new (all of them when none did).</summary>
    public int QuietStreak => Steps.Length - 1 - Steps.Select((s, i) => (s, i)).Where(x => !x.s.New.IsEmpty).Select(x => x.i).DefaultIfEmpty(-1).Last();

    /// <summary>True when the last <see cref="Run"/> interviews brought nothing new.</summary>
    public bool Saturated => Steps.Length > Run && QuietStreak >= Run;

    /// <summary>The advice in words.</summary>
    public string Verdict
    {
        get
        {
            var inv = CultureInfo.InvariantCulture;
            if (Steps.IsEmpty) return $"No {Group} interviews yet.";
            var distinct = Steps[^1].Distinct;
            if (Saturated)
                return string.Create(inv, $"Saturated: the last {QuietStreak} of {Steps.Length} {Group} interviews added no new theme or tag ({distinct} in all); the same trends repeat, so more {Group} interviews are unlikely to teach much. Move on to the contrast set.");
            var last = Steps.Last(s => !s.New.IsEmpty);
            return string.Create(inv, $"Not saturated yet: {Group} interview {last.Number} of {Steps.Length} still added {string.Join(", ", last.New)}; keep interviewing until {Run} in a row add nothing new ({QuietStreak} so far).");
        }
    }

    /// <summary>Distinct themes and tags heard against the number of interviews.</summary>
    public Figure Chart() =>
        Charts.Chart.Line(Steps.Select(s => (object?)s.Number), Steps.Select(s => (double)s.Distinct), $"{Group} interviews", markers: true)
            .WithXAxis("interviews, in date order").WithYAxis("distinct themes and tags heard").WithTitle("When do interviews stop teaching us something new?");

    private IEnumerable<IReadOnlyList<object?>> Cells() => Steps.Select(s => (IReadOnlyList<object?>)
        [s.Number, s.On, s.AccountId, s.New.IsEmpty ? "nothing new" : string.Join(", ", s.New), s.New.Length, s.Distinct]);

    private static readonly string[] Headers = ["interview", "date", "account id", "new themes and tags", "new", "distinct so far"];

    /// <summary>One row per interview in date order: when, which account, the themes and tags new with it, and distinct ones so far.</summary>
    public DataFrame Summary => new(
        [
            new Int32DataFrameColumn("interview", Steps.Select(s => s.Number)),
            new DateTimeDataFrameColumn("on", Steps.Select(s => (DateTime?)s.On.ToDateTime(TimeOnly.MinValue))),
            new StringDataFrameColumn("account_id", Steps.Select(s => s.AccountId)),
            new StringDataFrameColumn("new", Steps.Select(s => string.Join(", ", s.New))),
            new Int32DataFrameColumn("distinct_so_far", Steps.Select(s => s.Distinct)),
        ]);

    /// <inheritdoc/>
    public string ToHtml() => "<p>" + HtmlText.Escape(Verdict) + "</p>" + HtmlTable.Render(Headers, Cells());

    /// <inheritdoc/>
    public string ToText() => Verdict + Environment.NewLine + TextTable.Render(Headers, Cells());

    /// <inheritdoc/>
    public override string ToString() => ToText();
}
