using IcpKit.PutToWork;
using IcpKit.Tests.Generation;

namespace IcpKit.Tests.PutToWork;

public sealed class QuarterFoldersTests : IDisposable
{
    private readonly TempDir temp = new();

    private string root => temp.Path;

    public void Dispose() => temp.Dispose();

    private void Export(string name, string? asOf = null)
    {
        var dir = Directory.CreateDirectory(Path.Combine(root, name)).FullName;
        File.WriteAllText(Path.Combine(dir, "accounts.csv"), "account_id\nA1\n");
        if (asOf is not null) File.WriteAllText(Path.Combine(dir, "icpkit.yaml"), $"as_of: {asOf}\n");
    }

    [Fact]
    public void Latest_QuarterNames_PicksTheLatestAndSkipsOtherExports()
    {
        // As data-samples: two quarters and a messy export whose as_of equals the latest quarter's.
        Export("2026Q2", "2026-06-30");
        Export("2026Q3", "2026-09-30");
        Export("messy", "2026-12-31");
        Export("2025Q4");

        var choice = QuarterFolders.Latest(root)!;

        Assert.Equal("2026Q3", Path.GetFileName(choice.Folder));
        Assert.Equal(["2025Q4", "2026Q2", "2026Q3"], choice.Candidates.Select(Path.GetFileName));
        Assert.Contains("by name", choice.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Latest_NoQuarterNames_PicksTheLatestAsOf()
    {
        Export("june", "2026-06-30");
        Export("september", "2026-09-30");
        Export("august", "2026-08-31");

        var choice = QuarterFolders.Latest(root)!;

        Assert.Equal("september", Path.GetFileName(choice.Folder));
        Assert.Contains("2026-09-30", choice.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Latest_FolderIsAnExport_IsNull()
    {
        File.WriteAllText(Path.Combine(root, "accounts.csv"), "account_id\n");
        Export("2026Q3");

        Assert.Null(QuarterFolders.Latest(root));
    }

    [Theory]
    [InlineData("2026Q3", 20263)]
    [InlineData("2026-q1", 20261)]
    [InlineData("2026Q5", null)]
    [InlineData("messy", null)]
    public void QuarterName_ParsesQuarterFolderNames(string name, int? expected) =>
        Assert.Equal(expected, QuarterFolders.QuarterName(name));
}
