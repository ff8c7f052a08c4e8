using System.Collections.Immutable;
using IcpKit.Loading;
using IcpKit.Model;
using IcpKit.Statistics;

namespace IcpKit.Metrics;

/// <summary>NPS and Sean Ellis's product-market-fit share, per group of accounts or per respondent role.</summary>
/// <remarks>
/// Every answer counts once (a respondent, not an account): an account with five answering users weighs five times.
/// Answers of accounts missing from accounts.csv are left out when grouping by a segmentation of accounts.
/// </remarks>
public static class SurveyMetrics
{
    /// <summary>The PMF benchmark: 40% "very disappointed" (Sean Ellis).</summary>
    public const double PmfBenchmark = 0.40;

    /// <summary>The group of answers without a role, when grouping by role.</summary>
    public const string NoRole = "(missing)";

    /// <summary>
    /// NPS per group: promoters (9-10) minus detractors (0-6), in points from -100 to 100, with a seeded bootstrap
    /// interval (each answer scores +100, 0 or -100; NPS is their mean), and a Mann-Whitney comparison.
    /// </summary>
    /// <param name="export">The export.</param>
    /// <param name="by">Groups of accounts to compare; null for one NPS.</param>
    /// <param name="options">Bootstrap settings (default <see cref="DistributionComparison.DefaultBootstrap"/>: 2,000 resamples, seed 1) and the sample guard.</param>
    public static DistributionComparison Nps(ExportData export, Segmentation? by = null, BootstrapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(export);
        return Nps(Grouping.ByAccount(export.Surveys, s => s.AccountId, export.Accounts, by), Grouping.NameOf(by), options);
    }

    /// <summary>NPS per respondent role (user, buyer, admin, ...; no role = "(missing)").</summary>
    public static DistributionComparison NpsByRole(ExportData export, BootstrapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(export);
        return Nps(ByRole(export.Surveys), "role", options);
    }

    /// <summary>
    /// Share answering "very disappointed" per group, with its Wilson interval, its place against the 40% benchmark
    /// (one-sided: "clears 40%" only when the whole interval is above it) and the comparison of groups.
    /// </summary>
    /// <param name="export">The export.</param>
    /// <param name="by">Groups of accounts to compare; null for one share.</param>
    /// <param name="guard">Minimum expected counts for the comparison.</param>
    public static RateComparison Pmf(ExportData export, Segmentation? by = null, SampleGuard? guard = null)
    {
        ArgumentNullException.ThrowIfNull(export);
        return Pmf(Grouping.ByAccount(export.Surveys, s => s.AccountId, export.Accounts, by), Grouping.NameOf(by), guard);
    }

    /// <summary>PMF share per respondent role.</summary>
    public static RateComparison PmfByRole(ExportData export, SampleGuard? guard = null)
    {
        ArgumentNullException.ThrowIfNull(export);
        return Pmf(ByRole(export.Surveys), "role", guard);
    }

    /// <summary>+100 for a promoter (9-10), 0 for a passive (7-8), -100 for a detractor (0-6).</summary>
    public static double NpsScore(int nps) => nps >= 9 ? 100 : nps >= 7 ? 0 : -100;

    private static DistributionComparison Nps(IReadOnlyList<(string Group, ImmutableArray<SurveyResponse> Members)> groups,
        string segmentation, BootstrapOptions? options) =>
        DistributionComparison.Of("NPS (promoters 9-10 minus detractors 0-6)", segmentation,
            groups.Select(g => (g.Group, (IReadOnlyList<(SurveyResponse, double)>)g.Members
                .Where(s => s.Nps is not null).Select(s => (s, NpsScore(s.Nps!.Value))).ToArray())).ToArray(),
            "NPS", Mean, "answers with an NPS score, each answer once", options);

    private static RateComparison Pmf(IReadOnlyList<(string Group, ImmutableArray<SurveyResponse> Members)> groups,
        string segmentation, SampleGuard? guard) =>
        RateComparison.Of("PMF: share \"very disappointed\"", segmentation,
            groups.Select(g => (g.Group, (IReadOnlyList<(SurveyResponse, bool)>)g.Members
                .Where(s => s.Pmf is not null).Select(s => (s, s.Pmf == PmfAnswer.VeryDisappointed)).ToArray())).ToArray(),
            "answers to the PMF question, each answer once", guard, PmfBenchmark);

    private static ImmutableArray<(string Group, ImmutableArray<SurveyResponse> Members)> ByRole(
        IEnumerable<SurveyResponse> surveys) =>
        Grouping.Items(surveys, s => [string.IsNullOrWhiteSpace(s.Role) ? NoRole : s.Role.Trim()]);

    private static double Mean(double[] values) => values.Length == 0 ? double.NaN : values.Average();
}
