using System.Reflection;
using NetArchTest.Rules;

namespace IcpKit.Tests.Architecture;

/// <summary>
/// The layering of ARCHITECTURE.md as tests (NetArchTest reads the compiled IL, so a dependency hidden in a method
/// body counts). A namespace here is a top-level slice of IcpKit: IcpKit.Statistics includes IcpKit.Statistics.Survival.
/// </summary>
public sealed class DependencyRuleTests
{
    private static readonly Assembly Kit = typeof(IcpKit.Model.Account).Assembly;

    /// <summary>Every top-level namespace of the library.</summary>
    private static readonly string[] Namespaces =
    [
        "IcpKit.Model", "IcpKit.Statistics", "IcpKit.Loading", "IcpKit.Rendering", "IcpKit.Charts", "IcpKit.Generation",
        "IcpKit.Metrics", "IcpKit.Customers", "IcpKit.WinLoss", "IcpKit.Icp", "IcpKit.Outcomes", "IcpKit.Drafting",
        "IcpKit.Testing", "IcpKit.Voice", "IcpKit.PutToWork", "IcpKit.Overview", "IcpKit.Analysis",
    ];

    /// <summary>The namespaces that know what an account, a deal or an ICP is.</summary>
    private static readonly string[] Domain =
    [
        "IcpKit.Model", "IcpKit.Loading", "IcpKit.Generation", "IcpKit.Metrics", "IcpKit.Customers", "IcpKit.WinLoss",
        "IcpKit.Icp", "IcpKit.Outcomes", "IcpKit.Drafting", "IcpKit.Testing", "IcpKit.Voice", "IcpKit.PutToWork", "IcpKit.Overview", "IcpKit.Analysis",
    ];

    /// <summary>
    /// Cycles tolerated between namespaces: none. The list stays so that a cycle someone must accept is written down
    /// here, with its reason, rather than hidden.
    /// </summary>
    private static readonly (string, string)[] KnownCycles = [];

    private static string[] Offenders(TestResult result) => [.. (result.FailingTypeNames ?? []).Order(StringComparer.Ordinal)];

    private static bool DependsOn(string from, string to) =>
        !Types.InAssembly(Kit).That().ResideInNamespace(from).ShouldNot().HaveDependencyOn(to).GetResult().IsSuccessful;

    [Fact]
    public void Statistics_DependsOnNoDomainNamespace()
    {
        var result = Types.InAssembly(Kit).That().ResideInNamespace("IcpKit.Statistics").ShouldNot().HaveDependencyOnAny(Domain).GetResult();
        Assert.True(result.IsSuccessful, "Statistics uses the domain: " + string.Join(", ", Offenders(result)));
    }

    [Fact]
    public void Model_DependsOnNoOtherKitNamespace()
    {
        var result = Types.InAssembly(Kit).That().ResideInNamespace("IcpKit.Model").ShouldNot()
            .HaveDependencyOnAny([.. Namespaces.Where(n => n != "IcpKit.Model")]).GetResult();
        Assert.True(result.IsSuccessful, "Model uses: " + string.Join(", ", Offenders(result)));
    }

    [Fact]
    public void Loading_DependsOnModelOnly()
    {
        // Reading and checking an export renders nothing and measures nothing: presentation of what was read lives in
        // IcpKit.Overview (notebook 00), so a new source never drags charts or tables in.
        var result = Types.InAssembly(Kit).That().ResideInNamespace("IcpKit.Loading").ShouldNot()
            .HaveDependencyOnAny([.. Namespaces.Where(n => n is not ("IcpKit.Loading" or "IcpKit.Model"))]).GetResult();
        Assert.True(result.IsSuccessful, "Loading uses more than Model: " + string.Join(", ", Offenders(result)));
    }

