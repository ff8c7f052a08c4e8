using System.Globalization;
using IcpKit.Statistics.Survival;

namespace IcpKit.Tests.Statistics.Survival;

/// <summary>Reads the CSV files written by Reference/make_reference.R (R 4.2.2, survival 3.5.3).</summary>
internal static class RReference
{
    /// <summary>Relative tolerance of every comparison with R: the methods are deterministic.</summary>
    public const double Tolerance = 1e-6;

    private static string Folder => Path.Combine(AppContext.BaseDirectory, "Statistics", "Survival", "Reference");

    /// <summary>Rows of a reference table as column name to text.</summary>
    public static IReadOnlyList<Dictionary<string, string>> Table(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(Folder, file));
        var header = lines[0].Split(',');
        return lines.Skip(1).Where(l => l.Length > 0).Select(l =>
        {
            var cells = l.Split(',');
            return header.Select((h, i) => (h, cells[i].Trim())).ToDictionary(x => x.h, x => x.Item2);
        }).ToArray();
    }

    /// <summary>A number as R wrote it; "NA" and "NaN" become NaN.</summary>
    public static double Num(string text) =>
        text is "NA" or "NaN" ? double.NaN : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>R's median columns: "NA" (not reached) becomes null.</summary>
    public static double? NullableNum(string text) => text == "NA" ? null : Num(text);

    /// <summary>The input data of one R data set (data_&lt;name&gt;.csv: time, event, group).</summary>
    public static SurvivalData Data(string name)
    {
        var rows = Table($"data_{name}.csv");
        return SurvivalData.Create(rows.Select(r => Num(r["time"])).ToArray(), rows.Select(r => r["event"] == "1").ToArray(),
            rows.Select(r => r["group"]).ToArray());
    }

    public static SurvivalConfidenceType ConfType(string rName) => rName switch
    {
        "log-log" => SurvivalConfidenceType.LogLog,
        "plain" => SurvivalConfidenceType.Plain,
        "log" => SurvivalConfidenceType.Log,
        _ => throw new ArgumentOutOfRangeException(nameof(rName), rName, null),
    };

    /// <summary>Equal within <see cref="Tolerance"/> relative (1e-12 absolute near 0), or both NaN (R's NA/NaN).</summary>
    public static void Close(double expected, double actual, string what)
    {
        if (double.IsNaN(expected) && double.IsNaN(actual)) return;
        double scale = Math.Max(Math.Abs(expected), Math.Abs(actual));
        bool ok = Math.Abs(expected - actual) <= Math.Max(Tolerance * scale, 1e-12);
        Assert.True(ok, string.Create(CultureInfo.InvariantCulture, $"{what}: R gives {expected:R}, IcpKit {actual:R}"));
    }

    public static void Close(double? expected, double? actual, string what)
    {
        Assert.True(expected.HasValue == actual.HasValue, $"{what}: R gives {expected?.ToString(CultureInfo.InvariantCulture) ?? "NA"}, IcpKit {actual?.ToString(CultureInfo.InvariantCulture) ?? "not reached"}");
        if (expected.HasValue) Close(expected.Value, actual!.Value, what);
    }

    /// <summary>Fit for a reference row's group ("*" = everyone pooled).</summary>
    public static KaplanMeierResult Fit(SurvivalData data, string group, SurvivalConfidenceType type) =>
        group == "*" ? KaplanMeier.Fit(data, type) : KaplanMeier.Fit(data, group, type);
}
