using IcpKit.Analysis;
using IcpKit.Icp;

namespace IcpKit.Drafting;

/// <summary>The draft notebook 03 writes, where <see cref="IcpSource"/> finds it for 04, 05 and summary.json.</summary>
public static class IcpDraft
{
    /// <summary>Writes the candidate of rank <paramref name="pick"/> as <see cref="IcpSource.DraftName"/> into the report folder (created if needed).</summary>
    /// <returns>The draft, or why there is none (no candidate of that rank passed the support minimums).</returns>
    public static Measured<IcpDefinition> Write(CandidateSearchResult search, int pick, DateOnly date, string outFolder)
    {
        ArgumentNullException.ThrowIfNull(search);
        var draft = search.Draft(pick, "Draft ICP", 1, date);
        if (draft is null) return new NotMeasurable($"no candidate of rank {pick} passed the support minimums: no draft written");
        var path = IcpSource.DraftPath(outFolder);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, draft.ToYaml());
        return draft;
    }
}
