using System.Collections.Immutable;
using System.Globalization;
using CsvHelper;
using IcpKit.Model;

namespace IcpKit.Loading;

/// <summary>Records of one file plus what happened to its rows.</summary>
internal sealed record FileResult<T>(ImmutableArray<T> Records, FileSummary Summary, ColumnMap? Columns);

/// <summary>The read loop every table importer shares, whatever the source: resolve columns, validate row by row, count.</summary>
internal static class TableImport
{
    /// <summary>
    /// Reads a source, calling <paramref name="read"/> for each row; a null result or an error rejects the row.
    /// </summary>
    public static FileResult<T> Run<T>(IRowSource source, ExportFile file, ProjectConfig config, IssueLog log,
        Func<Row, ColumnMap, T?> read)
        where T : class
    {
        var mapping = config.File(file);
        var columns = ColumnMap.Resolve(source.Headers, file, mapping, log, source.HasLines ? null : source.Name);
        if (columns is null)
        {
            // A refused header rejects the file: its rows are still counted, as read and rejected, so none vanishes.
            long refused = 0;
            while (source.Read()) refused++;
            return new([], Summary(source, config, refused, refused, 0), null);
        }
        var row = new Row(source, columns, mapping, config.Parsing, log, Contract.RowKey(file));
        var records = ImmutableArray.CreateBuilder<T>();
        long read_ = 0, rejected = 0, warnings = 0;
        while (source.Read())
        {
            read_++;
            row.Reset();
            if (row.Rejected)
            {
                // Broken structure: the fields may have shifted, so one error says why and no value is checked.
                rejected++;
                continue;
            }
            var record = read(row, columns);
            warnings += row.WarningCount;
            if (record is null || row.Rejected)
            {
                rejected++;
            }
            else
            {
                records.Add(record);
            }
        }
        return new(records.ToImmutable(), Summary(source, config, read_, rejected, warnings), columns);
    }

    private static FileSummary Summary(IRowSource source, ProjectConfig config, long read, long rejected, long warnings) =>
        new(source.Name, true, read, read - rejected, rejected, warnings, source.Encoding, source.Delimiter,
            config.DecimalSeparator, !config.DecimalSeparatorStated && config.DecimalSeparator != '.');

    /// <summary>The settings a source is read with: a ';'-delimited file with numbers like "900,50" reads them with a decimal comma, unless icpkit.yaml states the separator.</summary>
    public static ProjectConfig For(IRowSource source, ProjectConfig config) =>
        !config.DecimalSeparatorStated && source is CsvRowSource { DecimalCommas: true } ? config with { DecimalSeparator = ',' } : config;

    /// <summary>Flags a second row with an id already seen, naming both lines.</summary>
    public static void CheckUnique(Row row, string column, string? id, Dictionary<string, string> seen)
    {
        if (id is null)
        {
            return;
        }
        if (seen.TryGetValue(id, out var first))
        {
            row.Error(column, id, $"a unique {column}; '{id}' is already on {first}", "duplicate-id");
        }
        else
        {
            seen[id] = row.Position;
        }
    }

    /// <summary>Flags a row whose account is not among the accounts (<paramref name="knownIn"/> names their source).</summary>
    public static void CheckKnownAccount(Row row, string? accountId, IReadOnlySet<string> known, string knownIn)
    {
        if (accountId is not null && !known.Contains(accountId))
        {
            row.Error("account_id", accountId, $"an account_id present in {knownIn}", "unknown-account");
        }
    }
}

/// <summary>Reads accounts.csv into accounts (extras typed by inference) and the catalog of traits.</summary>
internal static class AccountImporter
{
    /// <summary>A tech_stack list split on the mapping's separator; warns when the value looks split on another one.</summary>
    /// <remarks>"snowflake,dbt" under the default ';' stays one technology: the warning names list_separator, the fix.</remarks>
    private static ImmutableArray<string> ListOf(Row row, string text, ValueParsing parsing)
    {
        var items = parsing.List(text);
        if (items.Length == 1 && parsing.ListSeparator != ',' && text.Contains(',', StringComparison.Ordinal))
        {
            row.Warn("tech_stack", text, $"a list split on '{parsing.ListSeparator}' (list_separator in icpkit.yaml); this one holds ',' and is kept as one value: set list_separator: \",\" if ',' separates its items", "list-separator");
        }
        return items;
    }

