using System.Collections.Immutable;

namespace IcpKit.Model;

/// <summary>Where an account's customer date came from.</summary>
public enum CustomerSinceSource
{
    /// <summary>No customer date: the account never became a customer.</summary>
    None,
    /// <summary>The export's customer_since column.</summary>
    Export,
    /// <summary>The close date of the account's first won deal (exports without a customer date).</summary>
    FirstWonDeal,
}

/// <summary>One row of accounts.csv after mapping and validation.</summary>
/// <remarks>
/// Named contract columns are typed properties; every other column is in <see cref="Extras"/>.
/// <see cref="Trait"/> reads both the same way, which is what analyses use.
/// </remarks>
public sealed record Account
{
    /// <summary>Unique id.</summary>
    public required string AccountId { get; init; }
    /// <summary>Company name; shown in target lists and interview plans, and replaced by a pseudonym under --redact.</summary>
    public string? Name { get; init; }
    /// <summary>Industry as the CRM names it.</summary>
    public string? Industry { get; init; }
    /// <summary>Headcount; null when unknown.</summary>
    public int? Employees { get; init; }
    /// <summary>Country as the CRM names it.</summary>
    public string? Country { get; init; }
    /// <summary>Sales region or geography.</summary>
    public string? Region { get; init; }
    /// <summary>Business model, e.g. b2b_saas, marketplace, agency.</summary>
    public string? BusinessModel { get; init; }
    /// <summary>Technologies the account uses; empty when unknown.</summary>
    public ImmutableArray<string> TechStack { get; init; } = [];
    /// <summary>How the account first came to us, e.g. outbound, inbound, referral (the channel CAC is measured by).</summary>
    public string? AcquisitionChannel { get; init; }
    /// <summary>When the account became a customer; null when it never did.</summary>
    public DateOnly? CustomerSince { get; init; }
    /// <summary>Where <see cref="CustomerSince"/> came from.</summary>
    public CustomerSinceSource CustomerSinceSource { get; init; }
    /// <summary>When the customer left; null while it stays (or when the export maps no churn date: then retention is not measurable).</summary>
    public DateOnly? ChurnedOn { get; init; }
    /// <summary>Pricing plan of a customer.</summary>
    public string? Plan { get; init; }
    /// <summary>Monthly recurring revenue of a customer, in the export's currency.</summary>
    public decimal? Mrr { get; init; }
    /// <summary>Paid seats of a customer.</summary>
    public int? Seats { get; init; }
    /// <summary>Columns outside the contract, typed by inference, keyed by normalised column name.</summary>
    public ImmutableDictionary<string, TraitValue> Extras { get; init; } = ImmutableDictionary<string, TraitValue>.Empty;
    /// <summary>Line in the source file (1-based, header is line 1); 0 when generated in memory.</summary>
    public int SourceLine { get; init; }

    /// <summary>True when the account has been a customer at some point.</summary>
    public bool IsCustomer => CustomerSince is not null;

    /// <summary>
    /// True when the account became a customer on or before <paramref name="asOf"/>, churned since or not: the one rule
    /// for "a customer at as_of" that every outcome (retention, activation, usage, the ICP's customer counts) uses.
    /// </summary>
    /// <remarks>A customer_since after as_of (a contract signed for later) is not a customer yet.</remarks>
    public bool IsCustomerAt(DateOnly asOf) => CustomerSince is { } since && since <= asOf;

    /// <summary>True when the account is a customer that has not churned as of <paramref name="asOf"/>.</summary>
    public bool IsActiveCustomer(DateOnly asOf) => IsCustomerAt(asOf) && (ChurnedOn is not { } churned || churned > asOf);

    /// <summary>
    /// The value of a trait by its contract name (e.g. "industry", "employees", "tech_stack") or extra column name.
    /// </summary>
    /// <returns><see cref="TraitValue.Missing"/> when the account has no value or the field is unknown.</returns>
    public TraitValue Trait(string field) => field switch
    {
        TraitFields.Industry => TraitValue.Of(Industry),
        TraitFields.Employees => TraitValue.Of(Employees),
        TraitFields.Country => TraitValue.Of(Country),
        TraitFields.Region => TraitValue.Of(Region),
        TraitFields.BusinessModel => TraitValue.Of(BusinessModel),
        TraitFields.TechStack => TraitValue.Of(TechStack),
        TraitFields.AcquisitionChannel => TraitValue.Of(AcquisitionChannel),
        TraitFields.Plan => TraitValue.Of(Plan),
        TraitFields.Mrr => TraitValue.Of((double?)Mrr),
        TraitFields.Seats => TraitValue.Of(Seats),
        TraitFields.CustomerSince => TraitValue.Of(CustomerSince),
        TraitFields.ChurnedOn => TraitValue.Of(ChurnedOn),
        TraitFields.Name => TraitValue.Of(Name),
        _ => Extras.TryGetValue(field, out var v) ? v : TraitValue.Missing,
    };
}

/// <summary>The contract's account column names, as analyses and ICP rules name them.</summary>
public static class TraitFields
{
    /// <summary>The account id column.</summary>
    public const string AccountId = "account_id";
    /// <summary>The company name column.</summary>
    public const string Name = "name";
    /// <summary>The industry column.</summary>
    public const string Industry = "industry";
    /// <summary>The headcount column.</summary>
    public const string Employees = "employees";
    /// <summary>The country column.</summary>
    public const string Country = "country";
    /// <summary>The region column.</summary>
    public const string Region = "region";
    /// <summary>The business model column.</summary>
    public const string BusinessModel = "business_model";
    /// <summary>The technologies column (a list).</summary>
    public const string TechStack = "tech_stack";
    /// <summary>The acquisition channel column.</summary>
    public const string AcquisitionChannel = "acquisition_channel";
    /// <summary>The date the account became a customer.</summary>
    public const string CustomerSince = "customer_since";
    /// <summary>The date a customer churned.</summary>
    public const string ChurnedOn = "churned_on";
    /// <summary>The pricing plan column.</summary>
    public const string Plan = "plan";
    /// <summary>The monthly recurring revenue column.</summary>
    public const string Mrr = "mrr";
    /// <summary>The paid seats column.</summary>
    public const string Seats = "seats";

    /// <summary>Named traits analyses segment by, with their kinds (identity and date columns excluded).</summary>
    public static ImmutableArray<(string Name, TraitKind Kind)> Segmentable { get; } =
    [
        (Industry, TraitKind.Category), (Employees, TraitKind.Number), (Country, TraitKind.Category),
        (Region, TraitKind.Category), (BusinessModel, TraitKind.Category), (TechStack, TraitKind.List),
        (AcquisitionChannel, TraitKind.Category), (Plan, TraitKind.Category), (Mrr, TraitKind.Number),
        (Seats, TraitKind.Number),
    ];
}
