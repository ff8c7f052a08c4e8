using System.Reflection;
using IcpKit.Charts;
using IcpKit.Loading;
using IcpKit.Rendering;
using Microsoft.Data.Analysis;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;

namespace IcpKit.Interactive;

/// <summary>What a notebook's "load the library" cell calls: <c>Notebook.Setup()</c>, with or without a semicolon.</summary>
public static class Notebook
{
    /// <summary>
    /// Registers the kit's formatters with the kernel (<see cref="IHtmlRenderable"/>, <see cref="ValidationReport"/>,
    /// <see cref="DataFrame"/>, plain text for <see cref="ITextRenderable"/>) and displays plotly.js in the calling
    /// cell's output, so charts in later cells of the same notebook draw offline.
    /// </summary>
    /// <remarks>
    /// plotly.js is displayed, not returned: a returned value shows only when the call is the cell's last expression,
    /// and <c>Notebook.Setup();</c> with a semicolon left every chart of notebook 01 blank in VS Code and Jupyter.
    /// Outside a kernel (no current command) only the formatters are registered.
    /// The formatter registry is the kernel's state (Microsoft.DotNet.Interactive.Formatting), not the kit's;
    /// calling Setup twice registers the same formatters again, which is harmless (the latest wins).
    /// The HTML report renderer drops the displayed plotly.js and embeds it once in the page head.
    /// </remarks>
    public static void Setup()
    {
        Register<IHtmlRenderable>(r => r.ToHtml(), r => r is ITextRenderable t ? t.ToText() : r.ToString() ?? "");
        Register<ValidationReport>(r => Frames.ToHtml(r), r => Frames.ToText(r));
        Register<DataFrame>(f => Frames.ToHtml(f), f => Frames.ToText(f));
        Formatter.Register<ITextRenderable>((o, w) => w.Write(o.ToText()), PlainTextFormatter.MimeType);
        KernelInvocationContext.Current?.Display(new PlotlyBootstrap(KitVersion), HtmlFormatter.MimeType);
    }

    static string KitVersion =>
        typeof(Figure).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    static void Register<T>(Func<T, string> html, Func<T, string> text)
    {
        Formatter.Register<T>((o, w) => w.Write(html(o)), HtmlFormatter.MimeType);
        Formatter.Register<T>((o, w) => w.Write(text(o)), PlainTextFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(T), HtmlFormatter.MimeType, PlainTextFormatter.MimeType);
    }
}

/// <summary>The output <see cref="Notebook.Setup"/> displays: plotly.js in a marked script tag plus a one-line note.</summary>
/// <param name="KitVersion">IcpKit's informational version.</param>
internal sealed record PlotlyBootstrap(string KitVersion) : IHtmlRenderable, ITextRenderable
{
    /// <summary>plotly.js in a script tag marked with <see cref="PlotlyJs.MarkerAttribute"/>, then the note.</summary>
    public string ToHtml() => PlotlyJs.ScriptTag() + $"<p><small>{HtmlText.Escape(ToText())}</small></p>";

    /// <summary>"IcpKit 0.1.0 ready (plotly.js 4.1.1 embedded)."</summary>
    public string ToText() => $"IcpKit {KitVersion} ready (plotly.js {PlotlyJs.Version} embedded).";
}
