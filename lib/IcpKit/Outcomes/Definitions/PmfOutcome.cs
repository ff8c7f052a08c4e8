using IcpKit.Loading;
using IcpKit.Metrics;
using IcpKit.Statistics;

namespace IcpKit.Outcomes.Definitions;

/// <summary>PMF: share of survey answers saying "very disappointed" without the product.</summary>
public sealed class PmfOutcome() : OutcomeDefinition(IcpOutcomes.Pmf, "PMF \"very disappointed\" share", "responses",
    EffectKind.RateDifference, "answers \"very disappointed\"")
{
    /// <inheritdoc/>
    public override OutcomeMeasure Measure(ExportData data, Segmentation? by = null, BootstrapOptions? bootstrap = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!data.Has(ExportFile.Surveys) || !data.Surveys.Any(s => s.Pmf is not null))
            return new UnmeasuredOutcome(this, "no PMF answers in surveys.csv");
        return new RateMeasure(this, SurveyMetrics.Pmf(data, by));
    }
}
