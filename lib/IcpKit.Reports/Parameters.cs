using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace IcpKit.Reports;

/// <summary>Papermill-style parameters: the cell tagged <c>parameters</c> keeps its defaults; a cell injected after it overrides them.</summary>
public static class Parameters
{
    /// <summary>The tag of the cell holding a notebook's default parameters.</summary>
    public const string Tag = "parameters";
    /// <summary>The tag of the cell the runner inserts (the same name papermill uses).</summary>
    public const string InjectedTag = "injected-parameters";

    /// <summary>C# declarations for the values, one per line: <c>var dataFolder = "/data/export";</c>.</summary>
    /// <remarks>Strings become verbatim literals (quotes doubled), so paths with backslashes or quotes survive. Example:
    /// <c>{ "redact": true, "minSegment": 30 }</c> gives <c>var redact = true;</c> and <c>var minSegment = 30;</c>.</remarks>
    public static string ToCode(IReadOnlyDictionary<string, object?> values)
    {
        var sb = new StringBuilder("// Parameters injected by icpkit render\n");
        foreach (var (name, value) in values.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (!IsIdentifier(name)) throw new ArgumentException($"'{name}' is not a C# identifier.", nameof(values));
            sb.Append("var ").Append(name).Append(" = ").Append(Literal(value)).Append(";\n");
        }
        return sb.ToString().TrimEnd('\n');
    }

    /// <summary>The notebook's cells with a parameters cell inserted after the one tagged <see cref="Tag"/> (or first, when none is tagged).</summary>
    public static ImmutableArray<NotebookCell> Inject(ImmutableArray<NotebookCell> cells, IReadOnlyDictionary<string, object?> values)
    {
        if (values.Count == 0) return cells;
        var injected = new NotebookCell("code", ToCode(values), [InjectedTag]);
        var at = cells.IndexOf(cells.FirstOrDefault(c => c.IsCode && c.Tags.Contains(Tag))!);
        return cells.Insert(at < 0 ? 0 : at + 1, injected);
    }

    static string Literal(object? value) => value switch
    {
        null => "(string?)null",
        string s => "@\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"",
        bool b => b ? "true" : "false",
        int or long => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        double d => d.ToString("R", CultureInfo.InvariantCulture) + "d",
        DateOnly d => $"new DateOnly({d.Year}, {d.Month}, {d.Day})",
        _ => throw new ArgumentException($"Parameter values must be strings, booleans, numbers or dates, not {value.GetType().Name}."),
    };

    static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_');
}
