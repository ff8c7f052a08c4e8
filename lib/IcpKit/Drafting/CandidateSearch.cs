using IcpKit.Rendering;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Numerics;
using MathNet.Numerics;
using IcpKit.Icp;
using IcpKit.Loading;
using IcpKit.Model;
using IcpKit.Outcomes;
using IcpKit.Outcomes.Definitions;
using IcpKit.Statistics;

namespace IcpKit.Drafting;

/// <summary>
/// Suggests candidate ICPs: every combination of one to three conditions on the export's traits (numeric bands and
/// runs of adjacent bands, category values, list members), with enough support, ranked by the evidence that they do
/// better than the rest on the fit outcomes, shown with their shrunk lifts, and tested on win rate against the rest with
/// Benjamini-Hochberg control over all candidates.
/// </summary>
/// <remarks>
/// <para>Conditions are <see cref="IcpRule"/>s and an account's membership is decided by the same rule evaluation
/// <see cref="IcpDefinition.Match"/> uses, so a candidate turned into an icp.yaml selects exactly its accounts.
/// A missing value never meets a condition.</para>
/// <para>Pruning: accounts and customers only fall as conditions are added, so a combination below the support
/// minimums is never extended (as in Apriori); two conditions on one trait are never combined; and a condition that
/// removes no account from the others is redundant, so that combination is skipped (its shorter form is listed).</para>
/// <para>Deal traits (<c>deal.product</c>, <see cref="ExportData.DealTraits"/>) give conditions too, read as an ICP rule reads
/// them: an account meets one when one of its deals (open ones included) does, and win rate and ACV count only the closed
/// deals that meet it (<see cref="IcpSplit"/>), so a drafted deal rule tests to the same numbers in step 4. A candidate
/// names at most one deal trait: intersecting the accounts of two would admit an account with one deal meeting each,
/// where the ICP rule needs one deal meeting both.</para>
/// <para>Multi-value conditions: a category trait's values ordered by shrunk win rate, the best 2 to
/// <see cref="CandidateSearchOptions.MaxValuesInList"/> united as <c>in [a, b]</c> (funding_stage in [series_a, series_b]);
/// their p-values carry a Bonferroni factor for the choice of values.</para>
/// <para>Ranking: by evidence, not by lift. Each outcome's one-sided z against the rest (win rate by Rao and Scott's test
/// clustered by account, the one step 4 uses; retention by the log-rank statistic over the whole follow-up; activation by
/// the two-proportion test; ACV only when weighted), combined with <see cref="OutcomeWeights"/> (<see cref="OutcomeEvidence"/>),
/// and a multi-value condition's choice of values paid for by a Bonferroni factor (<see cref="Evidence.Penalised"/>). A
/// z grows like √n × the difference, so its expected value peaks at the group where the effect lives: a narrower group
/// (a subset of the ICP) has as large a difference on fewer deals, a broader one (a superset) more deals but a difference
/// diluted in proportion, and √(n/f) × f Δ falls with the share f of ICP accounts in it (Klösgen's binomial quality
/// function for subgroup discovery, 1996). Lift, by contrast, is largest on a lucky small subset; ranked by shrunk lifts
/// (before 2026-12-02) the top suggestion held all three planted held-out conditions in 78 of 100 fresh worlds, by
/// evidence in 83 (docs/icp-draft-recovery.md).</para>
/// <para>Shrinkage (shown, not ranked on): win rate and activation use a beta-binomial prior whose strength is fitted by
/// <see cref="RateShrinkage.FitPrior"/> on the candidates themselves (all, or 4,000 spread evenly) and which is centred on
/// the overall rate (<see cref="BetaPrior.CenteredOn"/>), so each shrunk rate lies between the candidate's raw rate and
/// the overall rate and moves with its data. Retention is the Kaplan-Meier value of the one retention definition at 12
/// months, pulled toward the overall one by the credibility weight E / (E + b) of the candidate's customer-years E, b
/// fitted by <see cref="EventRateShrinkage.FitPrior"/> on churn per customer-year (gamma-Poisson), which counts censored
/// customers for the time they were followed. Lift is the shrunk value over the overall value. ACV uses the normal-normal
/// counterpart on the log of the median ratio, with the between-candidate variance estimated by moments over the
/// one-condition candidates.</para>
/// <para>Testing: each candidate's win rate against the rest's (two-proportion test, guarded), Benjamini-Hochberg
/// over every candidate tested. Candidates overlap, so the tests are positively dependent, the case BH still
/// controls; this p treats deals of one account as independent (the evidence above does not), and step 4's test of the
/// chosen ICP is the one to rely on.</para>
/// <para>Example: on data-samples/2026Q3 the top candidate is employees between 51 and 1000 and tech_stack contains
/// snowflake and business_model is B2B, the planted ICP.</para>
/// </remarks>
public static class CandidateSearch
{
    /// <summary>Searches an imported export. An outcome the export cannot measure (no churn dates mapped: retention; no
    /// product events: activation) neither ranks nor shows a lift, and the result says why
    /// (<see cref="CandidateSearchResult.NotMeasurable"/>), in the outcome module's words.</summary>
    public static CandidateSearchResult Run(ExportData export, CandidateSearchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(export);
        var notMeasurable = ImmutableDictionary.CreateBuilder<Outcome, string>();
        foreach (var outcome in Enum.GetValues<Outcome>())
            if (IcpOutcomes.Get(outcome.Id()).Measure(export).NotMeasurableWhy is { } why) notMeasurable[outcome] = why;
        var usage = export.Has(ExportFile.Events) && !notMeasurable.ContainsKey(Outcome.Activation) ? export.Usage : null;
        return Search(export.Accounts, export.Deals, usage, export.Traits, export.AsOf, options, export.DealTraits, notMeasurable.ToImmutable());
    }

    /// <summary>Searches accounts and deals directly.</summary>
    /// <param name="accounts">Every account.</param>
    /// <param name="deals">Every deal; open deals are ignored.</param>
    /// <param name="usage">Usage by account id; null when there are no product events (activation is then not scored).</param>
    /// <param name="traits">Traits to build conditions from.</param>
    /// <param name="asOf">The analysis date (retention counts customers who started at least the horizon before it).</param>
    /// <param name="options">Settings; <see cref="CandidateSearchOptions.Default"/> when null.</param>
    /// <param name="dealTraits">Traits of the deals themselves (<c>deal.product</c>) to build conditions from; none when null.</param>
    public static CandidateSearchResult Run(IReadOnlyList<Account> accounts, IEnumerable<Deal> deals,
        IReadOnlyDictionary<string, AccountUsage>? usage, TraitCatalog traits, DateOnly asOf, CandidateSearchOptions? options = null,
        TraitCatalog? dealTraits = null) =>
        Search(accounts, deals, usage, traits, asOf, options, dealTraits, ImmutableDictionary<Outcome, string>.Empty);

