using IcpKit.Drafting;
using IcpKit.Generation;
using IcpKit.Loading;
using IcpKit.Model;
using IcpKit.Tests.Generation;

namespace IcpKit.Tests.Drafting;

/// <summary>The ranking on worlds of calibration's held-out generator, whose structure the search was not built on.</summary>
public sealed class HeldOutRankingTests
{
    private static readonly HashSet<string> SizeTraits = new([TraitFields.Employees, "team_size"], StringComparer.Ordinal);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Run_OnHeldOutPlantedWorld_NoSizeOnlyCandidateOutranksThePlantedProfile(int seed)
    {
        // Issue 13: ACV is mostly company size (amounts grow with employees^0.55 in this generator), and a size-only condition
        // once replaced a planted one. `recovery --generator heldout` found none above the planted profile in 50 planted
        // worlds (seeds 1-20, 201-230); these two pin it in the suite.
        using var dir = new TempDir();
        var truth = new HeldOutGenerator(new HeldOutOptions { Scenario = ScenarioKind.Planted, Accounts = 3000, Seed = seed }).Write(dir.Path).Truth.Planted;
        var result = CandidateSearch.Run(Export.Load(dir.Path));
        var profile = result.Candidates.First(c => truth.HeldBy(c.Conditions) == 3);
        var size = result.Candidates.Where(c => c.Conditions.All(r => SizeTraits.Contains(r.Field))).ToArray();
        Assert.NotEmpty(size);
        // Not vacuous: the largest ACV lift of all belongs to a candidate with a size condition.
        var biggestAcv = result.Candidates.Where(c => c.Acv.IsMeasured).MaxBy(c => c.Acv.RawLift)!;
        Assert.True(biggestAcv.Conditions.Any(r => SizeTraits.Contains(r.Field)), $"seed {seed}: largest ACV lift {biggestAcv}");
        Assert.All(size, s => Assert.True(s.Rank > profile.Rank, $"seed {seed}: {s} outranks the planted profile {profile}"));
    }
}
