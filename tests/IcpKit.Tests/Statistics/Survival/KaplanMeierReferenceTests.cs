using System.Globalization;
using IcpKit.Statistics.Survival;
using static IcpKit.Tests.Statistics.Survival.RReference;

namespace IcpKit.Tests.Statistics.Survival;

/// <summary>Kaplan-Meier against R's survfit (survival 3.5.3), relative tolerance 1e-6 (<see cref="RReference.Tolerance"/>).
/// Numbers from Reference/make_reference.R; "*" is the pooled fit, other groups are fitted on their own subset.
/// "halfway" is a 10-subject set where S is exactly 0.5 over an interval, so the median is a midpoint (5.5).</summary>
public class KaplanMeierReferenceTests
{
    public static TheoryData<string, string> DatasetsAndTypes() => Combine("lung", "aml", "veteran", "ovarian", "generated", "halfway");

    // "large" (3000 subjects, continuous times) has no step table in the reference files, only medians and the rest.
    public static TheoryData<string, string> DatasetsAndTypesWithLarge() => Combine("lung", "aml", "veteran", "ovarian", "generated", "halfway", "large");

    private static TheoryData<string, string> Combine(params string[] datasets)
    {
        var data = new TheoryData<string, string>();
        foreach (var d in datasets)
            foreach (var t in new[] { "log-log", "plain", "log" })
                data.Add(d, t);
        return data;
    }

    // R: s <- summary(survfit(Surv(time, event) ~ 1, data = sub, conf.type = type), censored = TRUE)
    [Theory]
    [MemberData(nameof(DatasetsAndTypes))]
    public void KaplanMeier_MatchesRSurvfitSummary_StepTable(string dataset, string confType)
    {
        var data = Data(dataset);
        var type = ConfType(confType);
        var reference = Table("km_steps.csv").Where(r => r["dataset"] == dataset && r["conf_type"] == confType)
            .GroupBy(r => r["group"]).ToArray();
        Assert.NotEmpty(reference);
        foreach (var group in reference)
        {
            var fit = Fit(data, group.Key, type);
            var rows = group.ToArray();
            Assert.Equal(rows.Length, fit.Steps.Length);
            for (int i = 0; i < rows.Length; i++)
            {
                var r = rows[i];
                var s = fit.Steps[i];
                string at = string.Create(CultureInfo.InvariantCulture, $"{dataset} {group.Key} {confType} t={s.Time}");
                Close(Num(r["time"]), s.Time, at + " time");
                SameRow(r, (s.NRisk, s.NEvent, s.NCensor), (s.Survival, s.StdErr, s.Lower, s.Upper), at);
            }
        }
    }

    // R: summary(fit)$table[c("median", "0.95LCL", "0.95UCL")], i.e. print(fit); NA = not reached.
    [Theory]
    [MemberData(nameof(DatasetsAndTypesWithLarge))]
    public void Median_MatchesRPrintSurvfit(string dataset, string confType)
    {
        var data = Data(dataset);
        var rows = Table("km_median.csv").Where(r => r["dataset"] == dataset && r["conf_type"] == confType).ToArray();
        Assert.NotEmpty(rows);
        foreach (var r in rows)
        {
            var fit = Fit(data, r["group"], ConfType(confType));
            string at = $"{dataset} {r["group"]} {confType}";
            Assert.Equal(int.Parse(r["n"], CultureInfo.InvariantCulture), fit.N);
            Assert.Equal(int.Parse(r["events"], CultureInfo.InvariantCulture), fit.Events);
            Close(NullableNum(r["median"]), fit.Median.Estimate, at + " median");
            Close(NullableNum(r["lower"]), fit.Median.Lower, at + " median lower");
            Close(NullableNum(r["upper"]), fit.Median.Upper, at + " median upper");
        }
    }