    private static CandidateSearchResult Search(IReadOnlyList<Account> accounts, IEnumerable<Deal> deals,
        IReadOnlyDictionary<string, AccountUsage>? usage, TraitCatalog traits, DateOnly asOf, CandidateSearchOptions? options,
        TraitCatalog? dealTraits, ImmutableDictionary<Outcome, string> notMeasurable)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(deals);
        ArgumentNullException.ThrowIfNull(traits);
        options ??= CandidateSearchOptions.Default;
        options.Validate();
        var clock = Stopwatch.StartNew();
        var data = new AccountTable(accounts, deals, usage, asOf);
        var minAccounts = Math.Max(1, (int)Math.Ceiling(options.MinAccountShare * data.N));
        var conditions = Conditions(data, traits, options, minAccounts);
        conditions.AddRange(DealConditions(data, dealTraits ?? new TraitCatalog([]), traits.Traits.Length, options, minAccounts));

        // Every condition with enough accounts is scanned for exclusions; only those with enough customers are searched.
        var exclusions = Exclusions(data, conditions, options);
        var searchable = conditions.Where(c => AccountTable.PopcountAnd(c.Bits, data.Customer) >= options.MinCustomers).ToArray();
        var raw = Enumerate(data, searchable, options, minAccounts);
        var candidates = Score(data, searchable, raw, options, notMeasurable);
        clock.Stop();
        var overall = data.Overall();
        // A baseline the export cannot measure is no value: 100% retention where no churn date is mapped is nobody seen leaving.
        if (notMeasurable.ContainsKey(Outcome.Retention)) overall = overall with { Retention = double.NaN };
        return new CandidateSearchResult(candidates, exclusions, options, data.N, searchable.Length, raw.Count, overall, clock.Elapsed)
        {
            NotMeasurable = notMeasurable,
        };
    }

    /// <summary>One searchable condition: a rule on one trait and the accounts that meet it; <paramref name="Grouped"/> for an
    /// <c>in</c> over several values, which nests the values it unites (so it is no exchangeable segment for the priors).</summary>
    private sealed record Condition(int Trait, IcpRule Rule, ulong[] Bits, int Count, bool Grouped = false)
    {
        /// <summary>How many value sets of its size a grouped condition was chosen from (k of K values: K choose k); 1 otherwise.</summary>
        public double Choices { get; init; } = 1;

        /// <summary>For a rule on a deal trait, the closed deals that meet it (<see cref="AccountTable.NewDealSet"/>); null otherwise.</summary>
        public ulong[]? Deals { get; init; }
    }

    /// <summary>A combination that passed the support minimums, before scoring; <paramref name="Deals"/> are the closed deals
    /// its deal-level outcomes count when it has a deal condition (those meeting it, of its accounts), null for every deal of its accounts.</summary>
    private sealed record Raw(int[] Conditions, ulong[] Bits, int Count, int Level, ulong[]? Deals = null);

    /// <summary>
    /// Conditions on the deals' own traits (<c>deal.product</c>), with the semantics of <see cref="IcpDefinition.Match"/>: an
    /// account meets one when at least one of its deals (open ones included) does, and the deal-level outcomes (win rate,
    /// ACV) then count only its closed deals that do (<see cref="IcpSplit"/>'s deal groups), so a drafted rule tests alike
    /// in step 4.
    /// </summary>
    private static IEnumerable<Condition> DealConditions(AccountTable data, TraitCatalog traits, int offset, CandidateSearchOptions options, int minAccounts)
    {
        var deals = data.KnownDeals;
        for (var t = 0; t < traits.Traits.Length; t++)
        {
            var trait = traits.Traits[t];
            if (options.ExcludedTraits.Contains(trait.Name)) continue;
            var values = deals.Select(d => d.Deal.Trait(trait.Name)).ToArray();
            var single = new List<(IcpRule Rule, ulong[] Bits, int Count, ulong[]? Deals)>();
            foreach (var rule in RulesFor(trait, values))
            {
                var bits = data.NewSet();
                var met = data.NewDealSet();
                var meets = new Dictionary<TraitValue, bool>();
                for (var k = 0; k < values.Length; k++)
                {
                    if (!meets.TryGetValue(values[k], out var m)) meets[values[k]] = m = RuleEvaluator.Evaluate(rule, values[k]).Met;
                    if (!m) continue;
                    AccountTable.Set(bits, deals[k].Account);
                    if (deals[k].Closed >= 0) AccountTable.Set(met, deals[k].Closed);
                }
                single.Add((rule, bits, AccountTable.Popcount(bits), met));
            }
            // Every account may meet a deal condition that still leaves some of their deals out: it selects deals, not accounts.
            bool Searchable(int count, ulong[]? met) => count >= minAccounts && (count < data.N || AccountTable.Popcount(met!) < data.Totals.Closed);
            foreach (var r in single.Where(r => Searchable(r.Count, r.Deals)))
                yield return new Condition(offset + t, r.Rule, r.Bits, r.Count) { Deals = r.Deals };
            if (trait.Kind != TraitKind.Category) continue;
            foreach (var (rule, bits, count, met) in Grouped(data, trait.Name, single, options.MaxValuesInList))
                if (Searchable(count, met))
                    yield return new Condition(offset + t, rule, bits, count, Grouped: true) { Choices = SpecialFunctions.Binomial(single.Count, rule.Values.Length), Deals = met };
        }
    }

    private static List<Condition> Conditions(AccountTable data, TraitCatalog traits, CandidateSearchOptions options, int minAccounts)
    {
        var result = new List<Condition>();
        for (var t = 0; t < traits.Traits.Length; t++)
        {
            var trait = traits.Traits[t];
            if (options.ExcludedTraits.Contains(trait.Name)) continue;
            var values = data.Accounts.Select(a => a.Trait(trait.Name)).ToArray();
            var single = new List<(IcpRule Rule, ulong[] Bits, int Count, ulong[]? Deals)>();
            foreach (var rule in RulesFor(trait, values))
            {
                var bits = data.NewSet();
                // Accounts share few distinct values, and the evaluator words a reason for every miss: decide each value once.
                var meets = new Dictionary<TraitValue, bool>();
                for (var i = 0; i < values.Length; i++)
                {
                    if (!meets.TryGetValue(values[i], out var met)) meets[values[i]] = met = RuleEvaluator.Evaluate(rule, values[i]).Met;
                    if (met) bits[i >> 6] |= 1UL << (i & 63);
                }
                single.Add((rule, bits, AccountTable.Popcount(bits), null));
            }
            // A condition every account meets selects nothing; one below the support minimum cannot be extended.
            bool Searchable(int count) => count >= minAccounts && count < data.N;
            result.AddRange(single.Where(r => Searchable(r.Count)).Select(r => new Condition(t, r.Rule, r.Bits, r.Count)));
            if (trait.Kind != TraitKind.Category) continue;
            foreach (var (rule, bits, count, _) in Grouped(data, trait.Name, single, options.MaxValuesInList))
                if (Searchable(count))
                    result.Add(new Condition(t, rule, bits, count, Grouped: true) { Choices = SpecialFunctions.Binomial(single.Count, rule.Values.Length) });
        }
        return result;
    }

    /// <summary>
    /// Multi-value conditions on a category trait, <c>in [a, b]</c>: its values ordered by shrunk win rate, best first,
    /// and the first 2, 3, … <paramref name="maxValues"/> of them united.
    /// </summary>
    /// <remarks>
    /// For a yes/no outcome the best split of a category's values into two groups is one of the prefixes of the values
    /// ordered by rate (Breiman et al., CART, 1984, section 9.4), so prefixes find values that share an effect, ordered
    /// (series_a and series_b) or merely related, without trying every subset. The win rate orders them because it has
    /// the most data; each value's rate is shrunk toward the overall one with a beta prior fitted on the trait's values,
    /// so a value with 2 wins of 2 deals does not lead. Bits are the union of the values' own (evaluated by the rule
    /// evaluator), so the condition selects exactly what <see cref="IcpDefinition.Match"/> would.
    /// </remarks>
    private static IEnumerable<(IcpRule Rule, ulong[] Bits, int Count, ulong[]? Deals)> Grouped(AccountTable data, string trait,
        List<(IcpRule Rule, ulong[] Bits, int Count, ulong[]? Deals)> values, int maxValues)
    {
        if (maxValues < 2 || values.Count < 3) yield break;
        var counts = values.Select(v => data.Count(v.Bits, v.Deals)).ToArray();
        var totals = data.Totals;
        var overall = totals.Closed == 0 ? double.NaN : (double)totals.Wins / totals.Closed;
        var withDeals = counts.Where(c => c.Closed > 0).Select((c, k) => new SegmentCount(k.ToString(System.Globalization.CultureInfo.InvariantCulture), c.Wins, c.Closed)).ToArray();
        if (withDeals.Length < 2 || !(overall > 0 && overall < 1)) yield break;
        var prior = RateShrinkage.FitPrior(withDeals).CenteredOn(overall);
        // Values without closed deals say nothing about winning: they are not grouped.
        var order = Enumerable.Range(0, values.Count).Where(k => counts[k].Closed > 0)
            .OrderByDescending(k => prior.Shrink(counts[k].Wins, counts[k].Closed)).ThenBy(k => values[k].Rule.Values[0].ToString(), StringComparer.Ordinal)
            .ToArray();
        var bits = data.NewSet();
        // A deal trait's values unite their deals too: a deal meets in [a, b] when it has a or b.
        var deals = values[0].Deals is null ? null : data.NewDealSet();
        for (var take = 1; take <= Math.Min(maxValues, order.Length - 1); take++)
        {
            var added = values[order[take - 1]];
            for (var w = 0; w < bits.Length; w++) bits[w] |= added.Bits[w];
            if (deals is not null)
                for (var w = 0; w < deals.Length; w++) deals[w] |= added.Deals![w];
            if (take < 2) continue;
            var members = order.Take(take).Select(k => values[k].Rule.Values[0].ToString()).Order(StringComparer.Ordinal);
            yield return (IcpRule.In(trait, members), (ulong[])bits.Clone(), AccountTable.Popcount(bits), (ulong[]?)deals?.Clone());
        }
    }

    /// <summary>Candidate rules for one trait: each value, each list member, each run of adjacent bands short of all of them.</summary>
    private static IEnumerable<IcpRule> RulesFor(TraitInfo trait, TraitValue[] values)
    {
        switch (trait.Kind)
        {
            case TraitKind.Category:
                return values.OfType<TraitValue.CategoryValue>().Select(v => v.Value.Trim())
                    .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)
                    .Select(v => IcpRule.EqualTo(trait.Name, v));
            case TraitKind.List:
                return values.OfType<TraitValue.ListValue>().SelectMany(l => l.Members).Select(m => m.Trim())
                    .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)
                    .Select(m => IcpRule.Contains(trait.Name, [m]));
            case TraitKind.Number when !trait.Bands.IsDefaultOrEmpty:
                var integral = values.OfType<TraitValue.NumberValue>().All(n => n.Value == Math.Floor(n.Value));
                return BandRuns(trait, integral);
            default:
                return [];
        }
    }

    private static IEnumerable<IcpRule> BandRuns(TraitInfo trait, bool integral)
    {
        var bands = trait.Bands;
        for (var from = 0; from < bands.Length; from++)
        {
            for (var to = from; to < bands.Length; to++)
            {
                if (from == 0 && to == bands.Length - 1) continue;
                // Bands are [lower, upper); inclusive rules end one below the next band for whole numbers.
                double? upper = bands[to].Upper is { } u ? (integral ? u - 1 : u) : null;
                if (from == 0) yield return IcpRule.AtMost(trait.Name, upper!.Value);
                else if (upper is null) yield return IcpRule.AtLeast(trait.Name, bands[from].Lower);
                else yield return IcpRule.Between(trait.Name, bands[from].Lower, upper.Value);
            }
        }
    }

    private static List<Raw> Enumerate(AccountTable data, Condition[] conditions, CandidateSearchOptions options, int minAccounts)
    {
        var found = new List<Raw>();
        // Two combinations selecting the same accounts (and, with a deal condition, the same deals) are one candidate: the
        // first found (fewest conditions) stays.
        var seen = new HashSet<ulong[]>(SetComparer.Instance);
        bool Supported(ulong[] bits, int count) => count >= minAccounts && AccountTable.PopcountAnd(bits, data.Customer) >= options.MinCustomers;
        for (var i = 0; i < conditions.Length; i++)
        {
            if (seen.Add(Key(conditions[i].Bits, conditions[i].Deals))) found.Add(new Raw([i], conditions[i].Bits, conditions[i].Count, 1, conditions[i].Deals));
        }
        if (options.MaxConditions < 2) return found;

        // The deals a combination's deal-level outcomes count: those meeting its one deal condition, of its accounts.
        ulong[]? DealsOf(ulong[] bits, ulong[]? a, ulong[]? b, ulong[]? c = null) =>
            (a ?? b ?? c) is { } met ? data.DealsOfAccounts(met, bits) : null;
        // Dropping a condition changes nothing when the accounts stay the same and, if it is the deal condition, so do the deals.
        bool Adds(int count, int without, ulong[] bits, int dropped, ulong[]? deals) =>
            count != without || (conditions[dropped].Deals is not null && AccountTable.Popcount(deals!) != data.Count(bits, null).Closed);

        var pairCount = new int[conditions.Length, conditions.Length];
        var pairs = new List<Raw>();
        for (var i = 0; i < conditions.Length; i++)
        {
            for (var j = i + 1; j < conditions.Length; j++)
            {
                // Two deal conditions are never combined: their accounts' intersection would admit an account with one deal
                // meeting each, where an ICP rule needs one deal meeting both (IcpDefinition.Match).
                if (conditions[i].Trait == conditions[j].Trait || (conditions[i].Deals is not null && conditions[j].Deals is not null)) continue;
                var bits = AccountTable.And(conditions[i].Bits, conditions[j].Bits);
                var count = AccountTable.Popcount(bits);
                pairCount[i, j] = count;
                if (!Supported(bits, count)) continue;
                var deals = DealsOf(bits, conditions[i].Deals, conditions[j].Deals);
                // Redundant when one condition removes nothing from the other.
                if (!Adds(count, conditions[i].Count, bits, j, deals) || !Adds(count, conditions[j].Count, bits, i, deals)) continue;
                var pair = new Raw([i, j], bits, count, 2, deals);
                // A pair equal to another candidate is not listed twice, but still extended: its triples may differ.
                pairs.Add(pair);
                if (seen.Add(Key(bits, deals))) found.Add(pair);
            }
        }
        if (options.MaxConditions < 3) return found;

        foreach (var pair in pairs)
        {
            int i = pair.Conditions[0], j = pair.Conditions[1];
            for (var k = j + 1; k < conditions.Length; k++)
            {
                if (conditions[k].Trait == conditions[i].Trait || conditions[k].Trait == conditions[j].Trait) continue;
                if (conditions[k].Deals is not null && pair.Deals is not null) continue;
                var bits = AccountTable.And(pair.Bits, conditions[k].Bits);
                var count = AccountTable.Popcount(bits);
                if (!Supported(bits, count)) continue;
                var deals = DealsOf(bits, conditions[i].Deals, conditions[j].Deals, conditions[k].Deals);
                if (!Adds(count, pair.Count, bits, k, deals) || !Adds(count, pairCount[i, k], bits, j, deals)
                    || !Adds(count, pairCount[j, k], bits, i, deals)) continue;
                if (seen.Add(Key(bits, deals))) found.Add(new Raw([i, j, k], bits, count, 3, deals));
            }
        }
        return found;
    }

    /// <summary>What makes two combinations one candidate: their accounts, and the deals they count when they have a deal condition.</summary>
    private static ulong[] Key(ulong[] bits, ulong[]? deals) => deals is null ? bits : [.. bits, ulong.MaxValue, .. deals];

    /// <summary>Category conditions whose deals win far less than the rest's: never (with enough closed deals), or significantly less.</summary>
    private static ImmutableArray<ExclusionSuggestion> Exclusions(AccountTable data, List<Condition> conditions, CandidateSearchOptions options)
    {
        var tested = conditions.Where(c => c.Rule.Operator == RuleOperator.EqualTo)
            .Select(c => (c.Rule, Counts: data.Count(c.Bits, c.Deals))).ToArray();
        var tests = tested.Select(t => RestTest(data, t.Counts)).ToArray();
        var adjusted = PValueAdjustment.BenjaminiHochberg(tests.Select(t => t?.PValue ?? double.NaN).ToArray());
        var result = ImmutableArray.CreateBuilder<ExclusionSuggestion>();
        for (var i = 0; i < tested.Length; i++)
        {
            var (rule, c) = tested[i];
            var rest = data.Totals.Wins - c.Wins;
            var restClosed = data.Totals.Closed - c.Closed;
            var rate = c.Closed == 0 ? double.NaN : (double)c.Wins / c.Closed;
            var restRate = restClosed == 0 ? double.NaN : (double)rest / restClosed;
            var neverWon = c.Closed >= options.MinClosedForNeverWon && c.Wins == 0;
            var worse = adjusted.Adjusted[i] < options.Alpha && rate < restRate;
            if (!neverWon && !worse) continue;
            var why = neverWon
                ? $"never won: 0 of {c.Closed} closed deals"
                : string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"wins {Format.Percent(rate)} of {c.Closed} closed deals vs {Format.Percent(restRate)} ({Format.PClause(adjusted.Adjusted[i], "adjusted p")})");
            result.Add(new ExclusionSuggestion(rule with { Group = RuleGroup.DoesntNeed, Note = why }, c.Accounts, c.Closed, c.Wins, rate, restRate, adjusted.Adjusted[i]));
        }
        return result.ToImmutable();
    }

    private static TwoProportionTest? RestTest(AccountTable data, Counts c)
    {
        int restWins = data.Totals.Wins - c.Wins, restClosed = data.Totals.Closed - c.Closed;
        return c.Closed == 0 || restClosed == 0 ? null : Proportions.CompareTwo(c.Wins, c.Closed, restWins, restClosed);
    }

    /// <summary>Most candidates a prior is fitted on; more are sampled evenly over the search (singles, pairs, triples alike).</summary>
    private const int PriorSample = 4000;

    private static ImmutableArray<IcpCandidate> Score(AccountTable data, Condition[] conditions, List<Raw> raw, CandidateSearchOptions options,
        ImmutableDictionary<Outcome, string> notMeasurable)
    {
        var counts = raw.Select(r => data.Count(r.Bits, r.Deals)).ToArray();
        var totals = data.Totals;
        // Each prior says how far the true values of the candidates ranked here spread, so it is fitted on the candidates
        // themselves (all of them, or an even sample), and centred on the overall value, so a shrunk value always lies
        // between the candidate's raw value and the overall one and moves with its data. Fitted on the one-condition
        // candidates only, whose traits each carry a sliver of an ICP's effect, the priors came out so narrow that strong
        // combinations were pooled to the baseline: a planted ICP's 80% win rate on 77 deals shrank to 29%, and every
        // candidate's retention to the overall 69% (lift 1.00).
        var step = Math.Max(1, (raw.Count + PriorSample - 1) / PriorSample);
        var fitOn = Enumerable.Range(0, raw.Count).Where(i => i % step == 0).ToArray();
        static double Share(int x, int n) => n == 0 ? double.NaN : (double)x / n;
        var win = Prior(fitOn, counts, c => (c.Wins, c.Closed), Share(totals.Wins, totals.Closed));
        // Retention is the Kaplan-Meier estimate of the one definition, read at its horizon, per candidate and for its rest.
        // How much of a candidate's own value to keep comes from churn per customer-year (gamma-Poisson), which counts every
        // customer for as long as it has been one, censored or not.
        var km = raw.Select(r => data.Retention(r.Bits)).ToArray();
        var churn = raw.Select(r => data.Churn(r.Bits)).ToArray();
        var retention = ChurnPrior(fitOn, churn, data.Churn(data.Customer));
        var activation = data.HasUsage ? Prior(fitOn, counts, c => (c.Activated, c.Followed), Share(totals.Activated, totals.Followed)) : null;

        var medians = raw.Select(r => data.Medians(r.Bits, r.Deals, options.MinWonDealsForAcv)).ToArray();
        var acvTau2 = AcvBetweenVariance(raw, medians, data.LogAmountVariance);

        var tests = counts.Select(c => RestTest(data, c)).ToArray();
        // A multi-value condition's values were chosen by win rate on the same deals, so its p-value is multiplied by the
        // number of sets of that many values it was chosen from (Bonferroni; a candidate's factors multiply) before BH.
        var selected = raw.Select(r => r.Conditions.Aggregate(1.0, (f, k) => f * conditions[k].Choices)).ToArray();
        var adjusted = PValueAdjustment.BenjaminiHochberg(tests.Select((t, i) => t is null ? double.NaN : Math.Min(1, t.PValue * selected[i])).ToArray());

        var logRank = raw.Select(r => data.LogRank(r.Bits)).ToArray();
        var scored = new List<IcpCandidate>(raw.Count);
        for (var i = 0; i < raw.Count; i++)
        {
            var c = counts[i];
            var winLift = RateLift(Outcome.WinRate, c.Wins, c.Closed, totals.Wins, totals.Closed, win);
            var retentionMeasured = !notMeasurable.ContainsKey(Outcome.Retention);
            var retentionLift = retentionMeasured
                ? RetentionLift(km[i], churn[i].Years, data.OverallRetention, retention)
                : new OutcomeLift(Outcome.Retention, 0, double.NaN, double.NaN, double.NaN, double.NaN);
            var activationLift = activation is null
                ? new OutcomeLift(Outcome.Activation, 0, double.NaN, double.NaN, double.NaN, double.NaN)
                : RateLift(Outcome.Activation, c.Activated, c.Followed, totals.Activated, totals.Followed, activation);
            var acvLift = AcvLift(medians[i], data.LogAmountVariance, acvTau2);
            var (inside, others) = data.WinClusters(raw[i].Bits, raw[i].Deals);
            var evidence = new OutcomeEvidence(
                ClusteredProportions.AdjustedZ(inside, others),
                retentionMeasured && logRank[i].Variance > 0 ? -logRank[i].ObservedMinusExpected / Math.Sqrt(logRank[i].Variance) : double.NaN,
                AcvZ(medians[i], data.LogAmountVariance),
                data.HasUsage ? TwoProportionZ(c.Activated, c.Followed, totals.Activated - c.Activated, totals.Followed - c.Followed) : double.NaN);
            var score = Evidence.Penalised(evidence.Combined(options.Weights), selected[i]);
            scored.Add(new IcpCandidate(0, [.. raw[i].Conditions.Select(k => conditions[k].Rule)], c.Accounts, (double)c.Accounts / data.N,
                c.Customers, winLift, retentionLift, acvLift, activationLift, score, tests[i], adjusted.Adjusted[i]));
        }
        // Ties go to the larger candidate, then to the shorter description, so the order never depends on enumeration.
        return [.. scored.OrderByDescending(s => s.Score).ThenByDescending(s => s.Accounts).ThenBy(s => s.Conditions.Length)
            .ThenBy(s => s.Description, StringComparer.Ordinal)
            .Select((s, i) => s with { Rank = i + 1 })];
    }

    /// <summary>The signed square root of step 4's chi-square for a rate (<see cref="Proportions.ChiSquare"/>, Yates-corrected),
    /// positive when group 1's rate is higher; NaN without trials on both sides or without variance.</summary>
    private static double TwoProportionZ(int x1, int n1, int x2, int n2)
    {
        if (n1 == 0 || n2 == 0) return double.NaN;
        return Math.Sign((double)x1 / n1 - (double)x2 / n2) * Math.Sqrt(Proportions.ChiSquare(x1, n1, x2, n2));
    }

    /// <summary>The z of log(median inside / median outside), with the large-sample variance (π/2) s² (1/n₁ + 1/n₂) of a log
    /// median ratio; NaN when the medians are not comparable.</summary>
    private static double AcvZ(AmountMedians m, double logVariance)
    {
        if (!m.Comparable || !(m.Outside > 0) || !(logVariance > 0)) return double.NaN;
        return Math.Log(m.Inside / m.Outside) / Math.Sqrt(Math.PI / 2 * logVariance * (1.0 / m.InsideN + 1.0 / m.OutsideN));
    }

    /// <summary>The beta-binomial prior of one rate: strength fitted on the given candidates, centred on the overall value
    /// <paramref name="centre"/>; null when fewer than two have trials or the overall value is 0, 1 or undefined.</summary>
    private static BetaPrior? Prior<T>(int[] which, T[] counts, Func<T, (int X, int N)> rate, double centre)
    {
        var segments = which.Select(i => rate(counts[i])).Where(r => r.N > 0)
            .Select((r, k) => new SegmentCount(k.ToString(System.Globalization.CultureInfo.InvariantCulture), r.X, r.N)).ToArray();
        if (segments.Length < 2 || !(centre > 0 && centre < 1)) return null;
        return RateShrinkage.FitPrior(segments).CenteredOn(centre);
    }

    /// <summary>
    /// The candidate's rate against the rest's, and its lift: the shrunk rate over the overall rate (the usual
    /// definition of lift; against the rest, a broad split that also drops the worst accounts would look better than
    /// the narrow group it contains).
    /// </summary>
    private static OutcomeLift RateLift(Outcome outcome, int x, int n, int totalX, int totalN, BetaPrior? prior)
    {
        int restX = totalX - x, restN = totalN - n;
        var value = n == 0 ? double.NaN : (double)x / n;
        var rest = restN == 0 ? double.NaN : (double)restX / restN;
        var overall = totalN == 0 ? double.NaN : (double)totalX / totalN;
        var shrunk = prior is null || n == 0 ? value : prior.Shrink(x, n);
        return new OutcomeLift(outcome, n, value, rest, shrunk, overall > 0 ? shrunk / overall : double.NaN);
    }

    /// <summary>The gamma-Poisson prior of churn per customer-year, strength fitted on the given candidates and centred on the
    /// overall rate; null when fewer than two have exposure or nobody churned.</summary>
    private static GammaPrior? ChurnPrior(int[] which, (int Events, double Years)[] churn, (int Events, double Years) overall)
    {
        var segments = which.Select(i => churn[i]).Where(c => c.Years > 0).ToArray();
        if (segments.Length < 2 || overall.Events == 0 || !(overall.Years > 0)) return null;
        return EventRateShrinkage.FitPrior(segments, overall.Events, overall.Years);
    }

    /// <summary>
    /// The candidate's Kaplan-Meier retention against the rest's, and its lift: shrunk toward the overall retention by the
    /// weight the churn prior gives the candidate's customer-years (credibility E / (E + b)), so the shrunk value lies
    /// between the candidate's raw retention and the overall one; with no follow-up it is the overall one.
    /// </summary>
    private static OutcomeLift RetentionLift((KmAt Inside, KmAt Outside) km, double years, double overall, GammaPrior? prior)
    {
        var (inside, rest) = km;
        var value = inside.N == 0 ? double.NaN : inside.Survival;
        var weight = prior?.Weight(years) ?? 1;
        var shrunk = double.IsNaN(value) ? value : weight * value + (1 - weight) * overall;
        return new OutcomeLift(Outcome.Retention, inside.N, value, rest.N == 0 ? double.NaN : rest.Survival, shrunk,
            overall > 0 ? shrunk / overall : double.NaN);
    }

    /// <summary>
    /// Between-candidate variance of the log median ratio, by moments over the one-condition candidates:
    /// mean(d² - v), floored at 0, with v the sampling variance of each d.
    /// </summary>
    private static double AcvBetweenVariance(List<Raw> raw, AmountMedians[] medians, double logVariance)
    {
        var terms = raw.Select((r, i) => (r, m: medians[i])).Where(x => x.r.Level == 1 && x.m.Comparable)
            .Select(x => Math.Pow(Math.Log(x.m.Inside / x.m.Overall), 2) - MedianRatioVariance(x.m, logVariance)).ToArray();
        return terms.Length == 0 ? 0 : Math.Max(0, terms.Average());
    }

    /// <summary>
    /// Large-sample variance of log(median inside / overall median): (π/2) s² (1/n - 1/N), s² the variance of log
    /// amounts (the candidate's deals are part of the overall ones, hence the minus).
    /// </summary>
    private static double MedianRatioVariance(AmountMedians m, double logVariance) =>
        Math.PI / 2 * logVariance * (1.0 / m.InsideN - 1.0 / (m.InsideN + m.OutsideN));

    private static OutcomeLift AcvLift(AmountMedians m, double logVariance, double tau2)
    {
        if (!m.Comparable) return new OutcomeLift(Outcome.Acv, m.InsideN, m.Inside, m.Outside, double.NaN, double.NaN);
        var d = Math.Log(m.Inside / m.Overall);
        var v = MedianRatioVariance(m, logVariance);
        var shrunkD = tau2 + v == 0 ? 0 : d * tau2 / (tau2 + v);
        return new OutcomeLift(Outcome.Acv, m.InsideN, m.Inside, m.Outside, m.Overall * Math.Exp(shrunkD), Math.Exp(shrunkD));
    }
}

