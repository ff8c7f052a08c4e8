using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.VisualBasic.FileIO;

namespace IcpKit.Reports;

/// <summary>Replaces account and contact names with stable pseudonyms in rendered outputs (for reports shared beyond the team).</summary>
/// <remarks>
/// Works on the outputs, not inside the library, so it catches names wherever a notebook shows them (tables, chart
/// JSON, printed text, error messages) without each formatter having to cooperate. Each name is replaced in the forms
/// it can take in an output: as is, HTML-escaped (two escapers are in use) and JSON-escaped. Longer names go first, so "Acme Group" is
/// not left as "Account-xxxx Group" by a shorter "Acme". Pseudonyms are an HMAC-SHA256 of the name under a key:
/// the same name gets the same pseudonym in every report rendered with the same key, and without the key the
/// pseudonym cannot be tested against a list of guessed names.
/// </remarks>
public sealed class Redactor
{
    readonly ImmutableArray<(string From, string To)> replacements;

    /// <summary>A redactor for the given names, each with its kind ("Account", "Contact").</summary>
    /// <param name="names">Names and the kind of thing they name.</param>
    /// <param name="key">HMAC key; the same key gives the same pseudonyms.</param>
    public Redactor(IEnumerable<(string Name, string Kind)> names, byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, kind) in names.Where(n => n.Name.Trim().Length >= MinLength).OrderByDescending(n => n.Name.Length))
        {
            var trimmed = name.Trim();
            var pseudonym = $"{kind}-{Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(trimmed)))[..8]}";
            foreach (var form in new[] { trimmed, System.Net.WebUtility.HtmlEncode(trimmed), HtmlEncoder.Default.Encode(trimmed), JsonForm(trimmed) })
                pairs.TryAdd(form, pseudonym);
        }
        replacements = [.. pairs.OrderByDescending(p => p.Key.Length).Select(p => (p.Key, p.Value))];
    }

    /// <summary>Names shorter than this are left alone: replacing "A" or "Co" would mangle every output.</summary>
    public const int MinLength = 3;

    /// <summary>How many distinct name forms are replaced.</summary>
    public int Count => replacements.Length;

    /// <summary>The text with every known name replaced by its pseudonym.</summary>
    public string Redact(string text)
    {
        var sb = new StringBuilder(text);
        foreach (var (from, to) in replacements) sb.Replace(from, to);
        return sb.ToString();
    }

    /// <summary>
    /// A redactor for the names in an export: in every CSV file of <paramref name="dataFolder"/>, the columns that
    /// hold names (<c>name</c>, <c>account_name</c>, <c>company</c>, <c>*_name</c>, anything with "contact" or "email").
    /// </summary>
    public static Redactor FromExport(string dataFolder, byte[] key)
    {
        var names = new List<(string, string)>();
        foreach (var file in Directory.EnumerateFiles(dataFolder, "*.csv", System.IO.SearchOption.AllDirectories))
        {
            if (new FileInfo(file).Length > 200_000_000) continue; // event logs carry ids, not names; don't scan gigabytes
            using var parser = new TextFieldParser(file) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true };
            parser.SetDelimiters(Delimiter(file));
            var header = parser.ReadFields();
            if (header is null) continue;
            var accountFile = Path.GetFileName(file).Contains("account", StringComparison.OrdinalIgnoreCase);
            var columns = header.Select((h, i) => (Kind: KindOf(h.Trim().ToLowerInvariant(), accountFile), i)).Where(c => c.Kind is not null).ToArray();
            if (columns.Length == 0) continue;
            while (!parser.EndOfData)
            {
                string[]? row;
                try { row = parser.ReadFields(); }
                catch (MalformedLineException) { continue; } // the validator reports it; redaction just skips it
                if (row is null) continue;
                foreach (var (kind, i) in columns)
                    if (i < row.Length && row[i].Length > 0) names.Add((row[i], kind!));
            }
        }
        return new Redactor(names, key);
    }

    static string? KindOf(string column, bool accountFile) => column switch
    {
        "name" => accountFile ? "Account" : "Contact",
        "account_name" or "company" or "company_name" => "Account",
        _ when column.Contains("contact", StringComparison.Ordinal) || column.Contains("email", StringComparison.Ordinal) => "Contact",
        _ when column.EndsWith("_name", StringComparison.Ordinal) => "Contact",
        _ => null,
    };

    static string Delimiter(string file)
    {
        using var reader = new StreamReader(file);
        var first = reader.ReadLine() ?? "";
        return Delimiters.MaxBy(d => first.Split(d).Length)!;
    }

    static readonly string[] Delimiters = [",", ";", "\t", "|"];

    static string JsonForm(string text) => JavaScriptEncoder.Default.Encode(text);
}
