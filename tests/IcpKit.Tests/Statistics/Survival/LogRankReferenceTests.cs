using System.Globalization;
using IcpKit.Statistics.Survival;
using static IcpKit.Tests.Statistics.Survival.RReference;

namespace IcpKit.Tests.Statistics.Survival;

/// <summary>Log-rank tests against R's survdiff (survival 3.5.3), relative tolerance 1e-6.</summary>
public class LogRankReferenceTests
{
    // R: sdf <- survdiff(Surv(time, event) ~ group, data = d); sdf$chisq, sdf$pvalue, sdf$obs, sdf$exp, sdf$var
    [Theory]
    [InlineData("lung")]
    [InlineData("aml")]
    [InlineData("veteran")]
    [InlineData("ovarian")]
    [InlineData("generated")]
    [InlineData("halfway")]
    [InlineData("large")]
    public void LogRank_MatchesRSurvdiff(string dataset)
    {
        var rows = Table("survdiff.csv").Where(r => r["dataset"] == dataset).ToArray();
        Assert.NotEmpty(rows);
        // A guard of 0 events: ovarian's and aml's groups are small but R still computes the test.
        var test = LogRank.Test(Data(dataset), minEventsPerGroup: 0);
        Assert.Equal(SurvivalStatus.Ok, test.Status);
        Assert.Equal(rows.Length, test.Groups.Length);
        Close(Num(rows[0]["chisq"]), test.ChiSquare, dataset + " chisq");
        Assert.Equal(int.Parse(rows[0]["df"], CultureInfo.InvariantCulture), test.DegreesOfFreedom);
        Close(Num(rows[0]["p"]), test.PValue, dataset + " p");
        foreach (var r in rows)
        {
            var g = test.Groups.Single(x => x.Group == r["group"]);
            Assert.Equal(int.Parse(r["n"], CultureInfo.InvariantCulture), g.N);
            Assert.Equal((int)Num(r["observed"]), g.Observed);
            Close(Num(r["expected"]), g.Expected, $"{dataset} {g.Group} expected");
        }
        var index = test.Groups.Select((g, i) => (g.Group, i)).ToDictionary(x => x.Group, x => x.i);
        foreach (var v in Table("survdiff_var.csv").Where(r => r["dataset"] == dataset))
            Close(Num(v["v"]), test.Variance(index[v["group_i"]], index[v["group_j"]]), $"{dataset} var[{v["group_i"]}, {v["group_j"]}]");
    }

    // R: survdiff on each pair's subset, then p.adjust(p, "holm") and p.adjust(p, "BH") over the pairs
    // (survminer::pairwise_survdiff's method); veteran's 4 cell types and the generated 3 groups.
    [Theory]
    [InlineData("veteran")]
    [InlineData("generated")]
    public void Pairwise_MatchesRSurvdiffWithPAdjust(string dataset)
    {
        var pairs = LogRank.Pairwise(Data(dataset));
        var rows = Table("pairwise_survdiff.csv").Where(r => r["dataset"] == dataset).ToArray();
        Assert.Equal(rows.Length, pairs.Comparisons.Length);
        foreach (var r in rows)
        {
            var c = pairs[r["group_a"], r["group_b"]];
            string at = $"{dataset} {r["group_a"]} vs {r["group_b"]}";
            Assert.Equal(SurvivalStatus.Ok, c.Status);
            Close(Num(r["chisq"]), c.ChiSquare, at + " chisq");
            Close(Num(r["p"]), c.PValue, at + " p");
            Close(Num(r["p_holm"]), c.PHolm, at + " holm");
            Close(Num(r["p_bh"]), c.PBenjaminiHochberg, at + " BH");
        }
    }

    // Formulas computed in R (make_reference.R): Schoenfeld D = (z_a + z_b)^2 / (p (1 - p) log(HR)^2),
    // Freedman D = ((k HR + 1) / (HR - 1))^2 (z_a + z_b)^2 / k (powerSurvEpi::ssizeCT.default's form).
    [Fact]
    public void SampleSize_MatchesRFormulas_OnGrid()
    {
        foreach (var r in Table("logrank_power.csv"))
        {
            double hr = Num(r["hr"]), alpha = Num(r["alpha"]), power = Num(r["power"]), k = Num(r["k"]), pC = Num(r["p_control"]);
            var s = LogRankSampleSize.Compute(hr, pC, alpha, power, k);
            var f = LogRankSampleSize.Compute(hr, pC, alpha, power, k, method: LogRankPowerMethod.Freedman);
            string at = string.Create(CultureInfo.InvariantCulture, $"HR={hr} alpha={alpha} power={power} k={k}");
            Close(Num(r["p_treatment"]), s.ProbEventTreatment, at + " pE");
            Close(Num(r["events_schoenfeld"]), s.Events, at + " Schoenfeld");
            Close(Num(r["events_freedman"]), f.Events, at + " Freedman");
        }
    }

    // The textbook case: halving the hazard with 80% power at two-sided 5% needs 65.3, so 66, events
    // (Schoenfeld); with 30% of controls having the event, 1 - 0.7^0.5 = 16.3% of treated do, so
    // n_control = 65.35 / (0.3 + 0.1633) = 141.05 -> 142 and the same unrounded number of treated.
    [Fact]
    public void SampleSize_HalvedHazard_Needs66Events()
    {
        var s = LogRankSampleSize.Compute(0.5, 0.3);
        Assert.Equal(66, s.EventsRequired);
        Assert.Equal(142, s.ControlSubjects);
        Assert.Equal(142, s.TreatmentSubjects);
        Assert.Contains("66 events", s.ToString(), StringComparison.Ordinal);
    }
}
