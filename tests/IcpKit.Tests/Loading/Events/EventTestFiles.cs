using System.Collections.Immutable;
using System.Text;
using IcpKit.Loading.Events;

namespace IcpKit.Tests.Loading.Events;

/// <summary>Options for the canonical events layout (account_id,user_id,occurred_at,event) over the test data files.</summary>
internal static class EventTestFiles
{
    public static readonly ImmutableHashSet<string> Activation = ["create_report"];
    public static readonly ImmutableHashSet<string> HighValue = ["export_report"];

    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Loading", "Events", "Data", name);

    public static EventImportOptions Options(string path, Encoding? encoding = null, char delimiter = ',', IReadOnlySet<string>? known = null,
        DateOnly? asOf = null, int maxIssuesPerRule = 50, params string[] formats) =>
        new(path, Path.GetFileName(path), encoding ?? Encoding.UTF8, delimiter, 0, 1, 2, 3, Activation, HighValue,
            [.. formats], asOf ?? new DateOnly(2025, 12, 31), known, maxIssuesPerRule);

    public static DateTime Utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) => new(y, mo, d, h, mi, s, DateTimeKind.Utc);
}
