using System.Collections.Immutable;
using IcpKit.Icp;
using IcpKit.Model;
using IcpKit.Voice;

namespace IcpKit.Tests.Voice;

/// <summary>
/// Tag rates against hand counts, Fisher p and Wilson intervals against SciPy/statsmodels (Reference/tag_rates.py,
/// output in Reference/tag_rates.txt), tolerance 1e-9 on p and 1e-9 on the bounds.
/// </summary>
public class TagRatesTests
{
    internal static Interview Row(string account, int day, string tags = "", bool? wouldPay = null, bool? invited = null, string themes = "") => new()
    {
        AccountId = account,
        InterviewedOn = new DateOnly(2026, 8, day),
        Tags = [.. tags.Split(';', StringSplitOptions.RemoveEmptyEntries)],
        Themes = [.. themes.Split(';', StringSplitOptions.RemoveEmptyEntries)],
        WouldPay = wouldPay,
        InvitedColleagues = invited,
        SourceLine = day + 1,
    };

    /// <summary>I1-I8 are in the ICP, N1-N5 are not (each fails the one rule).</summary>
    internal static readonly IcpDefinition Icp = new("t", 1, new DateOnly(2026, 1, 1), [IcpRule.In("industry", ["SaaS"])]);

    internal static IcpMatch[] Matches { get; } =
    [
        .. Enumerable.Range(1, 8).Select(i => new IcpMatch($"I{i}", [], [])),
        .. Enumerable.Range(1, 5).Select(i => new IcpMatch($"N{i}",
            [new RuleFinding(Icp.Rules[0], TraitValue.Of("Retail"), "industry is Retail, not in [SaaS]")], [])),
    ];

    internal static IcpSplit Split => IcpSplit.FromMatches(Icp, Matches);

    // Counted by hand in the comments of Compare_HandMadeInterviews_MatchScipy.
    internal static ImmutableArray<Interview> Interviews { get; } =
    [
        Row("I1", 1, "demo_excitement", true, false),
        Row("I2", 2, "demo_excitement;invited_colleagues", true),
        Row("I3", 3, "demo_excitement", true, true),
        Row("I4", 4, "demo_excitement", true, true),
        Row("I5", 5, "demo_excitement;polite_interest", null, false),
        Row("I6", 6, "demo_excitement", false, false),
        Row("I7", 7, "", true),
        Row("I8", 8, "strong_problem_agreement", true, false),
        Row("N1", 9, "demo_excitement;polite_interest", false, false),
        Row("N2", 10, "polite_interest", true, false),
        Row("N3", 11, "polite_interest;would_not_pay", null, false),
        Row("N4", 12, "polite_interest", false),
        Row("N5", 13, "", true, false),
    ];

    [Theory]
    // demo: I1-I6 against N1. invited: I2 (tag), I3 and I4 (column only). any enthusiasm: I1-I6 and I8 against N1.
    // polite: I5 against N1-N4. would not pay: I6 (column) against N1, N4 (column) and N3 (tag). any red flag: I5, I6 against N1-N4.
    [InlineData("demo_excitement", 6, 1, 0.1025641026, 0.4092754303, 0.9285207872, 0.0362241086, 0.6244653702)]
    [InlineData("invited_colleagues", 3, 0, 0.2307692308, 0.1368442858, 0.6942576054, 0.0, 0.4344824648)]
    [InlineData(TagRates.AnyEnthusiasm, 7, 1, 0.0318570319, 0.5291118178, 0.9775825085, 0.0362241086, 0.6244653702)]
    [InlineData("polite_interest", 1, 4, 0.0318570319, 0.0224174915, 0.4708881822, 0.3755346298, 0.9637758914)]
    [InlineData("would_not_pay", 1, 3, 0.2167832168, 0.0224174915, 0.4708881822, 0.2307242813, 0.8823792258)]
    [InlineData(TagRates.AnyRedFlag, 2, 4, 0.1025641026, 0.0714792128, 0.5907245697, 0.3755346298, 0.9637758914)]
    public void Compare_HandMadeInterviews_MatchScipy(string signal, int icp, int rest, double p, double lo1, double hi1, double lo2, double hi2)
    {
        var rates = TagRates.Compare(Interviews, Split);
        var row = rates[signal];
        Assert.Equal((8, 5), (rates.IcpInterviews, rates.NonIcpInterviews));
        Assert.Equal((icp, 8, rest, 5), (row.Icp.Successes, row.Icp.N, row.NonIcp.Successes, row.NonIcp.N));
        Assert.Equal(p, row.Test.PValue, 1e-9);
        Assert.Equal(lo1, row.Icp.Interval.Lower, 1e-9);
        Assert.Equal(hi1, row.Icp.Interval.Upper, 1e-9);
        Assert.Equal(lo2, row.NonIcp.Interval.Lower, 1e-9);
        Assert.Equal(hi2, row.NonIcp.Interval.Upper, 1e-9);
        // The Summary frame's row of the signal holds the same counts, rates and p-value.
        var summary = rates.Summary;
        var i = summary["signal"].Cast<string>().ToList().IndexOf(signal);
        Assert.Equal((icp, 8, rest, 5), ((int)summary["icp_with"][i]!, (int)summary["icp_interviews"][i]!, (int)summary["rest_with"][i]!, (int)summary["rest_interviews"][i]!));
        Assert.Equal(icp / 8.0, (double)summary["icp_rate"][i]!, 12);
        Assert.Equal(rest / 5.0, (double)summary["rest_rate"][i]!, 12);
        Assert.Equal(p, (double)summary["p_value"][i]!, 1e-9);
    }

