using IcpKit.Rendering;
using System.Globalization;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.RootFinding;
using Microsoft.Data.Analysis;

namespace IcpKit.Statistics;

/// <summary>Fisher's exact test of a 2x2 table, as R's <c>fisher.test</c> computes it.</summary>
public static class FisherExact
{
    /// <summary>
    /// Two-sided Fisher's exact test of the table [[a, b], [c, d]] (rows are groups, columns are
    /// success/failure), with the conditional maximum-likelihood odds ratio and its exact interval.
    /// </summary>
    /// <remarks>
    /// The p-value sums the hypergeometric probabilities not larger than the observed table's, with R's
    /// relative tolerance 1e-7. The odds ratio is the conditional MLE (not ad/bc): the root of
    /// E[a | odds ratio] = a under the noncentral hypergeometric distribution; the interval inverts its
    /// tails at (1 - confidence)/2. Roots are found in log odds with MathNet's Brent solver to 1e-12, so
    /// they are tighter than R's (its uniroot stops at about 1e-4). A zero cell gives an estimate of 0 or
    /// infinity: [[0, 6], [5, 2]] has estimate 0 and interval [0, 0.8258].
    /// </remarks>
    /// <param name="a">Group 1 successes.</param>
    /// <param name="b">Group 1 failures.</param>
    /// <param name="c">Group 2 successes.</param>
    /// <param name="d">Group 2 failures.</param>
    /// <param name="confidence">Level of the odds-ratio interval.</param>
    /// <param name="guard">Checks each group (row) has <see cref="SampleGuard.MinGroupSize"/> observations; default when null.</param>
    public static FisherExactResult Test(int a, int b, int c, int d, double confidence = 0.95, SampleGuard? guard = null)
    {
        if (a < 0 || b < 0 || c < 0 || d < 0) throw new ArgumentOutOfRangeException(nameof(a), "Cell counts must be non-negative.");
        Fmt.CheckLevel(confidence, nameof(confidence));
        var check = (guard ?? SampleGuard.Default).CheckGroupSizes(a + b, c + d);

        var table = new NoncentralHypergeometric(a, b, c, d);
        double pValue = double.NaN, estimate = table.ConditionalMle();
        var alpha = (1 - confidence) / 2;
        var interval = new ConfidenceInterval(table.LowerLimit(alpha), table.UpperLimit(alpha), confidence);
        if (check.IsSufficient) pValue = table.TwoSidedPValue();
        return new FisherExactResult(a, b, c, d, estimate, interval, pValue, check);
    }

    /// <summary>Same as <see cref="Test"/> from counts: x1 of n1 against x2 of n2.</summary>
    public static FisherExactResult FromCounts(int successes1, int trials1, int successes2, int trials2,
        double confidence = 0.95, SampleGuard? guard = null)
    {
        Proportions.CheckCounts(successes1, trials1, nameof(successes1));
        Proportions.CheckCounts(successes2, trials2, nameof(successes2));
        return Test(successes1, trials1 - successes1, successes2, trials2 - successes2, confidence, guard);
    }

    /// <summary>The distribution of the top-left cell given the margins, for any odds ratio.</summary>
    private sealed class NoncentralHypergeometric
    {
        private readonly int _x, _lo, _hi;
        private readonly double[] _logCentral; // log P(cell = lo + i) under odds ratio 1

        public NoncentralHypergeometric(int a, int b, int c, int d)
        {
            int m = a + c, n = b + d, k = a + b;
            _x = a;
            _lo = Math.Max(0, k - n);
            _hi = Math.Min(k, m);
            _logCentral = new double[_hi - _lo + 1];
            for (var i = 0; i < _logCentral.Length; i++)
                _logCentral[i] = Hypergeometric.PMFLn(m + n, m, k, _lo + i);
        }

        /// <summary>Probabilities over the support lo..hi at log odds ratio <paramref name="logOr"/>.</summary>
        private double[] Density(double logOr)
        {
            var d = new double[_logCentral.Length];
            var max = double.NegativeInfinity;
            for (var i = 0; i < d.Length; i++) max = Math.Max(max, d[i] = _logCentral[i] + logOr * (_lo + i));
            double sum = 0;
            for (var i = 0; i < d.Length; i++) sum += d[i] = Math.Exp(d[i] - max);
            for (var i = 0; i < d.Length; i++) d[i] /= sum;
            return d;
        }

