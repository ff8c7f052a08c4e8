using System.Collections.Immutable;
using IcpKit.Loading;
using IcpKit.Rendering;
using Microsoft.Data.Analysis;

namespace IcpKit.Tests.Rendering;

/// <summary>Validation reports and DataFrames show as escaped tables, cut to a readable length with a note.</summary>
public sealed class FramesTests
{
    static ValidationReport Report() => new(
        [new FileSummary("accounts.csv", true, 3, 2, 1, 1, "utf-8", ","), new FileSummary("surveys.csv", false, 0, 0, 0, 0, null, null)],
        [new ValidationIssue(Severity.Error, "accounts.csv", 3, "employees", "<b>lots</b>", "a whole number", "type.int")],
        ImmutableDictionary<(string, string, Severity), long>.Empty.Add(("accounts.csv", "type.int", Severity.Error), 1));

    [Fact]
    public void ToHtml_ValidationReport_ShowsFilesCountsAndEscapedIssues()
    {
        var html = Frames.ToHtml(Report());
        Assert.Contains("Rows were rejected", html, StringComparison.Ordinal);
        Assert.Contains("<td>surveys.csv</td><td>no</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>type.int</td><td>error</td><td style=\"text-align:right\">1</td>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;lots&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>lots", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToText_ValidationReport_AlignsTheFileTable()
    {
        var text = Frames.ToText(Report()).ReplaceLineEndings("\n");
        Assert.Contains("file          present  rows read  accepted  rejected  warnings  encoding  delimiter", text, StringComparison.Ordinal);
        Assert.Contains("accounts.csv  yes              3         2         1         1  utf-8     ,", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_LongDataFrame_ShowsTheFirstRowsAndSaysHowManyThereAre()
    {
        var frame = new DataFrame(new Int32DataFrameColumn("n", Enumerable.Range(0, 120)), new StringDataFrameColumn("s", Enumerable.Range(0, 120).Select(i => "<" + i + ">")));
        var html = Frames.ToHtml(frame, maxRows: 10);
        Assert.Equal(10, System.Text.RegularExpressions.Regex.Count(html, "<tr><td"));
        Assert.Contains("showing 10 of 120 rows", html, StringComparison.Ordinal);
        Assert.Contains("<td>&lt;9&gt;</td>", html, StringComparison.Ordinal);
    }
}
