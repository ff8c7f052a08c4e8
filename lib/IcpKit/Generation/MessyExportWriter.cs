using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using IcpKit.Loading;

namespace IcpKit.Generation;

/// <summary>One problem planted in the messy export, where a validator must report it.</summary>
/// <param name="File">File name in the export folder.</param>
/// <param name="Line">1-based physical line where the offending record starts (header = line 1).</param>
/// <param name="Column">Header of the offending column as written in the file; null for whole-row problems.</param>
/// <param name="Value">The offending value as written; null when the cell is empty.</param>
/// <param name="Rule">The check that should fire (e.g. "duplicate-id", "date-order", "range").</param>
/// <param name="Severity">Error when the row must be rejected, warning when it is kept.</param>
/// <param name="Description">The problem in words, naming the other line for duplicates.</param>
public sealed record PlantedProblem(string File, int Line, string? Column, string? Value, string Rule, Severity Severity, string Description);

/// <summary>
/// Writes a small export exercising the importer: encodings (Windows-1252, UTF-8 with BOM, UTF-16), a
/// semicolon delimiter, renamed headers mapped in icpkit.yaml, blank lines, CRLF, several date formats, and
/// one instance of each validation problem, listed with file and line in <see cref="PlantedProblem"/>s and README.md.
/// </summary>
/// <remarks>
/// Line numbers are counted while writing, so the README and the returned list cannot drift from the files.
/// Other files only refer to accounts that are accepted, so each planted problem causes exactly one report.
/// </remarks>
public static class MessyExportWriter
{
    /// <summary>The snapshot date written into the messy icpkit.yaml.</summary>
    public static DateOnly AsOf { get; } = new(2026, 9, 30);

