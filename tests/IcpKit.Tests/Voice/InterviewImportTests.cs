using IcpKit.Analysis;
using IcpKit.Loading;
using IcpKit.Model;
using IcpKit.Tests.Loading;

namespace IcpKit.Tests.Voice;

/// <summary>interviews.csv through the import: located problems, the yes/no columns, the mapping, and its absence.</summary>
public class InterviewImportTests
{
    private const string Header = "account_id,interviewed_on,tags,themes,would_pay,invited_colleagues\n";

    private static ExportData Load(string interviews, string? yaml = null, string file = "interviews.csv")
    {
        using var folder = new ExportFolder().WithAccounts().With(file, interviews).With("icpkit.yaml", yaml ?? "as_of: 2026-01-31\n");
        return Export.Load(folder.Path);
    }

    [Fact]
    public void Import_UnknownTag_ReportedAtFileLineAndColumnAndTheRowKept()
    {
        var export = Load(Header + "A1,2026-01-10,demo_excitement,,yes,no\nA2,2026-01-11,\"Demo_Excitement; wow_factor\",a;b,no,\n");
        var issue = Assert.Single(export.Report.Issues, i => i.Rule == "unknown-tag");
        Assert.Equal(("interviews.csv", 3, "tags", "wow_factor", Severity.Warning), (issue.File, issue.Line, issue.Column, issue.Value, issue.Severity));
        Assert.Contains("demo_excitement, strong_problem_agreement, constant_feedback, invited_colleagues, polite_interest, unintended_use, would_not_pay", issue.Expected, StringComparison.Ordinal);
        Assert.Equal(2, export.Interviews.Length);
        // Tags are matched ignoring case; the unknown one is left out, not the row.
        Assert.Equal(["demo_excitement"], export.Interviews[1].Tags.ToArray());
        Assert.Equal(["a", "b"], export.Interviews[1].Themes.ToArray());
        Assert.Equal((true, (bool?)false), (export.Interviews[0].WouldPay!.Value, export.Interviews[0].InvitedColleagues));
        Assert.Equal(((bool?)false, (bool?)null), (export.Interviews[1].WouldPay, export.Interviews[1].InvitedColleagues));
    }

    [Fact]
    public void Import_BadRows_AreLocated()
    {
        var export = Load(Header + "A9,2026-01-10,,,,\nA1,10/01/2026,,,,\nA1,2026-01-12,,,maybe,\n");
        Assert.Equal(("interviews.csv", 2, "account_id"), Only(export, "unknown-account"));
        Assert.Equal(("interviews.csv", 3, "interviewed_on"), Only(export, "type.date"));
        Assert.Equal(("interviews.csv", 4, "would_pay"), Only(export, "type.flag"));
        Assert.Single(export.Interviews); // the flag is kept as not recorded; the other two rows are rejected
    }

    private static (string, int, string?) Only(ExportData export, string rule)
    {
        var i = Assert.Single(export.Report.Issues, x => x.Rule == rule);
        return (i.File, i.Line, i.Column);
    }

    [Fact]
    public void Import_MappedFileAndColumns_ReadLikeTheCanonicalOnes()
    {
        var yaml = "as_of: 2026-01-31\ninterviews:\n  file: notes.csv\n  columns:\n    account_id: Company\n    interviewed_on: Date\n    tags: Signals\n";
        var export = Load("Company,Date,Signals\nA1,2026-01-10,polite_interest\n", yaml, "notes.csv");
        var interview = Assert.Single(export.Interviews);
        Assert.Equal(["polite_interest"], interview.Tags.ToArray());
        Assert.True(export.Has(ExportFile.Interviews));
    }

    [Fact]
    public void Load_WithoutInterviews_SaysWhatItWouldNeedAndRaisesNoWarning()
    {
        using var folder = new ExportFolder().WithAccounts().With("icpkit.yaml", "as_of: 2026-01-31\n");
        var export = Export.Load(folder.Path);
        Assert.False(export.Has(ExportFile.Interviews));
        Assert.DoesNotContain(export.Report.Issues, i => i.File == "interviews.csv");
        Assert.StartsWith("no interview notes in this export (add interviews.csv", Inputs.Check(export, Need.Interviews), StringComparison.Ordinal);
    }
}
