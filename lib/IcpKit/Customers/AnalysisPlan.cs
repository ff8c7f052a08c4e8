using System.Collections.Immutable;
using IcpKit.Analysis;
using IcpKit.Loading;
using IcpKit.Rendering;
using Microsoft.Data.Analysis;

namespace IcpKit.Customers;

/// <summary>One trait the notebooks break results down by, and how it was chosen.</summary>
/// <param name="Role">What it is for ("focus trait", "size trait", "cross: rows", "cross: columns").</param>
/// <param name="Trait">The trait, or the reason there is none.</param>
/// <param name="How">Where the choice came from (a notebook parameter, icpkit.yaml, or the export).</param>
public sealed record TraitChoice(string Role, Measured<string> Trait, string How);

/// <summary>
/// Which traits the notebooks focus on, band by and cross, for this export: a notebook parameter first, then the
/// <c>analysis:</c> section of icpkit.yaml, else chosen from the export (the traits whose best value lifts the customer
/// rate most), so no notebook names a column only some exports have.
/// </summary>
/// <remarks>
/// Example: an export with industry, employees and country, where fintech accounts become customers at 3 times the
/// pipeline's rate and no other value does better, focuses on industry; size uses employees (a contract column), or
/// the first numeric trait when there is none; the cross takes the two strongest traits. A trait named but absent
/// (a parameter set to team_size on an export without it) becomes a <see cref="NotMeasurable"/> naming what the export has.
/// </remarks>
/// <param name="Focus">The trait win/loss sections and the historic bias table break down by.</param>
/// <param name="Size">The numeric trait spend and adoption are banded by.</param>
/// <param name="Rows">The rows of the two-trait cross.</param>
/// <param name="Columns">The columns of the two-trait cross.</param>
/// <param name="Ranked">Segmentable traits, strongest first (customer-only traits such as plan or MRR left out).</param>
public sealed record AnalysisPlan(TraitChoice Focus, TraitChoice Size, TraitChoice Rows, TraitChoice Columns, ImmutableArray<string> Ranked)
    : IHtmlRenderable, ITextRenderable
{
    /// <summary>The plan for <paramref name="export"/>; non-empty arguments (notebook parameters) override icpkit.yaml.</summary>
    public static AnalysisPlan For(ExportData export, string? focusTrait = null, string? sizeTrait = null, string? rowTrait = null, string? columnTrait = null,
        string? dealTrait = null)
    {
        ArgumentNullException.ThrowIfNull(export);
        var settings = export.Config.Analysis;
        var ranked = Rank(export);
        var focus = Choose(export, "focus trait", focusTrait, settings.FocusTrait, "analysis.focus_trait",
            () => ranked.FirstOrDefault(), "the strongest trait by lift among customers");
        var size = Choose(export, "size trait", sizeTrait, settings.SizeTrait, "analysis.size_trait",
            () => export.Traits.Find(Model.TraitFields.Employees) is not null
                ? Model.TraitFields.Employees
                : ranked.FirstOrDefault(t => export.Traits.Find(t)?.Kind == Model.TraitKind.Number), "employees, else the strongest numeric trait");
        var rows = Choose(export, "cross: rows", rowTrait, settings.CrossTraits.ElementAtOrDefault(0), "analysis.cross_traits",
            () => ranked.FirstOrDefault(), "the strongest trait by lift");
        var rowName = rows.Trait.OrDefault;
        var columns = Choose(export, "cross: columns", columnTrait, settings.CrossTraits.ElementAtOrDefault(1), "analysis.cross_traits",
            () => ranked.FirstOrDefault(t => t != rowName), "the next strongest trait by lift");
        return new AnalysisPlan(focus, size, rows, columns, ranked) { DealTrait = ChooseDealTrait(export, dealTrait, settings.DealTrait) };
    }

    /// <summary>
    /// The deal trait win/loss draws (<c>deal.product</c>): the parameter, else analysis.deal_trait, else the deal trait
    /// whose segments' win rates differ most from the rest's (smallest Benjamini-Hochberg-adjusted p, catalog order on ties).
    /// </summary>
    public TraitChoice DealTrait { get; init; } = new("deal trait", new NotMeasurable("no deal trait chosen"), "");

    private static TraitChoice ChooseDealTrait(ExportData export, string? parameter, string? configured)
    {
        const string role = "deal trait";
        static string Normal(string name) => name.StartsWith(Model.Deal.TraitPrefix, StringComparison.Ordinal) ? name : Model.Deal.TraitPrefix + name;
        var usable = export.DealTraits.Traits.Where(t => t.Kind != Model.TraitKind.Date).ToList();
        var (name, how) = !string.IsNullOrWhiteSpace(parameter) ? (Normal(parameter.Trim()), "notebook parameter")
            : !string.IsNullOrWhiteSpace(configured) ? (configured, "analysis.deal_trait in icpkit.yaml")
            : (null, "");
        if (name is not null)
        {
            return usable.Any(t => t.Name == name)
                ? new TraitChoice(role, name, how)
                : new TraitChoice(role, new NotMeasurable($"no deal trait '{name}' in this export (set by the {how}); the deals have: "
                    + (usable.Count == 0 ? "none" : string.Join(", ", usable.Select(t => t.Name)))), how);
        }
        if (usable.Count == 0)
        {
            return new TraitChoice(role, new NotMeasurable(export.Has(ExportFile.Deals)
                ? "no deal trait: the deals have no column outside the contract (add one, such as a product or a sales team, to the deals file or its sql: query)"
                : "no deal trait: no deals file (map deals in icpkit.yaml)"), "chosen from the export");
        }
        if (!export.Deals.Any(d => d.IsClosed))
        {
            return new TraitChoice(role, usable[0].Name, "the first deal trait (no closed deals to rank them by)");
        }
        var best = usable.Select((t, i) => (t.Name, i, P: WinLoss.WinRates.By(export.Deals, WinLoss.DealSegmentation.ByDealTrait(t)).Segments
                .Select(s => s.AdjustedP).Where(double.IsFinite).DefaultIfEmpty(1).Min()))
            .OrderBy(x => x.P).ThenBy(x => x.i).First();
        return new TraitChoice(role, best.Name, "chosen from the export: the deal trait whose win rates differ most from the rest's");
    }

    private static TraitChoice Choose(ExportData export, string role, string? parameter, string? configured, string key,
        Func<string?> fromExport, string fromExportHow)
    {
        var (name, how) = !string.IsNullOrWhiteSpace(parameter)
            ? (parameter.Trim(), "notebook parameter")
            : !string.IsNullOrWhiteSpace(configured)
                ? (configured, $"{key} in icpkit.yaml")
                : (null, "");
        if (name is not null)
        {
            return export.Traits.Find(name) is not null
                ? new TraitChoice(role, name, how)
                : new TraitChoice(role, new NotMeasurable($"no trait '{name}' in this export (set by the {how}); it has: "
                    + (export.Traits.Traits.IsEmpty ? "none" : string.Join(", ", export.Traits.Traits.Select(t => t.Name)))), how);
        }
        return fromExport() is { } chosen
            ? new TraitChoice(role, chosen, "chosen from the export: " + fromExportHow)
            : new TraitChoice(role, new NotMeasurable($"no trait to use as {role}: the accounts carry no segmentable column besides their id "
                + $"(map accounts.columns.industry or employees, or set {key} in icpkit.yaml)"), "chosen from the export");
    }

    /// <summary>Segmentable traits (customer-only ones left out), by the highest lift any of their tested values shows; untested traits follow in catalog order.</summary>
    private static ImmutableArray<string> Rank(ExportData export)
    {
        // Traits only customers carry (plan, MRR, seats) would "predict" becoming a customer by construction.
        var candidates = export.Traits.Traits.Where(t => t.Kind != Model.TraitKind.Date && !Pipeline.CustomerOnlyTraits.Contains(t.Name)
            && export.Accounts.Any(a => !a.IsCustomer && !a.Trait(t.Name).IsMissing)).Select(t => t.Name).ToList();
        var pipeline = Pipeline.Entered(export);
        var best = new Dictionary<string, double>(StringComparer.Ordinal);
        // Lift needs customers and non-customers among the accounts that entered the pipeline.
        if (pipeline.Any(a => a.IsCustomer) && pipeline.Any(a => !a.IsCustomer))
        {
            foreach (var row in TraitLift.AmongCustomers(export).Tested.Where(r => double.IsFinite(r.Lift)))
                best[row.Trait] = Math.Max(best.GetValueOrDefault(row.Trait, double.NegativeInfinity), row.Lift);
        }
        return [.. candidates.Select((t, i) => (t, i)).OrderByDescending(x => best.GetValueOrDefault(x.t, double.NegativeInfinity)).ThenBy(x => x.i).Select(x => x.t)];
    }

    /// <summary>The traits a target list shows beside each account: the contract's industry, employees, tech_stack and business_model the export has, else its four strongest traits.</summary>
    public static ImmutableArray<string> DescribingTraits(ExportData export)
    {
        ArgumentNullException.ThrowIfNull(export);
        string[] contract = [Model.TraitFields.Industry, Model.TraitFields.Employees, "tech_stack", "business_model"];
        var present = contract.Where(t => export.Traits.Find(t) is not null).ToImmutableArray();
        return present.IsEmpty ? [.. Rank(export).Take(4)] : present;
    }

    private IEnumerable<TraitChoice> All => [Focus, Size, Rows, Columns, DealTrait];

    /// <summary>One row per choice: what the trait is used as, the trait (empty when none), why there is none, and how it was chosen.</summary>
    public DataFrame Summary => new(
        new StringDataFrameColumn("used_as", All.Select(c => c.Role)),
        new StringDataFrameColumn("trait", All.Select(c => c.Trait.IsMeasured ? c.Trait.Value : "")),
        new StringDataFrameColumn("not_measurable", All.Select(c => c.Trait.Missing?.Reason ?? "")),
        new StringDataFrameColumn("chosen_by", All.Select(c => c.How)));

    /// <summary>The choices as a table: what each trait is for, which trait, how it was chosen.</summary>
    public Table ToTable() => Table.Of(["used as", "trait", "chosen by"],
        All.Select(c => (IReadOnlyList<object?>)[c.Role, c.Trait.IsMeasured ? c.Trait.Value : c.Trait.Missing!.Sentence, c.How]),
        "Traits the notebooks break results down by (set them with --param or the analysis section of icpkit.yaml)");

    /// <inheritdoc/>
    public string ToHtml() => ToTable().ToHtml();

    /// <inheritdoc/>
    public string ToText() => ToTable().ToText();

    /// <inheritdoc/>
    public override string ToString() => ToText();
}
