using IcpKit.Rendering;
using System.Collections.Immutable;
using System.Globalization;
using IcpKit.Icp;
using IcpKit.Loading;
using IcpKit.Metrics;
using IcpKit.Model;
using IcpKit.Outcomes;
using IcpKit.Statistics.Survival;
using IcpKit.Statistics;
using MathNet.Numerics.Distributions;

namespace IcpKit.Testing;

/// <summary>
/// Step 4 of the method: tests an ICP against the non-ICP accounts on every outcome the method names, and turns
/// the comparisons into verdicts ("holds", "not proven yet", "too broad", "wrong").
/// </summary>
/// <example>
/// The sample quarter's reviewed ICP (the planted one) holds.
/// <code>
/// var export = Export.Load("data-samples/2026Q3");
/// var icp = IcpDefinition.Load("data-samples/2026Q3/icp.yaml", IcpTest.FieldsOf(export));
/// var result = IcpTest.Run(export, icp);
/// result.Verdict                                   // => Holds
/// var later = IcpTest.OutOfTime(export, icp, new DateOnly(2026, 1, 1)).Later;   // the same test on accounts created since
/// </code>
/// </example>
public static class IcpTest
{
    /// <summary>Label of the ICP group in comparisons.</summary>
    public const string IcpLabel = IcpSplit.IcpLabel;
    /// <summary>Label of the rest.</summary>
    public const string NonIcpLabel = IcpSplit.NonIcpLabel;

    private const double DaysPerMonth = 365.25 / 12;

    /// <summary>The fields an icp.yaml may name for this export (usage fields only when it has events; deal traits when the deals have some).</summary>
    public static ImmutableSortedDictionary<string, TraitKind> FieldsOf(ExportData export) => IcpFields.Catalog(export);

    /// <summary>ICP against non-ICP on every account of the export.</summary>
    /// <param name="export">The export.</param>
    /// <param name="icp">The ICP.</param>
    /// <param name="options">Thresholds; <see cref="IcpTestOptions.Default"/> when null.</param>
    public static IcpTestResult Run(ExportData export, IcpDefinition icp, IcpTestOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(export);
        ArgumentNullException.ThrowIfNull(icp);
        var o = options ?? IcpTestOptions.Default;
        o.Validate();
        return new Runner(export, icp, o).Result("all accounts");
    }

    /// <summary>The sales cycle of ICP deals against the rest: share won and lost over time (Gray's tests), days to close
    /// of won and lost deals, and the won-deal cycle compared; the sales-cycle row of <see cref="Run"/> is its comparison.</summary>
    public static Metrics.SalesCycleResult SalesCycle(ExportData export, IcpDefinition icp, IcpTestOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(export);
        ArgumentNullException.ThrowIfNull(icp);
        var o = options ?? IcpTestOptions.Default;
        o.Validate();
        return new Runner(export, icp, o).Cycle();
    }

    /// <summary>
    /// Out-of-time validation: the same test on the accounts that entered before <paramref name="cutoff"/> (where an
    /// ICP would have been drafted) and, separately, on those that entered on or after it (the honest test).
    /// </summary>
    /// <remarks>An account enters on its first deal's creation date, or on its customer date when it has no deal;
    /// accounts with neither (prospects never worked) belong to neither set. See <see cref="SplitAt"/>.</remarks>
    public static OutOfTimeResult OutOfTime(ExportData export, IcpDefinition icp, DateOnly cutoff, IcpTestOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(export);
        ArgumentNullException.ThrowIfNull(icp);
        var o = options ?? IcpTestOptions.Default;
        o.Validate();
        var (before, after) = SplitAt(export, cutoff);
        var day = cutoff.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new OutOfTimeResult(cutoff,
            new Runner(before, icp, o).Result($"accounts that entered before {day}"),
            new Runner(after, icp, o).Result($"accounts that entered on or after {day}"));
    }

    /// <summary>
    /// The cutoff of an out-of-time test from a notebook parameter or command-line text: a yyyy-MM-dd date, or blank for
    /// one year before the export's as-of date (a year of later accounts to test on).
    /// </summary>
    /// <exception cref="FormatException">The text is not blank and not a yyyy-MM-dd date.</exception>
    public static DateOnly CutoffFrom(string? text, ExportData export)
    {
        ArgumentNullException.ThrowIfNull(export);
        if (string.IsNullOrWhiteSpace(text)) return export.AsOf.AddYears(-1);
        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day : throw new FormatException($"cutoff '{text}' is not a date (expected yyyy-mm-dd)");
    }