    public static (FileResult<Account> Result, TraitCatalog Catalog) Import(IRowSource source, ProjectConfig config, IssueLog log)
    {
        var parsing = config.Parsing;
        var seen = new Dictionary<string, string>();
        var extraRaw = new List<string[]>();
        var result = TableImport.Run(source, ExportFile.Accounts, config, log, (row, columns) =>
        {
            var id = row.Required("account_id");
            TableImport.CheckUnique(row, "account_id", id, seen);
            var since = row.Date("customer_since");
            var churned = row.Date("churned_on");
            if (since is { } s && churned is { } c && c < s)
            {
                row.Error("churned_on", churned.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    $"a churn date on or after customer_since {s:yyyy-MM-dd}", "date-order");
            }
            row.NotAfter("customer_since", since, config.AsOf);
            row.NotAfter("churned_on", churned, config.AsOf);
            var account = new Account
            {
                AccountId = id ?? "",
                Name = row.Text("name"),
                Industry = row.Text("industry"),
                Employees = row.Int("employees"),
                Country = row.Text("country"),
                Region = row.Text("region"),
                BusinessModel = row.Text("business_model"),
                TechStack = row.Text("tech_stack") is { } stack ? ListOf(row, stack, parsing) : [],
                AcquisitionChannel = row.Text("acquisition_channel"),
                CustomerSince = since,
                CustomerSinceSource = since is null ? CustomerSinceSource.None : CustomerSinceSource.Export,
                ChurnedOn = churned,
                Plan = row.Text("plan"),
                Mrr = row.Decimal("mrr"),
                Seats = row.Int("seats"),
                SourceLine = row.Line,
            };
            if (row.Rejected)
            {
                return null;
            }
            extraRaw.Add([.. columns.Extras.Select(row.Raw)]);
            return account;
        });
        if (result.Columns is not { } cols)
        {
            return (result, new TraitCatalog([]));
        }

        // Extras are typed per column, over all accepted rows, then attached to each account.
        var extras = TraitInference.TypeAll(cols, extraRaw, config, ExportFile.Accounts, result.Summary.File, log);
        var accounts = result.Records.Select((a, i) => extras.Count == 0 ? a : a with { Extras = TraitInference.ValuesOf(extras, extraRaw[i]) })
            .ToImmutableArray();

        var named = TraitFields.Segmentable.Where(t => cols.Has(t.Name)).Select(t => new TraitInfo(t.Name, t.Kind, false,
            t.Kind == TraitKind.Number && config.Bands.TryGetValue(t.Name, out var b)
                ? NumericBand.FromLowerBounds(b, integral: t.Name != TraitFields.Mrr)
                : [],
            cols.Headers[cols.IndexOf(t.Name)]));
        var catalog = new TraitCatalog([.. named, .. extras.Where(e => e.Segmentable).Select(e => e.Info)]);
        return (result with { Records = accounts }, catalog);
    }
}

/// <summary>Reads deals.csv: outcome and stage through the value maps and funnel order, account ids checked.</summary>
internal static class DealImporter
{
    /// <summary>Reads the deals, and types their extra columns (product, sales team, a joined region) as deal traits.</summary>
    /// <remarks>The extra columns go through <see cref="TraitInference.TypeAll"/>, the accounts' path: same kinds, bands and date checks.</remarks>
    public static (FileResult<Deal> Result, TraitCatalog Traits) Import(IRowSource source, ProjectConfig config, IReadOnlySet<string> accounts, IssueLog log)
    {
        var extraRaw = new List<string[]>();
        var result = ImportRows(source, config, accounts, log, extraRaw);
        if (result.Columns is not { } cols || cols.Extras.IsEmpty)
        {
            return (result, new TraitCatalog([]));
        }
        var extras = TraitInference.TypeAll(cols, extraRaw, config, ExportFile.Deals, result.Summary.File, log, Deal.TraitPrefix);
        var deals = result.Records.Select((d, i) => d with { Extras = TraitInference.ValuesOf(extras, extraRaw[i]) }).ToImmutableArray();
        return (result with { Records = deals }, new TraitCatalog([.. extras.Where(e => e.Segmentable).Select(e => e.Info)]));
    }

