using System.Collections.Immutable;

namespace IcpKit.Loading;

/// <summary>The shipped mappings of CRM standard export headers (documented in docs/data-contract.md).</summary>
internal static class Presets
{
    private static FileMapping Map(ExportFile file, string fileName, (string Contract, string Header)[] columns, string[]? ignore = null)
    {
        var canonical = FileMapping.Canonical(file);
        return canonical with
        {
            FileName = fileName,
            Columns = canonical.Columns.SetItems(columns.Select(c => KeyValuePair.Create(c.Contract, c.Header))),
            Ignore = [.. ignore ?? []],
        };
    }

    // A CRM writes the outcome into the stage: closed won / closed lost, anything else is still open.
    private static ImmutableDictionary<string, ValueMap> OutcomeFromStage { get; } =
        ImmutableDictionary<string, ValueMap>.Empty.Add("outcome", ValueMap.Of([("Closed Won", "won"), ("Closed Lost", "lost")], "open"));

    /// <summary>
    /// HubSpot companies export (companies.csv) and deals export (deals.csv) with their default property labels;
    /// the company "Close Date" is the date it became a customer.
    /// </summary>
    public static ProjectConfig HubSpot { get; } = ProjectConfig.Canonical with
    {
        Preset = Preset.HubSpot,
        Accounts = Map(ExportFile.Accounts, "companies.csv",
        [
            ("account_id", "Record ID"), ("name", "Company name"), ("industry", "Industry"),
            ("employees", "Number of Employees"), ("country", "Country/Region"),
            ("acquisition_channel", "Original Source Type"), ("customer_since", "Close Date"),
        ],
        // Lifecycle Stage says who is a customer already: as a trait it would "explain" customers by themselves.
        ["Company owner", "Company Domain Name", "Phone Number", "Last Activity Date", "Website URL", "Street Address", "Postal Code", "Lifecycle Stage"]),
        Deals = Map(ExportFile.Deals, "deals.csv",
        [
            ("deal_id", "Record ID"), ("account_id", "Associated Company IDs"), ("created_on", "Create Date"),
            ("closed_on", "Close Date"), ("stage", "Deal Stage"), ("outcome", "Deal Stage"), ("amount", "Amount"),
            ("loss_reason", "Closed Lost Reason"), ("source", "Original Source Type"),
        ],
        // Every other deal column is a deal trait (owner, pipeline, ...). The name is free text; the probability is set by
        // the stage (100% at Closed Won), so the draft search would read the outcome off it.
        ["Deal Name", "Deal probability"]) with { Values = OutcomeFromStage },
        Funnel = ["Appointment Scheduled", "Qualified To Buy", "Presentation Scheduled", "Decision Maker Bought-In", "Contract Sent", "Closed Won"],
        DateFormats = ["M/d/yyyy", "M/d/yyyy H:mm", "M/d/yyyy h:mm tt"],
        CustomerSinceFallback = CustomerSinceFallback.FirstWonDeal,
    };

    /// <summary>
    /// Salesforce Accounts report (accounts.csv) and Opportunities report (opportunities.csv) with their
    /// standard column labels; accounts carry no customer date, so the first won opportunity gives it.
    /// </summary>
    public static ProjectConfig Salesforce { get; } = ProjectConfig.Canonical with
    {
        Preset = Preset.Salesforce,
        Accounts = Map(ExportFile.Accounts, "accounts.csv",
        [
            ("account_id", "Account ID"), ("name", "Account Name"), ("industry", "Industry"), ("employees", "Employees"),
            ("country", "Billing Country"), ("acquisition_channel", "Account Source"),
        ],
        // Type (Customer - Direct, Prospect, ...) records the outcome: as a trait it would "explain" customers by themselves.
        ["Account Owner", "Phone", "Website", "Billing Street", "Billing City", "Billing Zip/Postal Code", "Created Date", "Last Activity", "Type"]),
        Deals = Map(ExportFile.Deals, "opportunities.csv",
        [
            ("deal_id", "Opportunity ID"), ("account_id", "Account ID"), ("created_on", "Created Date"),
            ("closed_on", "Close Date"), ("stage", "Stage"), ("outcome", "Stage"), ("amount", "Amount"), ("source", "Lead Source"),
            // The report's Won and Closed flags decide the outcome when present (custom stage names), else Stage does.
            ("won", "Won"), ("closed", "Closed"),
        ],
        // Every other column is a deal trait (owner, type, ...). The name is free text and the account's name is the account's;
        // Probability (%) and Expected Revenue follow the stage (100% at Closed Won): traits of the outcome, not of the deal.
        ["Opportunity Name", "Account Name", "Probability (%)", "Expected Revenue"]) with { Values = OutcomeFromStage },
        Funnel =
        [
            "Prospecting", "Qualification", "Needs Analysis", "Value Proposition", "Id. Decision Makers",
            "Perception Analysis", "Proposal/Price Quote", "Negotiation/Review", "Closed Won",
        ],
        DateFormats = ["M/d/yyyy", "M/d/yyyy h:mm tt"],
        CustomerSinceFallback = CustomerSinceFallback.FirstWonDeal,
    };

    /// <summary>
    /// Pipedrive organizations export (organizations.csv) and deals export (deals.csv) with their default field labels
    /// ("Organization - Name", "Deal - Status"); the status (Open / Won / Lost) gives the outcome, and the stage stays
    /// the stage the deal was in when it closed; organizations carry no customer date, so the first won deal gives it.
    /// </summary>
    public static ProjectConfig Pipedrive { get; } = ProjectConfig.Canonical with
    {
        Preset = Preset.Pipedrive,
        Accounts = Map(ExportFile.Accounts, "organizations.csv",
        [
            ("account_id", "Organization - ID"), ("name", "Organization - Name"), ("industry", "Organization - Industry"),
            ("employees", "Organization - Number of employees"),
        ],
        // Deal counts per organization are outcomes, not traits: segmenting by them would read the answer off the question.
        ["Organization - Owner", "Organization - Address", "Organization - Organization created", "Organization - Open deals",
            "Organization - Won deals", "Organization - Lost deals", "Organization - People", "Organization - Label"]),
        Deals = Map(ExportFile.Deals, "deals.csv",
        [
            ("deal_id", "Deal - ID"), ("account_id", "Organization - ID"), ("created_on", "Deal - Deal created"),
            ("closed_on", "Deal - Deal closed on"), ("stage", "Deal - Stage"), ("outcome", "Deal - Status"), ("amount", "Deal - Value"),
            ("loss_reason", "Deal - Lost reason"), ("source", "Deal - Source channel"),
        ],
        // Every other deal column is a deal trait (owner, currency, pipeline). The title is free text, and the organization's
        // name is the account's, not the deal's: neither is a trait of the deal.
        // Deal - Probability follows the stage, so it is the outcome rather than a trait.
        ["Deal - Title", "Deal - Organization", "Deal - Probability"]) with
        {
            Values = ImmutableDictionary<string, ValueMap>.Empty.Add("outcome", ValueMap.Of([("Won", "won"), ("Lost", "lost"), ("Open", "open")])),
        },
        Funnel = ["Qualified", "Contact Made", "Demo Scheduled", "Proposal Made", "Negotiations Started"],
        DateFormats = ["yyyy-MM-dd HH:mm:ss"],
        CustomerSinceFallback = CustomerSinceFallback.FirstWonDeal,
    };
}
