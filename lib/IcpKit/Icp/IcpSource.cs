using System.Collections.Immutable;
using IcpKit.Analysis;
using IcpKit.Loading;
using IcpKit.Rendering;
using Microsoft.Data.Analysis;

namespace IcpKit.Icp;

/// <summary>Where an ICP came from, in the order <see cref="IcpSource.Find"/> looks.</summary>
public enum IcpOrigin
{
    /// <summary>Passed explicitly (<c>--icp</c>, the notebooks' <c>icpFile</c> parameter).</summary>
    Given,
    /// <summary>The icp.yaml in the export folder.</summary>
    DataFolder,
    /// <summary>The draft step 3 wrote into this render's report folder.</summary>
    Draft,
    /// <summary>No ICP anywhere yet.</summary>
    None,
}

/// <summary>
/// The one rule for which ICP notebooks 04 and 05, <c>icpkit test</c>, summary.json and <c>icpkit compare</c> use:
/// the file given (<c>--icp</c>); else <c>icp.yaml</c> in the export folder; else the draft notebook 03 wrote into this
/// render's report folder (<c>icp.draft.yaml</c>); else none, which the reports say in words. Never a sample's file.
/// </summary>
/// <remarks>
/// Example: <c>icpkit render --data my-export --out reports</c> on a folder without icp.yaml: 03 writes
/// reports/icp.draft.yaml, and 04, 05 and summary.json then test and score that draft and name it.
/// </remarks>
/// <param name="Path">The file, full path; null when there is none.</param>
/// <param name="Origin">Which rule found it.</param>
public sealed record IcpSource(string? Path, IcpOrigin Origin) : IHtmlRenderable, ITextRenderable
{
    /// <summary>The draft notebook 03 writes into the report folder.</summary>
    public const string DraftName = "icp.draft.yaml";

    /// <summary>Where notebook 03 writes its draft for a report folder.</summary>
    public static string DraftPath(string outFolder) => System.IO.Path.GetFullPath(System.IO.Path.Combine(outFolder, DraftName));

    /// <summary>Applies the rule.</summary>
    /// <param name="icpFile">The file given explicitly; null or blank when none was.</param>
    /// <param name="dataFolder">The export folder.</param>
    /// <param name="outFolder">This render's report folder; null when there is none (e.g. <c>icpkit test</c>).</param>
    public static IcpSource Find(string? icpFile, string dataFolder, string? outFolder)
    {
        ArgumentNullException.ThrowIfNull(dataFolder);
        if (!string.IsNullOrWhiteSpace(icpFile)) return new(System.IO.Path.GetFullPath(icpFile), IcpOrigin.Given);
        var own = System.IO.Path.Combine(dataFolder, IcpFile.DefaultName);
        if (File.Exists(own)) return new(System.IO.Path.GetFullPath(own), IcpOrigin.DataFolder);
        if (!string.IsNullOrWhiteSpace(outFolder) && File.Exists(DraftPath(outFolder))) return new(DraftPath(outFolder), IcpOrigin.Draft);
        return new(null, IcpOrigin.None);
    }

    /// <summary>The ICP checked against the export's fields, or why there is none to use.</summary>
    /// <remarks>A given file that does not exist, or an icp.yaml with an error, is a sentence naming the file (and the line), not an exception.</remarks>
    public Measured<IcpDefinition> Load(ExportData export)
    {
        ArgumentNullException.ThrowIfNull(export);
        if (Path is null) return new NotMeasurable("no ICP yet: run 03 (it drafts one into the report folder), save the reviewed one as icp.yaml in the export folder, or pass --icp");
        if (!File.Exists(Path)) return new NotMeasurable($"no ICP file at {Path} (given with --icp)");
        try
        {
            return IcpDefinition.Load(Path, export);
        }
        catch (IcpFileException e)
        {
            return new NotMeasurable($"the ICP in {Path} cannot be used: {e.Message}");
        }
    }

    /// <summary>"ICP from /x/icp.yaml (the export folder's icp.yaml)", or that there is none.</summary>
    public string Description => Origin switch
    {
        IcpOrigin.Given => $"ICP from {Path} (given with --icp).",
        IcpOrigin.DataFolder => $"ICP from {Path} (the export folder's icp.yaml).",
        IcpOrigin.Draft => $"ICP from {Path} (the draft 03 wrote in this render; review it and save it as icp.yaml in the export folder).",
        _ => "No ICP yet: run 03 or pass --icp.",
    };

    /// <summary>
    /// <see cref="Description"/>, then each value the ICP names that no account of the export has
    /// (<see cref="IcpFile.ValueWarnings"/>): a typo or another spelling would otherwise match nobody without a word.
    /// </summary>
    /// <remarks>Example: "ICP from /x/icp.yaml (the export folder's icp.yaml). Check icp.yaml line 6, column 20: industry
    /// 'fintek' occurs in no account of the export (its values: fintech, software); a rule on it matches nobody."</remarks>
    public string Describe(Measured<IcpDefinition> icp, ExportData export)
    {
        ArgumentNullException.ThrowIfNull(icp);
        ArgumentNullException.ThrowIfNull(export);
        return !icp.IsMeasured ? Description : Description + string.Concat(Warnings(icp.Value, export).Select(w => $" Check {w}; a rule on it matches nobody."));
    }

    /// <summary>The values <paramref name="icp"/> names that no account of <paramref name="export"/> has, placed in this file.</summary>
    public ImmutableArray<IcpValueWarning> Warnings(IcpDefinition icp, ExportData export)
    {
        ArgumentNullException.ThrowIfNull(icp);
        ArgumentNullException.ThrowIfNull(export);
        return IcpFile.ValueWarnings(icp, export.Accounts, Path is null ? IcpFile.DefaultName : System.IO.Path.GetFileName(Path));
    }

    /// <summary>One row: the ICP file's full path (empty when there is none), which rule found it in words, and the sentence the reports show.</summary>
    public DataFrame Summary => new(
        new StringDataFrameColumn("path", [Path ?? ""]),
        new StringDataFrameColumn("origin", [Format.Words(Origin)]),
        new StringDataFrameColumn("description", [Description]));

    /// <inheritdoc/>
    public string ToHtml() => "<p>" + HtmlText.Escape(Description) + "</p>";

    /// <inheritdoc/>
    public string ToText() => Description;

    /// <inheritdoc/>
    public override string ToString() => Description;
}
