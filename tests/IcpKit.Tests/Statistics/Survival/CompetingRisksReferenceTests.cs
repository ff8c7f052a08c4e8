using System.Globalization;
using IcpKit.Statistics.Survival;
using static IcpKit.Tests.Statistics.Survival.RReference;

namespace IcpKit.Tests.Statistics.Survival;

/// <summary>
/// Cumulative incidence and Gray's test against R (Reference/make_competing_reference.R: cmprsk 2.2-11
/// <c>cuminc(time, cause, group, cencode = 0)</c>, survival 3.5.3 <c>survfit(Surv(time, factor(cause)) ~ group)</c>),
/// to a relative 1e-6: the methods are deterministic, so anything looser would hide a different formula.
/// </summary>
public class CompetingRisksReferenceTests
{
    public static TheoryData<string> Sets => new() { "deals", "three", "tiny" };

    internal static CompetingRiskObservation[] Data(string name) => [.. Table($"cr_data_{name}.csv").Select(r =>
        new CompetingRiskObservation(Num(r["time"]), int.Parse(r["cause"], CultureInfo.InvariantCulture), r["group"] == "all" ? null : r["group"]))];

    [Theory, MemberData(nameof(Sets))]
    public void CumulativeIncidence_MatchesCmprskCuminc_EstimateVarianceAndBand(string name)
    {
        var data = Data(name);
        var rows = Table("cr_cuminc.csv").Where(r => r["dataset"] == name).ToArray();
        Assert.NotEmpty(rows);
        foreach (var byCurve in rows.GroupBy(r => (r["group"], r["cause"])))
        {
            int cause = int.Parse(byCurve.Key.Item2, CultureInfo.InvariantCulture);
            var fit = CumulativeIncidence.FitGroups(data, cause).Single(f => f.Group == byCurve.Key.Item1);
            var expected = byCurve.ToArray();
            Assert.Equal(expected.Length, fit.Steps.Length);
            for (int i = 0; i < expected.Length; i++)
            {
                var what = $"{name} {fit.Group} cause {cause} at {expected[i]["time"]}";
                var step = fit.Steps[i];
                Close(Num(expected[i]["time"]), step.Time, what + " time");
                Close(Num(expected[i]["est"]), step.Incidence, what + " estimate");
                Close(Num(expected[i]["var"]), step.Variance, what + " variance");
                Close(Num(expected[i]["lower"]), step.Lower, what + " lower");
                Close(Num(expected[i]["upper"]), step.Upper, what + " upper");
            }
        }
    }

    [Theory, MemberData(nameof(Sets))]
    public void CumulativeIncidence_MatchesSurvfitMultiState_AtEveryEventTime(string name)
    {
        var data = Data(name);
        foreach (var byGroup in Table("cr_multistate.csv").Where(r => r["dataset"] == name).GroupBy(r => r["group"]))
        {
            var won = CumulativeIncidence.FitGroups(data, 1).Single(f => f.Group == byGroup.Key);
            var lost = CumulativeIncidence.FitGroups(data, 2).Single(f => f.Group == byGroup.Key);
            foreach (var r in byGroup)
            {
                double t = Num(r["time"]);
                Close(Num(r["won"]), won.IncidenceAt(t), $"{name} {byGroup.Key} won at {t}");
                Close(Num(r["lost"]), lost.IncidenceAt(t), $"{name} {byGroup.Key} lost at {t}");
            }
        }
    }

    [Fact]
    public void GrayTest_MatchesCmprskTests_TwoAndThreeGroups()
    {
        foreach (var r in Table("cr_gray.csv"))
        {
            var result = GrayTest.Test(Data(r["dataset"]), int.Parse(r["cause"], CultureInfo.InvariantCulture));
            var what = $"{r["dataset"]} cause {r["cause"]}";
            Assert.Equal(SurvivalStatus.Ok, result.Status);
            Close(Num(r["stat"]), result.ChiSquare, what + " statistic");
            Close(Num(r["p"]), result.PValue, what + " p");
            Assert.Equal(int.Parse(r["df"], CultureInfo.InvariantCulture), result.DegreesOfFreedom);
        }
    }

    [Fact]
    public void CumulativeIncidence_HandComputed_LostDealsCannotWinLater()
    {
        // Won at 2, lost at 3, open at 3, won at 5: F_won(2) = 1/4; all-cause S(3) = 3/4 * 2/3 = 1/2 with one at risk
        // after day 3, so F_won(5) = 1/4 + 1/2 * 1/1 = 3/4, F_lost(3) = 3/4 * 1/3 = 1/4; the two add up with S(5) = 0.
        CompetingRiskObservation[] deals = [new(2, 1), new(3, 2), new(3, 0), new(5, 1)];
        var won = CumulativeIncidence.Fit(deals, 1);
        var lost = CumulativeIncidence.Fit(deals, 2);
        Assert.Equal(0.25, won.IncidenceAt(2), 12);
        Assert.Equal(0.75, won.IncidenceAt(5), 12);
        Assert.Equal(0.25, lost.IncidenceAt(5), 12);
        Assert.Equal(0, won.IncidenceAt(1.5));
    }

    [Fact]
    public void GrayTest_TooFewEvents_IsNotCalled()
    {
        CompetingRiskObservation[] deals = [new(2, 1, "a"), new(3, 2, "a"), new(4, 1, "b"), new(6, 1, "b")];
        var result = GrayTest.Test(deals, 1);
        Assert.Equal(SurvivalStatus.InsufficientData, result.Status);
        Assert.True(double.IsNaN(result.PValue));
    }
}
