using System.Collections.Immutable;
using System.Globalization;
using IcpKit.Icp;
using IcpKit.Model;
using IcpKit.Rendering;
using Microsoft.Data.Analysis;

namespace IcpKit.Voice;

/// <summary>A non-ICP account whose interview showed enthusiasm and no red flag, and the rules that keep it out.</summary>
/// <param name="AccountId">The account.</param>
/// <param name="Signals">The enthusiasm signals it showed.</param>
/// <param name="FailedRules">Why it is outside the ICP.</param>
public sealed record EnthusiasticOutsider(string AccountId, ImmutableArray<string> Signals, ImmutableArray<string> FailedRules);

/// <summary>Do the non-ICP interviews contradict the ICP? Said in words, with the evidence behind them.</summary>
/// <remarks>
/// They contradict it when non-ICP interviews show enthusiasm at least as often as ICP ones, or ICP interviews show red
/// flags at least as often as non-ICP ones (and some do). Otherwise they support it; with a Fisher p of 0.05 or more on
/// the enthusiasm row the support is called weak, since a handful of interviews can show a gap by chance. The
/// enthusiastic outsiders are listed with the rules they fail: a rule failed by several of them may be drawn too
/// tight.
/// </remarks>
/// <param name="Contradicts">True when the non-ICP interviews contradict the ICP.</param>
/// <param name="Verdict">The answer in words.</param>
/// <param name="Outsiders">Non-ICP interviews with enthusiasm and no red flag.</param>
public sealed record Contradiction(bool Contradicts, string Verdict, ImmutableArray<EnthusiasticOutsider> Outsiders) : IHtmlRenderable, ITextRenderable
{
    /// <summary>Judges the tag rates and lists the enthusiastic outsiders.</summary>
    public static Contradiction Of(TagRates rates, IEnumerable<Interview> interviews, IEnumerable<IcpMatch> matches)
    {
        ArgumentNullException.ThrowIfNull(rates);
        ArgumentNullException.ThrowIfNull(interviews);
        ArgumentNullException.ThrowIfNull(matches);
        var enthusiasm = rates[TagRates.AnyEnthusiasm];
        var red = rates[TagRates.AnyRedFlag];
        string Pct(double x) => Format.Percent(x);
        var inv = CultureInfo.InvariantCulture;
        bool moreEnthusiasmOutside = enthusiasm.NonIcp.Estimate >= enthusiasm.Icp.Estimate;
        bool moreRedFlagsInside = red.Icp.Successes > 0 && red.Icp.Estimate >= red.NonIcp.Estimate;
        var evidence = string.Create(inv,
            $"enthusiasm in {Pct(enthusiasm.Icp.Estimate)} of ICP interviews against {Pct(enthusiasm.NonIcp.Estimate)} of the others ({Format.PClause(enthusiasm.Test.PValue)}), red flags in {Pct(red.Icp.Estimate)} against {Pct(red.NonIcp.Estimate)}");
        string verdict;
        if (moreEnthusiasmOutside || moreRedFlagsInside)
        {
            verdict = "The non-ICP interviews contradict the ICP: " + evidence + ". " +
                (moreEnthusiasmOutside ? "Customers outside the ICP are at least as enthusiastic as those in it. " : "") +
                (moreRedFlagsInside ? "ICP customers show red flags at least as often as the rest. " : "") +
                "Look at the rules the enthusiastic outsiders fail before relying on this ICP.";
        }
        else
        {
            verdict = "The non-ICP interviews do not contradict the ICP: " + evidence + "." +
                (enthusiasm.Test.PValue < 0.05 ? "" : " The gap could still be chance with this few interviews: keep interviewing both groups.");
        }
        var byId = matches.ToDictionary(m => m.AccountId, StringComparer.Ordinal);
        var outsiders = interviews
            .Where(i => byId.TryGetValue(i.AccountId, out var m) && !m.InIcp && InterviewTags.AnyEnthusiasm(i) && !InterviewTags.AnyRedFlag(i))
            .GroupBy(i => i.AccountId, StringComparer.Ordinal)
            .Select(g => new EnthusiasticOutsider(g.Key,
                [.. InterviewTags.All.Where(t => t.Kind == TagKind.Enthusiasm && g.Any(i => InterviewTags.Has(i, t.Name))).Select(t => Format.Words(t.Name))],
                byId[g.Key].Reasons))
            .OrderBy(o => o.AccountId, StringComparer.Ordinal).ToImmutableArray();
        return new Contradiction(moreEnthusiasmOutside || moreRedFlagsInside, verdict, outsiders);
    }

    /// <summary>How many outsiders fail each rule, most first: a rule many enthusiastic outsiders fail may be too tight.</summary>
    public ImmutableArray<(string Reason, int Outsiders)> RulesFailed =>
        [.. Outsiders.SelectMany(o => o.FailedRules).GroupBy(r => r, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count())).OrderByDescending(x => x.Item2).ThenBy(x => x.Key, StringComparer.Ordinal)];

    private IEnumerable<IReadOnlyList<object?>> Cells() =>
        Outsiders.Select(o => (IReadOnlyList<object?>)[o.AccountId, string.Join(", ", o.Signals), string.Join("; ", o.FailedRules)]);

    private static readonly string[] Headers = ["account id", "enthusiasm shown", "why outside the ICP"];

    /// <summary>One row per enthusiastic account outside the ICP: its signals and the rules it fails.</summary>
    public DataFrame Summary => new(
        [
            new StringDataFrameColumn("account_id", Outsiders.Select(o => o.AccountId)),
            new StringDataFrameColumn("signals", Outsiders.Select(o => string.Join(", ", o.Signals))),
            new StringDataFrameColumn("failed_rules", Outsiders.Select(o => string.Join("; ", o.FailedRules))),
        ]);

    /// <inheritdoc/>
    public string ToHtml() => "<p>" + HtmlText.Escape(Verdict) + "</p>" + (Outsiders.IsEmpty
        ? "<p>" + HtmlText.Escape("No non-ICP interview showed enthusiasm without a red flag.") + "</p>"
        : HtmlTable.Render(Headers, Cells(), "Enthusiastic accounts outside the ICP (enthusiasm, no red flag)"));

    /// <inheritdoc/>
    public string ToText() => Verdict + Environment.NewLine + (Outsiders.IsEmpty
        ? "No non-ICP interview showed enthusiasm without a red flag."
        : TextTable.Render(Headers, Cells(), "Enthusiastic accounts outside the ICP (enthusiasm, no red flag)"));

    /// <inheritdoc/>
    public override string ToString() => ToText();
}