    /// <summary>When an account entered the data: its first deal's creation date, else its customer date, else null.</summary>
    public static DateOnly? EnteredOn(Account account, ILookup<string, Deal> dealsByAccount)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(dealsByAccount);
        var deals = dealsByAccount[account.AccountId];
        // A deal without a creation date says nothing about when the account entered.
        return deals.Min(d => d.CreatedOn) ?? account.CustomerSince;
    }

    /// <summary>
    /// Splits an export into the accounts that entered before <paramref name="cutoff"/> and those that entered on or
    /// after it (see <see cref="EnteredOn"/>), each with its own deals, surveys and usage; the as-of date stays.
    /// </summary>
    /// <remarks>Draft on <c>Before</c> (notebook 03 or <c>icpkit suggest</c>) and test on <c>After</c>: an ICP that
    /// only fits the accounts it was drafted on fails there.</remarks>
    public static (ExportData Before, ExportData After) SplitAt(ExportData export, DateOnly cutoff)
    {
        ArgumentNullException.ThrowIfNull(export);
        var byAccount = export.Deals.ToLookup(d => d.AccountId, StringComparer.Ordinal);
        var entered = export.Accounts.ToDictionary(a => a.AccountId, a => EnteredOn(a, byAccount), StringComparer.Ordinal);
        ExportData Subset(Func<DateOnly, bool> keep)
        {
            var ids = entered.Where(kv => kv.Value is { } d && keep(d)).Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal);
            return export with
            {
                Accounts = [.. export.Accounts.Where(a => ids.Contains(a.AccountId))],
                Deals = [.. export.Deals.Where(d => ids.Contains(d.AccountId))],
                Surveys = [.. export.Surveys.Where(s => ids.Contains(s.AccountId))],
                Usage = export.Usage.Where(kv => ids.Contains(kv.Key)).ToImmutableDictionary(StringComparer.Ordinal),
            };
        }
        return (Subset(d => d < cutoff), Subset(d => d >= cutoff));
    }

    /// <summary>One run: the ICP split, each registered outcome measured and compared, then the verdicts.</summary>
    private sealed class Runner
    {
        private readonly ExportData _export;
        private readonly IcpDefinition _icp;
        private readonly IcpTestOptions _o;
        private readonly IcpSplit _split;
        private readonly int _icpAccounts;
        private readonly int _nonAccounts;
        private SurvivalComparison? _retention;

        public Runner(ExportData export, IcpDefinition icp, IcpTestOptions options)
        {
            _export = export;
            _icp = icp;
            _o = options;
            _split = IcpSplit.Of(export, icp);
            _icpAccounts = _split.IcpAccounts;
            _nonAccounts = _split.NonIcpAccounts;
        }

        private bool IsPrimary(string id) => _o.PrimaryOutcomes.Contains(id);

        // The two-sided level whose power and sample sizes an outcome's decisive test has: a primary's "holds" is a
        // one-sided test at alpha (as powerful as a two-sided one at twice alpha), a secondary's verdict a two-sided test.
        private double SizeAlpha(string id) => IsPrimary(id) ? 2 * _o.Alpha : _o.Alpha;

        private string OneSidedReason(OutcomeComparison x) => string.Create(CultureInfo.InvariantCulture,
            $"better for the ICP by more than {MinimumText(x.Kind)}; one-sided p {Format.P(x.PValue / 2)} that the ICP is better, below {_o.Alpha:0.##}, and the 90% interval {x.IntervalText(x.Interval90)} agrees (each primary on its own test)");

        public IcpTestResult Result(string population)
        {
            var measures = IcpOutcomes.Definitions.Select(d => d.Measure(_export, _split.Segmentation, Boot())).ToList();
            _retention = measures.OfType<SurvivalMeasure>().FirstOrDefault(m => m.Outcome.Id == IcpOutcomes.Retention)?.Survival;
            var drafts = measures.Select(Compare).ToList();
            // Two families, each adjusted on its own (Holm by default): the primary outcomes, which alone decide the overall
            // verdict, and the secondary ones. Spending the error budget on ten secondary outcomes would leave the primaries
            // too little power; the overall "holds" still needs every primary significant within its family, so a false
            // "holds" stays below alpha.
            var adjusted = new double[drafts.Count];
            foreach (var primary in new[] { true, false })
            {
                var family = Enumerable.Range(0, drafts.Count).Where(i => IsPrimary(drafts[i].Id) == primary).ToArray();
                if (family.Length == 0) continue;
                var familyAdjusted = PValueAdjustment.Adjust([.. family.Select(i => drafts[i].P)], _o.Adjustment, [.. family.Select(i => drafts[i].Id)]).Adjusted;
                for (int k = 0; k < family.Length; k++) adjusted[family[k]] = familyAdjusted[k];
            }
            var outcomes = drafts.Select((d, i) => Finish(d, adjusted[i]) with
            {
                IcpEstimate = measures[i].ValueOf(IcpLabel)?.Estimate ?? double.NaN,
                NonIcpEstimate = measures[i].ValueOf(NonIcpLabel)?.Estimate ?? double.NaN,
            }).ToImmutableArray();
            var total = _export.Accounts.Length;
            var coverage = _split.Coverage;
            var primaries = outcomes.Where(x => x.Primary).ToList();
            // Power of the test behind "holds": one-sided at alpha, as powerful as a two-sided test at twice alpha.
            var power = drafts.Where(d => IsPrimary(d.Id) && d.Measurable).Select(d => d.Power?.Invoke(SizeAlpha(d.Id))).OfType<PrimaryPower>().ToImmutableArray();
            var overall = Verdicts.Overall(coverage, primaries, _o.MaxCoverage, _o.Alpha);
            if (overall == Verdict.Holds)
            {
                // The intersection-union test has shown every primary better, each on its own one-sided test: the rows say
                // so too, rather than the Holm verdict of a two-sided test the overall claim does not rest on.
                outcomes = [.. outcomes.Select(x => x.Primary && x.Verdict != Verdict.Holds ? x with { Verdict = Verdict.Holds, Reason = OneSidedReason(x), MoreNeeded = null, MoreAccountsNeeded = null } : x)];
                primaries = [.. outcomes.Where(x => x.Primary)];
            }
            return new IcpTestResult(_icp, population, _export.AsOf, total, _icpAccounts, coverage, outcomes, overall,
                OverallReason(overall, coverage, primaries), MoreAccounts(overall, primaries), _o, _retention)
            { PrimaryPower = power };
        }

        // ---- outcomes: each registered definition measures itself (IcpKit.Outcomes); this class compares and decides --

        private Draft Compare(OutcomeMeasure measure)
        {
            var o = measure.Outcome;
            return measure switch
            {
                UnmeasuredOutcome u => Draft.NotMeasurable(o.Id, o.Title, o.Unit, o.Kind, u.Why),
                RateMeasure r => CompareRates(r),
                SurvivalMeasure s => Survival(o.Id, o.Title, o.Unit, s, o.Note),
                SalesCycleMeasure c => SalesCycle(c),
                ValuesMeasure v when o.Kind == EffectKind.NpsDifference => Nps(v),
                ValuesMeasure v => Ratio(v),
                EstimateMeasure e => Estimates(e),
                _ => throw new NotSupportedException($"outcome '{o.Id}' is measured as {measure.GetType().Name}, which the ICP test cannot compare"),
            };
        }

        private Draft SalesCycle(SalesCycleMeasure measure)
        {
            var (id, title, unit) = (measure.Outcome.Id, measure.Outcome.Title, measure.Outcome.Unit);
            // Won deals' days from creation to close, ICP against the rest: the cycle sales teams mean. Lost deals are not
            // "still possible wins" (the old time-to-win curve censored them, mixing win chance with speed); the share
            // won over time, a competing-risks curve, is beside it in the note.
            var cycle = measure.Cycle;
            var c = cycle.WonCycle.FirstOrDefault(x => x.Group == IcpLabel && x.Reference == NonIcpLabel);
            string Days(string group) => measure.ValueOf(group) is { } v
                ? string.Create(CultureInfo.InvariantCulture, $"{v.Estimate:0} d median") : Format.TooFew;
            int Won(string group) => measure.ValueOf(group)?.N ?? 0;
            var note = cycle.WonTest is { Status: SurvivalStatus.Ok } gray
                ? "share won by 90 days " + string.Join(" vs ", new[] { IcpLabel, NonIcpLabel }.Select(g =>
                    cycle.Won.FirstOrDefault(w => w.Group == g) is { } w ? Format.Percent(w.IncidenceAt(90)) : Format.TooFew))
                  + $" (Gray's test {Format.PClause(gray.PValue)}); {(c is null ? "" : c.Words)}"
                : c?.Words;
            if (c is null)
                return new Draft(id, title, unit, EffectKind.MedianRatio, Won(IcpLabel), Won(NonIcpLabel), Days(IcpLabel), Days(NonIcpLabel),
                    double.NaN, ConfidenceInterval.Undefined(0.95), double.NaN, double.NaN, ConfidenceInterval.Undefined(0.95),
                    $"no won deals in the {(Won(IcpLabel) == 0 ? IcpLabel : NonIcpLabel)} group", () => null, true, note);
            // Shorter is better: the scaled effect is -log(ratio) in units of log(MinRatio).
            var unitLog = Math.Log(_o.MinRatio);
            var ratio = c.Ratio;
            var interval = ratio.Interval.IsDefined && double.IsFinite(ratio.Interval.Lower) && double.IsFinite(ratio.Interval.Upper) && ratio.Interval.Lower > 0
                ? ratio.Interval : ConfidenceInterval.Undefined(0.95);
            var ok = double.IsFinite(ratio.Estimate) && ratio.Estimate > 0;
            var reason = !c.Test.Check.IsSufficient ? c.Test.Check.Reason : !ok ? "a group's median is zero days" : null;
            // Noether's size counts P(ICP shorter), the direction that is better here.
            var shorter = c.Test with { CommonLanguage = 1 - c.Test.CommonLanguage };
            return new Draft(id, title, unit, EffectKind.MedianRatio, c.Days.Length, c.ReferenceDays.Length, Days(IcpLabel), Days(NonIcpLabel),
                ok ? ratio.Estimate : double.NaN, interval, reason is null ? c.Test.PValue : double.NaN,
                ok ? -Math.Log(ratio.Estimate) / unitLog : double.NaN, Scale(interval, r => -Math.Log(r) / unitLog), reason,
                () => Noether(shorter, c.Days.Length, c.ReferenceDays.Length, SizeAlpha(id)), true, note);
        }

        // The metrics engine's sales cycle on the split, as the sales-cycle outcome measures it (also without deals).
        public Metrics.SalesCycleResult Cycle() => Metrics.SalesCycle.Of(_export, _split.Segmentation, bootstrap: Boot());

        private Draft CompareRates(RateMeasure measure)
        {
            var o = measure.Outcome;
            var (x1, n1) = measure.Counts(IcpLabel);
            var (x2, n2) = measure.Counts(NonIcpLabel);
            var note = o.Note;
            // A rate with a benchmark (PMF's 40%) says where the ICP's interval lies against it.
            if (measure.Rates.Benchmark is not null && n1 > 0)
            {
                var share = Proportions.Wilson(x1, n1);
                var bench = _o.PmfBenchmark;
                var where = share.Interval.Lower > bench ? "above" : share.Interval.Upper < bench ? "below" : "not clearly above or below";
                note = $"ICP share {Format.Percent(share.Estimate)} [{Format.Percent(share.Interval.Lower)}, {Format.Percent(share.Interval.Upper)}]: {where} the {Format.Percent(bench)} benchmark";
            }
            if (n1 > 0 && n2 > 0 && measure.Clusters.TryGetValue(IcpLabel, out var c1) && measure.Clusters.TryGetValue(NonIcpLabel, out var c2)
                && !c1.IsDefaultOrEmpty && !c2.IsDefaultOrEmpty)
                return ClusteredRate(measure, c1, c2, note);
            return Rate(o.Id, o.Title, o.Unit, x1, n1, x2, n2, true, $"no {o.Unit}", note);
        }

        /// <summary>A rate whose units come in clusters (deals of one account): the interval and test use the cluster-robust
        /// variance, sizes and power the design effect; the note keeps the cluster-level view (accounts that won at least once).</summary>
        private Draft ClusteredRate(RateMeasure measure, ImmutableArray<(int Successes, int Units)> c1, ImmutableArray<(int Successes, int Units)> c2, string? note)
        {
            var (id, title, unit) = (measure.Outcome.Id, measure.Outcome.Title, measure.Outcome.Unit);
            var clusterUnit = measure.ClusterUnit ?? "cluster";
            var test = ClusteredProportions.CompareTwo([.. c1.Select(c => (c.Successes, c.Units))], [.. c2.Select(c => (c.Successes, c.Units))]);
            // The unclustered test only feeds the sample-size and power formulas, inflated by the design effect (never below 1,
            // so a plan never counts on deals being better than independent).
            var plain = Proportions.CompareTwo(test.Successes1, test.N1, test.Successes2, test.N2);
            var deff = double.IsFinite(test.DesignEffect) ? Math.Max(1, test.DesignEffect) : 1;
            var (w1, w2) = (test.ClusterRates[0], test.ClusterRates[1]);
            var clustered = string.Create(CultureInfo.InvariantCulture,
                $"interval and test clustered by {clusterUnit} ({test.Clusters1 + test.Clusters2} {clusterUnit}s, design effect {test.DesignEffect:0.00}); {clusterUnit}s that won at least once: ICP {Format.Percent(w1.Estimate)} of {w1.N} vs {Format.Percent(w2.Estimate)} of {w2.N}");
            var scale = _o.MinRateDifference;
            return new Draft(id, title, unit, EffectKind.RateDifference, test.N1, test.N2, Format.Percent(test.Rate1), Format.Percent(test.Rate2),
                test.Difference, test.Interval, test.PValue, test.Difference / scale, Scale(test.Interval, v => v / scale),
                test.Check.IsSufficient ? null : test.Check.Reason, () => RateSampleSize(plain, SizeAlpha(id), deff), true,
                note is null ? clustered : note + "; " + clustered)
            {
                Power = alpha => RatePower(id, title, unit, plain, alpha, deff),
            };
        }

        // ---- comparisons ----------------------------------------------------------------------------------

        /// <summary>A rate compared from counts: x1 of n1 ICP units against x2 of n2 non-ICP units.</summary>
        private Draft Rate(string id, string title, string unit, int x1, int n1, int x2, int n2, bool measurable, string why, string? note)
        {
            if (!measurable || n1 + n2 == 0) return Draft.NotMeasurable(id, title, unit, EffectKind.RateDifference, measurable ? $"no {unit}" : why);
            var text1 = n1 == 0 ? Format.TooFew : Format.Percent((double)x1 / n1);
            var text2 = n2 == 0 ? Format.TooFew : Format.Percent((double)x2 / n2);
            if (n1 == 0 || n2 == 0)
                return new Draft(id, title, unit, EffectKind.RateDifference, n1, n2, text1, text2, double.NaN, ConfidenceInterval.Undefined(0.95),
                    double.NaN, double.NaN, ConfidenceInterval.Undefined(0.95), $"no {unit} in the {(n1 == 0 ? IcpLabel : NonIcpLabel)} group", () => null, true, note);
            var test = Proportions.CompareTwo(x1, n1, x2, n2);
            var scale = _o.MinRateDifference;
            return new Draft(id, title, unit, EffectKind.RateDifference, n1, n2, text1, text2, test.Difference, test.Interval, test.PValue,
                test.Difference / scale, Scale(test.Interval, v => v / scale), test.Check.IsSufficient ? null : test.Check.Reason,
                () => RateSampleSize(test, SizeAlpha(id)), true, note)
            {
                Power = alpha => RatePower(id, title, unit, test, alpha),
            };
        }

        /// <summary>A time-to-event outcome compared from its Kaplan-Meier curves and log-rank test (null with one group only).</summary>
        private Draft Survival(string id, string title, string unit, SurvivalMeasure measure, string? note)
        {
            var (fits, test, eventIsGood) = (measure.Survival.Curves, measure.Survival.Test, measure.EventIsGood);
            var groups = fits.Fits.Select(f => f.Group).ToHashSet(StringComparer.Ordinal);
            // The headline the outcome defines: the curve read at a horizon (retention), else the median time.
            string Median(string group)
            {
                if (!groups.Contains(group)) return Format.TooFew;
                if (measure.ReadAtDays is { } t)
                    return string.Create(CultureInfo.InvariantCulture, $"{Format.Percent(fits[group].SurvivalAt(t))} at {t / DaysPerMonth:0} mo");
                var m = fits[group].Median.Estimate;
                return m is { } v ? string.Create(CultureInfo.InvariantCulture, $"{v:0} d median") : "median not reached";
            }
            if (measure.ReadAtDays is not null && groups.Count > 0)
            {
                // Retention also read at each of the configured months, ICP vs non-ICP.
                note = "retained at " + string.Join(", ", _o.RetentionMonths.Select(m =>
                    string.Create(CultureInfo.InvariantCulture, $"{m} mo: ") + string.Join(" vs ", new[] { IcpLabel, NonIcpLabel }.Select(g =>
                        groups.Contains(g) ? Format.Percent(fits[g].At([Metrics.Months.Days(m)])[0].Survival) : Format.TooFew))));
            }
            int n1 = groups.Contains(IcpLabel) ? fits[IcpLabel].N : 0, n2 = groups.Contains(NonIcpLabel) ? fits[NonIcpLabel].N : 0;
            if (test is null || !groups.Contains(IcpLabel) || !groups.Contains(NonIcpLabel))
                return new Draft(id, title, unit, EffectKind.HazardRatio, n1, n2, Median(IcpLabel), Median(NonIcpLabel), double.NaN,
                    ConfidenceInterval.Undefined(0.95), double.NaN, double.NaN, ConfidenceInterval.Undefined(0.95),
                    $"no {unit} in the {(n1 == 0 ? IcpLabel : NonIcpLabel)} group", () => null, true, note);
            // The hazard ratio from the log-rank sums, (O1/E1) / (O2/E2), with se(log HR) = sqrt(1/E1 + 1/E2) (Kalbfleisch and
            // Prentice). Unlike Peto's one-step (O - E)/V it stays close to the Cox estimate when the groups differ a lot.
            var (g1, g2) = (test.Groups.First(g => g.Group == IcpLabel), test.Groups.First(g => g.Group == NonIcpLabel));
            var defined = g1.Observed > 0 && g2.Observed > 0 && g1.Expected > 0 && g2.Expected > 0;
            var logHr = defined ? Math.Log(g1.Observed / g1.Expected / (g2.Observed / g2.Expected)) : double.NaN;
            var se = defined ? Math.Sqrt(1 / g1.Expected + 1 / g2.Expected) : double.NaN;
            var z = Normal.InvCDF(0, 1, 0.975);
            var interval = new ConfidenceInterval(Math.Exp(logHr - z * se), Math.Exp(logHr + z * se), 0.95);
            var sign = eventIsGood ? 1 : -1;
            var unitLog = Math.Log(_o.MinHazardRatio);
            var scaled = Scale(interval, h => sign * Math.Log(h) / unitLog);
            var controlEvents = (double)g2.Observed / Math.Max(1, g2.N);
            return new Draft(id, title, unit, EffectKind.HazardRatio, n1, n2, Median(IcpLabel), Median(NonIcpLabel), Math.Exp(logHr), interval,
                test.PValue, sign * logHr / unitLog, scaled, test.Status == SurvivalStatus.Ok ? null : test.Reason,
                () => SurvivalSampleSize(Math.Exp(logHr), eventIsGood, controlEvents, n1, n2, SizeAlpha(id)), true, note)
            {
                Power = alpha => SurvivalPower(id, title, id == IcpOutcomes.Retention ? "churns" : "events", g1.Observed + g2.Observed, eventIsGood, Math.Exp(logHr), (double)n1 / Math.Max(1, n1 + n2), alpha),
            };
        }

        private Draft Nps(ValuesMeasure measure)
        {
            var (id, title) = (measure.Outcome.Id, measure.Outcome.Title);
            var icp = measure.ValuesOf(IcpLabel);
            var non = measure.ValuesOf(NonIcpLabel);
            var boot = Bootstrap.DifferenceOfMeans(icp, non, Boot());
            var test = MannWhitney.Test(icp, non);
            var scale = _o.MinNpsDifference;
            return new Draft(id, title, measure.Outcome.Unit, EffectKind.NpsDifference, icp.Length, non.Length,
                icp.Length == 0 ? Format.TooFew : Points(icp.Average()), non.Length == 0 ? Format.TooFew : Points(non.Average()),
                boot.Estimate, boot.Interval, test.PValue, boot.Estimate / scale, Scale(boot.Interval, v => v / scale),
                test.Check.IsSufficient ? null : test.Check.Reason, () => Noether(test, icp.Length, non.Length, SizeAlpha(id)), true, measure.Outcome.Note);
        }

        private Draft Ratio(ValuesMeasure measure)
        {
            var (id, title, unit, note) = (measure.Outcome.Id, measure.Outcome.Title, measure.Outcome.Unit, measure.Outcome.Note);
            var icp = measure.ValuesOf(IcpLabel);
            var non = measure.ValuesOf(NonIcpLabel);
            // The headline the outcome defines (the mean, or the median for amounts), rounded for reading.
            string Mean(double[] xs)
            {
                if (xs.Length == 0) return Format.TooFew;
                var v = measure.Statistic == ValueStatistic.Mean ? xs.Average() : MathNet.Numerics.Statistics.Statistics.Median(xs);
                return (measure.Statistic == ValueStatistic.Mean ? "mean " : "median ") + Format.Number(Math.Round(v, v >= 100 ? 0 : 1));
            }
            // Bootstrapping log(mean) makes the difference log(mean ICP / mean non-ICP): the interval of the ratio itself.
            var boot = Bootstrap.Difference(icp, non, LogMean, "log ratio of means", Boot());
            var test = MannWhitney.Test(icp, non);
            var unitLog = Math.Log(_o.MinRatio);
            var interval = boot.Interval.IsDefined && double.IsFinite(boot.Interval.Lower) && double.IsFinite(boot.Interval.Upper)
                ? new ConfidenceInterval(Math.Exp(boot.Interval.Lower), Math.Exp(boot.Interval.Upper), boot.Interval.Level)
                : ConfidenceInterval.Undefined(0.95);
            var ok = double.IsFinite(boot.Estimate);
            var reason = !test.Check.IsSufficient ? test.Check.Reason : !ok ? "a group's mean is zero" : null;
            return new Draft(id, title, unit, EffectKind.MeanRatio, icp.Length, non.Length, Mean(icp), Mean(non),
                ok ? Math.Exp(boot.Estimate) : double.NaN, interval, reason is null ? test.PValue : double.NaN,
                ok ? boot.Estimate / unitLog : double.NaN, Scale(interval, r => Math.Log(r) / unitLog), reason,
                () => Noether(test, icp.Length, non.Length, SizeAlpha(id)), true, note);
        }

        /// <summary>
        /// A figure per group with bootstrap replicates (lifetime value, CAC payback, net revenue retention), compared as the
        /// ratio ICP over non-ICP: the interval from the replicates' ratios (percentile), the p-value from the normal test on
        /// log(ratio) with the replicates' standard error (finer than counting replicates beyond 1 in a thousand resamples).
        /// </summary>
        private Draft Estimates(EstimateMeasure measure)
        {
            var o = measure.Outcome;
            var (icp, non) = (measure.EstimateOf(IcpLabel), measure.EstimateOf(NonIcpLabel));
            int n1 = icp?.N ?? 0, n2 = non?.N ?? 0;
            string Show(ValueEstimate? g) => g is { N: > 0 } && double.IsFinite(g.Estimate) ? measure.Show(g.Estimate) : Format.TooFew;
            Draft Undecided(string why) => new(o.Id, o.Title, o.Unit, o.Kind, n1, n2, Show(icp), Show(non), double.NaN, ConfidenceInterval.Undefined(0.95),
                double.NaN, double.NaN, ConfidenceInterval.Undefined(0.95), why, () => null, true, o.Note);
            if (icp is null || non is null || n1 == 0 || n2 == 0)
                return Undecided($"no {o.Unit} in the {(n1 == 0 ? IcpLabel : NonIcpLabel)} group");
            if (!(icp.Estimate > 0 && non.Estimate > 0 && double.IsFinite(icp.Estimate) && double.IsFinite(non.Estimate)))
                return Undecided("a group's figure is zero or cannot be estimated");
            var check = SampleGuard.Default.CheckGroupSizes(n1, n2);
            if (!check.IsSufficient) return Undecided(check.Reason!);
            var logs = icp.Replicates.Zip(non.Replicates, (a, b) => a > 0 && b > 0 ? Math.Log(a / b) : double.NaN).Where(double.IsFinite).ToArray();
            if (logs.Length < 0.95 * Math.Max(icp.Replicates.Length, 1))
                return Undecided("too few resamples give both groups a figure: the groups are too small to compare");
            Array.Sort(logs);
            var logRatio = Math.Log(icp.Estimate / non.Estimate);
            var se = MathNet.Numerics.Statistics.ArrayStatistics.StandardDeviation(logs);
            var p = se > 0 ? 2 * Normal.CDF(0, 1, -Math.Abs(logRatio) / se) : double.NaN;
            var interval = new ConfidenceInterval(
                Math.Exp(MathNet.Numerics.Statistics.SortedArrayStatistics.QuantileCustom(logs, 0.025, MathNet.Numerics.Statistics.QuantileDefinition.R7)),
                Math.Exp(MathNet.Numerics.Statistics.SortedArrayStatistics.QuantileCustom(logs, 0.975, MathNet.Numerics.Statistics.QuantileDefinition.R7)), 0.95);
            // Less is better for payback: the scaled effect then counts a shorter payback as the ICP doing better.
            var sign = measure.HigherIsBetter ? 1 : -1;
            var unitLog = Math.Log(_o.MinRatio);
            return new Draft(o.Id, o.Title, o.Unit, o.Kind, n1, n2, Show(icp), Show(non), Math.Exp(logRatio), interval, p,
                sign * logRatio / unitLog, Scale(interval, r => sign * Math.Log(r) / unitLog), double.IsNaN(p) ? "the resamples do not vary" : null,
                () => null, true, o.Note);
        }

        // ---- sample sizes: how much more data a "not proven yet" needs --------------------------------------

        /// <summary>Units needed (ICP, non-ICP) to detect the observed difference, or the minimum one if that is smaller.</summary>
        private (double Icp, double Non)? RateSampleSize(TwoProportionTest test, double alpha, double designEffect = 1)
        {
            var baseline = Math.Clamp(test.Rate2, 0.01, 0.99);
            var d = test.Difference >= _o.MinRateDifference ? test.Difference : _o.MinRateDifference;
            var target = Math.Min(0.999, baseline + d);
            var perGroup = ProportionPower.SampleSize(baseline, target, alpha, _o.Power).NPerGroup * designEffect;
            // With allocation k = n1/n2 the variance 1/n1 + 1/n2 equals the equal-groups 2/n when n1 = n(1 + k)/2.
            var k = Math.Max(1.0, test.N1) / Math.Max(1.0, test.N2);
            var icp = perGroup * (1 + k) / 2;
            return (icp, icp / k);
        }

        private (double Icp, double Non)? SurvivalSampleSize(double hr, bool eventIsGood, double controlEvents, int n1, int n2, double alpha)
        {
            var better = eventIsGood ? hr >= _o.MinHazardRatio : hr <= 1 / _o.MinHazardRatio;
            var target = better ? hr : eventIsGood ? _o.MinHazardRatio : 1 / _o.MinHazardRatio;
            var size = LogRankSampleSize.Compute(target, Math.Clamp(controlEvents, 0.01, 1), alpha, _o.Power,
                allocationRatio: Math.Max(1.0, n1) / Math.Max(1.0, n2));
            return (size.TreatmentSubjects, size.ControlSubjects);
        }

        // Power is stated at the minimum effect that matters, fixed before the data are seen: power at the observed effect
        // ("post-hoc power") only restates the p-value.

        /// <summary>Power of the two-proportion test (R's power.prop.test) at the minimum difference, with the observed
        /// allocation folded into an equivalent per-group size 2 n1 n2 / (n1 + n2), and the units a test at the configured
        /// power needs at the same allocation.</summary>
        private PrimaryPower RatePower(string id, string title, string unit, TwoProportionTest test, double alpha, double designEffect = 1)
        {
            var p2 = Math.Clamp(test.Rate2, 0.01, 0.99);
            double n1 = Math.Max(1, test.N1), n2 = Math.Max(1, test.N2), k = n1 / n2;
            // With allocation k = n1/n2 the variance 1/n1 + 1/n2 equals the equal-groups 2/n when n1 = n(1 + k)/2.
            // Clustered units count for less: n / design effect independent ones.
            int Needed(double d) => (int)Math.Ceiling(ProportionPower.SampleSize(p2, Math.Min(0.999, p2 + d), alpha, _o.Power).NPerGroup * (1 + k) / 2 * (1 + 1 / k) * designEffect);
            var d = _o.MinRateDifference;
            var power = ProportionPower.PowerAt(2 * n1 * n2 / (n1 + n2) / designEffect, p2, Math.Min(0.999, p2 + d), alpha).Power;
            bool better = test.Difference > 0 && p2 + test.Difference < 0.999;
            return new PrimaryPower(id, title, unit, test.N1 + test.N2, power, Needed(d), alpha, _o.Power,
                string.Create(CultureInfo.InvariantCulture, $"{d * 100:0.#} points"))
            {
                Observed = better ? string.Create(CultureInfo.InvariantCulture, $"{test.Difference * 100:0.#} points") : null,
                ObservedNeeded = better ? Needed(test.Difference) : null,
            };
        }

        /// <summary>Schoenfeld's power of the log-rank test from the events seen, at the minimum hazard ratio, and the
        /// events it needs for the configured power (<see cref="LogRankSampleSize"/>).</summary>
        private PrimaryPower SurvivalPower(string id, string title, string events, int seen, bool eventIsGood, double observedHr, double share, double alpha)
        {
            var q = Math.Clamp(share, 0.01, 0.99);
            var k = q / (1 - q);
            int Needed(double h) => LogRankSampleSize.Compute(h, 1, alpha, _o.Power, k).EventsRequired;
            var hr = eventIsGood ? _o.MinHazardRatio : 1 / _o.MinHazardRatio;
            bool better = double.IsFinite(observedHr) && observedHr > 0 && (eventIsGood ? observedHr > 1 : observedHr < 1);
            return new PrimaryPower(id, title, events, seen, LogRankSampleSize.PowerAt(seen, hr, alpha, k), Needed(hr), alpha, _o.Power,
                string.Create(CultureInfo.InvariantCulture, $"a hazard ratio of {hr:0.##}"))
            {
                Observed = better ? string.Create(CultureInfo.InvariantCulture, $"{observedHr:0.##}") : null,
                ObservedNeeded = better ? Needed(observedHr) : null,
            };
        }

        /// <summary>
        /// Noether's (1987) total size for a Mann-Whitney test: N = (z_a + z_b)^2 / (12 c (1 - c) (P - 1/2)^2), c the ICP
        /// share, P = P(ICP value above non-ICP value): the observed P when it favours the ICP by more than a small effect,
        /// else the small effect itself (Cohen's d = 0.2, P = 0.556).
        /// </summary>
        private (double Icp, double Non)? Noether(MannWhitneyResult test, int n1, int n2, double alpha)
        {
            const double smallEffect = 0.556;
            var p = double.IsNaN(test.CommonLanguage) || test.CommonLanguage < smallEffect ? smallEffect : test.CommonLanguage;
            var c = Math.Clamp((double)Math.Max(1, n1) / Math.Max(2, n1 + n2), 0.01, 0.99);
            var z = Normal.InvCDF(0, 1, 1 - alpha / 2) + Normal.InvCDF(0, 1, _o.Power);
            var total = z * z / (12 * c * (1 - c) * (p - 0.5) * (p - 0.5));
            return (c * total, (1 - c) * total);
        }

        // ---- verdicts ------------------------------------------------------------------------------------

        private OutcomeComparison Finish(Draft d, double adjustedP)
        {
            var primary = _o.PrimaryOutcomes.Contains(d.Id);
            var verdict = Verdicts.Decide(d.Measurable, adjustedP, d.Scaled, d.ScaledInterval.Lower, d.ScaledInterval.Upper, _o.Alpha);
            int? more = null, moreAccounts = null;
            if (verdict == Verdict.NotProvenYet && d.SampleSize() is { } need)
            {
                var moreIcp = Math.Max(0, (int)Math.Ceiling(need.Icp - d.NIcp - 1e-9));
                var moreNon = Math.Max(0, (int)Math.Ceiling(need.Non - d.NNonIcp - 1e-9));
                more = moreIcp + moreNon;
                // Units per account as observed: e.g. 160 ICP accounts gave 150 closed deals.
                moreAccounts = (int)Math.Ceiling(moreIcp * (double)Math.Max(1, _icpAccounts) / Math.Max(1, d.NIcp)
                    + moreNon * (double)Math.Max(1, _nonAccounts) / Math.Max(1, d.NNonIcp));
            }
            var reason = Reason(d, verdict, adjustedP, more, moreAccounts);
            return new OutcomeComparison(d.Id, d.Title, d.Unit, d.Kind, primary, d.NIcp, d.NNonIcp, d.IcpValue, d.NonIcpValue,
                d.Effect, d.Interval, d.P, adjustedP, d.Scaled, d.ScaledInterval, verdict, reason, more, moreAccounts, d.Note);
        }

        private string MinimumText(EffectKind kind) => kind switch
        {
            EffectKind.RateDifference => string.Create(CultureInfo.InvariantCulture, $"{_o.MinRateDifference * 100:0.#} points"),
            EffectKind.HazardRatio => string.Create(CultureInfo.InvariantCulture, $"a hazard ratio of {_o.MinHazardRatio:0.##} (or 1/{_o.MinHazardRatio:0.##})"),
            EffectKind.MeanRatio => string.Create(CultureInfo.InvariantCulture, $"{(_o.MinRatio - 1) * 100:0.#}%"),
            EffectKind.MedianRatio => string.Create(CultureInfo.InvariantCulture, $"{(1 - 1 / _o.MinRatio) * 100:0.#}% (shorter median)"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{_o.MinNpsDifference:0.#} NPS points"),
        };

        private string Reason(Draft d, Verdict verdict, double adjustedP, int? more, int? moreAccounts)
        {
            var p = $"adjusted p {Format.P(adjustedP)} ({(_o.Adjustment == PAdjustMethod.Holm ? "Holm" : "BH")})";
            return verdict switch
            {
                Verdict.NotMeasurable => d.Why ?? "not measurable",
                Verdict.Holds => $"better for the ICP by more than {MinimumText(d.Kind)}; {p}",
                Verdict.Wrong => $"worse for the ICP; {p}",
                Verdict.TooBroad when adjustedP < _o.Alpha => $"better, but by less than the {MinimumText(d.Kind)} that matters; {p}",
                Verdict.TooBroad => $"no difference that matters: the interval lies within {MinimumText(d.Kind)} either way; {p}",
                _ => (d.Why ?? $"not significant, {p}") + (more switch
                {
                    0 => "; the sample is about the size a single test would need: the adjustment across outcomes asks for a little more",
                    { } m => string.Create(CultureInfo.InvariantCulture, $"; about {m} more {d.Unit} needed (~{moreAccounts} more accounts) at power {_o.Power:0.##}"),
                    _ => "",
                }),
            };
        }

        private string OverallReason(Verdict overall, double coverage, List<OutcomeComparison> primaries)
        {
            var names = string.Join(" and ", primaries.Select(x => x.Title));
            var cov = string.Create(CultureInfo.InvariantCulture, $"covers {Format.Count(_icpAccounts)} of {Format.Count(_export.Accounts.Length)} accounts ({Format.Percent(coverage)})");
            return overall switch
            {
                Verdict.TooBroad when coverage > _o.MaxCoverage =>
                    $"{cov}, more than the {Format.Percent(_o.MaxCoverage)} an ICP may cover: it does not single anyone out",
                Verdict.TooBroad when Verdicts.TooSmall(primaries).ToList() is { Count: > 0 } small =>
                    $"{cov}, but the ICP accounts differ too little on {string.Join(" and ", small.Select(x => x.Title))} to matter, and more data would not change that",
                Verdict.TooBroad => $"{cov}, but the ICP accounts differ too little on {names} to matter",
                Verdict.Wrong => $"{cov}; ICP accounts do worse on {string.Join(" and ", primaries.Where(x => x.Verdict == Verdict.Wrong).Select(x => x.Title))}",
                Verdict.Holds => string.Create(CultureInfo.InvariantCulture, $"{cov}; better on {names}, each on its own one-sided test at {_o.Alpha:0.##} (all of them must be, so no adjustment among them is needed)"),
                _ => $"{cov}; not enough evidence yet on {string.Join(" and ", primaries.Where(x => x.Verdict is Verdict.NotProvenYet or Verdict.NotMeasurable).Select(x => x.Title))}",
            };
        }

        private static int? MoreAccounts(Verdict overall, List<OutcomeComparison> primaries) =>
            overall == Verdict.NotProvenYet ? primaries.Select(x => x.MoreAccountsNeeded).Max() : null;

        private BootstrapOptions Boot() => new() { Resamples = _o.BootstrapResamples, Seed = _o.Seed };
    }

    private static double LogMean(double[] xs) => Math.Log(xs.Average());

    private static string Points(double nps) => string.Create(CultureInfo.InvariantCulture, $"NPS {nps:0}");

    private static ConfidenceInterval Scale(ConfidenceInterval ci, Func<double, double> f)
    {
        if (!ci.IsDefined) return ConfidenceInterval.Undefined(ci.Level);
        double a = f(ci.Lower), b = f(ci.Upper);
        return new ConfidenceInterval(Math.Min(a, b), Math.Max(a, b), ci.Level);
    }

    /// <summary>An outcome compared, before p-values are adjusted across outcomes.</summary>
    private sealed record Draft(string Id, string Title, string Unit, EffectKind Kind, int NIcp, int NNonIcp, string IcpValue, string NonIcpValue,
        double Effect, ConfidenceInterval Interval, double P, double Scaled, ConfidenceInterval ScaledInterval, string? Why,
        Func<(double Icp, double Non)?> SampleSize, bool Measurable, string? Note)
    {
        /// <summary>Power at a given alpha, for outcomes whose test has a power formula (rates and log-rank).</summary>
        public Func<double, PrimaryPower>? Power { get; init; }

        public static Draft NotMeasurable(string id, string title, string unit, EffectKind kind, string why) =>
            new(id, title, unit, kind, 0, 0, "not measurable", "not measurable", double.NaN, ConfidenceInterval.Undefined(0.95), double.NaN, double.NaN,
                ConfidenceInterval.Undefined(0.95), why, () => null, false, null);
    }
}
