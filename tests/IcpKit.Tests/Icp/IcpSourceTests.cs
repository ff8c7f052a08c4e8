using IcpKit.Icp;
using IcpKit.Tests.Analysis;

namespace IcpKit.Tests.Icp;

/// <summary>The one rule for where the ICP comes from: --icp, the export folder's icp.yaml, this render's draft, or none; never a sample's file.</summary>
public sealed class IcpSourceTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("icpsource-").FullName;

    public void Dispose() => Directory.Delete(_root, true);

    private string Write(string relative)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "name: X\nversion: 1\ndate: 2026-01-01\nhas:\n  - field: industry\n    in: [saas]\n");
        return path;
    }

    [Fact]
    public void Find_AppliesTheRuleInOrder()
    {
        var data = Path.Combine(_root, "export");
        var reports = Path.Combine(_root, "reports");
        Directory.CreateDirectory(data);

        Assert.Equal(IcpOrigin.None, IcpSource.Find(null, data, reports).Origin);
        var draft = Write("reports/icp.draft.yaml");
        Assert.Equal((draft, IcpOrigin.Draft), (IcpSource.Find(null, data, reports).Path, IcpSource.Find(null, data, reports).Origin));
        Assert.Equal(IcpOrigin.None, IcpSource.Find(null, data, null).Origin); // icpkit test has no render, so no draft
        var own = Write("export/icp.yaml");
        Assert.Equal((own, IcpOrigin.DataFolder), (IcpSource.Find("", data, reports).Path, IcpSource.Find("", data, reports).Origin));
        var given = Write("elsewhere/mine.yaml");
        Assert.Equal((given, IcpOrigin.Given), (IcpSource.Find(given, data, reports).Path, IcpSource.Find(given, data, reports).Origin));
    }

    [Fact]
    public void Load_NoIcp_SaysSoInWordsAndNamesTheFileOtherwise()
    {
        var export = FixtureExports.Load("no-surveys");

        var none = IcpSource.Find(null, FixtureExports.Folder("no-surveys"), null).Load(export);
        var given = IcpSource.Find(Write("mine.yaml"), FixtureExports.Folder("no-surveys"), null);

        Assert.Equal("Not measurable: no ICP yet: run 03 (it drafts one into the report folder), save the reviewed one as icp.yaml in the export folder, or pass --icp.", none.ToText());
        Assert.True(given.Load(export).IsMeasured);
        Assert.Contains("mine.yaml (given with --icp)", given.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_ValueNoAccountHas_NamesItsLineAndColumnAndTheValuesThatOccur()
    {
        // "fintek" is in no account of the fixture: the rule would match nobody, so the sentence the notebooks show says where.
        var export = FixtureExports.Load("no-surveys");
        var industries = export.Accounts.Select(a => a.Industry).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        var path = Path.Combine(_root, "typo.yaml");
        File.WriteAllText(path, $"name: X\nversion: 1\ndate: 2026-01-01\nhas:\n  - field: industry\n    in: [{industries[0]}, fintek]\n");
        var source = IcpSource.Find(path, FixtureExports.Folder("no-surveys"), null);

        var text = source.Describe(source.Load(export), export);

        Assert.StartsWith(source.Description + " Check typo.yaml line 6, column " + (12 + industries[0].Length), text, StringComparison.Ordinal);
        Assert.Contains("industry 'fintek' occurs in no account of the export (its values: " + industries[0], text, StringComparison.Ordinal);
        Assert.EndsWith("a rule on it matches nobody.", text, StringComparison.Ordinal);
        // A file whose values all occur says only where it came from.
        var cleanPath = Path.Combine(_root, "clean.yaml");
        File.WriteAllText(cleanPath, $"name: X\nversion: 1\ndate: 2026-01-01\nhas:\n  - field: industry\n    in: [{industries[0]}]\n");
        var clean = IcpSource.Find(cleanPath, FixtureExports.Folder("no-surveys"), null);
        Assert.Equal(clean.Description, clean.Describe(clean.Load(export), export));
    }

    [Fact]
    public void Load_BadIcpFile_IsASentenceWithTheLineNotAnException()
    {
        var path = Path.Combine(_root, "bad.yaml");
        File.WriteAllText(path, "name: X\nversion: 1\ndate: 2026-01-01\nhas:\n  - field: team_size\n    in: [small]\n");

        var loaded = IcpSource.Find(path, FixtureExports.Folder("no-surveys"), null).Load(FixtureExports.Load("no-surveys"));

        Assert.False(loaded.IsMeasured);
        Assert.Contains("cannot be used", loaded.Missing!.Reason, StringComparison.Ordinal);
        Assert.Contains("team_size", loaded.Missing.Reason, StringComparison.Ordinal);
    }
}