    /// <summary>Writes the messy export and its README into <paramref name="outDir"/>; returns the planted problems.</summary>
    public static ImmutableArray<PlantedProblem> Write(string outDir)
    {
        Directory.CreateDirectory(outDir);
        var problems = ImmutableArray.CreateBuilder<PlantedProblem>();
        var notes = new List<string>();

        // Accounts: an Excel export from a European CRM: Windows-1252, semicolons, CRLF, renamed headers.
        var acc = new MessyFile("accounts.csv", "\r\n", problems);
        acc.Line("Account ID;Company Name;Sector;Employee Count;Country;Region;Business Model;Tech Stack;Acquisition Channel;Customer Since;Churned On;Plan;MRR;Seats;Funding Stage;Team Size");
        acc.Line("A001;Müller GmbH;manufacturing;120;DE;EMEA;B2B;\"snowflake;aws\";outbound;04/03/2025;;growth;1350.00;30;series_a;12");
        acc.Line("A002;Société Générale;fintech;5000;FR;EMEA;B2B;salesforce;partner;2024-11-15;;enterprise;4000.00;50;series_c_plus;40");
        acc.Line("");
        notes.Add($"accounts.csv line {acc.NextLine - 1}: a blank line inside the file (skipped, not a row)");
        acc.Line("A003;Nordisk Ærø ApS;logistics;45;SE;EMEA;B2B;\"postgres;hubspot\";inbound;;;;;;seed;6");
        acc.Line("A004;\"Smith; Jones & Co\";professional_services;30;UK;EMEA;B2B;hubspot;referral;;;;;;bootstrapped;4");
        acc.Problem("Account ID", "A002", "duplicate-id", Severity.Error, "account_id A002 already on line 3")
            .Line("A002;Société Générale SA;fintech;5200;FR;EMEA;B2B;salesforce;partner;;;;;;series_c_plus;40");
        acc.Problem("Churned On", "2025-01-31", "date-order", Severity.Error, "churned_on 2025-01-31 is before customer_since 2025-06-01")
            .Line("A005;Crème Brûlée SARL;retail;80;FR;EMEA;B2C;shopify;inbound;2025-06-01;2025-01-31;starter;250.00;10;seed;5");
        acc.Problem("Employee Count", "about 50", "type.int", Severity.Warning, "employees is not a whole number; kept as missing")
            .Line("A006;Groß & Söhne KG;manufacturing;about 50;DE;EMEA;B2B;sap;outbound;;;;;;;");
        acc.Problem("Seats", "-3", "range", Severity.Error, "seats is negative")
            .Line("A007;Zürich Analytics AG;software;60;CH;EMEA;B2B;snowflake;inbound;2025-02-01;;growth;900.00;-3;series_a;8");
        acc.Problem("Customer Since", "2026-11-02", "after-as-of", Severity.Warning, "customer_since 2026-11-02 is after as_of 2026-09-30")
            .Line("A008;Señor Data SL;ecommerce;150;ES;EMEA;B2C;bigquery;paid_social;2026-11-02;;growth;1200.00;20;series_b;15");
        acc.Line("A009;Ålesund Fisk AS;logistics;210;NO;EMEA;B2B;\"snowflake;azure\";partner;2026-03-04T10:00:00;;growth;2250.00;50;series_b;30");
        notes.Add($"accounts.csv line {acc.NextLine - 1}: customer_since written as 2026-03-04T10:00:00 (a timestamp in a date column; accepted)");
        notes.Add("accounts.csv line 2: customer_since written as 04/03/2025, day first as icpkit.yaml declares (4 March 2025)");
        acc.Problem("Account ID", null, "required", Severity.Error, "account_id is empty")
            .Line(";Anonymous Prospect;media;12;UK;EMEA;B2C;;event;;;;;;;");
        acc.Line("A011;Façade Studio BV;media;25;NL;EMEA;B2B;hubspot;event;;;;;;pre_seed;3");
        acc.Line("A012;Øresund Bank A/S;fintech;700;DK;EMEA;B2B;\"snowflake;salesforce\";outbound;;;;;;series_c_plus;25");
        acc.Line("");
        acc.Line("");
        notes.Add("accounts.csv: two trailing blank lines (ignored)");
        acc.Save(outDir, CodePagesEncodingProvider.Instance.GetEncoding(1252)!);

        // Deals: UTF-8 with a BOM, commas, renamed headers, mixed date formats.
        var deals = new MessyFile("deals.csv", "\n", problems);
        deals.Line("Deal ID,Account ID,Created,Closed,Deal Stage,Outcome,Amount,Loss Reason,Source");
        deals.Line("D001,A001,2025-01-10,04/03/2025,negotiation,won,16200.00,,referral");
        deals.Line("D002,A011,2024-09-01,2024-11-15,proposal,lost,9000.00,price,outbound");
        deals.Line("D003,A003,2026-03-04T10:00:00,,demo,open,12000.00,,inbound");
        notes.Add("deals.csv line 4: created_on written as 2026-03-04T10:00:00 (accepted)");
        deals.Problem("Account ID", "A999", "unknown-account", Severity.Error, "account A999 is not in accounts.csv")
            .Line("D004,A999,2026-01-15,2026-02-20,demo,lost,5000.00,competitor,outbound");
        deals.Problem("Closed", "2026-04-01", "date-order", Severity.Error, "closed_on 2026-04-01 is before created_on 2026-05-10")
            .Line("D005,A004,2026-05-10,2026-04-01,qualified,lost,3000.00,no_budget,outbound");
        deals.Problem("Amount", "-5000.00", "range", Severity.Error, "amount is negative")
            .Line("D006,A012,2026-02-01,2026-03-15,proposal,lost,-5000.00,price,partner");
        deals.Problem("Deal Stage", "Discovery Call", "unknown-stage", Severity.Warning, "stage is not in the funnel; kept as an open deal")
            .Line("D007,A009,2026-08-01,,Discovery Call,open,7000.00,,inbound");
        deals.Problem("Deal ID", "D003", "duplicate-id", Severity.Error, "deal_id D003 already on line 4")
            .Line("D003,A012,2026-06-01,,lead,open,4000.00,,outbound");
        deals.Problem("Outcome", "pending", "unknown-outcome", Severity.Warning, "outcome must be won, lost or open; counted as open")
            .Line("D008,A011,2026-04-01,2026-05-01,demo,pending,6000.00,,inbound");
        deals.Problem("Closed", null, "required", Severity.Error, "a won deal needs closed_on")
            .Line("D009,A004,2025-05-01,,negotiation,won,8000.00,,warm_intro");
        deals.Line("D010,A001,2026-07-01,2026-08-15,demo,lost,11000.00,competitor,outbound");
        deals.Save(outDir, new UTF8Encoding(true));

        // Events: UTF-8 without BOM, CRLF line endings, canonical headers.
        var events = new MessyFile("events.csv", "\r\n", problems);
        events.Line("account_id,user_id,occurred_at,event");
        events.Line("A001,U0001,2025-03-05T09:00:00Z,login");
        events.Line("A001,U0001,2025-03-05T09:05:00Z,connect_integration");
        events.Line("A001,U0002,2025-03-20T14:00:00Z,export_dashboard");
        events.Problem("account_id", "A777", "unknown-account", Severity.Error, "account A777 is not in accounts.csv")
            .Line("A777,U0009,2025-04-01T10:00:00Z,login");
        events.Line("A003,U0003,2026-03-10T10:00:00Z,login");
        events.Problem("occurred_at", "yesterday", "type.timestamp", Severity.Error, "occurred_at is not a timestamp")
            .Line("A003,U0003,yesterday,login");
        events.Problem("event", null, "required", Severity.Error, "event is empty")
            .Line("A003,U0003,2026-03-11T10:00:00Z,");
        events.Problem("occurred_at", "2026-10-15T10:00:00Z", "after-as-of", Severity.Error, "occurred_at is after as_of 2026-09-30; outside the analysis window")
            .Line("A001,U0001,2026-10-15T10:00:00Z,login");
        events.Line("");
        events.Save(outDir, new UTF8Encoding(false));

        // Surveys: UTF-16 little-endian with a BOM; a comment spanning two lines shifts the line numbers after it.
        var surveys = new MessyFile("surveys.csv", "\n", problems);
        surveys.Line("account_id,user_id,responded_on,role,nps,pmf,comment");
        surveys.Line("A001,U0001,2025-06-01,admin,9,very disappointed,\"Great, really \"\"great\"\" tool\"");
        surveys.Problem("nps", "11", "range", Severity.Error, "nps must be 0-10")
            .Line("A001,U0002,2025-06-02,user,11,somewhat disappointed,ok");
        surveys.Problem("account_id", "A404", "unknown-account", Severity.Error, "account A404 is not in accounts.csv")
            .Line("A404,U0005,2025-06-03,buyer,7,somewhat disappointed,");
        surveys.Line("A001,U0003,2025-06-04,exec,8,very disappointed,\"Line one\nline two\"");
        notes.Add("surveys.csv lines 5-6: a quoted comment with a line break (one record on two lines)");
        surveys.Line("A009,U0004,2026-07-01,user,6,not disappointed,Fine");
        surveys.Problem("responded_on", "2026-13-01", "type.date", Severity.Error, "responded_on is not a date")
            .Line("A001,U0001,2026-13-01,user,7,somewhat disappointed,");
        surveys.Save(outDir, new UnicodeEncoding(bigEndian: false, byteOrderMark: true));

        File.WriteAllText(Path.Combine(outDir, "icpkit.yaml"), Yaml, new UTF8Encoding(false));
        var result = problems.ToImmutable();
        File.WriteAllText(Path.Combine(outDir, "README.md"), Readme(result, notes), new UTF8Encoding(false));
        return result;
    }