    private static FileResult<Deal> ImportRows(IRowSource source, ProjectConfig config, IReadOnlySet<string> accounts, IssueLog log, List<string[]> extraRaw)
    {
        var seen = new Dictionary<string, string>();
        var funnel = config.Funnel.Select((s, i) => (Names.Key(s), i)).ToDictionary(p => p.Item1, p => p.i);
        return TableImport.Run(source, ExportFile.Deals, config, log, (row, columns) =>
        {
            // Salesforce's Won and Closed flags, when both are there, decide the outcome whatever the stage is called.
            var flags = columns.Has("won") && columns.Has("closed");
            var id = row.Required("deal_id");
            TableImport.CheckUnique(row, "deal_id", id, seen);
            // CRMs list several associated companies as "id1;id2": the first one is the deal's account.
            var accountId = row.Required("account_id")?.Split(';', ',')[0].Trim();
            TableImport.CheckKnownAccount(row, accountId, accounts, config.AccountsSourceName);
            // A deal without a creation date still counts in win rates and the funnel: it is kept, said, and left
            // out of what measures from creation. A date that does not parse is still an error (a wrong date format).
            var created = row.Date("created_on", rejectBad: true);
            if (created is null && row.Text("created_on") is null)
            {
                row.Warn("created_on", null, "a created_on; the deal is kept for win rates and the funnel, and left out of the sales cycle", "partial");
            }

            var (outcome, outcomeColumn, outcomeText) = flags ? FromFlags(row) : FromOutcome(row);
            if (outcome is null)
            {
                row.Warn(outcomeColumn, outcomeText, flags
                    ? "won and closed flags (1/0, true/false, yes/no); counted as open"
                    : "won, lost or open (or a value mapped in deals.values.outcome); counted as open", "unknown-outcome");
            }

            var stage = row.Required("stage") ?? "";
            var stageIndex = funnel.TryGetValue(Names.Key(stage), out var si) ? si : -1;
            // A terminal stage the outcome map names ("Closed Lost") is known even though it is not a funnel step.
            var terminal = config.Deals.Values.TryGetValue("outcome", out var om) && om.Values.ContainsKey(Names.Key(stage));
            if (funnel.Count > 0 && stageIndex < 0 && !terminal)
            {
                row.Warn("stage", stage, $"one of the funnel stages: {string.Join(", ", config.Funnel)}", "unknown-stage");
            }

            var final = outcome ?? DealOutcome.Open;
            // closed_on is required for won and lost deals only.
            var closed = row.Date("closed_on", required: final != DealOutcome.Open);
            if (final != DealOutcome.Open)
            {
                if (created is { } c && closed is { } d && d < c)
                {
                    row.Error("closed_on", d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), $"a close date on or after created_on {c:yyyy-MM-dd}", "date-order");
                }
                row.NotAfter("closed_on", closed, config.AsOf);
            }
            row.NotAfter("created_on", created, config.AsOf);
            var amount = row.Decimal("amount");
            if (row.Rejected)
            {
                return null;
            }
            extraRaw.Add([.. columns.Extras.Select(row.Raw)]);
            return new Deal
            {
                DealId = id ?? "",
                AccountId = accountId ?? "",
                CreatedOn = created,
                // An open deal's close date is an expected date in CRMs, not an event: it is dropped.
                ClosedOn = final == DealOutcome.Open ? null : closed,
                Stage = stage,
                StageIndex = stageIndex,
                Outcome = final,
                Amount = amount,
                LossReason = row.Text("loss_reason"),
                Source = row.Text("source"),
                SourceLine = row.Line,
            };
        });
    }

    private static (DealOutcome? Outcome, string Column, string? Text) FromOutcome(Row row)
    {
        var text = row.Text("outcome");
        DealOutcome? outcome = Names.Key(text ?? "") switch
        {
            "won" => DealOutcome.Won,
            "lost" => DealOutcome.Lost,
            "open" => DealOutcome.Open,
            _ => null,
        };
        return (outcome, "outcome", text);
    }

    private static (DealOutcome? Outcome, string Column, string? Text) FromFlags(Row row)
    {
        var won = Flag(row.Text("won"));
        var closed = Flag(row.Text("closed"));
        DealOutcome? outcome = (won, closed) switch
        {
            (true, _) => DealOutcome.Won,
            (false, true) => DealOutcome.Lost,
            (false, false) => DealOutcome.Open,
            _ => null,
        };
        return (outcome, won is null ? "won" : "closed", won is null ? row.Text("won") : row.Text("closed"));
    }

    /// <summary>A yes/no flag (1/0, true/false, yes/no, y/n, t/f; blank is no); null when it is none of these.</summary>
    internal static bool? Flag(string? text) => Names.Key(text ?? "") switch
    {
        "1" or "true" or "yes" or "y" or "t" => true,
        "0" or "false" or "no" or "n" or "f" or "" => false,
        _ => null,
    };
}

