using System.Collections.Immutable;
using IcpKit.Model;
using Microsoft.Data.Analysis;

namespace IcpKit.Loading;

/// <summary>Converts imported records to Microsoft.Data.Analysis DataFrames for exploration in a notebook.</summary>
public static class RecordFrames
{
    private static string? Day(DateOnly? d) => d?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Accounts: contract columns, then one column per extra trait of the catalog (numbers as doubles, others as text).</summary>
    public static DataFrame Accounts(IReadOnlyList<Account> accounts, TraitCatalog traits)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(traits);
        var columns = new List<DataFrameColumn>
        {
            new StringDataFrameColumn("account_id", accounts.Select(a => a.AccountId)),
            new StringDataFrameColumn("name", accounts.Select(a => a.Name)),
            new StringDataFrameColumn("industry", accounts.Select(a => a.Industry)),
            new Int32DataFrameColumn("employees", accounts.Select(a => a.Employees)),
            new StringDataFrameColumn("country", accounts.Select(a => a.Country)),
            new StringDataFrameColumn("region", accounts.Select(a => a.Region)),
            new StringDataFrameColumn("business_model", accounts.Select(a => a.BusinessModel)),
            new StringDataFrameColumn("tech_stack", accounts.Select(a => a.TechStack.IsDefaultOrEmpty ? null : string.Join(";", a.TechStack))),
            new StringDataFrameColumn("acquisition_channel", accounts.Select(a => a.AcquisitionChannel)),
            new StringDataFrameColumn("customer_since", accounts.Select(a => Day(a.CustomerSince))),
            new StringDataFrameColumn("customer_since_source", accounts.Select(a => a.CustomerSinceSource.ToString())),
            new StringDataFrameColumn("churned_on", accounts.Select(a => Day(a.ChurnedOn))),
            new StringDataFrameColumn("plan", accounts.Select(a => a.Plan)),
            new DecimalDataFrameColumn("mrr", accounts.Select(a => a.Mrr)),
            new Int32DataFrameColumn("seats", accounts.Select(a => a.Seats)),
        };
        foreach (var extra in traits.Traits.Where(t => t.IsExtra))
        {
            columns.Add(extra.Kind == TraitKind.Number
                ? new DoubleDataFrameColumn(extra.Name, accounts.Select(a => a.Trait(extra.Name) is TraitValue.NumberValue n ? n.Value : (double?)null))
                : new StringDataFrameColumn(extra.Name, accounts.Select(a => a.Trait(extra.Name) is { IsMissing: false } v ? v.ToString() : null)));
        }
        return new DataFrame(columns);
    }

    /// <summary>Deals, one row each.</summary>
    public static DataFrame Deals(IReadOnlyList<Deal> deals)
    {
        ArgumentNullException.ThrowIfNull(deals);
        return new DataFrame(
            new StringDataFrameColumn("deal_id", deals.Select(d => d.DealId)),
            new StringDataFrameColumn("account_id", deals.Select(d => d.AccountId)),
            new StringDataFrameColumn("created_on", deals.Select(d => Day(d.CreatedOn))),
            new StringDataFrameColumn("closed_on", deals.Select(d => Day(d.ClosedOn))),
            new StringDataFrameColumn("stage", deals.Select(d => d.Stage)),
            new Int32DataFrameColumn("stage_index", deals.Select(d => (int?)d.StageIndex)),
            new StringDataFrameColumn("outcome", deals.Select(d => d.Outcome.ToString().ToLowerInvariant())),
            new DecimalDataFrameColumn("amount", deals.Select(d => d.Amount)),
            new StringDataFrameColumn("loss_reason", deals.Select(d => d.LossReason)),
            new StringDataFrameColumn("source", deals.Select(d => d.Source)));
    }

    /// <summary>Survey answers, one row each.</summary>
    public static DataFrame Surveys(IReadOnlyList<SurveyResponse> surveys)
    {
        ArgumentNullException.ThrowIfNull(surveys);
        return new DataFrame(
            new StringDataFrameColumn("account_id", surveys.Select(s => s.AccountId)),
            new StringDataFrameColumn("user_id", surveys.Select(s => s.UserId)),
            new StringDataFrameColumn("responded_on", surveys.Select(s => Day(s.RespondedOn))),
            new StringDataFrameColumn("role", surveys.Select(s => s.Role)),
            new Int32DataFrameColumn("nps", surveys.Select(s => s.Nps)),
            new StringDataFrameColumn("pmf", surveys.Select(s => s.Pmf?.ToString())),
            new StringDataFrameColumn("comment", surveys.Select(s => s.Comment)));
    }

    /// <summary>Per-account usage, one row per account with events, ordered by account id.</summary>
    public static DataFrame Usage(IReadOnlyDictionary<string, AccountUsage> usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        var rows = usage.Values.OrderBy(u => u.AccountId, StringComparer.Ordinal).ToImmutableArray();
        return new DataFrame(
            new StringDataFrameColumn("account_id", rows.Select(u => u.AccountId)),
            new Int64DataFrameColumn("event_count", rows.Select(u => (long?)u.EventCount)),
            new DateTimeDataFrameColumn("first_event_at", rows.Select(u => u.FirstEventAt)),
            new DateTimeDataFrameColumn("last_event_at", rows.Select(u => u.LastEventAt)),
            new DateTimeDataFrameColumn("first_activation_at", rows.Select(u => u.FirstActivationAt)),
            new DateTimeDataFrameColumn("first_high_value_at", rows.Select(u => u.FirstHighValueAt)),
            new Int64DataFrameColumn("high_value_count", rows.Select(u => (long?)u.HighValueCount)),
            new Int32DataFrameColumn("active_days", rows.Select(u => (int?)u.ActiveDays)),
            new Int32DataFrameColumn("active_weeks", rows.Select(u => (int?)u.ActiveWeeks)),
            new Int32DataFrameColumn("distinct_users", rows.Select(u => (int?)u.DistinctUsers)));
    }
}
