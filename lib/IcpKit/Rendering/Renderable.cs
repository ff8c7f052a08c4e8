namespace IcpKit.Rendering;

/// <summary>A result that renders itself as an HTML fragment (a table, a chart, a short summary).</summary>
/// <remarks>
/// <c>IcpKit.Interactive.Notebook.Setup()</c> registers one text/html formatter for this interface, so every result record
/// that implements it shows as HTML in VS Code's kernel, in the runner and in the HTML reports, with no
/// per-type registration. Implementations escape every data value (use <see cref="HtmlTable"/> or <see cref="HtmlText.Escape"/>).
/// </remarks>
public interface IHtmlRenderable
{
    /// <summary>A self-contained HTML fragment; every data value escaped, no external resources.</summary>
    string ToHtml();
}

/// <summary>A result that renders itself as aligned plain text for a console (usually also its <c>ToString()</c>).</summary>
public interface ITextRenderable
{
    /// <summary>Aligned plain text, culture-invariant; use <see cref="TextTable"/> for tables.</summary>
    string ToText();
}