/// <summary>Reads surveys.csv: NPS 0-10 and the PMF answer, account ids checked.</summary>
internal static class SurveyImporter
{
    public static FileResult<SurveyResponse> Import(IRowSource source, ProjectConfig config, IReadOnlySet<string> accounts, IssueLog log) =>
        TableImport.Run(source, ExportFile.Surveys, config, log, (row, _) =>
        {
            var accountId = row.Required("account_id");
            TableImport.CheckKnownAccount(row, accountId, accounts, config.AccountsSourceName);
            var on = row.Date("responded_on", required: true);
            row.NotAfter("responded_on", on, config.AsOf);
            var npsText = row.Text("nps");
            int? nps = null;
            if (npsText is not null)
            {
                if (!config.Parsing.TryInt(npsText, out var n))
                {
                    row.Error("nps", npsText, "a whole number from 0 to 10", "type.int");
                }
                else if (n is < 0 or > 10)
                {
                    row.Error("nps", npsText, "a score from 0 to 10", "range");
                }
                else
                {
                    nps = n;
                }
            }
            var pmfText = row.Text("pmf");
            var pmf = Names.Key(pmfText ?? "") switch
            {
                "" => (PmfAnswer?)null,
                "very" or "verydisappointed" => PmfAnswer.VeryDisappointed,
                "somewhat" or "somewhatdisappointed" => PmfAnswer.SomewhatDisappointed,
                "not" or "notdisappointed" => PmfAnswer.NotDisappointed,
                _ => null,
            };
            if (pmfText is not null && pmf is null)
            {
                row.Warn("pmf", pmfText, "very, somewhat or not (disappointed); kept as missing", "unknown-value");
            }
            if (npsText is null && pmfText is null)
            {
                row.Warn(null, null, "an nps score or a pmf answer (the response has neither)", "missing");
            }
            return new SurveyResponse
            {
                AccountId = accountId ?? "",
                UserId = row.Text("user_id"),
                RespondedOn = on ?? default,
                Role = row.Text("role"),
                Nps = nps,
                Pmf = pmf,
                Comment = row.Text("comment"),
                SourceLine = row.Line,
            };
        });
}

/// <summary>Reads the optional value files: spend.csv and mrr_history.csv.</summary>
internal static class ValueImporters
{
    /// <summary>A month as "yyyy-MM" or any accepted date (read as its month); null (and the row rejected) when neither.</summary>
    private static DateOnly? Month(Row row, ProjectConfig config)
    {
        var text = row.Text("month");
        if (text is not null && DateOnly.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m))
        {
            return m;
        }
        // A full date names its month; a bad value is an error the row cannot go on without.
        return row.Date("month", required: true) is { } d ? new DateOnly(d.Year, d.Month, 1) : null;
    }

    private static void NotAfterAsOf(Row row, DateOnly? month, ProjectConfig config)
    {
        if (month is { } m && config.AsOf is { } a && m > new DateOnly(a.Year, a.Month, 1))
        {
            row.Warn("month", m.ToString("yyyy-MM", CultureInfo.InvariantCulture), $"a month up to as_of {a:yyyy-MM-dd}; it is left out of what is measured", "after-as-of");
        }
    }

    /// <summary>A required amount of 0 or more; a blank or unreadable one rejects the row.</summary>
    private static decimal? RequiredAmount(Row row, string column, ProjectConfig config, string whenBlank)
    {
        var text = row.Text(column);
        if (text is null)
        {
            row.Error(column, null, whenBlank, "required");
            return null;
        }
        if (!config.Parsing.TryDecimal(text, out _))
        {
            row.Error(column, text, $"a number (decimal separator '{config.DecimalSeparator}')", "type.number");
            return null;
        }
        return row.Decimal(column);
    }

    public static FileResult<SpendRow> Spend(IRowSource source, ProjectConfig config, IssueLog log) =>
        TableImport.Run(source, ExportFile.Spend, config, log, (row, _) =>
        {
            var month = Month(row, config);
            NotAfterAsOf(row, month, config);
            var channel = row.Required("channel");
            // A spend that does not parse cannot be kept as missing: the channel's CAC would drop it silently.
            var amount = RequiredAmount(row, "amount", config, "a value for amount (required)");
            return month is null || channel is null || amount is null ? null : new SpendRow
            {
                Month = month.Value,
                Channel = channel,
                Amount = amount.Value,
                Segment = row.Text("segment"),
                SourceLine = row.Line,
            };
        });

    public static FileResult<MrrPoint> MrrHistory(IRowSource source, ProjectConfig config, IReadOnlySet<string> accounts, IssueLog log)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        return TableImport.Run(source, ExportFile.MrrHistory, config, log, (row, _) =>
        {
            var accountId = row.Required("account_id");
            TableImport.CheckKnownAccount(row, accountId, accounts, config.AccountsSourceName);
            var month = Month(row, config);
            NotAfterAsOf(row, month, config);
            if (accountId is not null && month is { } m)
            {
                TableImport.CheckUnique(row, "month", $"{accountId} {m:yyyy-MM}", seen);
            }
            var mrr = RequiredAmount(row, "mrr", config, "a value for mrr (required; 0 for a month without revenue)");
            return accountId is null || month is null || mrr is null ? null : new MrrPoint
            {
                AccountId = accountId,
                Month = month.Value,
                Mrr = mrr.Value,
                SourceLine = row.Line,
            };
        });
    }
}

