using System.Globalization;
using IcpKit.Generation;

namespace IcpKit.Tests.Generation;

/// <summary>The committed data-samples/ folders are exactly what their documented commands write.</summary>
public class DataSamplesTests
{
    /// <summary>The repository root, found from the test binaries upwards.</summary>
    internal static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "IcpKit.slnx"))) return dir.FullName;
        throw new InvalidOperationException("IcpKit.slnx not found above " + AppContext.BaseDirectory);
    }

    // The commands in data-samples/README.md, as options. Changing one means regenerating the folder.
    public static TheoryData<string, string> Exports() => new()
    {
        { "2026Q3", "./icpkit generate --accounts 2000 --seed 42 --events 200000 --out data-samples/2026Q3" },
        { "2026Q2", "./icpkit generate --accounts 2000 --seed 42 --as-of 2026-06-30 --events 150000 --out data-samples/2026Q2" },
    };

    private static SampleExportOptions OptionsOf(string command)
    {
        var args = command.Split(' ');
        string? Arg(string name) => Array.IndexOf(args, name) is var i and >= 0 ? args[i + 1] : null;
        return new SampleExportOptions
        {
            Accounts = int.Parse(Arg("--accounts")!, CultureInfo.InvariantCulture),
            Seed = int.Parse(Arg("--seed")!, CultureInfo.InvariantCulture),
            Events = long.Parse(Arg("--events")!, CultureInfo.InvariantCulture),
            AsOf = Arg("--as-of") is { } d ? DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
        };
    }

    private static void AssertSameFiles(string expectedDir, string actualDir)
    {
        // icp.yaml is the ICP reviewed from notebook 03, committed beside the export; the generator does not write it.
        var expected = Directory.GetFiles(expectedDir).Select(Path.GetFileName).Where(f => f is not ("README.md" or "icp.yaml")).Order(StringComparer.Ordinal).ToList();
        var actual = Directory.GetFiles(actualDir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(actual.Where(f => f != "README.md"), expected);
        foreach (var file in actual)
        {
            var committed = File.ReadAllBytes(Path.Combine(expectedDir, file!));
            var regenerated = File.ReadAllBytes(Path.Combine(actualDir, file!));
            Assert.True(committed.AsSpan().SequenceEqual(regenerated), $"data-samples {Path.GetFileName(expectedDir)}/{file} differs from what the generator writes now; rerun the command in data-samples/README.md");
        }
    }

    [Theory]
    [MemberData(nameof(Exports))]
    public void CommittedExport_EqualsDocumentedCommandOutput(string folder, string command)
    {
        var root = RepoRoot();
        Assert.Contains(command, File.ReadAllText(Path.Combine(root, "data-samples", "README.md")), StringComparison.Ordinal);
        using var dir = new TempDir();
        new SampleExportGenerator(OptionsOf(command)).Generate(dir.Path);
        AssertSameFiles(Path.Combine(root, "data-samples", folder), dir.Path);
    }

    [Fact]
    public void CommittedMessyExport_EqualsWriterOutput()
    {
        var root = RepoRoot();
        Assert.Contains("./icpkit generate --messy --out data-samples/messy", File.ReadAllText(Path.Combine(root, "data-samples", "README.md")), StringComparison.Ordinal);
        using var dir = new TempDir();
        MessyExportWriter.Write(dir.Path);
        // The messy README is written by the writer too, so it is compared as well.
        AssertSameFiles(Path.Combine(root, "data-samples", "messy"), dir.Path);
    }

    [Fact]
    public void DataSamples_StaysUnderTwentyMegabytes()
    {
        long bytes = new DirectoryInfo(Path.Combine(RepoRoot(), "data-samples")).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
        Assert.True(bytes < 20L * 1024 * 1024, $"data-samples/ holds {bytes:N0} bytes");
    }
}
