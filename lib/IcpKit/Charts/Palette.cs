using System.Globalization;

namespace IcpKit.Charts;

/// <summary>plotly.js's default colour cycle, so a curve and its band (or a bar and its label) share a colour.</summary>
public static class Palette
{
    private static readonly (int R, int G, int B)[] Colors =
    [
        (31, 119, 180), (255, 127, 14), (44, 160, 44), (214, 39, 40), (148, 103, 189),
        (140, 86, 75), (227, 119, 194), (127, 127, 127), (188, 189, 34), (23, 190, 207),
    ];

    /// <summary>The i-th colour (cycling) as CSS rgb().</summary>
    public static string Color(int i) => Rgba(i, 1);

    /// <summary>The i-th colour with an opacity, e.g. for a confidence band.</summary>
    public static string Rgba(int i, double alpha)
    {
        var (r, g, b) = Colors[((i % Colors.Length) + Colors.Length) % Colors.Length];
        return string.Create(CultureInfo.InvariantCulture, $"rgba({r},{g},{b},{alpha})");
    }
}