    [Fact]
    public void Compare_EveryDocumentedTag_HasARowInListOrder()
    {
        var rates = TagRates.Compare(Interviews, Split);
        Assert.Equal(
            ["demo_excitement", "strong_problem_agreement", "constant_feedback", "invited_colleagues", TagRates.AnyEnthusiasm,
             "polite_interest", "unintended_use", "would_not_pay", TagRates.AnyRedFlag],
            rates.Rows.Select(r => r.Signal));
        // No tag in either group: 0 of 8 against 0 of 5, and Fisher's p is 1, not a missing value.
        Assert.Equal(1.0, rates["constant_feedback"].Test.PValue, 12);
    }

    [Fact]
    public void Contradiction_IcpMoreEnthusiastic_DoesNotContradictButSaysItCouldBeChance()
    {
        var c = Contradiction.Of(TagRates.Compare(Interviews, Split), Interviews, Matches);
        Assert.False(c.Contradicts);
        // 87.5% against 20.0%, p = 0.032: not chance at 5%, so no "could still be chance".
        Assert.StartsWith("The non-ICP interviews do not contradict the ICP: enthusiasm in 87.5% of ICP interviews against 20.0% of the others (p = 0.032)", c.Verdict, StringComparison.Ordinal);
        Assert.DoesNotContain("chance", c.Verdict, StringComparison.Ordinal);
        // N1 was enthusiastic but also politely interested: not an enthusiastic outsider.
        Assert.Empty(c.Outsiders);
    }

    [Fact]
    public void Contradiction_OutsidersAsEnthusiastic_ContradictsAndNamesTheRule()
    {
        // The ICP's interviews swapped with the rest's: the outsiders now carry the enthusiasm.
        var swapped = Interviews.Select(i => i with { AccountId = i.AccountId.StartsWith('I') ? "N" + ((int.Parse(i.AccountId[1..], System.Globalization.CultureInfo.InvariantCulture) - 1) % 5 + 1) : "I" + i.AccountId[1..] }).ToList();
        var c = Contradiction.Of(TagRates.Compare(swapped, Split), swapped, Matches);
        Assert.True(c.Contradicts);
        Assert.Contains("Customers outside the ICP are at least as enthusiastic as those in it.", c.Verdict, StringComparison.Ordinal);
        Assert.Contains("ICP customers show red flags at least as often as the rest.", c.Verdict, StringComparison.Ordinal);
        // N1-N4 took I1-I4 (and N3 also I8): enthusiasm without a red flag. N5 took I5, which was politely interested.
        Assert.Equal(["N1", "N2", "N3", "N4"], c.Outsiders.Select(o => o.AccountId));
        Assert.Equal(["demo excitement", "strong problem agreement", "invited colleagues"], c.Outsiders[2].Signals.ToArray());
        Assert.Equal([("industry is Retail, not in [SaaS]", 4)], c.RulesFailed.ToArray());
        Assert.Equal(["N1", "N2", "N3", "N4"], c.Summary["account_id"].Cast<string>());
        Assert.Equal("demo excitement, strong problem agreement, invited colleagues", c.Summary["signals"][2]);
        Assert.All(c.Summary["failed_rules"].Cast<string>(), r => Assert.Equal("industry is Retail, not in [SaaS]", r));
    }
}