    private const string Yaml = """
        # Mapping for the messy export: renamed columns and a day-first date format.
        # "Account ID", "Customer Since", "MRR" ... need no entry: column names match ignoring case, spaces and punctuation.
        preset: canonical
        as_of: 2026-09-30
        date_formats: [yyyy-MM-dd, dd/MM/yyyy]
        funnel: [lead, qualified, demo, proposal, negotiation]
        activation_events: [connect_integration]
        high_value_events: [export_dashboard]
        accounts:
          columns:
            name: Company Name
            industry: Sector
            employees: Employee Count
        deals:
          columns:
            created_on: Created
            closed_on: Closed
            stage: Deal Stage

        """;

    private static string Readme(ImmutableArray<PlantedProblem> problems, List<string> notes)
    {
        var sb = new StringBuilder();
        sb.Append("# Messy export\n\n");
        sb.Append("Written by `icpkit generate --messy --out data-samples/messy` (`MessyExportWriter`); do not edit by hand.\n");
        sb.Append("It exercises the importer. Each file has its own shape:\n\n");
        sb.Append("| file | encoding | delimiter | line ending | headers |\n|---|---|---|---|---|\n");
        sb.Append("| accounts.csv | Windows-1252 (Müller, Société, Ærø, Groß, ...) | `;` | CRLF | renamed, mapped in icpkit.yaml |\n");
        sb.Append("| deals.csv | UTF-8 with BOM | `,` | LF | renamed, mapped in icpkit.yaml |\n");
        sb.Append("| events.csv | UTF-8 | `,` | CRLF | canonical |\n");
        sb.Append("| surveys.csv | UTF-16 LE with BOM | `,` | LF | canonical |\n\n");
        sb.Append("## Accepted quirks (no problem should be reported)\n\n");
        foreach (var n in notes) sb.Append("- ").Append(n).Append('\n');
        sb.Append("\n## Planted problems (a validator must report exactly these)\n\n");
        sb.Append("Lines are physical lines, header = line 1. Rows referring to rejected accounts are avoided, so each problem causes one report.\n\n");
        sb.Append("| file | line | column | value | rule | severity | problem |\n|---|---|---|---|---|---|---|\n");
        foreach (var p in problems)
        {
            sb.Append(CultureInfo.InvariantCulture, $"| {p.File} | {p.Line} | {p.Column ?? ""} | {p.Value ?? "(empty)"} | {p.Rule} | {p.Severity} | {p.Description} |\n");
        }
        return sb.ToString();
    }