        private double Mean(double logOr)
        {
            var d = Density(logOr);
            double mean = 0;
            for (var i = 0; i < d.Length; i++) mean += (_lo + i) * d[i];
            return mean;
        }

        /// <summary>P(cell &lt;= x) or, upper, P(cell &gt;= x).</summary>
        private double Tail(double logOr, bool upper)
        {
            var d = Density(logOr);
            double s = 0;
            for (var i = 0; i < d.Length; i++)
                if (upper ? _lo + i >= _x : _lo + i <= _x) s += d[i];
            return s;
        }

        public double TwoSidedPValue()
        {
            var d = Density(0);
            var cutoff = d[_x - _lo] * (1 + 1e-7);
            return Math.Min(1, d.Where(p => p <= cutoff).Sum());
        }

        public double ConditionalMle() =>
            _x == _lo ? 0 : _x == _hi ? double.PositiveInfinity : SolveLogOr(t => Mean(t) - _x);

        public double UpperLimit(double alpha) =>
            _x == _hi ? double.PositiveInfinity : SolveLogOr(t => alpha - Tail(t, upper: false));

        public double LowerLimit(double alpha) =>
            _x == _lo ? 0 : SolveLogOr(t => Tail(t, upper: true) - alpha);

        /// <summary>Root of an increasing function of the log odds ratio, returned as an odds ratio.</summary>
        /// <remarks>
        /// The bracket is widened on the side the sign asks for (MathNet's symmetric FindRootExpand can widen the
        /// wrong side when f is nearly flat at both ends, e.g. [[54, 1], [4, 45]]); then Brent refines it.
        /// </remarks>
        private static double SolveLogOr(Func<double, double> f)
        {
            double lo = -1, hi = 1;
            while (f(hi) < 0 && hi < 700) { lo = hi; hi *= 2; }
            while (f(lo) > 0 && lo > -700) { hi = lo; lo *= 2; }
            return Math.Exp(Brent.FindRoot(f, lo, hi, accuracy: 1e-12, maxIterations: 500));
        }
    }
}

/// <summary>Result of Fisher's exact test on a 2x2 table.</summary>
/// <param name="A">Group 1 successes.</param>
/// <param name="B">Group 1 failures.</param>
/// <param name="C">Group 2 successes.</param>
/// <param name="D">Group 2 failures.</param>
/// <param name="OddsRatio">Conditional MLE of the odds ratio (group 1 vs group 2), as R reports.</param>
/// <param name="Interval">Exact confidence interval for the odds ratio.</param>
/// <param name="PValue">Two-sided exact p-value; NaN when the guard found too few observations.</param>
/// <param name="Check">The sample-size guard's verdict.</param>
public sealed partial record FisherExactResult(int A, int B, int C, int D, double OddsRatio, ConfidenceInterval Interval, double PValue, SampleCheck Check)
{
    /// <summary>Total observations in the table.</summary>
    public int N => A + B + C + D;

    /// <summary>Rate of group 1: A / (A + B).</summary>
    public double Rate1 => (double)A / (A + B);

    /// <summary>Rate of group 2: C / (C + D).</summary>
    public double Rate2 => (double)C / (C + D);

    /// <summary>One row: the table, the odds ratio with its interval, p and the guard's status.</summary>
    public DataFrame Summary => new(
        new Int32DataFrameColumn("a", [A]), new Int32DataFrameColumn("b", [B]),
        new Int32DataFrameColumn("c", [C]), new Int32DataFrameColumn("d", [D]),
        new DoubleDataFrameColumn("odds_ratio", [OddsRatio]),
        new DoubleDataFrameColumn("lower", [Interval.Lower]), new DoubleDataFrameColumn("upper", [Interval.Upper]),
        new DoubleDataFrameColumn("p_value", [PValue]),
        new StringDataFrameColumn("status", [Check.Status.ToString()]));

    /// <summary>Multi-line text with the table, the odds ratio and p, or "insufficient data".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"""
        Fisher's exact test (two-sided)
          group 1: {A}/{A + B} = {Format.Percent(Rate1)}
          group 2: {C}/{C + D} = {Format.Percent(Rate2)}
          odds ratio (conditional MLE): {Format.Number(OddsRatio)} {Interval}
          {(Check.IsSufficient ? Format.PClause(PValue) : Check.ToString())}
        """);
}
