using IcpKit.Drafting;
using IcpKit.Outcomes;
using IcpKit.Testing;
using MathNet.Numerics.Distributions;

namespace IcpKit.Tests.Drafting;

/// <summary>
/// The candidate search ranks by evidence: each outcome's one-sided z, combined (weighted Stouffer) and paid for the
/// values a multi-value condition chose. Checked against hand and SciPy values and against step 4's own tests.
/// </summary>
public sealed class EvidenceTests(DraftSampleFixture sample) : IClassFixture<DraftSampleFixture>
{
    [Theory]
    // SciPy: norm.isf(k * norm.sf(z)).
    [InlineData(3.0, 10.0, 2.2115472938171488)]
    [InlineData(8.0, 120.0, 7.387777724214902)]
    [InlineData(2.0, 3.0, 1.488949027811261)]
    public void Penalised_MatchesSciPy(double z, double choices, double expected) =>
        Assert.Equal(expected, Evidence.Penalised(z, choices), 6);

    [Fact]
    public void Penalised_BeyondDoublePrecisionOfP_StaysFiniteAndBelowZ()
    {
        // p = 1 - Φ(40) is about 3.7e-350, below the smallest double: the log scale keeps an answer, a little below 40
        // (log 10 / 40 ≈ 0.058 by the tail's slope).
        var penalised = Evidence.Penalised(40, 10);
        Assert.InRange(penalised, 39.9, 39.95);
    }

    [Theory]
    [InlineData(-1.5, 10.0, -1.5)]
    [InlineData(0.0, 10.0, 0.0)]
    [InlineData(2.5, 1.0, 2.5)]
    // p = 1 - Φ(0.5) = 0.3085, times 3 is above 1/2: no evidence survives.
    [InlineData(0.5, 3.0, 0.0)]
    public void Penalised_NoEvidenceOrNoChoice_AsDocumented(double z, double choices, double expected) =>
        Assert.Equal(expected, Evidence.Penalised(z, choices));

    [Fact]
    public void Combined_WeightedStouffer_OverTheOutcomesMeasured()
    {
        // (1 x 2 + 0.5 x 1 + 0.25 x 4) / √(1 + 0.25 + 0.0625) = 3.5 / 1.1456439 = 3.0550505.
        Assert.Equal(3.0550505, new OutcomeEvidence(2, 1, 100, 4).Combined(OutcomeWeights.Default), 6);
        // Activation not measured: it leaves both sums. (2 + 0.5) / √1.25 = 2.2360680.
        Assert.Equal(2.2360680, new OutcomeEvidence(2, 1, 100, double.NaN).Combined(OutcomeWeights.Default), 6);
        // Weighting ACV in counts it: (2 + 3) / √2.
        Assert.Equal(5 / Math.Sqrt(2), new OutcomeEvidence(2, double.NaN, 3, double.NaN).Combined(new OutcomeWeights(1, 0, 1, 0)), 12);
        Assert.Equal(0, new OutcomeEvidence(double.NaN, double.NaN, double.NaN, double.NaN).Combined(OutcomeWeights.Default));
    }

    [Fact]
    public void Search_TopCandidates_EvidenceIsStep4sOwnTestsCombined()
    {
        // For the top candidates without a multi-value condition, the score must be the weighted Stouffer combination of
        // the z statistics behind step 4's two-sided p-values: win rate clustered by account (Rao-Scott), retention by
        // log-rank, activation by the two-proportion test, each signed by which side is better.
        var export = sample.Export;
        var checkedOnes = sample.Result.Candidates.Where(c => c.Conditions.All(r => r.Values.Length == 1)).Take(8).ToList();
        Assert.Equal(8, checkedOnes.Count);
        foreach (var candidate in checkedOnes)
        {
            var test = IcpTest.Run(export, candidate.ToIcp("c", 1, export.AsOf));
            double Z(string id, bool higherIsBetter)
            {
                var o = test[id];
                var better = higherIsBetter ? o.Effect > 0 : o.Effect < 1;
                return (better ? 1 : -1) * -Normal.InvCDF(0, 1, o.PValue / 2);
            }
            var expected = new OutcomeEvidence(Z(IcpOutcomes.WinRate, true), Z(IcpOutcomes.Retention, false), double.NaN,
                Z(IcpOutcomes.Activation, true)).Combined(OutcomeWeights.Default);
            Assert.True(Math.Abs(expected - candidate.Score) < 1e-6, $"{candidate.Description}: step 4 gives {expected}, the search {candidate.Score}; "
                + $"win {Z(IcpOutcomes.WinRate, true)} p {test[IcpOutcomes.WinRate].PValue} ret {Z(IcpOutcomes.Retention, false)} p {test[IcpOutcomes.Retention].PValue} act {Z(IcpOutcomes.Activation, true)} {test[IcpOutcomes.Activation].NIcp} {test[IcpOutcomes.Activation].NNonIcp} {test[IcpOutcomes.Activation].IcpValue} {test[IcpOutcomes.Activation].NonIcpValue}; lifts {candidate.Activation.N} {candidate.Activation.Value} {candidate.Activation.Rest}");
        }
    }

    [Fact]
    public void Search_Order_IsByEvidence()
    {
        var scores = sample.Result.Candidates.Select(c => c.Score).ToArray();
        Assert.All(scores, s => Assert.True(double.IsFinite(s)));
        Assert.True(scores.Zip(scores.Skip(1)).All(p => p.First >= p.Second));
    }

    [Fact]
    public void Table_ShowsLiftsAsMeasured()
    {
        // The sample's top candidate: 55 of its 60 followed customers activated (91.7%) against 59.49% of everyone, a lift
        // of 1.54x; the shrunk lift, pooled by a prior fitted on nested candidates, read 1.00x. The table and the Summary
        // show the measured lift, the evidence column how sure it is.
        var top = sample.Result[1];
        Assert.Equal(55.0 / 60, top.Activation.Value, 12);
        var measured = top.Activation.Value / sample.Result.Overall.ActivationRate;
        var row = sample.Result.Rows(1)[0];
        var headers = CandidateSearchResult.Headers;
        Assert.Equal(measured.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + "x", row[headers.IndexOf("activation lift")]);
        Assert.Equal("1.54x", row[headers.IndexOf("activation lift")]);
        Assert.Equal(measured, (double)sample.Result.Summary["activation_lift"][0]!, 12);
        Assert.Equal(top.WinRate.Value / sample.Result.Overall.WinRate, (double)sample.Result.Summary["win_rate_lift"][0]!, 12);
    }
}
