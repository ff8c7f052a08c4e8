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
/// whose header says it holds a name, a contact or an e-mail (<c>account_name</c>, <c>company</c>, <c>owner_name</c>,
/// <c>Contact</c>, <c>billing_email</c>), and from any value that looks like an e-mail address (a survey's user_id).
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
        foreach (var file in new[] { ExportFile.Accounts, ExportFile.Deals, ExportFile.Surveys })
        {
            // The import's own source: same sniffing, same mapping; its problems are the import's to report.
            using var source = RowSources.Open(folder, file, config);
            if (source is null)
            {
                continue;
            }
            var nameKey = Names.Key(config.File(file).HeaderFor("name"));
            var columns = source.Headers.Select((h, i) => (Kind: KindOf(file, Names.Key(h), Names.Snake(h), nameKey), Index: i))
                .Where(c => c.Kind is not null).ToArray();
            while (source.Read())
            {
                foreach (var (kind, index) in columns)
                {
                    Add(names, source.Raw(index), kind!.Value);
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
