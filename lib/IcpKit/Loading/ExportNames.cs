using System.Collections.Immutable;

namespace IcpKit.Loading;

/// <summary>What a name in an export names: a company or a person.</summary>
public enum NameKind
{
    /// <summary>A company name.</summary>
    Account,
    /// <summary>A person's name or e-mail address.</summary>
    Contact,
}

/// <summary>One name found in an export, and what it names.</summary>
public sealed record ExportName(string Name, NameKind Kind);

/// <summary>
/// The names of companies and people an export holds, for redaction: read with the import's own sniffing
/// (encoding, delimiter) and mapping, from every record, accepted or rejected.
/// </summary>
/// <remarks>
/// Names come from the mapped contract column <c>name</c> of the accounts file (so "Company Name" mapped in icpkit.yaml
/// is found, and Windows-1252 names read as the import reads them), from any column of accounts, deals or surveys
/// (and of interviews) whose header says it holds a name, a contact or an e-mail (<c>account_name</c>, <c>company</c>, <c>owner_name</c>,
/// <c>Contact</c>, <c>billing_email</c>), from columns naming a person in charge (<c>Deal owner</c>, <c>Opportunity Owner</c>,
/// <c>Deal - Owner</c>, <c>sales_agent</c>, <c>manager</c>) or listed under a table's <c>personal:</c> in icpkit.yaml (which
/// deal traits such as <c>deal.manager</c> come from), and from any value that looks like an e-mail address (a survey's user_id).
/// A rejected row's name is included too: validation messages quote the values of rejected rows.
/// events.csv is not read: it is folded into counts per account and no report shows its user ids.
/// </remarks>
public static class ExportNames
{
    /// <summary>The names in an export folder, with the icpkit.yaml beside it (canonical layout without one).</summary>
    /// <exception cref="ProjectConfigException">icpkit.yaml is invalid.</exception>
    public static ImmutableArray<ExportName> Read(string folder)
    {
        var yaml = Path.Combine(folder, ProjectConfigReader.FileName);
        return Read(folder, File.Exists(yaml) ? ProjectConfigReader.ReadFile(yaml) : ProjectConfig.Canonical);
    }

    /// <summary>The names in an export folder read with the given mapping; files that are absent give none.</summary>
    public static ImmutableArray<ExportName> Read(string folder, ProjectConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var names = new HashSet<ExportName>();
        foreach (var file in new[] { ExportFile.Accounts, ExportFile.Deals, ExportFile.Surveys, ExportFile.Interviews })
        {
            // The import's own source: same sniffing, same mapping; its problems are the import's to report.
            using var source = RowSources.Open(folder, file, config);
            if (source is null)
            {
                continue;
            }
            var nameKey = Names.Key(config.File(file).HeaderFor("name"));
            var personal = config.File(file).Personal.Select(Names.Key).ToHashSet(StringComparer.Ordinal);
            var columns = source.Headers.Select((h, i) => (Kind: KindOf(file, Names.Key(h), Names.Snake(h), nameKey), Index: i))
                .Where(c => c.Kind is not null).ToArray();
            // People in charge of a deal or an account (Deal owner, Opportunity Owner, Deal - Owner, sales_agent, manager), or
            // listed under personal: in icpkit.yaml. Their ids (Owner ID) are numbers, not names, and are left alone.
            var people = source.Headers.Select((h, i) => (Header: h, Index: i))
                .Where(c => personal.Contains(Names.Key(c.Header)) || IsPersonInCharge(Names.Snake(c.Header)))
                .Select(c => c.Index).ToArray();
            while (source.Read())
            {
                foreach (var (kind, index) in columns)
                {
                    Add(names, source.Raw(index), kind!.Value);
                }
                foreach (var index in people)
                {
                    var value = source.Raw(index);
                    if (value.Any(char.IsLetter)) Add(names, value, NameKind.Contact);
                }
                for (var i = 0; i < source.Headers.Count; i++)
                {
                    // An e-mail anywhere, whatever its column is called; "a @ b" in a comment is not one.
                    var value = source.Raw(i);
                    if (value.Contains('@', StringComparison.Ordinal) && !value.Contains(' ', StringComparison.Ordinal))
                    {
                        Add(names, value, NameKind.Contact);
                    }
                }
            }
        }
        return [.. names];
    }

    private static void Add(HashSet<ExportName> names, string? value, NameKind kind)
    {
        var trimmed = value?.Trim();
        if (!string.IsNullOrEmpty(trimmed))
        {
            names.Add(new ExportName(trimmed, kind));
        }
    }

    private static readonly HashSet<string> PersonNames = new(StringComparer.Ordinal)
    {
        "first_name", "last_name", "full_name", "owner_name", "account_owner_name", "customer_name", "user_name", "person_name", "rep_name",
        "sales_rep_name", "respondent_name",
    };

    /// <summary>Roles of a person in charge, as CRMs' default headers name them: HubSpot's <c>Deal owner</c> and
    /// <c>Company owner</c>, Salesforce's <c>Opportunity Owner</c> and <c>Account Owner</c>, Pipedrive's <c>Deal - Owner</c>,
    /// a <c>sales_agent</c>, a team's <c>manager</c>, a <c>sales_rep</c>, an <c>assignee</c>.</summary>
    private static readonly HashSet<string> Roles = new(StringComparer.Ordinal)
    {
        "owner", "agent", "rep", "representative", "salesperson", "seller", "manager", "assignee",
    };

    /// <summary>True when a snake_case header names a person in charge (a word is a role) and not their id.</summary>
    private static bool IsPersonInCharge(string snake)
    {
        var words = snake.Split('_', StringSplitOptions.RemoveEmptyEntries);
        return words.Any(Roles.Contains) && !words.Any(w => w is "id" or "ids" or "count" or "type");
    }

    private static NameKind? KindOf(ExportFile file, string key, string snake, string mappedNameKey) => key switch
    {
        _ when file == ExportFile.Accounts && key == mappedNameKey => NameKind.Account,
        "accountname" or "company" or "companyname" => NameKind.Account,
        _ when key.Contains("contact", StringComparison.Ordinal) || key.Contains("email", StringComparison.Ordinal) => NameKind.Contact,
        // Only names of people: a product_name or stage_name would redact "Pro" inside "Proposal".
        _ when key is "name" || PersonNames.Contains(snake) => NameKind.Contact,
        _ => null,
    };
}
