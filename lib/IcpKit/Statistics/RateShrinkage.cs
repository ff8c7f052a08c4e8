using IcpKit.Rendering;
using System.Globalization;
using System.Text;
using MathNet.Numerics;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using Microsoft.Data.Analysis;

namespace IcpKit.Statistics;

/// <summary>
/// Empirical-Bayes beta-binomial shrinkage: pulls many segment rates toward the overall rate in
/// proportion to how little data each segment has, so 3 of 3 does not outrank 80 of 100.
/// </summary>
public static class RateShrinkage
{
    /// <summary>Largest prior strength alpha + beta the fit may reach; at this bound every segment is pooled.</summary>
    public const double MaxPriorStrength = 1e7;

    /// <summary>
    /// Fits a Beta(alpha, beta) prior to the segment rates by maximum marginal likelihood and returns each
    /// segment's posterior mean (the shrunk rate) with its equal-tailed credible interval.
    /// </summary>
    /// <remarks>
    /// The prior maximises the beta-binomial marginal likelihood Σ log B(x + α, n - x + β) - log B(α, β)
    /// (preferred to the method of moments, which ignores that small segments are noisier), found with
    /// MathNet's bounded BFGS over (logit of the prior mean, log of α + β) with the analytic gradient
    /// (digamma). Each segment's shrunk rate (x + α) / (n + α + β) lies between its raw rate and the prior
    /// mean α / (α + β), which plays the role of the overall rate (the pooled rate is reported alongside).
    /// When the segments vary no more than binomial noise, α + β runs to <see cref="MaxPriorStrength"/>
    /// and every segment shrinks to the overall rate. When no segment has any success (or any failure)
    /// there is nothing to fit and the Jeffreys prior Beta(0.5, 0.5) is used instead, as <see cref="ShrinkageResult.Fit"/> says.
    /// Example: among segments near 30%, 3 of 3 shrinks to about 44% while 80 of 100 stays near 75%.
    /// Edge case: when segments are all-or-nothing the fitted prior can have alpha or beta far below 1; a
    /// posterior such as Beta(339611, 0.0003) is so skewed that its equal-tailed interval [1, 1] excludes its
    /// mean 1 - 1e-9. Such a prior says "rates are either 0 or 1", which real win rates rarely are.
    /// </remarks>
    /// <param name="segments">At least two segments with trials.</param>
    /// <param name="credibleLevel">Level of each segment's credible interval.</param>
    public static ShrinkageResult Fit(IEnumerable<SegmentCount> segments, double credibleLevel = 0.95)
    {
        ArgumentNullException.ThrowIfNull(segments);
        Fmt.CheckLevel(credibleLevel, nameof(credibleLevel));
        var segs = segments.ToArray();
        var (alpha, beta, pooled, fit) = FitPrior(segs);

        var lowerQ = (1 - credibleLevel) / 2;
        var rows = segs.Select(s =>
        {
            double a = alpha + s.Successes, b = beta + s.Trials - s.Successes;
            var interval = new ConfidenceInterval(Beta.InvCDF(a, b, lowerQ), Beta.InvCDF(a, b, 1 - lowerQ), credibleLevel);
            return new ShrunkRate(s.Segment, s.Successes, s.Trials,
                s.Trials == 0 ? double.NaN : (double)s.Successes / s.Trials, a / (a + b), interval);
        }).ToArray();
        return new ShrinkageResult(alpha, beta, pooled, rows, fit);
    }

    /// <summary>
    /// The prior of <see cref="Fit"/> alone, without the per-segment credible intervals (whose quantiles cost far more
    /// than the fit): for callers that shrink thousands of segments, e.g. the ICP candidate search.
    /// </summary>
    /// <param name="segments">At least two segments with trials.</param>
    public static BetaPrior FitPrior(IEnumerable<SegmentCount> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var segs = segments.ToArray();
        foreach (var s in segs) s.ThrowIfInvalid(nameof(segments));
        var used = segs.Where(s => s.Trials > 0).ToArray();
        if (used.Length < 2) throw new ArgumentException("Shrinkage needs at least two segments with trials.", nameof(segments));

        long totalX = used.Sum(s => (long)s.Successes), totalN = used.Sum(s => (long)s.Trials);
        var pooled = (double)totalX / totalN;
        if (totalX == 0 || totalX == totalN)
            return new BetaPrior(0.5, 0.5, pooled, "Jeffreys prior Beta(0.5, 0.5): every segment has the same all-or-nothing outcome");
        var (alpha, beta) = MaximumMarginalLikelihood(used, pooled);
        return new BetaPrior(alpha, beta, pooled, alpha + beta >= MaxPriorStrength * 0.999
            ? "maximum marginal likelihood; no excess variation between segments, so all are pooled"
            : "maximum marginal likelihood (beta-binomial)");
    }

