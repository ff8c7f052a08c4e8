using System.Reflection;
using IcpKit.Rendering;
using Microsoft.Data.Analysis;

namespace IcpKit.Tests.Architecture;

/// <summary>
/// Every result a notebook shows has the same three faces: HTML for notebooks and reports, text for the terminal and
/// logs, and a <c>Summary</c> DataFrame for slicing by hand. Presentation primitives (figures, tables, text) are what the
/// faces are made of, so they are exempt.
/// </summary>
public sealed class ResultShapeTests
{
    private static readonly Assembly Kit = typeof(IcpKit.Model.Account).Assembly;

    private static readonly string[] Primitives = ["IcpKit.Rendering", "IcpKit.Charts"];

    /// <summary>
    /// Results that still lack a <c>Summary</c> DataFrame (issue 17). A new result type must have all three faces; giving one
    /// of these its Summary makes the test say so, so the list only shrinks.
    /// </summary>
    private static readonly string[] PendingSummary =
    [
        "IcpKit.Analysis.Measured`1",
        "IcpKit.Analysis.NotMeasurable",
        "IcpKit.Drafting.CandidateSearchResult",
        "IcpKit.Drafting.IcpSummaryCard",
        "IcpKit.Icp.IcpSource",
        "IcpKit.Statistics.Survival.RestrictedMeanSurvival",
        "IcpKit.Statistics.Survival.RmstDifference",
        "IcpKit.Testing.OutOfTimeResult",
        "IcpKit.WinLoss.WinRatesByTrait",
    ];

    public static TheoryData<string> Results() =>
    [
        .. Kit.GetExportedTypes()
            .Where(t => typeof(IHtmlRenderable).IsAssignableFrom(t) && !t.IsInterface && !t.IsAbstract && !Primitives.Contains(t.Namespace))
            .Select(t => t.FullName!).Order(StringComparer.Ordinal),
    ];

    [Fact]
    public void Results_AreFound()
    {
        Assert.True(Results().Count >= 20, $"only {Results().Count} result types found");
    }

    [Theory]
    [MemberData(nameof(Results))]
    public void Result_HasHtmlTextAndSummary(string typeName)
    {
        var type = Kit.GetType(typeName)!;
        Assert.True(typeof(ITextRenderable).IsAssignableFrom(type), $"{type.Name} renders HTML but not text");
        var summary = type.GetProperty("Summary", BindingFlags.Public | BindingFlags.Instance);
        bool hasSummary = summary is not null && summary.GetIndexParameters().Length == 0 && summary.PropertyType == typeof(DataFrame);
        if (PendingSummary.Contains(typeName))
            Assert.False(hasSummary, $"{type.Name} has its Summary now: remove it from PendingSummary");
        else
            Assert.True(hasSummary, $"{type.Name} has no Summary property returning a DataFrame");
    }
}
