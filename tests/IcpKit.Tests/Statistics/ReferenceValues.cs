using System.Globalization;
using IcpKit.Statistics;

namespace IcpKit.Tests.Statistics;

/// <summary>
/// Reads the committed reference numbers (Statistics/Reference/*.csv, written by make_reference.R and
/// make_reference.py) so the tests never need R or SciPy at run time.
/// </summary>
internal static class ReferenceValues
{
    private static readonly Lazy<Dictionary<(string, string), double>> R = new(() => Load("reference_r.csv"));
    private static readonly Lazy<Dictionary<(string, string), double>> SciPy = new(() => Load("reference_scipy.csv"));
    private static readonly Lazy<Dictionary<(string, string), List<double>>> Inputs = new(LoadInputs);

    /// <summary>A number R computed for (case, quantity).</summary>
    public static double FromR(string @case, string quantity) => Lookup(R.Value, @case, quantity, "reference_r.csv");

    /// <summary>A number SciPy/statsmodels computed for (case, quantity).</summary>
    public static double FromSciPy(string @case, string quantity) => Lookup(SciPy.Value, @case, quantity, "reference_scipy.csv");

    /// <summary>True when R wrote this quantity (e.g. an exact p only exists for samples without ties).</summary>
    public static bool HasR(string @case, string quantity) => R.Value.ContainsKey((@case, quantity));

    /// <summary>All quantities R wrote for a case, in file order.</summary>
    public static IReadOnlyList<(string Quantity, double Value)> AllFromR(string @case) =>
        R.Value.Where(kv => kv.Key.Item1 == @case).Select(kv => (kv.Key.Item2, kv.Value)).ToList();

    /// <summary>One input sample (e.g. the "x" group of "mw_sleep_extra"); NA reads as NaN.</summary>
    public static double[] Sample(string @case, string group) =>
        Inputs.Value.TryGetValue((@case, group), out var v) ? [.. v] : throw new KeyNotFoundException($"inputs.csv has no {@case}/{group}");

    /// <summary>The seeded segments of make_reference.R (3/3, 80/100, then 22 draws with rates ~ Beta(8, 24)), named s01..s24.</summary>
    public static SegmentCount[] SeededSegments()
    {
        var x = Sample("shrink_seeded", "successes");
        var n = Sample("shrink_seeded", "n");
        return x.Select((xi, i) => new SegmentCount($"s{i + 1:00}", (int)xi, (int)n[i])).ToArray();
    }

    /// <summary>Asserts |actual - expected| &lt;= tol * max(|expected|, tiny), with both values in the message.</summary>
    public static void AssertClose(double expected, double actual, double relTol, string what)
    {
        if (double.IsNaN(expected) || double.IsInfinity(expected))
        {
            Assert.True(expected.Equals(actual), $"{what}: expected {expected}, got {actual}");
            return;
        }
        var scale = Math.Max(Math.Abs(expected), 1e-300);
        Assert.True(Math.Abs(actual - expected) <= relTol * scale,
            string.Create(CultureInfo.InvariantCulture, $"{what}: expected {expected:R}, got {actual:R} (rel. error {Math.Abs(actual - expected) / scale:E2}, tolerance {relTol:E0})"));
    }

    private static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "Statistics", "Reference", file);

    private static double Parse(string s) => s switch
    {
        "NA" => double.NaN,
        "Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    private static Dictionary<(string, string), double> Load(string file) => Read(PathOf(file));

    /// <summary>A committed reference file of rows case,quantity,value (a header first), by (case, quantity); the path is
    /// relative to the test output folder, e.g. ("Testing", "Reference", "conditional_rate_reference.csv").</summary>
    public static Dictionary<(string, string), double> Read(params string[] path)
    {
        var result = new Dictionary<(string, string), double>();
        foreach (var line in File.ReadLines(Path.Combine([AppContext.BaseDirectory, .. path])).Skip(1))
        {
            var f = line.Split(',');
            result[(f[0], f[1])] = Parse(f[2]);
        }
        return result;
    }

    private static Dictionary<(string, string), List<double>> LoadInputs()
    {
        var result = new Dictionary<(string, string), List<double>>();
        foreach (var line in File.ReadLines(PathOf("inputs.csv")).Skip(1))
        {
            var f = line.Split(',');
            if (!result.TryGetValue((f[0], f[1]), out var list)) result[(f[0], f[1])] = list = [];
            list.Add(Parse(f[2]));
        }
        return result;
    }

    private static double Lookup(Dictionary<(string, string), double> d, string @case, string quantity, string file) =>
        d.TryGetValue((@case, quantity), out var v) ? v : throw new KeyNotFoundException($"{file} has no {@case}/{quantity}");
}
