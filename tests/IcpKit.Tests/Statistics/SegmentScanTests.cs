using IcpKit.Statistics;
using static IcpKit.Tests.Statistics.ReferenceValues;

namespace IcpKit.Tests.Statistics;

/// <summary>Scanning segments against the rest: R's prop.test per segment followed by p.adjust(BH).</summary>
public class SegmentScanTests
{
    private const double Tol = 1e-6;

    // R: prop.test(c(x_i, X - x_i), c(n_i, N - n_i), correct = TRUE)$p.value for segments whose expected
    // counts are all >= 5 (NA otherwise), then p.adjust(p, "BH") (make_reference.R, "scan_seeded").
    [Fact]
    public void AgainstRest_MatchesRPropTestThenPAdjust_OnSeededSegments()
    {
        var r = SegmentScan.AgainstRest(SeededSegments());
        for (var i = 0; i < r.Segments.Count; i++)
        {
            var q = $"{i + 1:00}";
            AssertClose(FromR("scan_seeded", "p_" + q), r.Segments[i].Test!.PValue, Tol, "p " + q);
            AssertClose(FromR("scan_seeded", "adjusted_" + q), r.Segments[i].AdjustedPValue, Tol, "adjusted " + q);
        }
    }

    [Fact]
    public void AgainstRest_ThreeOfThree_IsInsufficientNotSignificant()
    {
        var r = SegmentScan.AgainstRest(SeededSegments());
        var tiny = r.Segments[0];
        Assert.Equal(SampleStatus.InsufficientData, tiny.Test!.Check.Status);
        Assert.False(tiny.IsSignificant());
        Assert.Equal(r.Segments.Count, r.Summary.Rows.Count);
        Assert.Contains("insufficient data (n = ", r.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AgainstRest_EmptySegment_IsNotTested()
    {
        var r = SegmentScan.AgainstRest([new("a", 30, 100), new("b", 50, 100), new("empty", 0, 0)]);
        Assert.Null(r.Segments[2].Test);
        Assert.True(double.IsNaN(r.Segments[2].AdjustedPValue));
    }
}
