using System.Text.RegularExpressions;
using IcpKit.Tests.Generation;

namespace IcpKit.Tests.Architecture;

/// <summary>
/// One naming rule for rendering files (lib/IcpKit/Rendering/README.md): a folder's rendering partials, the HTML, text,
/// chart and Summary faces of results declared in other files of the folder, live in <c>&lt;Folder&gt;Rendering.cs</c>;
/// every other rendering file is named after the type it declares, or after the family its types share
/// (<c>Tables.cs</c> holds <c>HtmlTable</c>, <c>TextTable</c> and <c>Table</c>).
/// </summary>
public sealed partial class RenderingFileNameTests
{
    // Top-level type declarations (file-scoped namespaces put them at column 0).
    [GeneratedRegex(@"^(?:public|internal)\s+(?:(?:static|sealed|abstract|readonly|partial)\s+)*(?:record\s+struct|record|class|interface|struct|enum)\s+(\w+)", RegexOptions.Multiline)]
    private static partial Regex Declaration();

    [GeneratedRegex(@"^(?:public|internal)\s+(?:(?:sealed|abstract|readonly)\s+)*partial\s+(?:record\s+struct|record|class|struct)\s+(\w+)[^\n{]*IHtmlRenderable", RegexOptions.Multiline)]
    private static partial Regex RenderingPartial();

    [GeneratedRegex(@"^(?:public|internal)\s+(?:(?:sealed|abstract|readonly|static)\s+)*partial\s+(?:record\s+struct|record|class|struct)\s+(\w+)", RegexOptions.Multiline)]
    private static partial Regex AnyPartial();

    private static readonly string[] PresentationFolders = ["Rendering", "Charts"];

    // Words that mark a file elsewhere as presentation.
    private static readonly string[] RenderingWords = ["Render", "Text", "Html", "Chart", "Format", "Show"];

    private static IEnumerable<string> LibraryFiles()
    {
        var root = DataSamplesTests.RepoRoot();
        return new[] { "lib/IcpKit", "lib/IcpKit.Interactive" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(root, d), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
    }

    /// <summary>The problems with one file's name under the rule; empty when it follows it (or is not a rendering file).</summary>
    internal static IEnumerable<string> Problems(string path, string text, IReadOnlyCollection<string> partialsElsewhereInFolder)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        var folder = Path.GetFileName(Path.GetDirectoryName(path))!;
        var project = path.Contains("IcpKit.Interactive", StringComparison.Ordinal);
        var partials = RenderingPartial().Matches(text).Select(m => m.Groups[1].Value).Where(partialsElsewhereInFolder.Contains).ToList();
        if (partials.Count > 0)
        {
            if (name != folder + "Rendering")
                yield return $"{path}: holds rendering partials of {string.Join(", ", partials)}, so it is named {folder}Rendering.cs";
            yield break;
        }
        var isRendering = project || PresentationFolders.Contains(folder) || RenderingWords.Any(w => name.Contains(w, StringComparison.Ordinal));
        if (!isRendering) yield break;
        if (name.EndsWith("Rendering", StringComparison.Ordinal))
        {
            yield return $"{path}: a *Rendering.cs file holds a folder's rendering partials, and this one holds none";
            yield break;
        }
        var types = Declaration().Matches(text).Select(m => m.Groups[1].Value).ToList();
        var singular = name.EndsWith('s') ? name[..^1] : name;
        var named = types.Contains(name) || types.Contains(singular) || (types.Count > 0 && types.All(t => t.EndsWith(singular, StringComparison.Ordinal)));
        if (!named)
            yield return $"{path}: named after none of its types ({string.Join(", ", types)}) nor after a family they share";
    }

    [Fact]
    public void RenderingFiles_FollowTheOneNamingRule()
    {
        var files = LibraryFiles().Select(f => (Path: f, Text: File.ReadAllText(f))).ToList();
        Assert.True(files.Count > 100, $"only {files.Count} library files found");
        var problems = files.SelectMany(f =>
        {
            var dir = Path.GetDirectoryName(f.Path);
            var elsewhere = files.Where(o => o.Path != f.Path && Path.GetDirectoryName(o.Path) == dir)
                .SelectMany(o => AnyPartial().Matches(o.Text).Select(m => m.Groups[1].Value)).ToHashSet(StringComparer.Ordinal);
            return Problems(Path.GetRelativePath(DataSamplesTests.RepoRoot(), f.Path), f.Text, elsewhere);
        }).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    // Each way the files were named before the rule, and what the rule says about it.
    [InlineData("lib/IcpKit/Customers/Rendering.cs", "public sealed partial record SpendBySegment : IHtmlRenderable, ITextRenderable\n{\n}", true)]
    [InlineData("lib/IcpKit/Customers/CustomersRendering.cs", "public sealed partial record SpendBySegment : IHtmlRenderable, ITextRenderable\n{\n}", false)]
    [InlineData("lib/IcpKit/WinLoss/Text.cs", "internal static class Text\n{\n}", false)]
    [InlineData("lib/IcpKit/WinLoss/Show.cs", "internal static class Text\n{\n}", true)]
    [InlineData("lib/IcpKit/Rendering/Tables.cs", "public static class HtmlTable\n{\n}\npublic static class TextTable\n{\n}\npublic sealed record Table\n{\n}", false)]
    [InlineData("lib/IcpKit/Rendering/Helpers.cs", "public static class HtmlTable\n{\n}", true)]
    [InlineData("lib/IcpKit/Metrics/UsageRendering.cs", "internal static class UsageText\n{\n}", true)]
    public void Problems_EachOldStyle_IsJudgedByTheRule(string path, string text, bool isProblem)
    {
        // SpendBySegment is declared (partial) in another file of the folder in every case.
        Assert.Equal(isProblem, Problems(path, text, ["SpendBySegment"]).Any());
    }
}