/// <summary>Compares account sets by content.</summary>
internal sealed class SetComparer : IEqualityComparer<ulong[]>
{
    public static SetComparer Instance { get; } = new();

    public bool Equals(ulong[]? x, ulong[]? y) => x is not null && y is not null && x.AsSpan().SequenceEqual(y);

    public int GetHashCode(ulong[] obj)
    {
        var h = new HashCode();
        foreach (var w in obj) h.Add(w);
        return h.ToHashCode();
    }
}

/// <summary>A suggested "doesn't need" rule: a category whose deals never win, or win significantly less than the rest's.</summary>
/// <param name="Rule">The exclusion rule (group <see cref="RuleGroup.DoesntNeed"/>), its note saying why.</param>
/// <param name="Accounts">Accounts with the value.</param>
/// <param name="Closed">Their closed deals.</param>
/// <param name="Wins">Of which won.</param>
/// <param name="WinRate">Wins / closed.</param>
/// <param name="RestWinRate">The rest's win rate.</param>
/// <param name="AdjustedP">Benjamini-Hochberg-adjusted p of the comparison over every category tested.</param>
public sealed record ExclusionSuggestion(IcpRule Rule, int Accounts, int Closed, int Wins, double WinRate, double RestWinRate, double AdjustedP)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Rule.Describe()}: {Rule.Note}";
}

