using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using IcpKit.Generation;
using IcpKit.Drafting;
using IcpKit.Testing;
using IcpKit.Loading;
using IcpKit.PutToWork;

namespace IcpKit.Fuzz;

/// <summary>What a mutation does to one file of an export.</summary>
public enum MutationKind
{
    FlipByte,
    Truncate,
    InsertQuote,
    HugeField,
    InsertNul,
    Utf8Bom,
    Utf16,
    Windows1252,
    DuplicateHeader,
    CollidingHeader,
    ExtremeNumber,
    ExtremeDate,
    DropLine,
    DuplicateLine,
    Semicolons,
    DecimalCommas,
    DeleteFile,
    YamlLine,
}

/// <summary>One mutation: its kind, the file it touches and two numbers that pick where and what.</summary>
public sealed record Mutation(MutationKind Kind, string File, int Where, int What)
{
    public override string ToString() => $"{Kind} {File} @{Where}/{What}";
}

/// <summary>
/// Property-based fuzzing of the import and the analyses on mutated valid exports, shared by the suite's fuzz test
/// and the longer <c>fuzz</c> benchmark command. A case fails when the import or an analysis throws anything but a
/// documented error, takes longer than the time-out, reads a row it neither accepts nor rejects, or reports a problem
/// that names no file and line (or, for icpkit.yaml, no line and key).
/// </summary>
public static class ExportFuzz
{
    public static readonly ImmutableArray<string> Files = ["accounts.csv", "deals.csv", "surveys.csv", "events.csv", "icpkit.yaml"];

    public static Gen<Mutation> Mutation { get; } = Gen.Select(Gen.Enum<MutationKind>(), Gen.Int[0, Files.Length - 1], Gen.Int[0, 1 << 20], Gen.Int[0, 1 << 20],
        (k, f, a, b) => new Mutation(k, k == MutationKind.YamlLine ? "icpkit.yaml" : Files[f], a, b));

    /// <summary>One to three mutations of one seed export.</summary>
    public static Gen<Mutation[]> Mutations { get; } = Mutation.Array[1, 3];

