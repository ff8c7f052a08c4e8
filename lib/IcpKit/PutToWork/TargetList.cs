using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text;
using IcpKit.Icp;
using IcpKit.Model;
using IcpKit.Rendering;

namespace IcpKit.PutToWork;

/// <summary>One cell of a target list: text, or a value the kit formats itself (number, date, flag).</summary>
/// <remarks>
/// Only <see cref="TextCell"/> and <see cref="TextsCell"/> cells can carry a formula into a spreadsheet; numbers, dates
/// and flags are formatted by the kit (invariant culture) and cannot, so a negative number stays a number.
/// </remarks>
public abstract record ExportCell
{
    private ExportCell() { }

    /// <summary>No value: an empty CSV field, JSON null.</summary>
    public static ExportCell Empty { get; } = new EmptyCell();

    /// <summary>Text, such as a name or a category; neutralised in CSV when it starts like a formula.</summary>
    public sealed record TextCell(string Value) : ExportCell;
    /// <summary>A number the kit formats (shortest round-trip, invariant); non-finite numbers are written empty.</summary>
    public sealed record NumberCell(double Value) : ExportCell;
    /// <summary>A date, written yyyy-MM-dd.</summary>
    public sealed record DateCell(DateOnly Value) : ExportCell;
    /// <summary>A flag, written true or false.</summary>
    public sealed record FlagCell(bool Value) : ExportCell;
    /// <summary>Several texts: one CSV field joined with "; ", a JSON array.</summary>
    public sealed record TextsCell(ImmutableArray<string> Values) : ExportCell
    {
        /// <summary>Compares members, not array references.</summary>
        public bool Equals(TextsCell? other) => other is not null && Values.SequenceEqual(other.Values);
        /// <inheritdoc/>
        public override int GetHashCode() => Values.Aggregate(0, HashCode.Combine);
    }
    /// <summary>No value.</summary>
    public sealed record EmptyCell : ExportCell
    {
        internal EmptyCell() { }
    }

    /// <summary>A cell from a trait value: categories as text, lists as texts, missing as empty.</summary>
    public static ExportCell From(TraitValue value) => value switch
    {
        TraitValue.CategoryValue c => new TextCell(c.Value),
        TraitValue.NumberValue n => new NumberCell(n.Value),
        TraitValue.DateValue d => new DateCell(d.Value),
        TraitValue.ListValue l => new TextsCell(l.Members),
        _ => Empty,
    };

    /// <summary>Text, or empty for null.</summary>
    public static ExportCell From(string? text) => text is null ? Empty : new TextCell(text);
}

/// <summary>
/// A list of accounts or open deals to act on, exportable as CSV that is safe to open in a spreadsheet and as JSON.
/// </summary>
/// <remarks>
/// CSV follows OWASP's CSV-injection advice: a text cell (header names included) starting with = + - @, tab or
/// carriage return gets a leading single quote, so a spreadsheet shows it as text, and every text cell is
/// enclosed in double quotes with inner quotes doubled. Numbers, dates and flags the kit formats itself are
/// written bare: -2 in a number column stays the number -2. JSON keeps every value as it is (JSON is not read
/// by spreadsheets); numbers are JSON numbers, dates yyyy-MM-dd strings, lists arrays, empty cells null.
/// </remarks>
/// <param name="Title">What the list is, e.g. "Mid-market data teams v3: accounts graded A, B".</param>
/// <param name="Columns">Column names.</param>
/// <param name="Rows">Rows, each with one cell per column.</param>
public sealed record TargetList(string Title, ImmutableArray<string> Columns, ImmutableArray<ImmutableArray<ExportCell>> Rows)
{
    /// <summary>The grades a target list holds by default: matches and near misses.</summary>
    public static ImmutableArray<FitGrade> DefaultGrades { get; } = [FitGrade.A, FitGrade.B];

