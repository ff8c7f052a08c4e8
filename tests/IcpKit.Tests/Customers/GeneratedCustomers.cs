using IcpKit.Generation;
using IcpKit.Loading;
using IcpKit.Tests.Generation;

namespace IcpKit.Tests.Customers;

/// <summary>One generated export with the planted ICP and confounders, loaded once for all known-answer tests.</summary>
/// <remarks>Seed 11 (not the data-samples' 42) so the tests do not pass only on the committed sample.</remarks>
public sealed class GeneratedCustomers : IDisposable
{
    public const int Seed = 11;
    private readonly TempDir _dir = new();

    public GeneratedCustomers()
    {
        var options = new SampleExportOptions { Accounts = 2000, Seed = Seed, EventsPerAccount = 20 };
        Truth = new SampleExportGenerator(options).Generate(_dir.Path).Truth;
        Export = IcpKit.Loading.Export.Load(_dir.Path);
    }

    public ExportData Export { get; }
    public PlantedTruth Truth { get; }

    public void Dispose() => _dir.Dispose();
}
