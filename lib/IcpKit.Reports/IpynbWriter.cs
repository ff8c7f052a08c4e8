using System.Text.Json;
using System.Text.Json.Nodes;

namespace IcpKit.Reports;

/// <summary>Writes an executed notebook back as .ipynb (nbformat 4), outputs included, so it opens in VS Code or Jupyter.</summary>
public static class IpynbWriter
{
    /// <summary>The executed notebook as .ipynb JSON: the original metadata, the run's cells (injected parameters included) and outputs.</summary>
    public static string Write(NotebookRun run)
    {
        var json = (JsonObject)run.Document.Json.DeepClone();
        var cells = new JsonArray();
        foreach (var c in run.Cells)
        {
            var cell = new JsonObject
            {
                ["cell_type"] = c.Cell.CellType,
                ["metadata"] = Metadata(c.Cell),
                ["source"] = Lines(c.Cell.Source),
            };
            if (c.Cell.IsCode)
            {
                cell["execution_count"] = c.ExecutionCount;
                cell["outputs"] = new JsonArray([.. c.Outputs.Select(o => Output(o, c.ExecutionCount))]);
            }
            cells.Add(cell);
        }
        json["cells"] = cells;
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    static JsonObject Metadata(NotebookCell cell)
    {
        var metadata = new JsonObject { ["dotnet_interactive"] = new JsonObject { ["language"] = cell.Language } };
        if (!cell.Tags.IsDefaultOrEmpty) metadata["tags"] = new JsonArray([.. cell.Tags.Select(t => (JsonNode)t)]);
        return metadata;
    }

    static JsonObject Output(CellOutput o, int? executionCount) => o.Kind switch
    {
        "stdout" or "stderr" => new JsonObject { ["output_type"] = "stream", ["name"] = o.Kind, ["text"] = Lines(o.PlainText) },
        "error" => new JsonObject
        {
            ["output_type"] = "error",
            ["ename"] = "Error",
            ["evalue"] = o.PlainText,
            ["traceback"] = new JsonArray([.. o.PlainText.Split('\n').Select(l => (JsonNode)l)]),
        },
        _ => new JsonObject
        {
            ["output_type"] = o.Kind == "result" ? "execute_result" : "display_data",
            ["data"] = new JsonObject([.. o.Data.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)Lines(kv.Value)))]),
            ["metadata"] = new JsonObject(),
        }.Also(j => { if (o.Kind == "result") j["execution_count"] = executionCount; }),
    };

    static JsonObject Also(this JsonObject o, Action<JsonObject> f) { f(o); return o; }

    /// <summary>nbformat's multi-line string: lines keeping their newline.</summary>
    static JsonArray Lines(string text)
    {
        var parts = text.Split('\n');
        var lines = new JsonArray();
        for (var i = 0; i < parts.Length; i++)
        {
            var line = i < parts.Length - 1 ? parts[i] + "\n" : parts[i];
            if (line.Length > 0) lines.Add(line);
        }
        return lines;
    }
}
