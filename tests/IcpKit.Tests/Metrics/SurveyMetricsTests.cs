using System.Collections.Immutable;
using IcpKit.Loading;
using IcpKit.Metrics;
using IcpKit.Model;
using IcpKit.Statistics;

namespace IcpKit.Tests.Metrics;

public class SurveyMetricsTests
{
    private static SurveyResponse R(string account, int? nps, PmfAnswer? pmf, string? role = "user") =>
        new() { AccountId = account, RespondedOn = new(2025, 3, 1), Nps = nps, Pmf = pmf, Role = role };

    private static ExportData Export(IEnumerable<Account> accounts, IEnumerable<SurveyResponse> surveys) => new(
        [.. accounts], [], [.. surveys], ImmutableDictionary<string, AccountUsage>.Empty, new TraitCatalog([]),
        ProjectConfig.Canonical, new DateOnly(2025, 6, 30), [], new ValidationReport([], [], ImmutableDictionary<(string, string, Severity), long>.Empty));

    [Theory]
    [InlineData(10, 100)]
    [InlineData(9, 100)]
    [InlineData(8, 0)]
    [InlineData(7, 0)]
    [InlineData(6, -100)]
    [InlineData(0, -100)]
    public void NpsScore_Answer_PromoterPassiveOrDetractor(int answer, double score) =>
        Assert.Equal(score, SurveyMetrics.NpsScore(answer));

    [Fact]
    public void Nps_HandCountedAnswers_IsPromotersMinusDetractorsPerRespondent()
    {
        // 5 promoters, 3 passives, 2 detractors, one skipped: NPS = (5 - 2) / 10 = +30.
        int[] answers = [10, 9, 9, 10, 9, 8, 7, 8, 3, 6];
        var surveys = answers.Select(a => R("a", a, null)).Append(R("a", null, PmfAnswer.NotDisappointed));
        var nps = SurveyMetrics.Nps(Export([new Account { AccountId = "a" }], surveys));

        var all = Assert.Single(nps.Groups);
        Assert.Equal(10, all.N);
        Assert.Equal(30, all.Estimate.Estimate, 12);
        Assert.True(all.Estimate.Interval.Contains(30));
        // Seeded: the same call gives the same interval.
        Assert.Equal(all.Estimate.Interval, SurveyMetrics.Nps(Export([new Account { AccountId = "a" }], surveys)).Groups[0].Estimate.Interval);
    }

    [Fact]
    public void Pmf_IntervalAboveOrAcrossFortyPercent_SaysClearsOnlyWhenTheWholeIntervalIsAbove()
    {
        // Role "buyer": 80 of 100 very disappointed (Wilson [71%, 87%]): clears 40%.
        // Role "user": 9 of 20 (45%, interval roughly [26%, 66%]): cannot tell. Role "admin": 2 of 30: below.
        var surveys = Enumerable.Range(0, 100).Select(i => R("a", 9, i < 80 ? PmfAnswer.VeryDisappointed : PmfAnswer.SomewhatDisappointed, "buyer"))
            .Concat(Enumerable.Range(0, 20).Select(i => R("a", 9, i < 9 ? PmfAnswer.VeryDisappointed : PmfAnswer.NotDisappointed, "user")))
            .Concat(Enumerable.Range(0, 30).Select(i => R("a", 9, i < 2 ? PmfAnswer.VeryDisappointed : PmfAnswer.NotDisappointed, "admin")));
        var pmf = SurveyMetrics.PmfByRole(Export([new Account { AccountId = "a" }], surveys));

        Assert.Equal(BenchmarkVerdict.Above, pmf.AgainstBenchmark("buyer"));
        Assert.Equal(BenchmarkVerdict.Inconclusive, pmf.AgainstBenchmark("user"));
        Assert.Equal(BenchmarkVerdict.Below, pmf.AgainstBenchmark("admin"));
        Assert.Equal(0.8, pmf["buyer"].Rate.Estimate, 12);
        Assert.NotNull(pmf.Scan); // three roles: each against the rest
    }

    [Fact]
    public void NpsByRole_MissingRole_FormsItsOwnGroup()
    {
        var surveys = new[] { R("a", 10, null, null), R("a", 0, null, "buyer") };
        var nps = SurveyMetrics.NpsByRole(Export([new Account { AccountId = "a" }], surveys));
        Assert.Equal([SurveyMetrics.NoRole, "buyer"], nps.Groups.Select(g => g.Group));
        // Two groups of one answer: too few to compare.
        Assert.False(nps.Pair!.Check.IsSufficient);
        Assert.False(nps.Differs());
    }
}
