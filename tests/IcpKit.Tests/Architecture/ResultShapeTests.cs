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
        Assert.True(hasSummary, $"{type.Name} has no Summary property returning a DataFrame");
    }
}
