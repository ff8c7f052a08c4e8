using IcpKit.Loading;
using IcpKit.Tests.Generation;

namespace IcpKit.Tests.Analysis;

/// <summary>The hand-written exports under tests/Fixtures/exports (see make_fixtures.py there for the world they share).</summary>
internal static class FixtureExports
{
    public static string Folder(string name) => Path.Combine(DataSamplesTests.RepoRoot(), "tests", "Fixtures", "exports", name);

    public static ExportData Load(string name) => Export.Load(Folder(name));
}
