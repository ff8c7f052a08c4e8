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
/// <param name="Activation">
/// Customers who activated within <see cref="Metrics.Activation.DefaultWindowDays"/> days (the kit's definition:
/// only customers followed that long count), with the Wilson interval; null without events.csv or when none of the
/// value's customers has been followed that long.
/// </param>
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
public sealed partial record StayAndActivate(ImmutableArray<TraitOutcome> Rows, int HorizonMonths, int Customers, bool HasEvents)
{
    // Group labels of the value-against-rest split; never shown, the row carries the trait and value.
    private const string ValueGroup = "value";
    private const string RestGroup = "rest";

    /// <summary>The row of a trait value; null when it was not scanned.</summary>
    public TraitOutcome? Find(string trait, string value) => Rows.FirstOrDefault(r => r.Trait == trait && r.Value == value);

    /// <summary>
    /// Retention (<see cref="Retention.Survival(IEnumerable{Account}, DateOnly, Segmentation?, IEnumerable{int}?, SampleGuard?)"/>:
    /// Kaplan-Meier and log-rank) and activation (<see cref="Metrics.Activation.Rate(IEnumerable{Account}, IReadOnlyDictionary{string, AccountUsage}, DateOnly, Segmentation?, int, SampleGuard?)"/>:
    /// within 30 days) for every trait value held by at least <paramref name="minCustomers"/> customers, each against the
    /// other customers; both families BH-adjusted over the scan.
    /// </summary>
    /// <param name="export">The export.</param>
    /// <param name="horizonMonths">When to read retention (default 12 months; a month is 365.25/12 days).</param>
    /// <param name="minCustomers">Fewest customers with a value for it to be scanned (default 20).</param>
    public static StayAndActivate Scan(ExportData export, int horizonMonths = 12, int minCustomers = 20)
    {
        ArgumentNullException.ThrowIfNull(export);
        var customers = Pipeline.Customers(export).Where(a => a.IsCustomerAt(export.AsOf)).ToImmutableArray();
        var hasEvents = export.Has(ExportFile.Events);
        var candidates = new List<(string Trait, string Value, HashSet<string> Members)>();
        foreach (var trait in export.Traits.Traits.Where(t => t.Kind != TraitKind.Date && !Pipeline.CustomerOnlyTraits.Contains(t.Name)))
        {
            var seg = Segmentation.ByTrait(trait);
            var groups = customers.Select(a => (a.AccountId, Groups: seg.GroupsOf(a))).ToArray();
            foreach (var value in groups.SelectMany(g => g.Groups).Distinct(StringComparer.Ordinal).Where(v => v != Segmentation.MissingGroup).Order(StringComparer.Ordinal))
            {
                var members = groups.Where(g => g.Groups.Contains(value)).Select(g => g.AccountId).ToHashSet(StringComparer.Ordinal);
                if (members.Count >= minCustomers && members.Count < customers.Length) candidates.Add((trait.Name, value, members));
            }
        }
        var rows = candidates.Select(c =>
        {
            var split = Segmentation.InOrOut(c.Trait, a => c.Members.Contains(a.AccountId), ValueGroup, RestGroup);
            var retention = Retention.Survival(customers, export.AsOf, split, [horizonMonths]);
            var activation = hasEvents ? Metrics.Activation.Rate(customers, export.Usage, export.AsOf, split) : null;
            var act = activation?.Groups.FirstOrDefault(g => g.Group == ValueGroup)?.Rate;
            var restAct = activation?.Groups.FirstOrDefault(g => g.Group == RestGroup)?.Rate.Estimate ?? double.NaN;
            return (Row: new TraitOutcome(c.Trait, c.Value, c.Members.Count, retention.AtHorizons(ValueGroup)[0], retention.AtHorizons(RestGroup)[0].Survival,
                double.NaN, act, restAct, double.NaN), RetP: retention.Test?.PValue ?? double.NaN, ActP: activation?.Pair?.PValue ?? double.NaN);
        }).ToList();
        var retAdj = PValueAdjustment.BenjaminiHochberg([.. rows.Select(r => r.RetP)]).Adjusted;
        var actAdj = PValueAdjustment.BenjaminiHochberg([.. rows.Select(r => r.ActP)]).Adjusted;
        return new StayAndActivate([.. rows.Select((r, i) => r.Row with { RetentionAdjustedP = retAdj[i], ActivationAdjustedP = actAdj[i] })
            .OrderByDescending(r => r.Retention.Survival - r.RestRetention)], horizonMonths, customers.Length, hasEvents);
    }
}