/// <summary>Per-account outcome counts summed over a set of accounts (activation: customers followed 30 days, and of them activated).</summary>
internal readonly record struct Counts(int Accounts, int Customers, int Closed, int Wins, int Followed, int Activated);

/// <summary>A Kaplan-Meier curve read at the retention horizon: S, the customers it rests on, those followed past it, and Greenwood's sum.</summary>
internal readonly record struct KmAt(double Survival, int N, int FollowedPast, double Greenwood)
{
}

/// <summary>Median won amount inside and outside a set of accounts.</summary>
internal readonly record struct AmountMedians(double Inside, int InsideN, double Outside, int OutsideN, double Overall, bool Comparable);

/// <summary>The accounts as bit sets and per-account outcome counts, for fast counting over combinations.</summary>
internal sealed class AccountTable
{
    private readonly int[] _closed, _wins;
    private readonly ulong[] _hasClosed, _followed, _activated;
    // Customers in order of follow-up time (days to churn, or to as_of when still there), as Kaplan-Meier walks them.
    private readonly (int Account, int Days, bool Churned)[] _byTime;
    private readonly double _horizon = RetentionOutcome.HorizonDays;
    private readonly (double Amount, int Account, int Deal)[] _won;
    // Closed deals of known accounts, numbered in the order read: their account and whether they were won.
    private readonly int[] _dealAccount;
    private readonly ulong[] _dealWon;
    // Each customer's follow-up in years and whether it churned, for churn per customer-year.
    private readonly int[] _days;
    // Every account's closed deals as one cluster each, for the rest of a set by subtraction.
    private readonly ClusterSums _allClusters;
    private readonly ulong[] _churned;
    private const double DaysPerYear = 365.25;

