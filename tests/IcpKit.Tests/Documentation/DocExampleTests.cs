using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using IcpKit.Tests.Generation;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace IcpKit.Tests.Documentation;

/// <summary>
/// Every <c>&lt;example&gt;&lt;code&gt;</c> in IcpKit's XML docs runs as a C# script, and each line ending in
/// <c>// =&gt; value</c> must print that value, so an example cannot drift from the code it documents. Paths starting
/// with <c>data-samples/</c> resolve against the repository.
/// </summary>
public sealed partial class DocExampleTests
{
    private static readonly string[] Imports =
    [
        "System", "System.Linq", "System.Collections.Generic", "IcpKit.Model", "IcpKit.Loading", "IcpKit.Statistics",
        "IcpKit.Statistics.Survival", "IcpKit.Metrics", "IcpKit.Customers", "IcpKit.WinLoss", "IcpKit.Icp", "IcpKit.Outcomes",
        "IcpKit.Drafting", "IcpKit.Testing", "IcpKit.PutToWork", "IcpKit.Analysis",
    ];

    [GeneratedRegex(@"^(?<expr>.*?[^;\s])\s*//\s*=>\s*(?<expected>.+?)\s*$")]
    private static partial Regex CheckedLine();

    private static Dictionary<string, string> Examples()
    {
        var xml = XDocument.Load(Path.Combine(AppContext.BaseDirectory, "IcpKit.xml"));
        return xml.Descendants("member")
            .SelectMany(m => m.Elements("example").Elements("code").Select((c, i) => (Name: $"{(string)m.Attribute("name")!}#{i}", Code: c.Value)))
            .ToDictionary(e => e.Name, e => e.Code, StringComparer.Ordinal);
    }

    /// <summary>The documented members with runnable examples.</summary>
    public static TheoryData<string> Members() => [.. Examples().Keys.Order(StringComparer.Ordinal)];

    /// <summary>The script for an example: checked lines become calls to <see cref="ExampleChecks.Check"/>.</summary>
    internal static string Script(string code, string repoRoot)
    {
        var lines = code.Replace("\r", "", StringComparison.Ordinal).Split('\n').Select((line, i) =>
        {
            var m = CheckedLine().Match(line);
            var text = m.Success && !line.TrimStart().StartsWith("//", StringComparison.Ordinal)
                ? $"Check((object?)({m.Groups["expr"].Value.Trim()}), \"{m.Groups["expected"].Value.Replace("\"", "\\\"", StringComparison.Ordinal)}\", {i + 1});"
                : line;
            return text.Replace("\"data-samples/", "\"" + repoRoot.Replace("\\", "/", StringComparison.Ordinal) + "/data-samples/", StringComparison.Ordinal);
        });
        return string.Join("\n", lines);
    }

    private static async Task<ExampleChecks> Run(string script)
    {
        var options = ScriptOptions.Default
            .AddReferences(typeof(IcpKit.Model.Account).Assembly, typeof(ExampleChecks).Assembly)
            .AddImports(Imports);
        var checks = new ExampleChecks();
        await CSharpScript.RunAsync(script, options, checks);
        return checks;
    }

    [Fact]
    public void Docs_HaveRunnableExamples()
    {
        // Not vacuous: the statistics and the step-4 entry points carry checked examples.
        var examples = Examples();
        Assert.True(examples.Count >= 5, $"only {examples.Count} runnable examples");
        Assert.True(examples.Values.Sum(c => c.Split('\n').Count(l => CheckedLine().IsMatch(l))) >= 8);
    }

    [Theory]
    [MemberData(nameof(Members))]
    public async Task Example_RunsAndShowsWhatItsCommentsSay(string member)
    {
        var checks = await Run(Script(Examples()[member], DataSamplesTests.RepoRoot()));
        Assert.True(checks.Failures.Count == 0, member + ":\n" + string.Join("\n", checks.Failures));
        Assert.True(checks.Passed > 0, member + " checks nothing: end a line with // => value");
    }

    [Fact]
    public async Task Check_WrongValue_IsReportedWithItsLine()
    {
        var checks = await Run(Script("var x = 2 + 2;\nx // => 5", DataSamplesTests.RepoRoot()));
        Assert.Equal("line 2: expected 5, got 4", Assert.Single(checks.Failures));
    }
}

/// <summary>What an example's script sees: the check its <c>// =&gt;</c> lines become.</summary>
public sealed class ExampleChecks
{
    /// <summary>Lines whose value differed from their comment.</summary>
    public List<string> Failures { get; } = [];

    /// <summary>Lines that printed what they said.</summary>
    public int Passed { get; private set; }

    /// <summary>Compares a line's value, printed culture-invariantly, with the text after its <c>// =&gt;</c>.</summary>
    public void Check(object? actual, string expected, int line)
    {
        var shown = actual is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : actual?.ToString() ?? "null";
        if (shown == expected) Passed++;
        else Failures.Add($"line {line}: expected {expected}, got {shown}");
    }
}
