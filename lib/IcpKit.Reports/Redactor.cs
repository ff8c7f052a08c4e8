using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using IcpKit.Charts;
using IcpKit.Loading;
using IcpKit.Rendering;

namespace IcpKit.Reports;

/// <summary>Replaces account and contact names with stable pseudonyms in rendered outputs (for reports shared beyond the team).</summary>
/// <remarks>
/// Works on the outputs, not inside the library, so it catches names wherever a notebook shows them (tables, chart
/// JSON, printed text, error messages) without each formatter having to cooperate. Each name is replaced in the forms
/// it can take in an output (see <see cref="Forms"/>). Longer names go first, so "Acme Group" is
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
            foreach (var form in Forms(trimmed))
                pairs.TryAdd(form, pseudonym);
        }
        replacements = [.. pairs.OrderByDescending(p => p.Key.Length).Select(p => (p.Key, p.Value))];
    }

    /// <summary>The forms a name takes in outputs: as shown (hidden controls as markers, chart labels with entities),
    /// then as is, HTML-escaped (two escapers are in use), JSON-escaped, JSON-escaped HTML and CSV-quoted.</summary>
    static IEnumerable<string> Forms(string name)
    {
        foreach (var shown in new[] { name, DisplayText.Neutralise(name), FigureJson.Label(name) }.Distinct())
        {
            var html = System.Net.WebUtility.HtmlEncode(shown);
            yield return shown;
            yield return html;
            yield return HtmlEncoder.Default.Encode(shown);
            yield return JsonForm(shown);
            yield return JsonForm(html);
            yield return shown.Replace("\"", "\"\"", StringComparison.Ordinal);
        }
    }

    /// <summary>Names shorter than this are left alone: replacing "A" or "Co" would mangle every output.</summary>
    public const int MinLength = 3;

    /// <summary>How many distinct name forms are replaced.</summary>
    public int Count => replacements.Length;

    /// <summary>The text with every known name replaced by its pseudonym.</summary>
    public string Redact(string text)
    {
        // string.Replace searches vectorised and allocates only on a hit: most forms are in no given output.
        foreach (var (from, to) in replacements) text = text.Replace(from, to, StringComparison.Ordinal);
        return text;
    }

    /// <summary>
    /// A redactor for the names in an export, read by the import's own reader and mapping (<see cref="ExportNames"/>):
    /// the mapped <c>name</c> column whatever its header, contact and e-mail columns, in every record, rejected ones too.
    /// </summary>
    /// <exception cref="ProjectConfigException">The export's icpkit.yaml is invalid.</exception>
    public static Redactor FromExport(string dataFolder, byte[] key) => FromExport(dataFolder, null, key);

    /// <summary>
    /// As <see cref="FromExport(string, byte[])"/>, plus the example companies of the ICP file the render uses (the one
    /// given, else the export folder's icp.yaml): a stakeholder's example need not be in the export, and notebook 04b
    /// writes it into the interview plan.
    /// </summary>
    public static Redactor FromExport(string dataFolder, string? icpFile, byte[] key)
    {
        var icp = icpFile ?? Path.Combine(dataFolder, IcpKit.Icp.IcpFile.DefaultName);
        var examples = File.Exists(icp) ? IcpKit.Icp.IcpFile.ExampleCompanies(File.ReadAllText(icp)) : [];
        return new(ExportNames.Read(dataFolder).Select(n => (n.Name, n.Kind.ToString()))
            .Concat(examples.Select(e => (e, NameKind.Account.ToString()))), key);
    }

    static string JsonForm(string text) => JavaScriptEncoder.Default.Encode(text);
}