    /// <summary>
    /// Accounts of the given grades (default A and B), best grade first, then by account_id: account_id, name,
    /// grade, status, failed_rules, then the named fields (e.g. "employees", "industry", "usage.active_weeks").
    /// </summary>
    public static TargetList ForAccounts(IcpScores scores, IEnumerable<FitGrade>? grades = null, IEnumerable<string>? traits = null)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var keep = (grades ?? DefaultGrades).ToHashSet();
        var traitList = (traits ?? []).ToImmutableArray();
        var rows = scores.Accounts.Where(a => keep.Contains(a.Grade))
            .OrderBy(a => a.Grade).ThenBy(a => a.Account.AccountId, StringComparer.Ordinal)
            .Select(a => (ImmutableArray<ExportCell>)[
                new ExportCell.TextCell(a.Account.AccountId), ExportCell.From(a.Account.Name), .. MatchCells(a.Match),
                .. traitList.Select(t => ExportCell.From(IcpFields.Resolve(t, a.Account, a.Usage)))]);
        return new TargetList(TitleOf(scores.Icp, "accounts", keep), [TraitFields.AccountId, TraitFields.Name, .. MatchColumns, .. traitList], [.. rows]);
    }

    /// <summary>
    /// Open deals whose account has one of the given grades (default A and B), best grade first, then largest amount:
    /// deal_id, account_id, account_name, stage, amount, created_on, grade, status, failed_rules, then the named traits.
    /// </summary>
    public static TargetList ForOpenDeals(IcpScores scores, IEnumerable<FitGrade>? grades = null, IEnumerable<string>? traits = null)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var keep = (grades ?? DefaultGrades).ToHashSet();
        var traitList = (traits ?? []).ToImmutableArray();
        var rows = scores.OpenDeals.Where(d => keep.Contains(d.Grade))
            .OrderBy(d => d.Grade).ThenByDescending(d => d.Deal.Amount ?? 0m).ThenBy(d => d.Deal.DealId, StringComparer.Ordinal)
            .Select(d => (ImmutableArray<ExportCell>)[
                new ExportCell.TextCell(d.Deal.DealId), new ExportCell.TextCell(d.Account.AccountId), ExportCell.From(d.Account.Name),
                new ExportCell.TextCell(d.Deal.Stage), d.Deal.Amount is { } amount ? new ExportCell.NumberCell((double)amount) : ExportCell.Empty,
                d.Deal.CreatedOn is { } created ? new ExportCell.DateCell(created) : ExportCell.Empty, .. MatchCells(d.Match),
                .. traitList.Select(t => ExportCell.From(IcpFields.Resolve(t, d.Account, d.Usage)))]);
        return new TargetList(TitleOf(scores.Icp, "open deals", keep),
            ["deal_id", TraitFields.AccountId, "account_name", "stage", "amount", "created_on", .. MatchColumns, .. traitList], [.. rows]);
    }

    private static readonly ImmutableArray<string> MatchColumns = ["grade", "status", "failed_rules"];

    private static ExportCell[] MatchCells(IcpMatch match) =>
        [new ExportCell.TextCell(match.Grade.ToString()), new ExportCell.TextCell(match.Status), new ExportCell.TextsCell(match.Reasons)];

    private static string TitleOf(IcpDefinition icp, string what, HashSet<FitGrade> grades) =>
        string.Create(CultureInfo.InvariantCulture, $"{icp.Name} v{icp.Version}: {what} graded {string.Join(", ", grades.Order())}");

    /// <summary>Writes the list as CSV (RFC 4180, CRLF, UTF-8 through the writer's encoding), header first.</summary>
    /// <remarks>Text is written as <see cref="DisplayText.Neutralise"/> shows it (a bidi override as "[U+202E]"); the JSON keeps it exact.</remarks>
    public void WriteCsv(TextWriter destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        Check();
        SpreadsheetCsv.Write(destination, Columns, Rows.Select(row => (IReadOnlyList<object?>)[.. row.Select(cell => cell switch
        {
            ExportCell.TextCell t => t.Value,
            ExportCell.TextsCell ts => (object)ts.Values,
            ExportCell.NumberCell n => n.Value,
            ExportCell.DateCell d => d.Value,
            ExportCell.FlagCell f => f.Value,
            _ => null,
        })]));
    }

    /// <summary>The CSV as a string; see <see cref="WriteCsv"/>.</summary>
    public string ToCsv()
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        WriteCsv(writer);
        return writer.ToString();
    }

    /// <summary>Writes the CSV to a file, UTF-8 with a byte order mark so spreadsheets detect the encoding.</summary>
    public void SaveCsv(string path)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        WriteCsv(writer);
    }

    /// <summary>
    /// Writes the list as JSON: <c>{"title": ..., "columns": [...], "rows": [{"column": value, ...}, ...]}</c>.
    /// </summary>
    public void WriteJson(Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        Check();
        using var json = new Utf8JsonWriter(destination, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("title", Title);
        json.WriteStartArray("columns");
        foreach (var c in Columns) json.WriteStringValue(c);
        json.WriteEndArray();
        json.WriteStartArray("rows");
        foreach (var row in Rows)
        {
            json.WriteStartObject();
            for (var i = 0; i < Columns.Length; i++)
            {
                json.WritePropertyName(Columns[i]);
                switch (row[i])
                {
                    case ExportCell.TextCell t: json.WriteStringValue(t.Value); break;
                    case ExportCell.NumberCell n when double.IsFinite(n.Value): json.WriteNumberValue(n.Value); break;
                    case ExportCell.DateCell d: json.WriteStringValue(d.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
                    case ExportCell.FlagCell f: json.WriteBooleanValue(f.Value); break;
                    case ExportCell.TextsCell ts:
                        json.WriteStartArray();
                        foreach (var v in ts.Values) json.WriteStringValue(v);
                        json.WriteEndArray();
                        break;
                    default: json.WriteNullValue(); break;
                }
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>The JSON as a string; see <see cref="WriteJson"/>.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        WriteJson(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes the JSON to a file (UTF-8, no byte order mark).</summary>
    public void SaveJson(string path)
    {
        using var stream = File.Create(path);
        WriteJson(stream);
    }

    /// <summary>Writes <c>stem.csv</c> (spreadsheet-safe) and <c>stem.json</c> into <paramref name="folder"/>, created if needed.</summary>
    /// <param name="folder">The output folder.</param>
    /// <param name="stem">File name without extension, e.g. "target-accounts".</param>
    /// <returns>The two paths written.</returns>
    public (string Csv, string Json) Save(string folder, string stem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stem);
        if (stem.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || stem.Contains("..", StringComparison.Ordinal))
            throw new ArgumentException($"'{stem}' is not a plain file name", nameof(stem));
        Directory.CreateDirectory(folder);
        var csv = Path.Combine(folder, stem + ".csv");
        var json = Path.Combine(folder, stem + ".json");
        SaveCsv(csv);
        SaveJson(json);
        return (csv, json);
    }

    private void Check()
    {
        foreach (var row in Rows)
        {
            if (row.Length != Columns.Length)
                throw new InvalidOperationException($"a row of '{Title}' has {row.Length} cells for {Columns.Length} columns");
        }
    }

    /// <summary>The title and row count.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Title}: {Rows.Length} rows");
}
