using IcpKit.Loading;
using IcpKit.Metrics;
using IcpKit.Statistics;

namespace IcpKit.Outcomes.Definitions;

/// <summary>NPS: each answer scores +100 (promoter), 0 or -100 (detractor), so NPS is the mean score.</summary>
public sealed class NpsOutcome() : OutcomeDefinition(IcpOutcomes.Nps, "NPS", "responses", EffectKind.NpsDifference, "NPS of survey answers")
{
    /// <inheritdoc/>
    public override OutcomeMeasure Measure(ExportData data, Segmentation? by = null, BootstrapOptions? bootstrap = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!data.Has(ExportFile.Surveys) || !data.Surveys.Any(s => s.Nps is not null))
            return new UnmeasuredOutcome(this, "no NPS answers in surveys.csv");
        var scores = SurveyMetrics.Nps(data, by, bootstrap);
        return new ValuesMeasure(this, [.. scores.Groups.Select(g => (g.Group, g.Values))], ValueStatistic.Mean);
    }
}
