using System.Collections.Immutable;
using IcpKit.Loading;
using IcpKit.Metrics;
using IcpKit.Model;
using IcpKit.Statistics;
using IcpKit.Statistics.Survival;

namespace IcpKit.Customers;

/// <summary>One trait value's customers: do they stay and do they activate, against the other customers?</summary>
/// <param name="Trait">Trait name.</param>
/// <param name="Value">Value, band or list member.</param>
/// <param name="Customers">Customers with the value.</param>
/// <param name="Retention">Kaplan-Meier share still a customer after <see cref="StayAndActivate.HorizonMonths"/> months, with its log-log interval.</param>
/// <param name="RestRetention">The same for every other customer.</param>
/// <param name="RetentionAdjustedP">Log-rank test of the value against the rest, BH-adjusted over the scan; NaN when not tested.</param>
/// <param name="Activation">Customers who reached an activation event, with the Wilson interval; null without events.csv.</param>
/// <param name="RestActivation">The activation rate of every other customer.</param>
/// <param name="ActivationAdjustedP">Two-proportion test against the rest, BH-adjusted over the scan; NaN when not tested.</param>
public sealed record TraitOutcome(string Trait, string Value, int Customers, SurvivalAtTime Retention, double RestRetention,
    double RetentionAdjustedP, ProportionEstimate? Activation, double RestActivation, double ActivationAdjustedP)
{
    /// <summary>"trait = value".</summary>
    public string Label => $"{Trait} = {Value}";
}

/// <summary>Which traits go with customers who stay and who activate: each trait value against the other customers.</summary>
/// <param name="Rows">Tested values, by retention difference (best first).</param>
/// <param name="HorizonMonths">Months at which retention is read.</param>
/// <param name="Customers">Customers scanned.</param>
/// <param name="HasEvents">Whether the export had events (activation needs them).</param>
public sealed partial record StayAndActivate(ImmutableArray<TraitOutcome> Rows, double HorizonMonths, int Customers, bool HasEvents)
{
    /// <summary>The row of a trait value; null when it was not scanned.</summary>
    public TraitOutcome? Find(string trait, string value) => Rows.FirstOrDefault(r => r.Trait == trait && r.Value == value);

    /// <summary>
    /// Retention (months from customer_since to churned_on, censored at as_of; Kaplan-Meier and log-rank from the
    /// survival engine) and activation (share of customers with an activation event) for every trait value held by at
    /// least <paramref name="minCustomers"/> customers, each against the other customers; both families BH-adjusted.
    /// </summary>
    /// <param name="export">The export.</param>
    /// <param name="horizonMonths">When to read retention (default 12 months).</param>
    /// <param name="minCustomers">Fewest customers with a value for it to be scanned (default 20).</param>
    public static StayAndActivate Scan(ExportData export, double horizonMonths = 12, int minCustomers = 20)
    {
        ArgumentNullException.ThrowIfNull(export);
        var customers = Pipeline.Customers(export).Where(a => a.CustomerSince <= export.AsOf).ToImmutableArray();
        var activated = customers.Select(a => export.Usage.GetValueOrDefault(a.AccountId)?.FirstActivationAt is not null).ToArray();
        var hasEvents = export.Has(ExportFile.Events);
        var candidates = new List<(string Trait, string Value, bool[] In)>();
        foreach (var trait in export.Traits.Traits.Where(t => t.Kind != TraitKind.Date && !Pipeline.CustomerOnlyTraits.Contains(t.Name)))
        {
            var seg = Segmentation.ByTrait(trait);
            var groups = customers.Select(a => seg.GroupsOf(a)).ToArray();
            foreach (var value in groups.SelectMany(g => g).Distinct(StringComparer.Ordinal).Where(v => v != Segmentation.MissingGroup).Order(StringComparer.Ordinal))
            {
                var inValue = groups.Select(g => g.Contains(value)).ToArray();
                var n = inValue.Count(x => x);
                if (n >= minCustomers && n < customers.Length) candidates.Add((trait.Name, value, inValue));
            }
        }
        var rows = candidates.Select(c =>
        {
            var data = SurvivalData.FromObservations(customers.Select((a, i) => SurvivalObservation.FromDates(
                a.CustomerSince!.Value, a.ChurnedOn, export.AsOf, c.In[i] ? "value" : "rest")));
            var fits = KaplanMeier.FitGroups(data);
            var days = horizonMonths * 30.4375;
            var here = fits.Fits.First(f => f.Group == "value").At([days])[0];
            var rest = fits.Fits.First(f => f.Group == "rest").SurvivalAt(days);
            var logRank = LogRank.Test(data);
            int x1 = 0, n1 = 0, x2 = 0, n2 = 0;
            for (var i = 0; i < customers.Length; i++)
            {
                if (c.In[i]) { n1++; x1 += activated[i] ? 1 : 0; } else { n2++; x2 += activated[i] ? 1 : 0; }
            }
            var act = hasEvents ? Proportions.CompareTwo(x1, n1, x2, n2) : null;
            return (Row: new TraitOutcome(c.Trait, c.Value, n1, here, rest, double.NaN,
                hasEvents ? Proportions.Wilson(x1, n1) : null, act?.Rate2 ?? double.NaN, double.NaN), RetP: logRank.PValue, ActP: act?.PValue ?? double.NaN);
        }).ToList();
        var retAdj = PValueAdjustment.BenjaminiHochberg([.. rows.Select(r => r.RetP)]).Adjusted;
        var actAdj = PValueAdjustment.BenjaminiHochberg([.. rows.Select(r => r.ActP)]).Adjusted;
        return new StayAndActivate([.. rows.Select((r, i) => r.Row with { RetentionAdjustedP = retAdj[i], ActivationAdjustedP = actAdj[i] })
            .OrderByDescending(r => r.Retention.Survival - r.RestRetention)], horizonMonths, customers.Length, hasEvents);
    }
}
