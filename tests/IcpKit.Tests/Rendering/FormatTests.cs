using IcpKit.Customers;
using IcpKit.Rendering;
using IcpKit.Statistics;

namespace IcpKit.Tests.Rendering;

/// <summary>The one number style: expected texts written by hand from the rules in <see cref="Format"/>.</summary>
public class FormatTests
{
    [Theory]
    // Two significant digits, "< 0.0001" below that: one style for every p-value the reports show.
    [InlineData(0.83571, "0.84")]
    [InlineData(0.0629, "0.063")]
    [InlineData(0.0004602, "0.00046")]
    [InlineData(4.408e-16, "< 0.0001")]
    [InlineData(0.0, "< 0.0001")]
    [InlineData(0.00009999, "< 0.0001")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(1.0, "1")]
    [InlineData(0.05, "0.05")]
    [InlineData(double.NaN, "not tested")]
    public void P_OneStyle(double p, string expected) => Assert.Equal(expected, Format.P(p));

    [Theory]
    [InlineData(0.3615, "36.2%")]
    [InlineData(0.08, "8.0%")]
    [InlineData(1.0, "100.0%")]
    [InlineData(double.NaN, "too few to estimate")]
    public void Percent_SharesAsPercentages(double share, string expected) => Assert.Equal(expected, Format.Percent(share));

    [Theory]
    [InlineData(99000.0, "99,000")]
    [InlineData(1234567.8, "1,234,568")]
    [InlineData(131.25, "131")]
    [InlineData(36.8421, "36.84")]
    [InlineData(0.04567, "0.046")]
    [InlineData(0.8712, "0.87")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(0.0, "0")]
    [InlineData(double.NaN, "too few to estimate")]
    [InlineData(double.NegativeInfinity, "too few to estimate")]
    public void Number_SeparatorsAndFewDecimals(double value, string expected) => Assert.Equal(expected, Format.Number(value));

    [Theory]
    [InlineData(36.8421, "37")]
    [InlineData(-35.4, "-35")]
    [InlineData(66.6667, "67")]
    [InlineData(0.4, "0")]
    public void Nps_WholePoints(double nps, string expected) => Assert.Equal(expected, Format.Nps(nps));

    [Fact]
    public void Interval_UndefinedOrInfiniteBound_SaysTooFew()
    {
        Assert.Equal("[0.87, 2.01]", Format.Interval(0.8712, 2.0149));
        Assert.Equal("[30.1%, 39.2%]", Format.PercentInterval(0.3012, 0.3921));
        Assert.Equal("too few to estimate", Format.Interval(double.NaN, double.NaN));
        Assert.Equal("too few to estimate", Format.Interval(1.2, double.PositiveInfinity));
        Assert.Equal("too few to estimate (95%)", ConfidenceInterval.Undefined(0.95).ToString());
    }

    [Theory]
    [InlineData("NeverWon", "never won")]
    [InlineData("ExposureBias", "exposure bias")]
    [InlineData("InsufficientData", "insufficient data")]
    [InlineData("TwoProportion", "two proportion")]
    [InlineData("open_deals", "open deals")]
    [InlineData("ICP", "ICP")]
    [InlineData("NonICP", "non ICP")]
    [InlineData("deal.product_series", "product series (deal)")]
    public void Words_IdentifiersReadAsWords(string identifier, string expected) => Assert.Equal(expected, Format.Words(identifier));

    [Theory]
    [InlineData("deal.product", "product (deal)")]
    [InlineData("deal.regional_office", "regional office (deal)")]
    [InlineData("industry", "industry")]
    [InlineData("deal.", "deal.")]
    public void Trait_DealTraitsReadAsWords_AccountTraitsAsNamed(string name, string expected) => Assert.Equal(expected, Format.Trait(name));

    [Fact]
    public void Cells_EnumsAndCounts_ReadAsWordsAndSeparatedNumbers()
    {
        Assert.Equal("never won", Cells.Format(BiasVerdict.NeverWon));
        Assert.Equal("2,000", Cells.Format(2000));
        Assert.Equal("yes", Cells.Format(true));
    }
}
