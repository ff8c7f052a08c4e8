using IcpKit.Generation;
using IcpKit.Loading;

namespace IcpKit.Tests.Loading;

/// <summary>
/// The messy sample export plants one problem per line, each with its rule and severity
/// (<see cref="MessyExportWriter"/>); the validator must report exactly those, no more and no fewer.
/// </summary>
public class MessyExportTests
{
    [Fact]
    public void Load_MessyExport_ReportsExactlyThePlantedProblems()
    {
        var folder = Directory.CreateTempSubdirectory("icpkit-messy-").FullName;
        var planted = MessyExportWriter.Write(folder);

        var export = Export.Load(folder);

        var expected = planted.Select(p => $"{p.File}:{p.Line} {p.Rule} {p.Severity}").Order(StringComparer.Ordinal).ToList();
        var reported = export.Report.Issues.Select(i => $"{i.File}:{i.Line} {i.Rule} {i.Severity}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, reported);
    }

    [Fact]
    public void Load_MessyExport_BalancesEveryFileAndKeepsAccents()
    {
        var folder = Directory.CreateTempSubdirectory("icpkit-messy-").FullName;
        MessyExportWriter.Write(folder);

        var export = Export.Load(folder);

        Assert.All(export.Report.Files.Where(f => f.Present), f => Assert.True(f.Balances, $"{f.File}: read {f.RowsRead} != {f.Accepted} + {f.Rejected}"));
        // Windows-1252 bytes decode without mojibake.
        Assert.Contains(export.Accounts, a => a.Name == "Groß & Söhne KG");
        Assert.Contains(export.Accounts, a => a.Name == "Société Générale");
        Assert.Contains(export.Accounts, a => a.Name == "Nordisk Ærø ApS");
    }
}
