using IcpKit.Loading;
using IcpKit.Metrics;
using IcpKit.Statistics;

namespace IcpKit.Outcomes.Definitions;

/// <summary>
/// Retention: the Kaplan-Meier share of customers still a customer 12 months after becoming one (churn the event,
/// customers still there censored at as_of), compared by the log-rank test.
/// </summary>
/// <remarks>
/// Kaplan-Meier uses every customer for as long as it has been one. The alternatives it replaces each lose
/// something: a plain share of customers who started at least a year ago (the draft search's old rate) drops every
/// recent customer, and "churned by as_of" (summary.json's old churn rate) mixes a customer of ten years with one
/// of ten days.
/// </remarks>
public sealed class RetentionOutcome() : OutcomeDefinition(IcpOutcomes.Retention, "Retention (customers)", "customers",
    EffectKind.HazardRatio, "customers still there 12 months after starting (Kaplan-Meier)")
{
    /// <summary>Months at which the headline is read.</summary>
    public const int HorizonMonths = 12;

    /// <summary>The horizon in days: 12 months of 365.25/12 days (on whole days, the same as day 365).</summary>
    public static double HorizonDays => SurvivalComparison.MonthHorizons([HorizonMonths]).Single().Days;

    /// <inheritdoc/>
    public override bool IsRate => true;

    /// <inheritdoc/>
    public override OutcomeMeasure Measure(ExportData data, Segmentation? by = null, BootstrapOptions? bootstrap = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!data.Accounts.Any(a => a.IsCustomerAt(data.AsOf))) return new UnmeasuredOutcome(this, "no customers");
        return new SurvivalMeasure(this, Metrics.Retention.Survival(data, by), EventIsGood: false, ReadAtDays: HorizonDays);
    }
}