    [Theory]
    // The shared ICP rules sit below every step; the outcomes below the steps that read them; no step reads a later one.
    [InlineData("IcpKit.Icp", new[] { "IcpKit.Outcomes", "IcpKit.Drafting", "IcpKit.Testing", "IcpKit.Voice", "IcpKit.PutToWork" })]
    [InlineData("IcpKit.Outcomes", new[] { "IcpKit.Drafting", "IcpKit.Testing", "IcpKit.Voice", "IcpKit.PutToWork" })]
    [InlineData("IcpKit.Drafting", new[] { "IcpKit.Testing", "IcpKit.Voice", "IcpKit.PutToWork" })]
    [InlineData("IcpKit.Testing", new[] { "IcpKit.Drafting", "IcpKit.Voice", "IcpKit.PutToWork" })]
    // Step 4b (talking to customers) reads the shared ICP rules, not the other steps; and no other step reads it.
    [InlineData("IcpKit.Voice", new[] { "IcpKit.Drafting", "IcpKit.Testing", "IcpKit.PutToWork", "IcpKit.Outcomes" })]
    [InlineData("IcpKit.PutToWork", new[] { "IcpKit.Voice" })]
    // The metrics engine knows no step, no ICP and no outcome registry.
    [InlineData("IcpKit.Metrics", new[] { "IcpKit.Icp", "IcpKit.Outcomes", "IcpKit.Drafting", "IcpKit.Testing", "IcpKit.Voice", "IcpKit.PutToWork", "IcpKit.Customers", "IcpKit.WinLoss" })]
    // Steps 1 and 2 come before any ICP.
    [InlineData("IcpKit.Customers", new[] { "IcpKit.Icp", "IcpKit.Outcomes", "IcpKit.Drafting", "IcpKit.Testing", "IcpKit.PutToWork" })]
    [InlineData("IcpKit.WinLoss", new[] { "IcpKit.Icp", "IcpKit.Outcomes", "IcpKit.Drafting", "IcpKit.Testing", "IcpKit.PutToWork" })]
    // The export overview (step 0) shows what was read, before any analysis.
    [InlineData("IcpKit.Overview", new[] { "IcpKit.Metrics", "IcpKit.Customers", "IcpKit.WinLoss", "IcpKit.Icp", "IcpKit.Outcomes", "IcpKit.Drafting", "IcpKit.Testing", "IcpKit.PutToWork" })]
    public void Layer_DoesNotDependOnLaterLayers(string layer, string[] later)
    {
        var result = Types.InAssembly(Kit).That().ResideInNamespace(layer).ShouldNot().HaveDependencyOnAny(later).GetResult();
        Assert.True(result.IsSuccessful, $"{layer} uses a later layer: " + string.Join(", ", Offenders(result)));
    }

    [Fact]
    public void Namespaces_HaveNoCyclesButTheKnownOnes()
    {
        var edges = Namespaces.ToDictionary(n => n, n => Namespaces.Where(m => m != n && DependsOn(n, m)).ToHashSet());
        // Every pair of namespaces that reach each other is on a cycle.
        HashSet<string> Reach(string from)
        {
            var seen = new HashSet<string>();
            var stack = new Stack<string>([from]);
            while (stack.Count > 0)
                foreach (var next in edges[stack.Pop()])
                    if (seen.Add(next)) stack.Push(next);
            return seen;
        }
        var reach = Namespaces.ToDictionary(n => n, Reach);
        var cyclic = Namespaces.SelectMany(a => Namespaces.Where(b => string.CompareOrdinal(a, b) < 0 && reach[a].Contains(b) && reach[b].Contains(a))
            .Select(b => (a, b))).ToList();
        var known = KnownCycles.Select(c => string.CompareOrdinal(c.Item1, c.Item2) < 0 ? c : (c.Item2, c.Item1)).ToList();
        Assert.True(cyclic.All(known.Contains), "new namespace cycles: " + string.Join("; ", cyclic.Except(known).Select(c => $"{c.Item1} <-> {c.Item2}")));
        Assert.True(known.All(cyclic.Contains), "cycles gone (remove them from KnownCycles): " + string.Join("; ", known.Except(cyclic).Select(c => $"{c.Item1} <-> {c.Item2}")));
    }
}
