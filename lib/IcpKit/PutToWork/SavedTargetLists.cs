using System.Collections.Immutable;
using IcpKit.Icp;
using IcpKit.Rendering;
using Microsoft.Data.Analysis;

namespace IcpKit.PutToWork;

/// <summary>One target list written to disk.</summary>
/// <param name="List">The list.</param>
/// <param name="CsvPath">The spreadsheet-safe CSV.</param>
/// <param name="JsonPath">The JSON.</param>
public sealed record SavedTargetList(TargetList List, string CsvPath, string JsonPath);

/// <summary>The accounts and open deals to act on, written as CSV and JSON; from <see cref="TargetLists.Save"/>.</summary>
/// <param name="Lists">Accounts first, then open deals.</param>
public sealed record TargetLists(ImmutableArray<SavedTargetList> Lists) : IHtmlRenderable, ITextRenderable
{
    /// <summary>File name stems: target-accounts and target-open-deals.</summary>
    public const string AccountsStem = "target-accounts", OpenDealsStem = "target-open-deals";

    /// <summary>Writes the accounts and the open deals of <paramref name="grades"/> (default A and B) into <paramref name="folder"/>.</summary>
    /// <param name="scores">The scored export.</param>
    /// <param name="folder">Output folder, created if needed.</param>
    /// <param name="traits">Extra columns, e.g. "industry", "employees", "usage.active_weeks".</param>
    /// <param name="grades">Grades to keep; null for <see cref="TargetList.DefaultGrades"/>.</param>
    public static TargetLists Save(IcpScores scores, string folder, IEnumerable<string>? traits = null, IEnumerable<FitGrade>? grades = null)
    {
        var t = traits?.ToList();
        var g = grades?.ToList();
        SavedTargetList Write(TargetList list, string stem)
        {
            var (csv, json) = list.Save(folder, stem);
            return new SavedTargetList(list, csv, json);
        }
        return new([Write(TargetList.ForAccounts(scores, g, t), AccountsStem), Write(TargetList.ForOpenDeals(scores, g, t), OpenDealsStem)]);
    }

    /// <summary>One row per list written: its title, rows, and the paths of its CSV and JSON files.</summary>
    public DataFrame Summary => new(
        new StringDataFrameColumn("list", Lists.Select(l => l.List.Title)),
        new Int32DataFrameColumn("rows", Lists.Select(l => l.List.Rows.Length)),
        new StringDataFrameColumn("csv_path", Lists.Select(l => l.CsvPath)),
        new StringDataFrameColumn("json_path", Lists.Select(l => l.JsonPath)));

    private static readonly string[] Headers = ["list", "rows", "CSV", "JSON"];

    private IEnumerable<IReadOnlyList<object?>> Rows() =>
        Lists.Select(l => (IReadOnlyList<object?>)[l.List.Title, l.List.Rows.Length, Path.GetFileName(l.CsvPath), Path.GetFileName(l.JsonPath)]);

    private string Caption => "Target lists written to " + (Lists.IsEmpty ? "" : Path.GetDirectoryName(Path.GetFullPath(Lists[0].CsvPath)));

    /// <inheritdoc/>
    public string ToHtml() => HtmlTable.Render(Headers, Rows(), Caption);

    /// <inheritdoc/>
    public string ToText() => TextTable.Render(Headers, Rows(), Caption);

    /// <inheritdoc/>
    public override string ToString() => ToText();
}
