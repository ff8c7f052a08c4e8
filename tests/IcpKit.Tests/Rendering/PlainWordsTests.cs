using System.Text.RegularExpressions;
using IcpKit.Customers;
using IcpKit.Icp;
using IcpKit.Metrics;
using IcpKit.PutToWork;
using IcpKit.Rendering;
using IcpKit.Testing;
using IcpKit.Tests.Generation;
using IcpKit.Tests.Testing;

namespace IcpKit.Tests.Rendering;

/// <summary>
/// The results the sample reports show, rendered as HTML and as text, carry words and one number style: no NaN or
/// infinity, no enum or column identifiers, no scientific notation, and one p-value style (issue 15). Each case is a
/// value the reports printed before the one Format (01's government row, 05's personas and grade table, test's
/// interval of a 3-account group).
/// </summary>
public sealed partial class PlainWordsTests(Samples2026Q3 samples) : IClassFixture<Samples2026Q3>
{
    // Tokens a founder should never read: .NET's NaN/infinity, enum names, snake_case headers, p-value styles other
    // than Format.P's ("< 1e-16", "4.408E-16", "n/a", R's "NA").
    [GeneratedRegex(@"NaN|Infinity|∞|NeverWon|ExposureBias|NeverTried|InsufficientData|TwoProportion|BelowSupport|\bSufficient\b|open_deals|open_pipeline|\d[eE][-+]?\d|< 1e|\bn/a\b|\bNA\b|\bNR\b")]
    private static partial Regex Forbidden();

    private static void AssertPlain(string what, string rendered)
    {
        var text = Regex.Replace(rendered, "<[^>]+>", " ");
        var hit = Forbidden().Match(text);
        Assert.False(hit.Success, $"{what} shows '{hit.Value}' in: ...{(hit.Success ? text.Substring(Math.Max(0, hit.Index - 80), Math.Min(160, text.Length - Math.Max(0, hit.Index - 80))) : "")}...");
    }

    private static void AssertPlain(string what, object result)
    {
        if (result is IHtmlRenderable h) AssertPlain(what + " (HTML)", h.ToHtml());
        if (result is ITextRenderable t) AssertPlain(what + " (text)", t.ToText());
    }

    private IcpDefinition SampleIcp() =>
        IcpDefinition.Load(Path.Combine(DataSamplesTests.RepoRoot(), "data-samples", "2026Q3", "icp.yaml"), IcpTest.FieldsOf(samples.Export));

    [Fact]
    public void HistoricBias_Industry_NamesVerdictsInWordsAndNoNaN()
    {
        // Government has no deals (NaN rest rate, no p), education never won, fintech is an exposure bias.
        var bias = HistoricBias.By(samples.Export, Segmentation.ByTrait(samples.Export.Traits["industry"]));
        AssertPlain("historic bias by industry", bias);
        var html = bias.ToHtml();
        Assert.Contains("never won", html, StringComparison.Ordinal);
        Assert.Contains("never tried", html, StringComparison.Ordinal);
    }

    [Fact]
    public void TraitLift_NamesTheTestInWords()
    {
        var lift = TraitLift.AmongCustomers(samples.Export, new LiftOptions { MinSupport = 5 });
        AssertPlain("trait lift", lift);
        Assert.Contains("two-proportion test", lift.ToHtml(), StringComparison.Ordinal);
    }

    [Fact]
    public void StayAndActivate_HasNoRawValues() => AssertPlain("retention and activation by trait", StayAndActivate.Scan(samples.Export));

    [Fact]
    public void Personas_StatusInWordsAndNpsInWholePoints()
    {
        var personas = IcpPersonas.Of(samples.Export, SampleIcp());
        AssertPlain("personas", personas);
        // 05 showed NPS "36.8421" for admins: whole points now.
        Assert.DoesNotMatch(@"\b\d+\.\d{3,}\b", Regex.Replace(personas.ToHtml(), "<[^>]+>", " "));
    }

    [Fact]
    public void Scores_GradeTableHasWordsPercentagesAndSeparators()
    {
        var scores = IcpScoring.Score(SampleIcp(), samples.Export);
        AssertPlain("scores by grade", scores);
        var html = scores.ToHtml();
        Assert.Contains("open deals", html, StringComparison.Ordinal);
        Assert.Contains("8.0%", html, StringComparison.Ordinal);   // 160 of 2,000 accounts in grade A
        Assert.Contains("99,000", html, StringComparison.Ordinal); // grade A's open pipeline
    }

    [Fact]
    public void IcpTest_AndItsOutOfTimeSplit_HaveNoNaNAndOnePValueStyle()
    {
        var icp = SampleIcp();
        AssertPlain("ICP test", IcpTest.Run(samples.Export, icp));
        // A late cutoff leaves a handful of accounts: intervals that cannot be estimated say so in words.
        var late = IcpTest.OutOfTime(samples.Export, icp, new DateOnly(2026, 9, 1));
        AssertPlain("out-of-time test", late);
        AssertPlain("out-of-time later half", late.Later);
    }

    [Fact]
    public void IcpTestJson_KeepsTinyPValuesAtFullPrecision()
    {
        // The win-rate p of the planted ICP is far below 1e-6: it used to be rounded to 0.
        var result = IcpTest.Run(samples.Export, SampleIcp());
        var win = result.Outcomes.First(o => o.Id == "win_rate");
        Assert.True(win.AdjustedPValue is > 0 and < 1e-6, $"adjusted p {win.AdjustedPValue}");
        using var json = System.Text.Json.JsonDocument.Parse(result.ToJson());
        var written = json.RootElement.GetProperty("outcomes").EnumerateArray().First(o => o.GetProperty("id").GetString() == "win_rate");
        Assert.Equal(win.AdjustedPValue, written.GetProperty("adjusted_p").GetDouble());
        Assert.Equal(win.PValue, written.GetProperty("p_value").GetDouble());
    }
}
