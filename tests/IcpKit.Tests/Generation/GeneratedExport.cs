using System.Globalization;
using System.Text;
using IcpKit.Generation;

namespace IcpKit.Tests.Generation;

/// <summary>
/// A generated export read back as plain string rows, with a deliberately tiny RFC 4180 reader so these
/// tests check the generator's raw numbers independently of the kit's importer.
/// </summary>
internal sealed class ExportTables
{
    public required List<Dictionary<string, string>> Accounts { get; init; }
    public required List<Dictionary<string, string>> Deals { get; init; }
    public required List<Dictionary<string, string>> Events { get; init; }
    public required List<Dictionary<string, string>> Surveys { get; init; }

    public static ExportTables Read(string dir) => new()
    {
        Accounts = ReadCsv(Path.Combine(dir, "accounts.csv")),
        Deals = ReadCsv(Path.Combine(dir, "deals.csv")),
        Events = ReadCsv(Path.Combine(dir, "events.csv")),
        Surveys = ReadCsv(Path.Combine(dir, "surveys.csv")),
    };

    /// <summary>Generates into a fresh temp folder and reads it back.</summary>
    public static (ExportTables Tables, GeneratedExport Export) Generate(SampleExportOptions options)
    {
        using var dir = new TempDir();
        var export = new SampleExportGenerator(options).Generate(dir.Path);
        return (Read(dir.Path), export);
    }

    public static List<Dictionary<string, string>> ReadCsv(string path)
    {
        var records = Records(File.ReadAllText(path, Encoding.UTF8)).ToList();
        var header = records[0];
        return [.. records.Skip(1).Select(r => header.Select((h, i) => (h, v: r[i])).ToDictionary(x => x.h, x => x.v))];
    }

    private static IEnumerable<List<string>> Records(string text)
    {
        var row = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\n')
            {
                row.Add(field.ToString()); field.Clear();
                yield return row;
                row = [];
            }
            else field.Append(c);
        }
        if (field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); yield return row; }
    }

    public static DateOnly? Date(string s) => s.Length == 0 ? null : DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateTime Timestamp(string s) =>
        DateTime.ParseExact(s, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    public static bool IsIcp(Dictionary<string, string> account) =>
        PlantedTruth.IsIcp(new IcpKit.Model.Account
        {
            AccountId = account["account_id"],
            Employees = account["employees"].Length == 0 ? null : int.Parse(account["employees"], CultureInfo.InvariantCulture),
            TechStack = [.. account["tech_stack"].Split(';', StringSplitOptions.RemoveEmptyEntries)],
            BusinessModel = account["business_model"].Length == 0 ? null : account["business_model"],
        });
}

/// <summary>A temp folder deleted on dispose.</summary>
internal sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("icpkit-gen-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
