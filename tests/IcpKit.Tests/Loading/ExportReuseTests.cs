using System.Collections.Immutable;
using IcpKit.Loading;
using IcpKit.Tests.Analysis;

namespace IcpKit.Tests.Loading;

/// <summary>
/// <see cref="Export.LoadOrReuse"/>: a notebook reuses the export <c>icpkit render</c> imported once, and imports the folder
/// itself when nothing (or an import of another folder) was handed in. The subscriptions fixture folds its events with
/// a <c>sql:</c> query in DuckDB, the import a render no longer repeats per notebook.
/// </summary>
public class ExportReuseTests
{
    private static readonly string Subscriptions = FixtureExports.Folder("subscriptions");

    [Fact]
    public void LoadOrReuse_NothingHandedIn_ImportsTheFolder()
    {
        var imported = Export.LoadOrReuse(Subscriptions, null);
        var reference = Export.Load(Subscriptions);

        Assert.NotEmpty(reference.Usage); // the sql: events fold ran, so the comparison below is not of two empty maps
        Assert.Equal(reference.Accounts.Select(a => a.AccountId), imported.Accounts.Select(a => a.AccountId));
        Assert.Equal(Figures(reference), Figures(imported));
        Assert.Equal(Path.GetFullPath(Subscriptions), imported.Folder);
    }

    /// <summary>Every account's usage record as text, its counts per event name spelled out (a dictionary compares by reference).</summary>
    private static IEnumerable<string> Figures(ExportData export) =>
        export.Usage.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv =>
            (kv.Value with { EventCounts = ImmutableDictionary<string, long>.Empty }).ToString() + " "
            + string.Join(",", kv.Value.EventCounts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value}")));

    [Fact]
    public void LoadOrReuse_ImportOfTheSameFolder_ReturnsThatImport()
    {
        var handed = Export.Load(Subscriptions);

        Assert.Same(handed, Export.LoadOrReuse(Subscriptions, handed));
        // The same folder spelled another way (a notebook's relative dataFolder) is still the same export.
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), Subscriptions);
        Assert.Same(handed, Export.LoadOrReuse(relative, handed));
    }

    [Fact]
    public void LoadOrReuse_ImportOfAnotherFolder_ImportsTheFolderAsked()
    {
        // A notebook whose dataFolder points elsewhere (--param dataFolder=...) must not read the render's export.
        var handed = Export.Load(Subscriptions);
        var other = FixtureExports.Folder("accounts-deals");

        var got = Export.LoadOrReuse(other, handed);

        Assert.NotSame(handed, got);
        Assert.Equal(Path.GetFullPath(other), got.Folder);
        Assert.Equal(16, got.Accounts.Length); // make_fixtures.py's world: accounts A01-A16
    }

    [Fact]
    public void LoadOrReuse_SomethingElseHandedIn_SaysWhichAssembliesDiffer()
    {
        // What a notebook would get if its IcpKit.dll and the render's were different builds: the error says so
        // instead of a cast failure in the notebook's code.
        var e = Assert.Throws<ArgumentException>(() => Export.LoadOrReuse(Subscriptions, "not an export"));

        Assert.Contains("System.String", e.Message, StringComparison.Ordinal);
        Assert.Contains(typeof(ExportData).Assembly.Location, e.Message, StringComparison.Ordinal);
        Assert.Contains("rebuild", e.Message, StringComparison.Ordinal);
    }
}
