using IcpKit.Rendering;

namespace IcpKit.Tests.Rendering;

/// <summary>HTML tables escape and right-align numbers; text tables align columns; cells format invariantly.</summary>
public sealed class TableTests
{
    [Fact]
    public void HtmlTable_MarkupInValues_IsEscaped()
    {
        var html = HtmlTable.Render(["<th>"], [["<script>alert(1)</script>"], ["a & \"b\""]], caption: "<i>");
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>a &amp; &quot;b&quot;</td>", html, StringComparison.Ordinal);
        Assert.Contains("<th>&lt;th&gt;</th>", html, StringComparison.Ordinal);
        Assert.Contains("<caption>&lt;i&gt;</caption>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void HtmlTable_Numbers_AreRightAlignedAndInvariant()
    {
        var html = HtmlTable.Render(["x"], [[1234.56789]]);
        Assert.Contains("<td style=\"text-align:right\">1,235</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void TextTable_MixedColumns_AlignsTextLeftAndNumbersRight()
    {
        var text = TextTable.Render(["segment", "n"], [["SaaS", 120], ["Retail", 7]]);
        Assert.Equal("segment    n\n-------  ---\nSaaS     120\nRetail     7", text.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void TextTable_NoRows_PrintsTheHeader()
    {
        Assert.Equal("a  b\n-  -", TextTable.Render(["a", "b"], []).ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData(0.5, "0.5")]
    [InlineData(1e-7, "< 0.000001")]
    [InlineData(4.15e-4, "0.00042")]
    [InlineData(double.NaN, "too few to estimate")]
    [InlineData(double.PositiveInfinity, "too few to estimate")]
    [InlineData(99000.0, "99,000")]
    [InlineData(36.8421, "36.84")]
    [InlineData(12.0, "12")]
    public void Format_Doubles_AreInvariantAndShort(double value, string expected) => Assert.Equal(expected, Cells.Format(value));

    [Fact]
    public void Format_DatesAndNull_AreIsoAndEmpty()
    {
        Assert.Equal("2024-02-29", Cells.Format(new DateOnly(2024, 2, 29)));
        Assert.Equal("", Cells.Format(null));
    }

    [Fact]
    public void Table_ToStringAndToHtml_ShowTheSameCells()
    {
        var table = Table.Of(["name", "n"], [["<b>", 3]]);
        Assert.Contains("<b>   3", table.ToString(), StringComparison.Ordinal);
        Assert.Contains("<td>&lt;b&gt;</td>", table.ToHtml(), StringComparison.Ordinal);
    }
}