    /// <summary>A file built record by record, counting physical lines as it goes.</summary>
    private sealed class MessyFile(string name, string newLine, ImmutableArray<PlantedProblem>.Builder problems)
    {
        private readonly StringBuilder _text = new();
        private (string? Column, string? Value, string Rule, Severity Severity, string Description)? _pending;
        private int _physicalLines;

        /// <summary>The line number the next record will start on.</summary>
        public int NextLine => _physicalLines + 1;

        /// <summary>Marks the next record as carrying a planted problem.</summary>
        public MessyFile Problem(string? column, string? value, string rule, Severity severity, string description)
        {
            _pending = (column, value, rule, severity, description);
            return this;
        }

        /// <summary>Appends one record (which may hold quoted line breaks, written with "\n").</summary>
        public void Line(string record)
        {
            if (_pending is { } p) problems.Add(new PlantedProblem(name, NextLine, p.Column, p.Value, p.Rule, p.Severity, p.Description));
            _pending = null;
            _text.Append(record.Replace("\n", newLine, StringComparison.Ordinal)).Append(newLine);
            _physicalLines += 1 + record.Count(c => c == '\n');
        }

        public void Save(string dir, Encoding encoding)
        {
            using var stream = File.Create(Path.Combine(dir, name));
            stream.Write(encoding.GetPreamble());
            stream.Write(encoding.GetBytes(_text.ToString()));
        }
    }
}
