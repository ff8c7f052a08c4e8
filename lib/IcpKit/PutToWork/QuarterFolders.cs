using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using IcpKit.Loading;

namespace IcpKit.PutToWork;

/// <summary>Which export a folder of quarterly exports stands for: its latest quarter, and why.</summary>
/// <param name="Folder">The chosen export folder.</param>
/// <param name="Candidates">Every subfolder holding an export, oldest first.</param>
/// <param name="Reason">How the choice was made, to tell the user, e.g. "latest of 2 quarter folders by name: 2026Q3".</param>
public sealed record QuarterFolderChoice(string Folder, ImmutableArray<string> Candidates, string Reason);

/// <summary>Finds the exports of a folder that holds one subfolder per quarter (data-samples/2026Q2, data-samples/2026Q3, ...).</summary>
public static partial class QuarterFolders
{
    /// <summary>True when <paramref name="folder"/> is an export itself (it has accounts.csv or icpkit.yaml).</summary>
    public static bool IsExport(string folder) =>
        File.Exists(Path.Combine(folder, ProjectConfigReader.FileName)) || File.Exists(Path.Combine(folder, ProjectConfig.Canonical.Accounts.FileName));

    /// <summary>
    /// The latest quarter under <paramref name="folder"/>; null when the folder is an export itself or holds none.
    /// </summary>
    /// <remarks>
    /// Subfolders named like a quarter (2026Q3, 2026-Q3) are quarters, and the latest name wins; other exports
    /// beside them (data-samples/messy) are not quarters and are skipped. Without quarter names, the latest
    /// as_of stated in each icpkit.yaml wins, then the name. Nothing is imported, so the choice is instant.
    /// </remarks>
    public static QuarterFolderChoice? Latest(string folder)
    {
        if (!Directory.Exists(folder) || IsExport(folder)) return null;
        var exports = Directory.EnumerateDirectories(folder).Where(IsExport).Order(StringComparer.Ordinal).ToList();
        if (exports.Count == 0) return null;
        var named = exports.Select(f => (Folder: f, Quarter: QuarterName(Path.GetFileName(f)))).Where(x => x.Quarter is not null).ToList();
        if (named.Count > 0)
        {
            var ordered = named.OrderBy(x => x.Quarter!.Value).ThenBy(x => AsOfOf(x.Folder) ?? DateOnly.MinValue).Select(x => x.Folder).ToImmutableArray();
            return new QuarterFolderChoice(ordered[^1], ordered, string.Create(CultureInfo.InvariantCulture,
                $"latest of {ordered.Length} quarter folder(s) by name: {Path.GetFileName(ordered[^1])}"));
        }
        var byAsOf = exports.OrderBy(f => AsOfOf(f) ?? DateOnly.MinValue).ThenBy(f => f, StringComparer.Ordinal).ToImmutableArray();
        var asOf = AsOfOf(byAsOf[^1]);
        return new QuarterFolderChoice(byAsOf[^1], byAsOf, string.Create(CultureInfo.InvariantCulture,
            $"latest of {byAsOf.Length} export folder(s) by as_of{(asOf is { } d ? $" ({d:yyyy-MM-dd})" : " (none states one; by name)")}: {Path.GetFileName(byAsOf[^1])}"));
    }

    /// <summary>
    /// The icp.yaml of the quarter before <paramref name="exportFolder"/>: the ICP drafted last quarter, whose
    /// pre-registered experiment ran during this one. Null when the folder is not named like a quarter, or no earlier
    /// quarter folder beside it has an icp.yaml.
    /// </summary>
    /// <remarks>data-samples/2026Q3 gives data-samples/2026Q2/icp.yaml; the nearest earlier quarter with a file wins.</remarks>
    public static string? PreviousIcpFile(string exportFolder)
    {
        var full = Path.GetFullPath(exportFolder).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        if (QuarterName(Path.GetFileName(full)) is not { } current || Path.GetDirectoryName(full) is not { } parent) return null;
        return Directory.EnumerateDirectories(parent)
            .Select(f => (Folder: f, Quarter: QuarterName(Path.GetFileName(f))))
            .Where(x => x.Quarter < current && File.Exists(Path.Combine(x.Folder, Icp.IcpFile.DefaultName)))
            .OrderByDescending(x => x.Quarter)
            .Select(x => Path.Combine(x.Folder, Icp.IcpFile.DefaultName))
            .FirstOrDefault();
    }

    /// <summary>The quarter's (year, quarter) as a sortable number for names like 2026Q3 or 2026-q3; null otherwise.</summary>
    public static int? QuarterName(string name)
    {
        var m = QuarterPattern().Match(name);
        return m.Success ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * 10 + int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) : null;
    }

    private static DateOnly? AsOfOf(string folder)
    {
        var yaml = Path.Combine(folder, ProjectConfigReader.FileName);
        try
        {
            return File.Exists(yaml) ? ProjectConfigReader.ReadFile(yaml).AsOf : null;
        }
        catch (ProjectConfigException)
        {
            // A broken mapping is reported when that export is loaded; here it only loses its date.
            return null;
        }
    }

    [GeneratedRegex(@"^(\d{4})[-_ ]?[Qq]([1-4])$", RegexOptions.CultureInvariant)]
    private static partial Regex QuarterPattern();
}
