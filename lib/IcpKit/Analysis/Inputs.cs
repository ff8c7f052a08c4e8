using IcpKit.Loading;
using IcpKit.Model;

namespace IcpKit.Analysis;

/// <summary>Inputs an analysis needs from an export; combine with <c>|</c>.</summary>
[Flags]
public enum Need
{
    /// <summary>Nothing beyond the accounts.</summary>
    None = 0,
    /// <summary>At least one deal.</summary>
    Deals = 1 << 0,
    /// <summary>At least one won or lost deal.</summary>
    ClosedDeals = 1 << 1,
    /// <summary>At least one won deal.</summary>
    WonDeals = 1 << 2,
    /// <summary>At least one lost deal.</summary>
    LostDeals = 1 << 3,
    /// <summary>At least one customer (an account with a customer date).</summary>
    Customers = 1 << 4,
    /// <summary>A churned_on column (blank cells then mean "still a customer").</summary>
    ChurnDates = 1 << 5,
    /// <summary>An MRR value on some customer.</summary>
    Mrr = 1 << 6,
    /// <summary>Seats on some customer, or product events: something to measure adoption by.</summary>
    Usage = 1 << 7,
    /// <summary>An amount on some won deal.</summary>
    Amounts = 1 << 8,
    /// <summary>A loss_reason column.</summary>
    LossReasons = 1 << 9,
    /// <summary>Product events.</summary>
    Events = 1 << 10,
    /// <summary>Activation events listed in icpkit.yaml, and events to find them in.</summary>
    ActivationEvents = 1 << 11,
    /// <summary>Survey answers.</summary>
    Surveys = 1 << 12,
    /// <summary>A funnel order in icpkit.yaml.</summary>
    Funnel = 1 << 13,
    /// <summary>Acquisition spend (spend.csv) with at least one row.</summary>
    Spend = 1 << 14,
    /// <summary>An acquisition channel on some customer (what spend is matched on).</summary>
    AcquisitionChannels = 1 << 15,
    /// <summary>MRR per account and month (mrr_history.csv).</summary>
    MrrHistory = 1 << 16,
    /// <summary>Step-4 interview notes (interviews.csv).</summary>
    Interviews = 1 << 20,
}

/// <summary>What an export lacks for an analysis, in words a founder can act on.</summary>
public static class Inputs
{
    /// <summary>The first input of <paramref name="needs"/> the export lacks, as a <see cref="NotMeasurable"/>; null when it has them all.</summary>
    /// <remarks>Inputs are checked in the order of <see cref="Need"/> (deals before closed deals, ...), so the sentence names the root cause.</remarks>
    public static NotMeasurable? Missing(ExportData export, Need needs)
    {
        ArgumentNullException.ThrowIfNull(export);
        foreach (var need in Enum.GetValues<Need>())
        {
            if (need != Need.None && needs.HasFlag(need) && Check(export, need) is { } reason) return new NotMeasurable(reason);
        }
        return null;
    }

