using System.Reflection;
using IcpKit.Charts;
using IcpKit.Loading;
using Microsoft.Data.Analysis;
using Microsoft.DotNet.Interactive.Formatting;

namespace IcpKit.Rendering;

/// <summary>What a notebook's "load the library" cell calls: <c>IcpKit.Rendering.Notebook.Setup()</c> as its last expression.</summary>
public static class Notebook
{
    /// <summary>
    /// Registers the kit's formatters with the kernel (<see cref="IHtmlRenderable"/>, <see cref="ValidationReport"/>,
    /// <see cref="DataFrame"/>, plain text for <see cref="ITextRenderable"/>) and returns a value whose HTML carries
    /// plotly.js, so charts in later cells of the same notebook can draw offline.
    /// </summary>
    /// <remarks>
    /// The formatter registry is the kernel's state (Microsoft.DotNet.Interactive.Formatting), not the kit's;
    /// calling Setup twice registers the same formatters again, which is harmless (the latest wins).
    /// The HTML report renderer drops the returned value's output and embeds plotly.js once in the page head.
    /// </remarks>
    public static NotebookSetup Setup()
    {
        Register<IHtmlRenderable>(r => r.ToHtml(), r => r is ITextRenderable t ? t.ToText() : r.ToString() ?? "");
        Register<ValidationReport>(r => Frames.ToHtml(r), r => Frames.ToText(r));
        Register<DataFrame>(f => Frames.ToHtml(f), f => Frames.ToText(f));
        Formatter.Register<ITextRenderable>((o, w) => w.Write(o.ToText()), PlainTextFormatter.MimeType);
        return new NotebookSetup(typeof(Notebook).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0");
    }

    static void Register<T>(Func<T, string> html, Func<T, string> text)
    {
        Formatter.Register<T>((o, w) => w.Write(html(o)), HtmlFormatter.MimeType);
        Formatter.Register<T>((o, w) => w.Write(text(o)), PlainTextFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(T), HtmlFormatter.MimeType, PlainTextFormatter.MimeType);
    }
}

/// <summary>The value <see cref="Notebook.Setup"/> returns: shows as plotly.js (HTML) or a one-line note (text).</summary>
/// <param name="KitVersion">IcpKit's informational version.</param>
public sealed record NotebookSetup(string KitVersion) : IHtmlRenderable, ITextRenderable
{
    /// <summary>plotly.js in a marked script tag plus a one-line note.</summary>
    public string ToHtml() => PlotlyJs.ScriptTag() + $"<p><small>{HtmlText.Escape(ToText())}</small></p>";

    /// <summary>"IcpKit 0.1.0 ready (plotly.js 4.1.1 embedded)."</summary>
    public string ToText() => $"IcpKit {KitVersion} ready (plotly.js {PlotlyJs.Version} embedded).";

    /// <inheritdoc/>
    public override string ToString() => ToText();
}