    private static (double Alpha, double Beta) MaximumMarginalLikelihood(SegmentCount[] segs, double pooled)
    {
        double NegLogLik(Vector<double> t) => NegativeLogLikelihood(segs, t);
        Vector<double> Gradient(Vector<double> t)
        {
            var (a, b) = Ab(t);
            double s = a + b, mu = a / s, da = 0, db = 0;
            double psiA = SpecialFunctions.DiGamma(a), psiB = SpecialFunctions.DiGamma(b), psiS = SpecialFunctions.DiGamma(s);
            foreach (var g in segs)
            {
                var psiN = SpecialFunctions.DiGamma(g.Trials + s);
                da += SpecialFunctions.DiGamma(g.Successes + a) - psiN - psiA + psiS;
                db += SpecialFunctions.DiGamma(g.Trials - g.Successes + b) - psiN - psiB + psiS;
            }
            // Chain rule: da/dlogit = s mu (1 - mu) = -db/dlogit; da/dlogs = a, db/dlogs = b.
            var w = s * mu * (1 - mu);
            return Vector<double>.Build.Dense([-(da - db) * w, -(da * a + db * b)]);
        }

        var start = Vector<double>.Build.Dense([Math.Log(pooled / (1 - pooled)), Math.Log(MomentStrength(segs, pooled))]);
        var objective = ObjectiveFunction.Gradient(NegLogLik, Gradient);
        try
        {
            var result = new BfgsBMinimizer(1e-11, 1e-14, 1e-15, 10_000).FindMinimum(objective,
                Vector<double>.Build.Dense([-LogitBound, MinLogStrength]), Vector<double>.Build.Dense([LogitBound, MaxLogStrength]), start);
            return Ab(result.MinimizingPoint);
        }
        catch (Exception e) when (e is MaximumIterationsException or ArgumentException)
        {
            // When segments vary no more than binomial noise the likelihood keeps rising, ever more slowly, towards the
            // strength bound: BFGS-B can run out of iterations crawling along it, or lose the positive-definite update it
            // factors (nine segments of 3-12 deals, 14 wins of 59, did). The profile likelihood over the strength, the
            // mean fitted at each, is then maximised directly: a grid on log strength, refined around its best point.
            return MaximumByProfile(segs, pooled);
        }
    }

    /// <summary>
    /// The maximum of the likelihood by its profile over log strength: for each strength the mean (logit) minimising
    /// the beta-binomial negative log-likelihood by golden section, over a grid of log strengths, then golden section on the profile
    /// between the best grid point's neighbours.
    /// </summary>
    internal static (double Alpha, double Beta) MaximumByProfile(SegmentCount[] segs, double pooled)
    {
        double MeanAt(double logS) => GoldenSection(m => NegativeLogLikelihood(segs, Vector<double>.Build.Dense([m, logS])), -LogitBound, LogitBound);
        double Profile(double logS) => NegativeLogLikelihood(segs, Vector<double>.Build.Dense([MeanAt(logS), logS]));
        const int Grid = 48;
        var points = Enumerable.Range(0, Grid + 1).Select(k => MinLogStrength + (MaxLogStrength - MinLogStrength) * k / Grid).ToArray();
        var values = points.Select(Profile).ToArray();
        var best = Array.IndexOf(values, values.Min());
        // Rising to the strength bound: every segment pooled, whose mean is the pooled rate (the binomial maximum).
        if (best == Grid) return Ab(Vector<double>.Build.Dense([Math.Log(pooled / (1 - pooled)), MaxLogStrength]));
        var logS = GoldenSection(Profile, points[Math.Max(0, best - 1)], points[best + 1]);
        if (values[best] < Profile(logS)) logS = points[best];
        return Ab(Vector<double>.Build.Dense([MeanAt(logS), logS]));
    }

