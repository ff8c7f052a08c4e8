using IcpKit.Icp;
using static IcpKit.Tests.Icp.IcpTestData;

namespace IcpKit.Tests.Voice;

/// <summary>The icp.yaml <c>examples:</c> list: read, written back, optional, and located when wrong.</summary>
public class IcpExamplesTests
{
    private const string Rules = "name: t\nversion: 1\ndate: 2026-01-01\nhas:\n  - field: industry\n    equals: SaaS\n";

    [Fact]
    public void Parse_PlainAndMappedExamples_ReadsBothForms()
    {
        var icp = IcpFile.Parse(Rules + "examples:\n  - Northwind Analytics\n  - company: A000817\n    note: the CEO's pick\n", Catalog);
        Assert.Equal([new IcpExample("Northwind Analytics"), new IcpExample("A000817", "the CEO's pick")], icp.Examples.ToArray());
    }

    [Fact]
    public void Parse_FileWithoutExamples_StillReads()
    {
        // Backward compatible: every icp.yaml written before the key existed.
        Assert.Empty(IcpFile.Parse(Rules, Catalog).Examples);
    }

    [Fact]
    public void ToYaml_WithExamples_ReadsBackEqual()
    {
        var icp = IcpFile.Parse(Rules + "examples:\n  - \"Acme, Inc.\"\n  - company: 'yes'\n    note: a name YAML would read as true\n", Catalog);
        var again = IcpFile.Parse(icp.ToYaml(), Catalog);
        Assert.Equal(icp, again);
        Assert.Equal("yes", again.Examples[1].Company);
    }

    [Fact]
    public void Equals_DifferentExamples_AreDifferentFiles()
    {
        var icp = IcpFile.Parse(Rules, Catalog);
        Assert.NotEqual(icp, icp with { Examples = [new IcpExample("Acme")] });
    }

    [Theory]
    // A mapping instead of a list, and an unknown key inside an example: each names its line.
    [InlineData("examples:\n  company: Acme\n", 8, "'examples' must be a list of companies")]
    [InlineData("examples:\n  - compnay: Acme\n", 8, "unknown example key 'compnay' (did you mean 'company'?)")]
    public void Parse_BadExamples_NamesTheLine(string yaml, int line, string message)
    {
        var e = Assert.Throws<IcpFileException>(() => IcpFile.Parse(Rules + yaml, Catalog));
        var error = e.Errors[0];
        Assert.Equal(line, error.Line);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