/// <summary>Reads interviews.csv: account ids checked, tags against the documented list, the yes/no columns.</summary>
internal static class InterviewImporter
{
    public static FileResult<Interview> Import(IRowSource source, ProjectConfig config, IReadOnlySet<string> accounts, IssueLog log) =>
        TableImport.Run(source, ExportFile.Interviews, config, log, (row, _) =>
        {
            var accountId = row.Required("account_id");
            TableImport.CheckKnownAccount(row, accountId, accounts, config.AccountsSourceName);
            var on = row.Date("interviewed_on", required: true);
            row.NotAfter("interviewed_on", on, config.AsOf);
            return new Interview
            {
                AccountId = accountId ?? "",
                InterviewedOn = on ?? default,
                Contact = row.Text("contact"),
                Role = row.Text("role"),
                WhyStartedLooking = row.Text("why_started_looking"),
                WhyPickedUs = row.Text("why_picked_us"),
                LikeMost = row.Text("like_most"),
                HelpsAchieve = row.Text("helps_achieve"),
                BusinessDoes = row.Text("business_does"),
                Tags = Tags(row, config.Parsing),
                Themes = [.. Items(row.Text("themes"), config.Parsing).Select(t => t.ToLowerInvariant()).Distinct(StringComparer.Ordinal)],
                WouldPay = YesNo(row, "would_pay"),
                InvitedColleagues = YesNo(row, "invited_colleagues"),
                SourceLine = row.Line,
            };
        });

    /// <summary>Tags and themes split on the list separator and on commas (tags never hold one).</summary>
    private static IEnumerable<string> Items(string? text, ValueParsing parsing) =>
        text is null ? [] : parsing.List(text).SelectMany(t => t.Split(',')).Select(t => t.Trim()).Where(t => t.Length > 0);

    /// <summary>Known tags in file order; an unknown one is a warning naming the cell and the list (the row is kept).</summary>
    private static ImmutableArray<string> Tags(Row row, ValueParsing parsing)
    {
        var tags = ImmutableArray.CreateBuilder<string>();
        foreach (var item in Items(row.Text("tags"), parsing))
        {
            if (InterviewTags.Find(item) is { } tag)
            {
                if (!tags.Contains(tag.Name)) tags.Add(tag.Name);
            }
            else
            {
                row.Warn("tags", item, "a tag from the documented list (" + string.Join(", ", InterviewTags.All.Select(t => t.Name)) +
                    "); this tag is left out of the comparisons", "unknown-tag");
            }
        }
        return tags.ToImmutable();
    }

    private static bool? YesNo(Row row, string column)
    {
        var text = row.Text(column);
        if (text is null) return null;
        if (DealImporter.Flag(text) is { } flag) return flag;
        row.Warn(column, text, "yes or no (also 1/0, true/false); kept as not recorded", "type.flag");
        return null;
    }
}
