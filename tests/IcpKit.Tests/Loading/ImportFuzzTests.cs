using CsCheck;
using IcpKit.Fuzz;

namespace IcpKit.Tests.Loading;

/// <summary>
/// Mutated exports (byte flips, truncation, stray quotes, huge fields, BOMs and encodings, NULs, duplicate and colliding
/// headers, extreme numbers and dates, decimal commas, yaml mutations) never crash or hang the import or the analyses,
/// every row read is accepted or rejected, and every problem names its file and line. The longer run is a command:
/// <c>dotnet run -c Release --project tests/IcpKit.Benchmarks -- fuzz --cases 5000</c>.
/// </summary>
public sealed class ImportFuzzTests
{
    static readonly Lazy<IReadOnlyDictionary<string, byte[]>> Seed = new(() => ExportFuzz.Seed());

    [Fact]
    public void ImportAndAnalyses_MutatedExports_NoCrashNoHangEveryRowCountedEveryProblemPlaced()
    {
        // CsCheck prints the seed of a failing case; rerun it with Sample(..., seed: "...").
        ExportFuzz.Mutations.Sample(mutations =>
        {
            var problems = ExportFuzz.Check(Seed.Value, mutations, TimeSpan.FromSeconds(30));
            Assert.True(problems.Count == 0, string.Join("; ", mutations.Select(m => m.ToString())) + " -> " + string.Join(" | ", problems));
        }, iter: 80, threads: 1);
    }
}
