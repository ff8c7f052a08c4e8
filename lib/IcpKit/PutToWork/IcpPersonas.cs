using System.Globalization;
using IcpKit.Charts;
using IcpKit.Icp;
using IcpKit.Loading;
using IcpKit.Metrics;
using IcpKit.Rendering;
using Microsoft.Data.Analysis;

namespace IcpKit.PutToWork;

/// <summary>
/// Personas inside the ICP: PMF and NPS of the ICP accounts' survey answers by the respondent's role (users and
/// buyers answer differently); built with <see cref="Of"/> on <see cref="SurveyMetrics"/>.
/// </summary>
/// <param name="Icp">"name vN" of the ICP.</param>
/// <param name="Answers">Survey answers of ICP accounts.</param>
/// <param name="WithRole">Of which carry a role.</param>
/// <param name="Pmf">Share "very disappointed" per role, against the 40% benchmark.</param>
/// <param name="Nps">NPS per role.</param>
public sealed record IcpPersonas(string Icp, int Answers, int WithRole, RateComparison Pmf, DistributionComparison Nps) : IHtmlRenderable, ITextRenderable
{
    /// <summary>PMF and NPS by role over the survey answers of accounts in the ICP.</summary>
    /// <param name="export">The export (its surveys).</param>
    /// <param name="icp">The ICP deciding whose answers count.</param>
    public static IcpPersonas Of(ExportData export, IcpDefinition icp)
    {
        ArgumentNullException.ThrowIfNull(export);
        var scored = ScoredExport.Of(export, icp);
        // The metrics work on an export; this one holds only the ICP accounts' answers.
        var inIcp = export with { Surveys = [.. export.Surveys.Where(s => scored.InIcp(s.AccountId))] };
        return new IcpPersonas(string.Create(CultureInfo.InvariantCulture, $"{icp.Name} v{icp.Version}"),
            inIcp.Surveys.Length, inIcp.Surveys.Count(s => !string.IsNullOrWhiteSpace(s.Role)),
            SurveyMetrics.PmfByRole(inIcp), SurveyMetrics.NpsByRole(inIcp));
    }

    /// <summary>
    /// PMF then NPS stacked, one row per measure and role: answers, the share "very disappointed" (or the NPS), its 95%
    /// interval and the p-value of the comparison between roles.
    /// </summary>
    public DataFrame Summary => StackedSummary.Of(("product-market fit (share very disappointed)", Pmf.Figures()), ("NPS", Nps.Figures()));

    /// <summary>One line on what the answers rest on.</summary>
    public string Caption => WithRole == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{Answers} survey answers from ICP accounts ({Icp}), none with a role: no personas to tell apart.")
        : string.Create(CultureInfo.InvariantCulture, $"{Answers} survey answers from ICP accounts ({Icp}), {WithRole} with a role.");

    /// <inheritdoc/>
    public string ToHtml() => $"<p>{HtmlText.Escape(Caption)}</p>" + Pmf.ToHtml() + Nps.ToHtml();

    /// <inheritdoc/>
    public string ToText() => string.Join(Environment.NewLine + Environment.NewLine, Caption, Pmf.ToText(), Nps.ToText());

    /// <summary>PMF share per role with intervals, against the 40% benchmark.</summary>
    public Figure Chart() => Pmf.Chart();

    /// <inheritdoc/>
    public override string ToString() => ToText();
}
