using CsCheck;
using IcpKit.Statistics;
using static IcpKit.Tests.Statistics.ReferenceValues;

namespace IcpKit.Tests.Statistics;

/// <summary>Benjamini-Hochberg and Holm against R's p.adjust and statsmodels' multipletests, plus invariants.</summary>
public class PValueAdjustmentTests
{
    private const double Tol = 1e-6;

    // R: p.adjust(p, "BH") and p.adjust(p, "holm"); "seeded" has runif(20)^3 with ties, an NA, 0 and 1,
    // "toothgrowth" the three per-dose t-test p-values of len ~ supp (make_reference.R).
    [Theory]
    [InlineData("padjust_seeded", PAdjustMethod.BenjaminiHochberg, "BH")]
    [InlineData("padjust_seeded", PAdjustMethod.Holm, "holm")]
    [InlineData("padjust_toothgrowth", PAdjustMethod.BenjaminiHochberg, "BH")]
    [InlineData("padjust_toothgrowth", PAdjustMethod.Holm, "holm")]
    public void Adjust_MatchesRPAdjust(string @case, PAdjustMethod method, string rName)
    {
        var raw = Sample(@case, "p");
        var r = PValueAdjustment.Adjust(raw, method);
        var expected = AllFromR($"{@case}_{rName}");
        Assert.Equal(raw.Length, expected.Count);
        for (var i = 0; i < raw.Length; i++)
        {
            AssertClose(expected[i].Value, r.Adjusted[i], Tol, $"{@case} {rName} [{i + 1}]");
            // statsmodels multipletests(p[~isnan], method="fdr_bh"/"holm") agrees too.
            AssertClose(FromSciPy($"{@case}_{rName}", expected[i].Quantity), r.Adjusted[i], Tol, $"{@case} statsmodels [{i + 1}]");
        }
    }

    [Fact]
    public void BenjaminiHochberg_MissingValue_StaysMissingAndIsNotCounted()
    {
        // m = 3, not 4: the NaN is not a test.
        var r = PValueAdjustment.BenjaminiHochberg([0.01, double.NaN, 0.04, 0.03], ["a", "b", "c", "d"]);
        Assert.Equal(0.03, r.Adjusted[0], 12);
        Assert.True(double.IsNaN(r.Adjusted[1]));
        Assert.Equal(0.04, r.Adjusted[2], 12);
        Assert.Equal(0.04, r.Adjusted[3], 12);
        Assert.Equal(3, r.N);
        Assert.Equal(new[] { true, false, true, true }, r.Significant(0.05));
        Assert.Equal(4, r.Summary.Rows.Count);
    }

    // Adjusted p is never below raw p, never above 1, and keeps the order of the raw p-values.
    [Theory]
    [InlineData(PAdjustMethod.BenjaminiHochberg)]
    [InlineData(PAdjustMethod.Holm)]
    public void Adjust_AnyPValues_AtLeastRawAndMonotone(PAdjustMethod method)
    {
        var p = Gen.Frequency((1, Gen.Const(double.NaN)), (1, Gen.Const(0.05)), (8, Gen.Double[0, 1]));
        p.Array[0, 60].Sample(raw =>
        {
            var adj = PValueAdjustment.Adjust(raw, method).Adjusted;
            for (var i = 0; i < raw.Length; i++)
            {
                Assert.Equal(double.IsNaN(raw[i]), double.IsNaN(adj[i]));
                if (double.IsNaN(raw[i])) continue;
                Assert.True(adj[i] >= raw[i] && adj[i] <= 1, $"p[{i}] = {raw[i]} adjusted to {adj[i]}");
                for (var j = 0; j < raw.Length; j++)
                    if (!double.IsNaN(raw[j]) && raw[i] <= raw[j])
                        Assert.True(adj[i] <= adj[j], $"order broken: {raw[i]} -> {adj[i]} but {raw[j]} -> {adj[j]}");
            }
        }, iter: 500);
    }

    [Fact]
    public void Adjust_OutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PValueAdjustment.Holm([0.5, 1.5]));
        Assert.Throws<ArgumentException>(() => PValueAdjustment.Holm([0.5], ["a", "b"]));
    }
}
