using System.Text;
using IcpKit.Generation;
using IcpKit.Loading;

namespace IcpKit.Tests.Generation;

public class MessyExportWriterTests
{
    private static readonly Encoding Cp1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    /// <summary>Physical lines of a file decoded with the encoding it was written in.</summary>
    private static string[] Lines(string dir, string file, Encoding encoding)
    {
        var text = encoding.GetString(File.ReadAllBytes(Path.Combine(dir, file)));
        return text.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
    }

    private static Encoding EncodingOf(string file) => file switch
    {
        "accounts.csv" => Cp1252,
        "surveys.csv" => Encoding.Unicode,
        _ => Encoding.UTF8,
    };

    [Fact]
    public void Write_EachPlantedProblem_IsOnTheLineItNames()
    {
        using var dir = new TempDir();
        var problems = MessyExportWriter.Write(dir.Path);
        Assert.NotEmpty(problems);
        foreach (var p in problems)
        {
            var lines = Lines(dir.Path, p.File, EncodingOf(p.File));
            var line = lines[p.Line - 1];
            if (p.Value is not null) Assert.Contains(p.Value, line, StringComparison.Ordinal);
            if (p.Column is not null) Assert.Contains(p.Column, lines[0], StringComparison.Ordinal);
        }
        // One problem per check and file is what the README promises; duplicates name both lines.
        Assert.Equal(problems.Length, problems.Select(p => (p.File, p.Line)).Distinct().Count());
        Assert.Contains(problems, p => p.Rule == "duplicate-id" && p.File == "deals.csv" && p.Description.Contains("line 4", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Severity == Severity.Warning);
    }

    [Fact]
    public void Write_Files_UseTheirPlannedEncodings()
    {
        using var dir = new TempDir();
        MessyExportWriter.Write(dir.Path);
        var accounts = File.ReadAllBytes(Path.Combine(dir.Path, "accounts.csv"));
        // "Müller" in Windows-1252 is one byte 0xFC for ü, which is not valid UTF-8.
        Assert.Contains((byte)0xFC, accounts);
        Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(accounts));
        Assert.Contains("Müller GmbH", Cp1252.GetString(accounts), StringComparison.Ordinal);
        Assert.Contains("Société Générale", Cp1252.GetString(accounts), StringComparison.Ordinal);
        Assert.Contains(";", Lines(dir.Path, "accounts.csv", Cp1252)[0], StringComparison.Ordinal);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, File.ReadAllBytes(Path.Combine(dir.Path, "deals.csv"))[..3]);
        Assert.Equal(new byte[] { 0xFF, 0xFE }, File.ReadAllBytes(Path.Combine(dir.Path, "surveys.csv"))[..2]);
        Assert.Contains("\r\n", File.ReadAllText(Path.Combine(dir.Path, "events.csv")), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_Readme_ListsEveryProblemWithFileAndLine()
    {
        using var dir = new TempDir();
        var problems = MessyExportWriter.Write(dir.Path);
        var readme = File.ReadAllText(Path.Combine(dir.Path, "README.md"));
        foreach (var p in problems)
            Assert.Contains($"| {p.File} | {p.Line} |", readme, StringComparison.Ordinal);
        var yaml = File.ReadAllText(Path.Combine(dir.Path, "icpkit.yaml"));
        Assert.Contains("name: Company Name", yaml, StringComparison.Ordinal);
        Assert.Contains("dd/MM/yyyy", yaml, StringComparison.Ordinal);
    }
}
