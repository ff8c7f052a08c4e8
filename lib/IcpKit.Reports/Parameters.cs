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
        double[] a => "new double[] { " + string.Join(", ", a.Select(x => Literal(x))) + " }",
        string[] a => "new string[] { " + string.Join(", ", a.Select(x => Literal(x))) + " }",
        _ => throw new ArgumentException($"Parameter values must be strings, booleans, numbers or dates, not {value.GetType().Name}."),
    };

    /// <summary>
    /// A value from the command line (<c>--param name=value</c>), typed the way a parameters cell would declare it:
    /// true/false a boolean, a whole number an int, a number a double, a comma-separated list of numbers a double[],
    /// any other comma-separated list a string[], anything else a string.
    /// </summary>
    /// <remarks>Example: <c>lifts=0.05,0.1</c> gives <c>new double[] { 0.05d, 0.1d }</c>; <c>focusTrait=industry</c> gives <c>@"industry"</c>.</remarks>
    public static object Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        if (t is "true" or "false") return t == "true";
        if (int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i)) return i;
        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
        if (t.Contains(',', StringComparison.Ordinal))
        {
            var parts = t.Split(',', StringSplitOptions.TrimEntries);
            var numbers = parts.Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? x : (double?)null).ToArray();
            return numbers.All(n => n is not null) ? numbers.Select(n => n!.Value).ToArray() : parts;
        }
        return text;
    }

    /// <summary>Reads <c>name=value</c> pairs; the error names the pair that is not one.</summary>
    /// <exception cref="ArgumentException">A pair without '=' or with a name that is not a C# identifier.</exception>
    public static ImmutableDictionary<string, object?> ParsePairs(IEnumerable<string> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var result = ImmutableDictionary.CreateBuilder<string, object?>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            var name = at < 0 ? "" : pair[..at].Trim();
            if (!IsIdentifier(name)) throw new ArgumentException($"--param '{pair}': expected name=value with a parameter name such as focusTrait=industry");
            result[name] = Parse(pair[(at + 1)..]);
        }
        return result.ToImmutable();
    }

    static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_');
}
