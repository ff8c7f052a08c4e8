using IcpKit.Generation;
using IcpKit.Icp;
using IcpKit.Loading;

namespace IcpKit.Tests.PutToWork;

/// <summary>
/// Two quarters of one generated company (same seed, as of 2026-06-30 and 2026-09-30), plus the same two quarters
/// of a company without any planted effect; generated once for every quarterly test.
/// </summary>
public sealed class QuarterExports : IDisposable
{
    public const int Seed = 8;
    private readonly string root = Directory.CreateTempSubdirectory("icpkit-quarterly-").FullName;

    public QuarterExports()
    {
        // Enough accounts that one quarter's closed ICP deals pass the grading's minimum of 20 per arm.
        Q2 = Generate("2026Q2", new DateOnly(2026, 6, 30), 1.0);
        Q3 = Generate("2026Q3", new DateOnly(2026, 9, 30), 1.0);
        FlatQ3 = Generate("flat-2026Q3", new DateOnly(2026, 9, 30), 0.0);
    }

    public (string Folder, ExportData Export) Q2 { get; }
    public (string Folder, ExportData Export) Q3 { get; }
    /// <summary>Q3 of a company where the ICP makes no difference (EffectStrength 0).</summary>
    public (string Folder, ExportData Export) FlatQ3 { get; }

    public string Root => root;

    private (string, ExportData) Generate(string name, DateOnly asOf, double effect)
    {
        var folder = Path.Combine(root, name);
        new SampleExportGenerator(new SampleExportOptions { Accounts = 6000, Seed = Seed, AsOf = asOf, Events = 30_000, EffectStrength = effect }).Generate(folder);
        return (folder, Export.Load(folder));
    }

    /// <summary>The planted ICP with an experiment block, written on <paramref name="date"/>.</summary>
    public static IcpDefinition Icp(ExportData export, string metric, double threshold, DateOnly date, DateOnly endsOn) =>
        IcpDefinition.Parse($"""
            name: Planted
            version: 1
            date: {date:yyyy-MM-dd}
            has:
              - field: employees
                between: [51, 1000]
              - field: tech_stack
                contains: snowflake
              - field: business_model
                in: [B2B]
            experiment:
              hypothesis: ICP accounts win more
              metric: {metric}
              success_threshold: {threshold.ToString(System.Globalization.CultureInfo.InvariantCulture)}
              ends_on: {endsOn:yyyy-MM-dd}
            """, IcpFields.Catalog(export.Accounts, export.Usage.Values));

    public void Dispose()
    {
        try { Directory.Delete(root, recursive: true); } catch (IOException) { }
    }
}
