using System.Collections.Immutable;

namespace IcpKit.Loading;

/// <summary>The four files of the data contract.</summary>
public enum ExportFile
{
    /// <summary>accounts.csv: one row per company.</summary>
    Accounts,
    /// <summary>deals.csv: one row per deal or opportunity.</summary>
    Deals,
    /// <summary>events.csv: product usage, one row per event.</summary>
    Events,
    /// <summary>surveys.csv: NPS and PMF answers.</summary>
    Surveys,
    /// <summary>Optional spend.csv: acquisition spend per month and channel (CAC and payback).</summary>
    Spend,
    /// <summary>Optional mrr_history.csv: MRR per account and month (revenue paths, net revenue retention).</summary>
    MrrHistory,
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
        ExportFile.Spend => ["month", "channel", "amount", "segment"],
        ExportFile.MrrHistory => ["account_id", "month", "mrr"],
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
        ExportFile.Spend => ["month", "channel", "amount"],
        ExportFile.MrrHistory => ["account_id", "month", "mrr"],
        _ => throw new ArgumentOutOfRangeException(nameof(file)),
    };

    /// <summary>The column that names a row of a table without lines (a SQL-defined table): its id, or its account.</summary>
    public static string RowKey(ExportFile file) => file switch
    {
        ExportFile.Deals => "deal_id",
        ExportFile.Spend => "channel",
        _ => "account_id",
    };

    /// <summary>The lower-case key of a file in icpkit.yaml ("accounts", "deals", ...).</summary>
    public static string Key(ExportFile file) => file == ExportFile.MrrHistory ? "mrr_history" : file.ToString().ToLowerInvariant();

    /// <summary>The file named by an icpkit.yaml key ("mrr_history"), or null when none is.</summary>
    public static ExportFile? FromKey(string key) => Enum.GetValues<ExportFile>().Cast<ExportFile?>().FirstOrDefault(f => Key(f!.Value) == key);

    /// <summary>What an analysis loses when an optional file is absent.</summary>
    public static string WhenAbsent(ExportFile file) => file switch
    {
        ExportFile.Deals => "win-rate, sales-cycle and funnel analyses will be skipped",
        ExportFile.Events => "activation and usage analyses will be skipped",
        ExportFile.Surveys => "NPS and PMF analyses will be skipped",
        ExportFile.Spend => "CAC and payback are not measurable",
        ExportFile.MrrHistory => "net revenue retention is not measurable, and lifetime value is read off retention and today's MRR",
        _ => "nothing can be analysed without accounts",
    };
}