    /// <summary>A small valid export from the sample generator (40 accounts), as file name to bytes.</summary>
    public static ImmutableDictionary<string, byte[]> Seed()
    {
        var dir = Directory.CreateTempSubdirectory("icpkit-fuzz-seed-").FullName;
        try
        {
            new SampleExportGenerator(new SampleExportOptions { Accounts = 40, EventsPerAccount = 5, Seed = 11 }).Generate(dir);
            return Directory.EnumerateFiles(dir).ToImmutableDictionary(f => Path.GetFileName(f), File.ReadAllBytes);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The problems one case shows: empty when the import and the analyses behaved.</summary>
    public static IReadOnlyList<string> Check(IReadOnlyDictionary<string, byte[]> seed, IReadOnlyList<Mutation> mutations, TimeSpan timeout)
    {
        var files = seed.ToDictionary(kv => kv.Key, kv => kv.Value);
        foreach (var m in mutations) Apply(files, m);
        var dir = Directory.CreateTempSubdirectory("icpkit-fuzz-").FullName;
        try
        {
            foreach (var (name, bytes) in files) File.WriteAllBytes(Path.Combine(dir, name), bytes);
            var problems = new List<string>();
            var run = Task.Run(() => Inspect(dir, problems));
            if (!run.Wait(timeout)) return [$"no answer within {timeout.TotalSeconds:0} s"];
            return problems;
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } // a timed-out run may still hold a file
        }
    }

    static void Inspect(string dir, List<string> problems)
    {
        ExportData export;
        try
        {
            export = Export.Load(dir);
        }
        catch (ProjectConfigException e)
        {
            if (!Regex.IsMatch(e.Message, @"line \d+")) problems.Add("icpkit.yaml error without a line: " + e.Message);
            return;
        }
        catch (ExportLoadException e)
        {
            if (!e.Message.Contains(".csv", StringComparison.Ordinal) && !e.Message.Contains(dir, StringComparison.Ordinal))
                problems.Add("load error naming no file: " + e.Message);
            return;
        }
        catch (Exception e)
        {
            problems.Add("import threw " + Describe(e));
            return;
        }
        foreach (var f in export.Report.Files.Where(f => !f.Balances))
            problems.Add($"{f.File}: read {f.RowsRead} != accepted {f.Accepted} + rejected {f.Rejected}");
        foreach (var i in export.Report.Issues.Where(i => i.File.Length == 0 || (i.Line < 1 && i.Rule != "file-absent")).Take(3))
            problems.Add($"issue without file and line: {i}");
        try
        {
            _ = ValidationText.Format(export);
            _ = QuarterSummary.Build(export, null);
            // Two conditions and 100 resamples walk the same code as the defaults, at a fraction of the time.
            var search = CandidateSearch.Run(export, CandidateSearchOptions.Default with { MaxConditions = 2 });
            if (search.Draft(1, "fuzz", 1, export.AsOf.AddDays(1)) is { } icp) _ = IcpTest.Run(export, icp, new IcpTestOptions { BootstrapResamples = 100 });
        }
        catch (Exception e)
        {
            problems.Add("an analysis threw " + Describe(e));
        }
    }

    static string Describe(Exception e) =>
        $"{e.GetType().Name}: {e.Message} at {new StackTrace(e).GetFrames().FirstOrDefault(f => f.GetMethod()?.DeclaringType?.Namespace?.StartsWith("IcpKit", StringComparison.Ordinal) == true)?.GetMethod()}";

    static readonly string[] Numbers = ["1e308", "-1e308", "79228162514264337593543950336", "NaN", "Infinity", "-0", "1,5", "999999999999", "-1", "0x1F", "1.5.5"];
    static readonly string[] Dates = ["0001-01-01", "9999-12-31", "2025-02-30", "1899-12-31", "2200-01-01", "0000-00-00", "2025-13-01", "31/12/2025"];
    static readonly string[] YamlLines =
    [
        "as_of: 0001-01-01", "as_of: 9999-12-31", "as_of: yesterday", "decimal_separator: \",\"", "list_separator: \",\"", "list_separator: \"\"",
        "funnel: {a: 1}", "funnel: []", "bands:\n  employees: [5, 1]", "bands:\n  employees: [NaN]", "accounts:\n  columns:\n    name: account_id",
        "accounts:\n  file: ../../../etc/passwd", "encoding: klingon", "date_formats: ['%%%']", "date_formats: ['']",
        "deals:\n  values:\n    outcome:\n      won: lost", "\t- broken", "&a [*a, *a]", "preset: nonsense", "activation_events: 7",
        "customer_since_fallback: first_won_deal", "deals:\n  columns:\n    deal_id: account_id", "surveys: null", "{", "'unterminated",
    ];

    static void Apply(Dictionary<string, byte[]> files, Mutation m)
    {
        if (!files.TryGetValue(m.File, out var b))
        {
            if (m.Kind == MutationKind.YamlLine) b = [];
            else return;
        }
        var text = Encoding.UTF8.GetString(b);
        byte[]? result = m.Kind switch
        {
            MutationKind.FlipByte when b.Length > 0 => With(b, m.Where % b.Length, (byte)m.What),
            MutationKind.Truncate => b[..(m.Where % (b.Length + 1))],
            MutationKind.InsertQuote => Insert(b, m.Where, "\""u8),
            MutationKind.HugeField => Insert(b, m.Where, Encoding.UTF8.GetBytes(new string('x', 70_000 + m.What % 1000))),
            MutationKind.InsertNul => Insert(b, m.Where, [0]),
            MutationKind.Utf8Bom => [0xEF, 0xBB, 0xBF, .. b],
            MutationKind.Utf16 => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)],
            MutationKind.Windows1252 => Sniffer.Windows1252.GetBytes(text),
            MutationKind.DuplicateHeader => Utf8(DuplicateColumn(text, m.Where, colliding: false)),
            MutationKind.CollidingHeader => Utf8(DuplicateColumn(text, m.Where, colliding: true)),
            MutationKind.ExtremeNumber => Utf8(ReplaceNth(text, @"(?<=[,;])\d+(\.\d+)?(?=[,;\r\n])", m.Where, Numbers[m.What % Numbers.Length])),
            MutationKind.ExtremeDate => Utf8(ReplaceNth(text, @"\d{4}-\d{2}-\d{2}", m.Where, Dates[m.What % Dates.Length])),
            MutationKind.DropLine => Utf8(EditLines(text, m.Where, (lines, i) => lines.RemoveAt(i))),
            MutationKind.DuplicateLine => Utf8(EditLines(text, m.Where, (lines, i) => lines.Insert(i, lines[i]))),
            MutationKind.Semicolons => Utf8(text.Replace(',', ';')),
            MutationKind.DecimalCommas => Utf8(Regex.Replace(text.Replace(',', ';'), @"(?<=\d)\.(?=\d)", ",")),
            MutationKind.DeleteFile => null,
            MutationKind.YamlLine => Utf8(text + "\n" + YamlLines[m.What % YamlLines.Length] + "\n"),
            _ => b,
        };
        if (result is null) files.Remove(m.File);
        else files[m.File] = result;
    }

    static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    static byte[] With(byte[] b, int at, byte value)
    {
        var copy = (byte[])b.Clone();
        copy[at] = value;
        return copy;
    }

    static byte[] Insert(byte[] b, int where, ReadOnlySpan<byte> what)
    {
        var at = b.Length == 0 ? 0 : where % (b.Length + 1);
        return [.. b.AsSpan(0, at), .. what, .. b.AsSpan(at)];
    }

    /// <summary>Repeats one header column at the end (as is, or spelt differently so it normalises to the same name), with a value on every row.</summary>
    static string DuplicateColumn(string text, int which, bool colliding)
    {
        var lines = text.Split('\n');
        var header = lines[0].TrimEnd('\r');
        var columns = header.Split(',');
        var column = columns[which % columns.Length];
        var copy = colliding ? System.Globalization.CultureInfo.InvariantCulture.TextInfo.ToTitleCase(column.Replace('_', ' ')) : column;
        lines[0] = header + "," + copy + (lines[0].EndsWith('\r') ? "\r" : "");
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].TrimEnd('\r').Length > 0) lines[i] = lines[i].TrimEnd('\r') + ",dup" + (lines[i].EndsWith('\r') ? "\r" : "");
        }
        return string.Join('\n', lines);
    }

    static string ReplaceNth(string text, string pattern, int n, string replacement)
    {
        var matches = Regex.Matches(text, pattern);
        if (matches.Count == 0) return text;
        var m = matches[n % matches.Count];
        return string.Concat(text.AsSpan(0, m.Index), replacement, text.AsSpan(m.Index + m.Length));
    }

    static string EditLines(string text, int where, Action<List<string>, int> edit)
    {
        var lines = text.Split('\n').ToList();
        edit(lines, where % lines.Count);
        return string.Join('\n', lines);
    }
}