    public AccountTable(IReadOnlyList<Account> accounts, IEnumerable<Deal> deals, IReadOnlyDictionary<string, AccountUsage>? usage, DateOnly asOf)
    {
        Accounts = accounts;
        N = accounts.Count;
        var index = new Dictionary<string, int>(N, StringComparer.Ordinal);
        for (var i = 0; i < N; i++) index.TryAdd(accounts[i].AccountId, i);
        _closed = new int[N];
        _wins = new int[N];
        var won = new List<(double, int, string, int)>();
        var known = new List<(Deal, int, int)>();
        var dealAccount = new List<int>();
        var wonDeals = new List<int>();
        foreach (var deal in deals)
        {
            if (!index.TryGetValue(deal.AccountId, out var i)) continue;
            known.Add((deal, i, deal.IsClosed ? dealAccount.Count : -1));
            if (!deal.IsClosed) continue;
            var d = dealAccount.Count;
            dealAccount.Add(i);
            _closed[i]++;
            if (deal.Outcome != DealOutcome.Won) continue;
            _wins[i]++;
            wonDeals.Add(d);
            // ACV's one rule (AcvOutcome): every won amount, zeros included; a blank amount is missing and left out.
            if (deal.Amount is { } amount) won.Add(((double)amount, i, deal.DealId, d));
        }
        KnownDeals = known;
        _dealAccount = [.. dealAccount];
        _dealWon = NewDealSet();
        foreach (var d in wonDeals) Set(_dealWon, d);
        // Sorted by amount (deal id breaks ties) so medians come from one walk in a fixed order.
        _won = [.. won.OrderBy(w => w.Item1).ThenBy(w => w.Item3, StringComparer.Ordinal).Select(w => (w.Item1, w.Item2, w.Item4))];
        // The spread of log amounts (for the median ratio's variance) can only read positive amounts.
        var logs = _won.Where(w => w.Amount > 0).Select(w => Math.Log(w.Amount)).ToArray();
        LogAmountVariance = logs.Length < 2 ? 0 : MathNet.Numerics.Statistics.Statistics.Variance(logs);

        HasUsage = usage is not null;
        _hasClosed = NewSet();
        Customer = NewSet();
        _followed = NewSet();
        _activated = NewSet();
        var byTime = new List<(int, int, bool)>();
        for (var i = 0; i < N; i++)
        {
            var a = accounts[i];
            if (_closed[i] > 0) Set(_hasClosed, i);
            // The outcomes module's rules, as bits: a customer at as_of; activation within 30 days among those followed 30 days;
            // follow-up from customer_since to churn or as_of, exactly as Metrics.Retention.Survival builds it.
            if (!a.IsCustomerAt(asOf)) continue;
            Set(Customer, i);
            var since = a.CustomerSince!.Value;
            var churn = Metrics.Retention.Later(a.ChurnedOn, since);
            var churned = churn is { } c && c <= asOf;
            byTime.Add((i, (churned ? churn!.Value : asOf).DayNumber - since.DayNumber, churned));
            if (usage is null || !Metrics.Activation.IsFollowed(a, asOf, ActivationOutcome.WindowDays)) continue;
            Set(_followed, i);
            if (Metrics.Activation.Activated(a, usage, ActivationOutcome.WindowDays)) Set(_activated, i);
        }
        _byTime = [.. byTime.OrderBy(t => t.Item2)];
        _days = new int[N];
        _churned = NewSet();
        foreach (var (i, days, churned) in _byTime)
        {
            _days[i] = days;
            if (churned) Set(_churned, i);
        }
        Totals = Count(All(), null);
        _allClusters = ClusterSums.Of(Enumerable.Range(0, N).Select(i => (_wins[i], _closed[i])));
        OverallRetention = Retention(All()).Inside.Survival;
        OverallMedian = _won.Length == 0 ? double.NaN : (_won[(_won.Length - 1) / 2].Amount + _won[_won.Length / 2].Amount) / 2;
    }