    // R: summary(fit, times = at_times, extend = TRUE) with log-log intervals.
    [Theory]
    [InlineData("lung")]
    [InlineData("aml")]
    [InlineData("veteran")]
    [InlineData("ovarian")]
    [InlineData("generated")]
    [InlineData("halfway")]
    [InlineData("large")]
    public void At_MatchesRSummarySurvfitTimes(string dataset)
    {
        var data = Data(dataset);
        var groups = Table("km_at_times.csv").Where(r => r["dataset"] == dataset).GroupBy(r => r["group"]).ToArray();
        Assert.NotEmpty(groups);
        foreach (var group in groups)
        {
            var rows = group.ToArray();
            var fit = Fit(data, group.Key, SurvivalConfidenceType.LogLog);
            var at = fit.At(rows.Select(r => Num(r["time"])));
            for (int i = 0; i < rows.Length; i++)
            {
                var r = rows[i];
                var a = at[i];
                string where = string.Create(CultureInfo.InvariantCulture, $"{dataset} {group.Key} t={a.Time}");
                SameRow(r, (a.NRisk, a.NEvent, a.NCensor), (a.Survival, a.StdErr, a.Lower, a.Upper), where);
                Assert.Equal(a.NRisk, fit.NumberAtRisk(a.Time));
                Close(Num(r["surv"]), fit.SurvivalAt(a.Time), where + " SurvivalAt");
            }
        }
    }

    // One row of summary(fit): counts exactly, curve and interval within the tolerance.
    private static void SameRow(Dictionary<string, string> r, (int Risk, int Event, int Censor) counts,
        (double Surv, double StdErr, double Lower, double Upper) curve, string at)
    {
        Assert.Equal(int.Parse(r["n_risk"], CultureInfo.InvariantCulture), counts.Risk);
        Assert.Equal(int.Parse(r["n_event"], CultureInfo.InvariantCulture), counts.Event);
        Assert.Equal(int.Parse(r["n_censor"], CultureInfo.InvariantCulture), counts.Censor);
        Close(Num(r["surv"]), curve.Surv, at + " surv");
        Close(Num(r["std_err"]), curve.StdErr, at + " std.err");
        Close(Num(r["lower"]), curve.Lower, at + " lower");
        Close(Num(r["upper"]), curve.Upper, at + " upper");
    }

    // R: summary(fit, rmean = tau)$table[c("rmean", "se(rmean)")], i.e. print(fit, rmean = tau).
    [Fact]
    public void Rmst_MatchesRPrintSurvfitRmean_OnAllDatasets()
    {
        foreach (var r in Table("rmst.csv"))
        {
            var data = Data(r["dataset"]);
            var rmst = Fit(data, r["group"], SurvivalConfidenceType.LogLog).RestrictedMean(Num(r["tau"]));
            Close(Num(r["rmean"]), rmst.Estimate, $"{r["dataset"]} {r["group"]} rmean");
            Close(Num(r["se"]), rmst.StdError, $"{r["dataset"]} {r["group"]} se(rmean)");
        }
    }

    // survRM2::rmst2's definition computed in R from print(fit, rmean = tau): diff = B - A,
    // se = sqrt(se_A^2 + se_B^2), 95% normal CI, p = 2 * pnorm(-|diff / se|).
    [Fact]
    public void RmstDifference_MatchesSurvRM2Definition_OnAllDatasets()
    {
        foreach (var r in Table("rmst_diff.csv"))
        {
            // No events guard here: R computes the difference whatever the counts (halfway has 4 events per arm).
            var d = Rmst.Difference(Data(r["dataset"]), r["group_a"], r["group_b"], Num(r["tau"]), minEventsPerGroup: 0);
            string at = $"{r["dataset"]} {r["group_b"]} - {r["group_a"]}";
            Assert.Equal(SurvivalStatus.Ok, d.Status);
            Close(Num(r["diff"]), d.Difference, at + " diff");
            Close(Num(r["se"]), d.StdError, at + " se");
            Close(Num(r["lower"]), d.Lower, at + " lower");
            Close(Num(r["upper"]), d.Upper, at + " upper");
            Close(Num(r["p"]), d.PValue, at + " p");
        }
    }
}
