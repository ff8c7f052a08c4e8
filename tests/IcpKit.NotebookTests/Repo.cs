using System.Collections.Immutable;

namespace IcpKit.NotebookTests;

/// <summary>Where the clone's notebooks, sample data and test data are.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Notebooks => Path.Combine(Root, "notebooks");

    public static string TestData => Path.Combine(Root, "tests", "IcpKit.NotebookTests", "Data");

    /// <summary>data-samples/2026Q3 (the latest sample quarter) when present, else the tiny test export (until data-samples lands).</summary>
    public static string SampleData =>
        File.Exists(Path.Combine(Root, "data-samples", "2026Q3", "accounts.csv"))
            ? Path.Combine(Root, "data-samples", "2026Q3")
            : Path.Combine(TestData, "export");

    public static ImmutableArray<string> NotebookFiles =>
        [.. Directory.EnumerateFiles(Notebooks, "*.ipynb").Order(StringComparer.Ordinal)];

    /// <summary>Notebook names for [MemberData]: one test case per notebook, so a failure names it.</summary>
    public static TheoryData<string> NotebookNames()
    {
        var data = new TheoryData<string>();
        foreach (var f in NotebookFiles) data.Add(Path.GetFileName(f));
        return data;
    }

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "IcpKit.slnx"))) return dir.FullName;
        throw new InvalidOperationException("IcpKit.slnx not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>
/// Tests that run notebooks share one collection and never run in parallel (current directory); they share one
/// in-process render of the samples and one Jupyter run.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NotebookRuns : ICollectionFixture<SampleRender>, ICollectionFixture<JupyterRun>
{
    public const string Name = "notebooks";
}
