using System.Xml.Linq;
using IcpKit.Charts;
using IcpKit.Tests.Generation;

namespace IcpKit.Tests.Rendering;

/// <summary>
/// The core library has no kernel dependency (Plotly.NET's split): the formatter registration lives in
/// lib/IcpKit.Interactive, so IcpKit.dll loads in any host, and a kernel upgrade never touches it.
/// </summary>
public sealed class NoKernelDependencyTests
{
    [Fact]
    public void IcpKitAssembly_ReferencesNoDotNetInteractiveAssembly()
    {
        var references = typeof(Figure).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();
        Assert.NotEmpty(references); // it does reference CsvHelper, MathNet and the framework
        Assert.DoesNotContain(references, n => n.StartsWith("Microsoft.DotNet.Interactive", StringComparison.Ordinal));
    }

    [Fact]
    public void IcpKitProject_HasNoDotNetInteractivePackage()
    {
        // An unused package reference would not show in the assembly's metadata, but would still ship beside it.
        var project = XDocument.Load(Path.Combine(DataSamplesTests.RepoRoot(), "lib", "IcpKit", "IcpKit.csproj"));
        var packages = project.Descendants("PackageReference").Select(p => (string?)p.Attribute("Include") ?? "").ToList();
        Assert.Contains("CsvHelper", packages);
        Assert.DoesNotContain(packages, p => p.StartsWith("Microsoft.DotNet.Interactive", StringComparison.Ordinal));
    }
}
