using System.Globalization;

namespace IcpKit.Charts;

/// <summary>
/// The kit's colour cycle: plotly.js's ten default colours, then ten more of other hues, so no colour repeats within a
/// chart of up to <see cref="Count"/> series (02's charts by industry have 12), and a curve and its band share a colour.
/// </summary>
public static class Palette
{
    private static readonly (int R, int G, int B)[] Colors =
    [
        (31, 119, 180), (255, 127, 14), (44, 160, 44), (214, 39, 40), (148, 103, 189),
        (140, 86, 75), (227, 119, 194), (127, 127, 127), (188, 189, 34), (23, 190, 207),
        // Darker and lighter hues apart from the first ten (after d3's category20b/c), each distinct from those above.
        (57, 59, 121), (99, 121, 57), (253, 208, 162), (132, 60, 57), (123, 65, 115),
        (0, 128, 128), (0, 0, 0), (255, 215, 0), (158, 218, 229), (107, 110, 207),
    ];

    /// <summary>How many distinct colours the cycle holds before it repeats.</summary>
    public static int Count => Colors.Length;

    /// <summary>The i-th colour (cycling) as CSS rgb().</summary>
    public static string Color(int i) => Rgba(i, 1);

    /// <summary>The i-th colour with an opacity, e.g. for a confidence band.</summary>
    public static string Rgba(int i, double alpha)
    {
        var (r, g, b) = Colors[((i % Colors.Length) + Colors.Length) % Colors.Length];
        return string.Create(CultureInfo.InvariantCulture, $"rgba({r},{g},{b},{alpha})");
    }
}