    /// <summary>Why the export lacks <paramref name="need"/> (one input), or null when it has it.</summary>
    public static string? Check(ExportData export, Need need)
    {
        ArgumentNullException.ThrowIfNull(export);
        var deals = export.Config.Deals.FileName;
        return need switch
        {
            Need.Deals when export.Deals.IsEmpty => export.Has(ExportFile.Deals)
                ? $"no deals were accepted from {deals} (see the validation report in 00)"
                : $"no deals in this export (add {deals}, or name the file under deals.file in icpkit.yaml)",
            Need.ClosedDeals when !export.Deals.Any(d => d.IsClosed) =>
                Check(export, Need.Deals) ?? "no closed deals yet: every deal is still open (the outcome comes from deals.columns.outcome)",
            Need.WonDeals when !export.Deals.Any(d => d.Outcome == DealOutcome.Won) =>
                Check(export, Need.Deals) ?? "no won deals yet (the outcome comes from deals.columns.outcome)",
            Need.LostDeals when !export.Deals.Any(d => d.Outcome == DealOutcome.Lost) =>
                Check(export, Need.Deals) ?? "no lost deals yet (the outcome comes from deals.columns.outcome)",
            Need.Customers when !export.Accounts.Any(a => a.IsCustomer) =>
                "no customers: no account has a customer date (map accounts.columns.customer_since, or set customer_since: first_won_deal in icpkit.yaml)",
            Need.ChurnDates when !export.HasColumn(ExportFile.Accounts, "churned_on") =>
                "no churn dates mapped, so nobody can be seen to leave (map accounts.columns.churned_on in icpkit.yaml)",
            Need.Mrr when !export.Accounts.Any(a => a.Mrr is not null) => export.HasColumn(ExportFile.Accounts, "mrr")
                ? "no account has an MRR value"
                : "no MRR mapped (map accounts.columns.mrr in icpkit.yaml)",
            Need.Usage when !export.Accounts.Any(a => a.Seats is not null) && export.Usage.Count == 0 =>
                "no seats and no product events (map accounts.columns.seats, or add events.csv)",
            Need.Amounts when !export.Deals.Any(d => d.Outcome == DealOutcome.Won && d.Amount is not null) =>
                Check(export, Need.WonDeals) ?? (export.HasColumn(ExportFile.Deals, "amount")
                    ? "no won deal has an amount"
                    : "no deal amounts mapped (map deals.columns.amount in icpkit.yaml)"),
            Need.LossReasons when !export.HasColumn(ExportFile.Deals, "loss_reason") =>
                Check(export, Need.Deals) ?? "no loss reasons mapped (map deals.columns.loss_reason in icpkit.yaml)",
            Need.Events when export.Usage.Count == 0 => export.Has(ExportFile.Events)
                ? $"no product events were accepted from {export.Config.Events.FileName} (see the validation report in 00)"
                : $"no product events in this export (add {export.Config.Events.FileName}, or name the file under events.file in icpkit.yaml)",
            Need.ActivationEvents when export.Usage.Count == 0 || export.Config.ActivationEvents.IsEmpty =>
                Check(export, Need.Events) ?? "no activation event named (list the events that mean a customer got value under activation_events in icpkit.yaml)",
            Need.Surveys when export.Surveys.IsEmpty => export.Has(ExportFile.Surveys)
                ? $"no survey answers were accepted from {export.Config.Surveys.FileName} (see the validation report in 00)"
                : $"no survey answers in this export (add {export.Config.Surveys.FileName}, or name the file under surveys.file in icpkit.yaml)",
            Need.Spend when !export.Spend.Any(s => s.Month <= new DateOnly(export.AsOf.Year, export.AsOf.Month, 1)) => !export.Spend.IsEmpty
                ? "no spend on or before the as-of date in spend.csv"
                : export.Has(ExportFile.Spend)
                ? $"no spend rows were accepted from {export.Config.Spend.DisplayName(ExportFile.Spend)} (see the validation report in 00)"
                : $"no acquisition spend in this export (add {export.Config.Spend.FileName} with month, channel and amount, or map spend.file, spend.columns or spend.sql in icpkit.yaml)",
            Need.AcquisitionChannels when !export.Accounts.Any(a => a.IsCustomer && a.AcquisitionChannel is not null) =>
                Check(export, Need.Customers) ?? (export.HasColumn(ExportFile.Accounts, "acquisition_channel")
                    ? "no customer has an acquisition channel, so no spend can be matched to the customers it bought"
                    : "no acquisition channel mapped, so no spend can be matched to the customers it bought (map accounts.columns.acquisition_channel in icpkit.yaml)"),
            Need.MrrHistory when export.MrrHistory.IsEmpty => export.Has(ExportFile.MrrHistory)
                ? $"no MRR history rows were accepted from {export.Config.MrrHistory.DisplayName(ExportFile.MrrHistory)} (see the validation report in 00)"
                : $"no MRR history in this export (add {export.Config.MrrHistory.FileName} with account_id, month and mrr, or map mrr_history.file, mrr_history.columns or mrr_history.sql in icpkit.yaml)",
            Need.Interviews when export.Interviews.IsEmpty => export.Has(ExportFile.Interviews)
                ? $"no interviews were accepted from {export.Config.Interviews.FileName} (see the validation report in 00)"
                : $"no interview notes in this export (add {export.Config.Interviews.FileName} with one row per step-4 interview, or name the file under interviews.file in icpkit.yaml; see docs/data-contract.md)",
            Need.Funnel when export.Config.Funnel.IsEmpty =>
                "no funnel order configured (list the stages in order under funnel in icpkit.yaml)",
            _ => null,
        };
    }
}
