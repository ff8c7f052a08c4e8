using System.Collections.Concurrent;
using IcpKit.Generation;
using IcpKit.Loading;
using IcpKit.Tests.Generation;

namespace IcpKit.Tests.WinLoss;

/// <summary>Generated exports with known truth, loaded through the kit's importer, once per seed and options for a test class.</summary>
public sealed class PlantedExports : IDisposable
{
    private readonly ConcurrentDictionary<SampleExportOptions, Lazy<(ExportData Export, PlantedTruth Truth)>> _exports = new();
    private readonly ConcurrentBag<TempDir> _dirs = [];

    /// <summary>3,000 accounts (events kept few: win/loss reads accounts and deals only).</summary>
    public static SampleExportOptions Options(int seed, double effectStrength = 1.0, bool confounders = true) =>
        new() { Accounts = 3000, Seed = seed, EventsPerAccount = 2, EffectStrength = effectStrength, Confounders = confounders };

    /// <summary>The loaded export and its planted truth for <paramref name="options"/>.</summary>
    public (ExportData Export, PlantedTruth Truth) For(SampleExportOptions options) =>
        _exports.GetOrAdd(options, o => new Lazy<(ExportData, PlantedTruth)>(() =>
        {
            var dir = new TempDir();
            _dirs.Add(dir);
            var generated = new SampleExportGenerator(o).Generate(dir.Path);
            return (Export.Load(dir.Path), generated.Truth);
        })).Value;

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var dir in _dirs) dir.Dispose();
    }
}