    /// <summary>Median of every won amount, zeros included (797 zeros among 842 won deals give a median of 0).</summary>
    public double OverallMedian { get; }

    /// <summary>Kaplan-Meier retention of every customer at the horizon.</summary>
    public double OverallRetention { get; }

    public IReadOnlyList<Account> Accounts { get; }
    public int N { get; }
    public ulong[] Customer { get; }
    public bool HasUsage { get; }
    public double LogAmountVariance { get; }
    public Counts Totals { get; }

    public ulong[] NewSet() => new ulong[(N + 63) >> 6];

    /// <summary>Every deal whose account is in the table, open ones included: its account's index and its number among the
    /// closed deals (-1 when open).</summary>
    public IReadOnlyList<(Deal Deal, int Account, int Closed)> KnownDeals { get; }

    /// <summary>An empty set over the closed deals of known accounts.</summary>
    public ulong[] NewDealSet() => new ulong[(_dealAccount.Length + 63) >> 6];

    /// <summary>The deals of <paramref name="deals"/> whose account is in <paramref name="bits"/>.</summary>
    public ulong[] DealsOfAccounts(ulong[] deals, ulong[] bits)
    {
        var result = NewDealSet();
        for (var w = 0; w < deals.Length; w++)
        {
            var b = deals[w];
            while (b != 0)
            {
                var d = (w << 6) + BitOperations.TrailingZeroCount(b);
                if (IsSet(bits, _dealAccount[d])) Set(result, d);
                b &= b - 1;
            }
        }
        return result;
    }