    // The search space: theta = (logit mu, log s) with a = mu s, b = (1 - mu) s.
    private const double LogitBound = 30;
    private static readonly double MinLogStrength = Math.Log(1e-3), MaxLogStrength = Math.Log(MaxPriorStrength);

    /// <summary>The beta-binomial negative log-likelihood of the segments at theta = (logit mu, log s), constants dropped.</summary>
    private static double NegativeLogLikelihood(SegmentCount[] segs, Vector<double> t)
    {
        var (a, b) = Ab(t);
        var lbAb = SpecialFunctions.BetaLn(a, b);
        double ll = 0;
        foreach (var s in segs) ll += SpecialFunctions.BetaLn(s.Successes + a, s.Trials - s.Successes + b) - lbAb;
        return -ll;
    }

    /// <summary>Golden-section search for the minimum of a unimodal <paramref name="f"/> on [a, b], never leaving it.</summary>
    /// <remarks>Not MathNet's GoldenSectionMinimizer: it widens the interval when an end is lower than its middle, and throws
    /// when that still brackets nothing, so a profile rising to the strength bound (the pooled case this serves) would step
    /// outside the search space.</remarks>
    private static double GoldenSection(Func<double, double> f, double a, double b)
    {
        var r = (Math.Sqrt(5) - 1) / 2;
        double c = b - r * (b - a), d = a + r * (b - a), fc = f(c), fd = f(d);
        while (b - a > 1e-9 * (1 + Math.Abs(a) + Math.Abs(b)))
        {
            if (fc < fd) { b = d; d = c; fd = fc; c = b - r * (b - a); fc = f(c); }
            else { a = c; c = d; fc = fd; d = a + r * (b - a); fd = f(d); }
        }
        return (a + b) / 2;
    }

    private static (double A, double B) Ab(Vector<double> t)
    {
        var mu = 1 / (1 + Math.Exp(-t[0]));
        var s = Math.Exp(t[1]);
        return (mu * s, (1 - mu) * s);
    }

    /// <summary>Method-of-moments prior strength, used only as the optimiser's starting point.</summary>
    private static double MomentStrength(SegmentCount[] segs, double pooled)
    {
        var rates = segs.Select(s => (double)s.Successes / s.Trials).ToArray();
        var mean = rates.Average();
        var variance = rates.Sum(r => (r - mean) * (r - mean)) / Math.Max(1, rates.Length - 1);
        var meanN = segs.Average(s => (double)s.Trials);
        var binomial = pooled * (1 - pooled);
        // Var(rate) = mu(1-mu) [rho + (1 - rho)/n], rho = 1/(s + 1).
        var rho = (variance / binomial - 1 / meanN) / (1 - 1 / meanN);
        return Math.Clamp(1 / Math.Max(rho, 1e-9) - 1, 1, MaxPriorStrength / 10);
    }
}

/// <summary>A fitted Beta(alpha, beta) prior of segment rates.</summary>
/// <param name="Alpha">Prior alpha.</param>
/// <param name="Beta">Prior beta.</param>
/// <param name="PooledRate">Total successes / total trials of the segments it was fitted on.</param>
/// <param name="Fit">How it was obtained, in words.</param>
public sealed record BetaPrior(double Alpha, double Beta, double PooledRate, string Fit)
{
    /// <summary>The shrunk rate (posterior mean) of <paramref name="successes"/> of <paramref name="trials"/>.</summary>
    public double Shrink(int successes, int trials) => (successes + Alpha) / (trials + Alpha + Beta);

