namespace IcpKit.Charts;

/// <summary>The plotly.js bundle embedded in IcpKit.dll (npm package plotly.js-cartesian-dist-min, MIT licence).</summary>
/// <remarks>
/// The cartesian bundle covers bar, scatter, heatmap and box at about 1.5 MB instead of 4.6 MB for the full one.
/// It is embedded so charts draw offline: no CDN, no require.js.
/// </remarks>
public static class PlotlyJs
{
    /// <summary>The bundled plotly.js version (lib/IcpKit/Charts/js/package.json pins it).</summary>
    public const string Version = "4.1.1";

    /// <summary>Marks the script tag that carries plotly.js, so a report renderer can find and drop duplicates.</summary>
    public const string MarkerAttribute = "data-icpkit=\"plotly\"";

    /// <summary>The minified plotly.js source.</summary>
    public static string Source()
    {
        using var stream = typeof(PlotlyJs).Assembly.GetManifestResourceStream("IcpKit.Charts.plotly.min.js")
            ?? throw new InvalidOperationException("plotly.js is not embedded in IcpKit.dll; rebuild lib/IcpKit (it runs npm ci).");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>A script tag carrying plotly.js, marked with <see cref="MarkerAttribute"/>.</summary>
    /// <remarks>The bundle holds no "&lt;/script" sequence (a test checks), so it can be inlined as is.</remarks>
    public static string ScriptTag() => $"<script type=\"text/javascript\" {MarkerAttribute}>{Source()}</script>";

    /// <summary>The licence text shipped with the npm package.</summary>
    public static string License =>
        "plotly.js " + Version + " (c) Plotly, Inc., MIT licence, embedded from npm package plotly.js-cartesian-dist-min.";
}