    private ulong[] All()
    {
        var all = NewSet();
        for (var i = 0; i < N; i++) Set(all, i);
        return all;
    }

    public static void Set(ulong[] bits, int i) => bits[i >> 6] |= 1UL << (i & 63);

    private static bool IsSet(ulong[] bits, int i) => (bits[i >> 6] & (1UL << (i & 63))) != 0;

    public static ulong[] And(ulong[] a, ulong[] b)
    {
        var r = new ulong[a.Length];
        for (var w = 0; w < a.Length; w++) r[w] = a[w] & b[w];
        return r;
    }

    public static int Popcount(ulong[] bits)
    {
        var n = 0;
        foreach (var w in bits) n += BitOperations.PopCount(w);
        return n;
    }

    public static int PopcountAnd(ulong[] bits, ulong[] mask)
    {
        var n = 0;
        for (var w = 0; w < bits.Length; w++) n += BitOperations.PopCount(bits[w] & mask[w]);
        return n;
    }

    /// <summary>Outcome counts over a set: masks for the yes/no outcomes, a walk over the set's accounts with deals for the rest;
    /// with <paramref name="deals"/> (a deal condition's, already limited to the set's accounts) only those deals count.</summary>
    public Counts Count(ulong[] bits, ulong[]? deals)
    {
        if (deals is not null)
            return new Counts(Popcount(bits), PopcountAnd(bits, Customer), Popcount(deals), PopcountAnd(deals, _dealWon),
                PopcountAnd(bits, _followed), PopcountAnd(bits, _activated));
        int closed = 0, wins = 0;
        for (var w = 0; w < bits.Length; w++)
        {
            var b = bits[w] & _hasClosed[w];
            while (b != 0)
            {
                var i = (w << 6) + BitOperations.TrailingZeroCount(b);
                closed += _closed[i];
                wins += _wins[i];
                b &= b - 1;
            }
        }
        return new Counts(Popcount(bits), PopcountAnd(bits, Customer), closed, wins, PopcountAnd(bits, _followed), PopcountAnd(bits, _activated));
    }

