using System.Text.Json.Nodes;

namespace IcpKit.NotebookTests;

/// <summary>Committed notebooks carry no outputs and no execution counts (nbdev_clean): reports are rendered, not committed.</summary>
public sealed class CleanNotebookTests
{
    [Theory]
    [MemberData(nameof(Repo.NotebookNames), MemberType = typeof(Repo))]
    public void CommittedNotebook_HasNoOutputsOrExecutionCounts(string notebook)
    {
        var dirty = DirtyCells(File.ReadAllText(Path.Combine(Repo.Notebooks, notebook)));
        Assert.True(dirty.Count == 0, $"{notebook}: cells {string.Join(", ", dirty)} hold outputs or execution counts; clear them before committing.");
    }

    /// <summary>1-based numbers of code cells that hold outputs or an execution count.</summary>
    internal static List<int> DirtyCells(string ipynb)
    {
        var cells = JsonNode.Parse(ipynb)!["cells"]!.AsArray();
        return [.. cells.Select((c, i) => (i, c!)).Where(x => x.Item2["cell_type"]!.GetValue<string>() == "code"
            && (x.Item2["outputs"] is JsonArray { Count: > 0 } || x.Item2["execution_count"] is JsonValue)).Select(x => x.i + 1)];
    }

    [Theory]
    [MemberData(nameof(Repo.NotebookNames), MemberType = typeof(Repo))]
    public void CommittedNotebook_HasOneTaggedParametersCell(string notebook)
    {
        var cells = JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Notebooks, notebook)))!["cells"]!.AsArray();
        var tagged = cells.Count(c => c!["metadata"]?["tags"] is JsonArray tags && tags.Any(t => t!.GetValue<string>() == "parameters"));
        Assert.True(tagged == 1, $"{notebook}: {tagged} cells tagged 'parameters'; the runner injects values after exactly one.");
    }
}
