using IcpKit.Rendering;
using System.Collections.Immutable;
using System.Globalization;

namespace IcpKit.Customers;

/// <summary>A trait value that stands out among customers, with what else the data say about it.</summary>
/// <param name="Lift">Its lift row.</param>
/// <param name="SurvivesAdjustment">True when the BH-adjusted p is below the level: a finding rather than a lead.</param>
/// <param name="Note">Historic bias or retention/activation remarks; empty when none.</param>
public sealed record StandOutTrait(TraitLiftRow Lift, bool SurvivesAdjustment, string Note);

/// <summary>
/// The closing summary of step 1: traits that stand out (lift interval above 1), and what this suggests and what to
/// check in step 2, in plain words generated from the results.
/// </summary>
/// <param name="StandOut">Values whose lift interval lies above 1, by the interval's lower end (most robust first).</param>
/// <param name="Suggestions">Plain-words conclusions and checks for step 2.</param>
/// <param name="Alpha">Level of the adjusted p-values.</param>
public sealed partial record CustomerFindings(ImmutableArray<StandOutTrait> StandOut, ImmutableArray<string> Suggestions, double Alpha)
{
    /// <summary>Combines the lift scan with the historic bias (and, when given, retention and activation) into findings.</summary>
    /// <remarks>
    /// A value stands out when it was tested and its whole lift interval lies above 1; it "survives" when its BH-adjusted
    /// p-value is below <paramref name="alpha"/> too. Ranking by the interval's lower end puts values that are both
    /// large and well supported first, rather than a rare value with a big but shaky lift.
    /// </remarks>
    public static CustomerFindings From(TraitLiftResult lift, HistoricBiasResult bias, StayAndActivate? outcomes = null, double alpha = 0.05)
    {
        ArgumentNullException.ThrowIfNull(lift);
        ArgumentNullException.ThrowIfNull(bias);
        var stand = lift.Tested.Where(r => r.Lift > 1 && r.LiftInterval.Lower > 1)
            .OrderByDescending(r => r.LiftInterval.Lower)
            .Select(r => new StandOutTrait(r, r.IsSignificant(alpha), Note(r, bias, outcomes, alpha)))
            .ToImmutableArray();
        var say = ImmutableArray.CreateBuilder<string>();
        var sure = stand.Where(s => s.SurvivesAdjustment).ToArray();
        var leads = stand.Where(s => !s.SurvivesAdjustment).ToArray();
        if (stand.IsEmpty)
        {
            say.Add(Inv($"No single trait value is clearly over-represented among the {lift.FocusTotal} customers. Either the profile is a combination of traits (look at the cross tables and step 3) or there are too few customers to tell."));
        }
        foreach (var s in sure)
        {
            say.Add(Inv($"{s.Lift.Label}: {Format.Percent(s.Lift.FocusShare.Estimate, 0)} of customers against {Format.Percent(s.Lift.BaseShare, 0)} of the pipeline (lift {s.Lift.Lift:0.00}, adjusted p {Format.P(s.Lift.AdjustedPValue)}). Step 2: check it also wins more deals, not only that more of it came in."));
        }
        if (leads.Length > 0)
        {
            say.Add(Inv($"{string.Join(", ", leads.Select(s => s.Lift.Label))}: over-represented, but not after adjusting for the {lift.TestsRun} values tested. Treat as leads to check in step 2, not as findings."));
        }
        if (stand.Select(s => s.Lift.Trait).Distinct().Count() >= 2)
        {
            var top = stand.GroupBy(s => s.Lift.Trait).Select(g => g.First().Lift.Label).Take(3);
            say.Add($"Several traits stand out at once ({string.Join("; ", top)}): they may describe one profile together. Check their combination in step 3 rather than each alone.");
        }
        foreach (var h in bias.Flagged.OrderBy(h => h.Verdict))
        {
            var next = h.Verdict switch
            {
                BiasVerdict.ExposureBias => " Step 2: judge it by its win rate, not by its share of customers.",
                BiasVerdict.NeverTried => " Step 2 cannot judge it either; only trying it (a small campaign) would.",
                _ => "",
            };
            say.Add(h.Finding + next);
        }
        return new CustomerFindings(stand, say.ToImmutable(), alpha);
    }

    private static string Note(TraitLiftRow r, HistoricBiasResult bias, StayAndActivate? outcomes, double alpha)
    {
        var notes = new List<string>();
        if (bias.Find(r.Trait, r.Value) is { Verdict: BiasVerdict.ExposureBias } h)
            notes.Add(Inv($"exposure bias: tried {h.ExposureRatio:0.0}x its size"));
        if (outcomes?.Find(r.Trait, r.Value) is { } o)
        {
            if (o.RetentionAdjustedP < alpha)
                notes.Add(Inv($"{(o.Retention.Survival > o.RestRetention ? "stays longer" : "churns more")} ({Format.Percent(o.Retention.Survival, 0)} vs {Format.Percent(o.RestRetention, 0)} at {outcomes.HorizonMonths:0} months)"));
            if (o.Activation is { } act && o.ActivationAdjustedP < alpha)
                notes.Add(Inv($"{(act.Estimate > o.RestActivation ? "activates more" : "activates less")} ({Format.Percent(act.Estimate, 0)} vs {Format.Percent(o.RestActivation, 0)})"));
        }
        return string.Join("; ", notes);
    }


    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
