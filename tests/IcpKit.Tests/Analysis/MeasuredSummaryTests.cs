using IcpKit.Analysis;
using IcpKit.Customers;
using Microsoft.Data.Analysis;
using static IcpKit.Tests.Architecture.SummaryFrame;

namespace IcpKit.Tests.Analysis;

public sealed class MeasuredSummaryTests
{
    [Fact]
    public void NotMeasured_Summary_SaysWhy()
    {
        var missing = Measure.Not<RevenueConcentration>(new NotMeasurable("no MRR mapped (map accounts.columns.mrr in icpkit.yaml)"));
        Assert.Equal(["not_measurable"], Columns(missing.Summary));
        Assert.Equal("no MRR mapped (map accounts.columns.mrr in icpkit.yaml)", Cell(missing.Summary, "not_measurable"));
        Assert.Equal(Columns(missing.Missing!.Summary), Columns(missing.Summary));
    }

    [Fact]
    public void Measured_Summary_IsTheValuesOwn()
    {
        // [0, 0, 0, 10]: Gini 0.75, the most unequal four accounts can be.
        var measured = Measure.Of(RevenueConcentration.Of([0, 0, 0, 10]));
        Assert.Equal(0.75, Number(measured.Summary, "gini"), 1e-12);
        var frame = new DataFrame(new Int32DataFrameColumn("x", [1, 2]));
        Assert.Same(frame, Measure.Of(frame).Summary);
        Assert.Equal("industry", Cell(Measure.Of("industry").Summary, "value"));
    }
}