    /// <summary>The same strength α + β centred on <paramref name="mean"/>: every shrunk rate then lies between the raw rate
    /// and <paramref name="mean"/>, whatever segments the strength was fitted on.</summary>
    /// <remarks>For overlapping or nested segments (candidate ICPs) the fitted prior mean is not the overall rate, and a
    /// posterior mean pulled toward it can land outside the range between a segment's raw rate and the overall rate.</remarks>
    /// <param name="mean">The rate to shrink toward, in (0, 1).</param>
    public BetaPrior CenteredOn(double mean)
    {
        if (!(mean > 0 && mean < 1)) throw new ArgumentOutOfRangeException(nameof(mean), mean, "a rate strictly between 0 and 1.");
        var strength = Alpha + Beta;
        return new BetaPrior(mean * strength, (1 - mean) * strength, PooledRate,
            Fit + string.Create(CultureInfo.InvariantCulture, $"; strength {strength:G4} centred on {mean:G4}"));
    }
}

/// <summary>One segment's raw and shrunk rate.</summary>
/// <param name="Segment">Segment name.</param>
/// <param name="Successes">Successes.</param>
/// <param name="N">Trials.</param>
/// <param name="RawRate">Successes / N (NaN when N is 0).</param>
/// <param name="Shrunk">Posterior mean (Successes + alpha) / (N + alpha + beta).</param>
/// <param name="Interval">Equal-tailed credible interval of the posterior Beta(alpha + x, beta + n - x).</param>
public sealed record ShrunkRate(string Segment, int Successes, int N, double RawRate, double Shrunk, ConfidenceInterval Interval);

/// <summary>Result of empirical-Bayes shrinkage of segment rates.</summary>
/// <param name="Alpha">Fitted prior alpha.</param>
/// <param name="Beta">Fitted prior beta.</param>
/// <param name="PooledRate">Total successes / total trials.</param>
/// <param name="Segments">Segments in input order.</param>
/// <param name="Fit">How the prior was obtained, in words.</param>
public sealed partial record ShrinkageResult(double Alpha, double Beta, double PooledRate, IReadOnlyList<ShrunkRate> Segments, string Fit)
{
    /// <summary>Prior mean alpha / (alpha + beta): the overall rate every segment is pulled toward.</summary>
    public double PriorMean => Alpha / (Alpha + Beta);

    /// <summary>Prior strength alpha + beta, in "pseudo-trials": a segment with this many trials moves halfway.</summary>
    public double PriorStrength => Alpha + Beta;

    /// <summary>Total trials over all segments.</summary>
    public int N => Segments.Sum(s => s.N);

    /// <summary>Segments ordered by shrunk rate, highest first (ties by more trials first).</summary>
    public IReadOnlyList<ShrunkRate> Ranked => Segments.OrderByDescending(s => s.Shrunk).ThenByDescending(s => s.N).ToArray();

    /// <summary>One row per segment: segment, successes, n, raw rate, shrunk rate, lower, upper.</summary>
    public DataFrame Summary => new(
        new StringDataFrameColumn("segment", Segments.Select(s => s.Segment)),
        new Int32DataFrameColumn("successes", Segments.Select(s => s.Successes)),
        new Int32DataFrameColumn("n", Segments.Select(s => s.N)),
        new DoubleDataFrameColumn("raw_rate", Segments.Select(s => s.RawRate)),
        new DoubleDataFrameColumn("shrunk_rate", Segments.Select(s => s.Shrunk)),
        new DoubleDataFrameColumn("lower", Segments.Select(s => s.Interval.Lower)),
        new DoubleDataFrameColumn("upper", Segments.Select(s => s.Interval.Upper)));

    /// <summary>The prior, then one line per segment ranked by shrunk rate.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture,
            $"Beta-binomial shrinkage: prior Beta({Format.Number(Alpha)}, {Format.Number(Beta)}), mean {Format.Percent(PriorMean)}, pooled {Format.Percent(PooledRate)}, n = {N} ({Fit})\n");
        foreach (var s in Ranked)
            sb.Append(CultureInfo.InvariantCulture,
                $"  {s.Segment,-20} {s.Successes,6}/{s.N,-6} raw {Format.Percent(s.RawRate),6}  shrunk {Format.Percent(s.Shrunk),6} [{Format.Percent(s.Interval.Lower)}, {Format.Percent(s.Interval.Upper)}]\n");
        return sb.ToString().TrimEnd('\n');
    }
}
