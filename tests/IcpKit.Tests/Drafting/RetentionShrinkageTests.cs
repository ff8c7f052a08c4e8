using IcpKit.Drafting;

namespace IcpKit.Tests.Drafting;

/// <summary>The candidate search's shrunk retention: between the raw rate and the overall rate, and moving with the data.</summary>
public sealed class RetentionShrinkageTests(DraftSampleFixture sample) : IClassFixture<DraftSampleFixture>
{
    [Fact]
    public void Run_ShrunkRetention_LiesBetweenRawAndOverallForEveryCandidate()
    {
        // Before the fix the prior was fitted on nested candidates and pooled everyone: 0.7164 for all 5,316 candidates,
        // outside [raw, overall] for 30 of the top 50.
        var overall = sample.Result.Overall.RetentionRate;
        var measured = sample.Result.Candidates.Where(c => c.Retention.N > 0).ToArray();
        Assert.True(measured.Length > 1000, $"{measured.Length} candidates with retention");
        Assert.All(measured, c =>
        {
            double lo = Math.Min(c.Retention.Value, overall), hi = Math.Max(c.Retention.Value, overall);
            Assert.InRange(c.Retention.Shrunk, lo - 1e-12, hi + 1e-12);
        });
    }

    [Fact]
    public void CenteredOn_HandComputed_ShrinksBetweenRawAndTheCentre()
    {
        // Strength 10 from Beta(2, 8), centred on 0.5: Beta(5, 5). 8 of 10 shrinks to (8 + 5) / (10 + 10) = 0.65, between the
        // raw 0.8 and the centre 0.5 (the uncentred prior pulls toward its own mean 0.2 instead).
        var prior = new IcpKit.Statistics.BetaPrior(2, 8, 0.3, "test").CenteredOn(0.5);
        Assert.Equal(5, prior.Alpha, 12);
        Assert.Equal(5, prior.Beta, 12);
        Assert.Equal(0.65, prior.Shrink(8, 10), 12);
        // More data moves the shrunk rate toward the raw rate: 80 of 100 gives 85 / 110.
        Assert.Equal(85.0 / 110, prior.Shrink(80, 100), 12);
    }
}