    /// <summary>The closed deals of the set's accounts (of <paramref name="deals"/> when given) and of the rest, as clusters by
    /// account (<see cref="ClusterSums"/>): with a deal condition an account's other deals fall in the rest.</summary>
    public (ClusterSums Inside, ClusterSums Others) WinClusters(ulong[] bits, ulong[]? deals)
    {
        if (deals is null)
        {
            var inside = new ClusterSums();
            for (var w = 0; w < bits.Length; w++)
            {
                var b = bits[w] & _hasClosed[w];
                while (b != 0)
                {
                    var i = (w << 6) + BitOperations.TrailingZeroCount(b);
                    inside = inside.Add(_wins[i], _closed[i]);
                    b &= b - 1;
                }
            }
            return (inside, _allClusters.Minus(inside));
        }
        int[] closedIn = new int[N], winsIn = new int[N], closedOut = new int[N], winsOut = new int[N];
        for (var d = 0; d < _dealAccount.Length; d++)
        {
            var won = IsSet(_dealWon, d) ? 1 : 0;
            if (IsSet(deals, d)) { closedIn[_dealAccount[d]]++; winsIn[_dealAccount[d]] += won; }
            else { closedOut[_dealAccount[d]]++; winsOut[_dealAccount[d]] += won; }
        }
        ClusterSums a = new(), r = new();
        for (var i = 0; i < N; i++)
        {
            a = a.Add(winsIn[i], closedIn[i]);
            r = r.Add(winsOut[i], closedOut[i]);
        }
        return (a, r);
    }

    /// <summary>
    /// Kaplan-Meier retention at the horizon of the set's customers and of the other customers, in one walk over the
    /// customers in time order: at each distinct time with churn, S *= 1 - churned / at risk, the same steps in the same
    /// order as <see cref="Statistics.Survival.KaplanMeier"/>, so the value is the ICP test's to the last bit.
    /// </summary>
    public (KmAt Inside, KmAt Outside) Retention(ulong[] bits)
    {
        int nIn = PopcountAnd(bits, Customer), nOut = Popcount(Customer) - nIn;
        int riskIn = nIn, riskOut = nOut;
        double sIn = 1, sOut = 1, gIn = 0, gOut = 0;
        var k = 0;
        while (k < _byTime.Length && _byTime[k].Days <= _horizon)
        {
            var t = _byTime[k].Days;
            int dIn = 0, cIn = 0, dOut = 0, cOut = 0;
            for (; k < _byTime.Length && _byTime[k].Days == t; k++)
            {
                var (account, _, churned) = _byTime[k];
                if (IsSet(bits, account)) { if (churned) dIn++; else cIn++; }
                else if (churned) dOut++;
                else cOut++;
            }
            if (dIn > 0)
            {
                sIn *= 1.0 - (double)dIn / riskIn;
                gIn += (double)dIn / ((double)riskIn * (riskIn - dIn));
            }
            if (dOut > 0)
            {
                sOut *= 1.0 - (double)dOut / riskOut;
                gOut += (double)dOut / ((double)riskOut * (riskOut - dOut));
            }
            riskIn -= dIn + cIn;
            riskOut -= dOut + cOut;
        }
        return (new KmAt(sIn, nIn, riskIn, gIn), new KmAt(sOut, nOut, riskOut, gOut));
    }

    /// <summary>
    /// The log-rank statistic of the set's customers against the other customers over the whole follow-up: observed minus
    /// expected churns inside and its hypergeometric variance, in one walk over the customers in time order.
    /// </summary>
    public (double ObservedMinusExpected, double Variance) LogRank(ulong[] bits)
    {
        int riskIn = PopcountAnd(bits, Customer), risk = Popcount(Customer);
        double oe = 0, v = 0;
        var k = 0;
        while (k < _byTime.Length)
        {
            var t = _byTime[k].Days;
            int dIn = 0, cIn = 0, d = 0, c = 0;
            for (; k < _byTime.Length && _byTime[k].Days == t; k++)
            {
                var (account, _, churned) = _byTime[k];
                var inside = IsSet(bits, account);
                if (churned) { d++; if (inside) dIn++; }
                else { c++; if (inside) cIn++; }
            }
            if (d > 0 && risk > 1)
            {
                var share = (double)riskIn / risk;
                oe += dIn - d * share;
                v += d * share * (1 - share) * (risk - d) / (risk - 1);
            }
            riskIn -= dIn + cIn;
            risk -= d + c;
        }
        return (oe, v);
    }

    /// <summary>Churns and customer-years of follow-up (customer_since to churn or as_of) of the set's customers.</summary>
    public (int Events, double Years) Churn(ulong[] bits)
    {
        // Whole days summed as integers: the same total whatever the order of the accounts.
        long days = 0;
        for (var w = 0; w < bits.Length; w++)
        {
            var b = bits[w] & Customer[w];
            while (b != 0)
            {
                days += _days[(w << 6) + BitOperations.TrailingZeroCount(b)];
                b &= b - 1;
            }
        }
        return (PopcountAnd(bits, _churned), days / DaysPerYear);
    }

    /// <summary>Medians of won amounts inside and outside the set (of its <paramref name="deals"/> when given), from one walk of
    /// the sorted amounts.</summary>
    public AmountMedians Medians(ulong[] bits, ulong[]? deals, int minEach)
    {
        bool Inside(int account, int deal) => deals is null ? IsSet(bits, account) : IsSet(deals, deal);
        var inside = 0;
        foreach (var (_, account, deal) in _won) if (Inside(account, deal)) inside++;
        var outside = _won.Length - inside;
        double inLo = double.NaN, inHi = double.NaN, outLo = double.NaN, outHi = double.NaN;
        int ri = 0, ro = 0;
        foreach (var (amount, account, deal) in _won)
        {
            if (Inside(account, deal))
            {
                if (ri == (inside - 1) / 2) inLo = amount;
                if (ri == inside / 2) inHi = amount;
                ri++;
            }
            else
            {
                if (ro == (outside - 1) / 2) outLo = amount;
                if (ro == outside / 2) outHi = amount;
                ro++;
            }
        }
        var insideMedian = (inLo + inHi) / 2;
        // The lift is a ratio of medians on a log scale: a median of 0 (mostly free pilots) has no ratio, so no lift.
        return new AmountMedians(insideMedian, inside, (outLo + outHi) / 2, outside, OverallMedian,
            inside >= Math.Max(1, minEach) && outside >= Math.Max(1, minEach) && insideMedian > 0 && OverallMedian > 0);
    }

    /// <summary>Overall rates and median, for the result's header.</summary>
    public OverallOutcomes Overall()
    {
        var t = Totals;
        return new OverallOutcomes(N, t.Customers, t.Closed, t.Wins, OverallRetention, t.Followed, HasUsage ? t.Activated : null, OverallMedian);
    }
}
