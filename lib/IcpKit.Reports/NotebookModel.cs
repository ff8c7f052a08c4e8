using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace IcpKit.Reports;

/// <summary>One cell of a notebook as read from an .ipynb file.</summary>
/// <param name="CellType">"code", "markdown" or "raw".</param>
/// <param name="Source">The cell's text.</param>
/// <param name="Tags">The cell's metadata tags (e.g. "parameters").</param>
/// <param name="Language">The cell's kernel language for code cells ("csharp" unless the notebook says otherwise).</param>
public sealed record NotebookCell(string CellType, string Source, ImmutableArray<string> Tags, string Language = "csharp")
{
    /// <summary>True for a code cell.</summary>
    public bool IsCode => CellType == "code";
    /// <summary>The first non-empty line, used in progress and error messages.</summary>
    public string FirstLine => Source.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
}

/// <summary>A notebook read from an .ipynb file: its cells, and the raw JSON so the executed copy keeps the metadata.</summary>
public sealed record NotebookDocument(string Path, ImmutableArray<NotebookCell> Cells, JsonObject Json)
{
    /// <summary>Reads an .ipynb (nbformat 4) file.</summary>
    public static NotebookDocument Read(string path)
    {
        var json = JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? throw new InvalidDataException($"{path} is not a JSON object.");
        var cells = json["cells"]?.AsArray() ?? throw new InvalidDataException($"{path} has no cells.");
        return new NotebookDocument(System.IO.Path.GetFullPath(path), [.. cells.Select(c => ReadCell(c!.AsObject()))], json);
    }

    static NotebookCell ReadCell(JsonObject cell)
    {
        var source = cell["source"] switch
        {
            JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>())),
            JsonValue v => v.GetValue<string>(),
            _ => "",
        };
        var metadata = cell["metadata"] as JsonObject;
        var tags = metadata?["tags"] is JsonArray t ? t.Select(x => x?.GetValue<string>() ?? "").ToImmutableArray() : [];
        // Polyglot Notebooks stores the cell's kernel under metadata.dotnet_interactive.language.
        var language = metadata?["dotnet_interactive"]?["language"]?.GetValue<string>()
            ?? metadata?["polyglot_notebook"]?["kernelName"]?.GetValue<string>() ?? "csharp";
        return new NotebookCell(cell["cell_type"]?.GetValue<string>() ?? "raw", source, tags, language);
    }

    /// <summary>The file name without extension, e.g. "00-load-and-validate".</summary>
    public string Name => System.IO.Path.GetFileNameWithoutExtension(Path);

    /// <summary>The text of the first H1 heading in a markdown cell, or <see cref="Name"/>.</summary>
    public string Title => Cells.Where(c => c.CellType == "markdown")
        .SelectMany(c => c.Source.Split('\n'))
        .FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal))?[2..].Trim() ?? Name;
}

/// <summary>One output of an executed cell.</summary>
/// <param name="Kind">"display", "result", "stdout", "stderr" or "error".</param>
/// <param name="Data">The output's text per MIME type (e.g. "text/html", "text/plain").</param>
public sealed record CellOutput(string Kind, ImmutableDictionary<string, string> Data)
{
    /// <summary>An output carrying one plain-text value.</summary>
    public static CellOutput Text(string kind, string text) =>
        new(kind, ImmutableDictionary<string, string>.Empty.Add("text/plain", text));

    /// <summary>The HTML of the output, or null when it has none.</summary>
    public string? Html => Data.GetValueOrDefault("text/html");
    /// <summary>The plain text of the output, or "".</summary>
    public string PlainText => Data.GetValueOrDefault("text/plain") ?? "";
}

/// <summary>What happened to one cell when the notebook ran.</summary>
/// <param name="Index">0-based cell index in the executed notebook (after the injected parameters cell).</param>
/// <param name="Cell">The cell.</param>
/// <param name="Outputs">Outputs in the order they were produced.</param>
/// <param name="ExecutionCount">1-based run order of code cells that ran; null for markdown and cells not run.</param>
/// <param name="Error">The failure message when the cell failed; null otherwise.</param>
/// <param name="Elapsed">Time the cell took.</param>
public sealed record CellRun(int Index, NotebookCell Cell, ImmutableArray<CellOutput> Outputs, int? ExecutionCount, string? Error, TimeSpan Elapsed)
{
    /// <summary>True when the cell failed.</summary>
    public bool Failed => Error is not null;
}

/// <summary>An executed notebook: its cells with outputs, whether it got through, and how long it took.</summary>
/// <param name="Document">The notebook as read.</param>
/// <param name="Cells">The cells as executed, including the injected parameters cell.</param>
/// <param name="Elapsed">Wall time of the run.</param>
/// <param name="AsOf">The value of the notebook's <c>asOf</c> variable when it declares one (shown in the index); null otherwise.</param>
public sealed record NotebookRun(NotebookDocument Document, ImmutableArray<CellRun> Cells, TimeSpan Elapsed, string? AsOf)
{
    /// <summary>The first failed cell, or null when every cell ran.</summary>
    public CellRun? FirstFailure => Cells.FirstOrDefault(c => c.Failed);
    /// <summary>True when no cell failed.</summary>
    public bool Succeeded => FirstFailure is null;

    /// <summary>Returns a copy with every output's text, error and cell source passed through <paramref name="map"/> (used for redaction).</summary>
    /// <remarks>Sources are mapped too: a name typed into a cell would otherwise leak through the folded code.</remarks>
    public NotebookRun MapText(Func<string, string> map) => this with
    {
        Cells = [.. Cells.Select(c => c with
        {
            Cell = c.Cell with { Source = map(c.Cell.Source) },
            Outputs = [.. c.Outputs.Select(o => o with { Data = o.Data.ToImmutableDictionary(kv => kv.Key, kv => map(kv.Value)) })],
            Error = c.Error is null ? null : map(c.Error),
        })],
    };
}
