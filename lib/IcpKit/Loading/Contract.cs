using System.Collections.Immutable;

namespace IcpKit.Loading;

/// <summary>The files of the data contract.</summary>
public enum ExportFile
{
    Accounts,
    Deals,
    Events,
    Surveys,
    /// <summary>Optional step-4 interview notes (interviews.csv).</summary>
    Interviews,
}

/// <summary>The contract's column names per file and which ones a file cannot do without.</summary>
public static class Contract
{
    /// <summary>Contract column names of a file, in documentation order.</summary>
    public static ImmutableArray<string> Columns(ExportFile file) => file switch
    {
        ExportFile.Accounts =>
        [
            "account_id", "name", "industry", "employees", "country", "region", "business_model", "tech_stack",
            "acquisition_channel", "customer_since", "churned_on", "plan", "mrr", "seats",
        ],
        ExportFile.Deals => ["deal_id", "account_id", "created_on", "closed_on", "stage", "outcome", "amount", "loss_reason", "source", "won", "closed"],
        ExportFile.Events => ["account_id", "user_id", "occurred_at", "event"],
        ExportFile.Surveys => ["account_id", "user_id", "responded_on", "role", "nps", "pmf", "comment"],
        ExportFile.Interviews =>
        [
            "account_id", "interviewed_on", "contact", "role", "why_started_looking", "why_picked_us", "like_most", "helps_achieve",
            "business_does", "tags", "themes", "would_pay", "invited_colleagues",
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(file)),
    };

    /// <summary>Columns whose absence fails the whole file.</summary>
    /// <remarks>deals.outcome may be absent when the won and closed flag columns (Salesforce's Won and Closed) are both present.</remarks>
    public static ImmutableArray<string> Required(ExportFile file) => file switch
    {
        ExportFile.Accounts => ["account_id"],
        ExportFile.Deals => ["deal_id", "account_id", "created_on", "closed_on", "stage", "outcome"],
        ExportFile.Events => ["account_id", "user_id", "occurred_at", "event"],
        ExportFile.Surveys => ["account_id", "responded_on"],
        ExportFile.Interviews => ["account_id", "interviewed_on"],
        _ => throw new ArgumentOutOfRangeException(nameof(file)),
    };

    /// <summary>The column that names a row of a table without lines (a SQL-defined table): its id, or its account.</summary>
    public static string RowKey(ExportFile file) => file switch
    {
        ExportFile.Deals => "deal_id",
        _ => "account_id",
    };

    /// <summary>The lower-case key of a file in icpkit.yaml ("accounts", "deals", ...).</summary>
    public static string Key(ExportFile file) => file.ToString().ToLowerInvariant();

    /// <summary>What an analysis loses when an optional file is absent.</summary>
    public static string WhenAbsent(ExportFile file) => file switch
    {
        ExportFile.Deals => "win-rate, sales-cycle and funnel analyses will be skipped",
        ExportFile.Events => "activation and usage analyses will be skipped",
        ExportFile.Surveys => "NPS and PMF analyses will be skipped",
        ExportFile.Interviews => "the interview tag comparisons of 04b will be skipped",
        _ => "nothing can be analysed without accounts",
    };
}
