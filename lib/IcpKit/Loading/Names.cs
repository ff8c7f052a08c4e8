using System.Text;

namespace IcpKit.Loading;

/// <summary>How header and value names are compared: ignoring case, spaces and punctuation.</summary>
public static class Names
{
    /// <summary>
    /// The matching key of a header or value: letters and digits only, lower-cased
    /// ("Account ID", "account_id" and "AccountId" all give "accountid").
    /// </summary>
    public static string Key(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// A readable snake_case name for an extra column ("Annual Revenue" gives "annual_revenue"),
    /// used as its trait name.
    /// </summary>
    public static string Snake(string header)
    {
        var sb = new StringBuilder(header.Length);
        var pendingUnderscore = false;
        foreach (var c in header.Trim())
        {
            if (char.IsLetterOrDigit(c))
            {
                if (pendingUnderscore && sb.Length > 0)
                {
                    sb.Append('_');
                }
                pendingUnderscore = false;
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                pendingUnderscore = true;
            }
        }
        return sb.ToString();
    }
}
