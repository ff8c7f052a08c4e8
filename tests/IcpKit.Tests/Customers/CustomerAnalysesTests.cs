using IcpKit.Customers;
using IcpKit.Metrics;
using IcpKit.Model;

namespace IcpKit.Tests.Customers;

/// <summary>Overview, spend, adoption and cross tables on the generated export, checked against direct counts.</summary>
public sealed class CustomerAnalysesTests(GeneratedCustomers data) : IClassFixture<GeneratedCustomers>
{
    [Fact]
    public void Overview_Counts_AddUp()
    {
        var o = CustomerOverview.Of(data.Export);
        Assert.Equal(data.Export.Accounts.Count(a => a.IsCustomer), o.Customers);
        Assert.Equal(o.Customers, o.Active + o.Churned);
        // Every non-list trait's values (missing included) cover every customer exactly once.
        foreach (var d in o.Distributions.Where(d => d.Trait.Kind != TraitKind.List))
            Assert.Equal(o.Customers, d.Values.Sum(v => v.Customers));
        // Bands are listed low to high, "(missing)" last.
        Assert.Equal(["1-10", "11-50", "51-200", "201-1000", "1001+", "(missing)"], o[TraitFields.Employees].Values.Select(v => v.Value));
    }

    [Fact]
    public void SpendBy_Segments_ShareOfMrrSumsToOneForACategory()
    {
        var spend = Spend.By(data.Export, Segmentation.ByTrait(data.Export.Traits[TraitFields.Industry]));
        Assert.Equal(1.0, spend.Segments.Sum(s => s.ShareOfMrr), 9);
        Assert.All(spend.Segments, s => Assert.True(s.Q1 <= s.Median && s.Median <= s.Q3));
    }

    [Fact]
    public void HighVsLow_TopQuartile_IsAboutAQuarterOfPayingCustomers()
    {
        var result = Spend.HighVsLow(data.Export);
        var paying = Spend.Paying(data.Export).Length;
        Assert.InRange(result.FocusTotal, paying / 4 - 2, paying / 4 + 10); // ties at the cut go to the top
        Assert.DoesNotContain(result.Rows, r => r.Trait == TraitFields.Mrr);
    }

    [Fact]
    public void CrossTable_Cells_CountPipelineAccountsAndCustomers()
    {
        var cross = CrossTable.Of(data.Export, TraitFields.Employees, TraitFields.BusinessModel);
        var pipeline = Pipeline.Entered(data.Export);
        var cell = cross.Cell("51-200", "B2B")!;
        var inCell = pipeline.Where(a => a.Employees is >= 51 and <= 200 && a.BusinessModel == "B2B").ToArray();
        Assert.Equal(inCell.Length, cell.Accounts);
        Assert.Equal(inCell.Count(a => a.IsCustomer), cell.Customers);
        Assert.DoesNotContain("(missing)", cross.Rows);
    }

    [Fact]
    public void AdoptionDepth_Segments_CoverActiveCustomers()
    {
        var adoption = AdoptionDepth.By(data.Export, Segmentation.ByTrait(data.Export.Traits[TraitFields.Industry]));
        Assert.Equal(data.Export.Accounts.Count(a => a.IsActiveCustomer(data.Export.AsOf)), adoption.Segments.Sum(s => s.Customers));
        Assert.True(adoption.HasEvents);
    }

    [Fact]
    public void Results_RenderHtmlAndText_WithEscapedValues()
    {
        var lift = TraitLift.AmongCustomers(data.Export);
        Assert.Contains("<table", lift.ToHtml(), StringComparison.Ordinal);
        Assert.Contains("snowflake", lift.ToText(), StringComparison.Ordinal);
        Assert.Contains("\"type\":\"bar\"", lift.Chart().ToJson(), StringComparison.Ordinal);
        Assert.Contains("heatmap", CrossTable.Of(data.Export, TraitFields.Employees, "team_size").Chart().ToJson(), StringComparison.Ordinal);
    }
}
