using IcpKit.Tests.Generation;

namespace IcpKit.Tests.Documentation;

/// <summary>Every top-level namespace of the library has a README (question, call, notes) and a row in the layout table.</summary>
public sealed class NamespaceReadmeTests
{
    public static TheoryData<string> Folders() =>
    [
        .. Directory.GetDirectories(Path.Combine(DataSamplesTests.RepoRoot(), "lib", "IcpKit"))
            .Select(Path.GetFileName).OfType<string>()
            .Where(n => n is not ("bin" or "obj") && Directory.EnumerateFiles(Path.Combine(DataSamplesTests.RepoRoot(), "lib", "IcpKit", n), "*.cs", SearchOption.AllDirectories).Any())
            .Order(StringComparer.Ordinal),
    ];

    [Theory]
    [MemberData(nameof(Folders))]
    public void Namespace_HasReadmeWithACallTableAndALayoutRow(string folder)
    {
        var root = DataSamplesTests.RepoRoot();
        var readme = Path.Combine(root, "lib", "IcpKit", folder, "README.md");
        Assert.True(File.Exists(readme), $"lib/IcpKit/{folder} has no README.md");
        Assert.Contains("| ", File.ReadAllText(readme), StringComparison.Ordinal);
        Assert.Contains($"| `lib/IcpKit/{folder}` |", File.ReadAllText(Path.Combine(root, "README.md")), StringComparison.Ordinal);
    }
}
