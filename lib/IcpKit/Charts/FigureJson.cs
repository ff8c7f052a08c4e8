using System.Globalization;
using System.Text;
using System.Text.Json;

namespace IcpKit.Charts;

/// <summary>Writes a <see cref="Figure"/> as plotly.js JSON with System.Text.Json (culture-invariant by construction).</summary>
/// <remarks>
/// Values: strings as strings, numbers as numbers (NaN and infinities as null, which plotly.js draws as gaps),
/// DateOnly/DateTime as ISO dates, booleans as booleans, anything else through invariant ToString.
/// The default encoder escapes &lt;, &gt; and &amp;, so the JSON is safe inside a script tag.
/// Every text plotly.js draws (categories, names, hover text, titles) goes through <see cref="Label"/> first:
/// plotly.js reads its own pseudo-HTML in labels (an industry "&lt;i&gt;retail&lt;/i&gt;" would show in italics,
/// an "&lt;a href&gt;" as a link), so data shows as the characters it holds.
/// </remarks>
public static class FigureJson
{
    /// <summary>The figure as compact JSON.</summary>
    public static string Write(Figure figure)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteStartArray("data");
            foreach (var trace in figure.Traces) WriteTrace(w, trace);
            w.WriteEndArray();
            WriteLayout(w, figure.Layout);
            w.WriteStartObject("config");
            w.WriteBoolean("responsive", true);
            w.WriteBoolean("displaylogo", false);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    static void WriteTrace(Utf8JsonWriter w, Trace t)
    {
        w.WriteStartObject();
        w.WriteString("type", t.Type);
        if (t.Name is not null) w.WriteString("name", Label(t.Name));
        if (!t.ShowLegend) w.WriteBoolean("showlegend", false);
        switch (t)
        {
            case BarTrace b:
                Values(w, "x", b.X);
                Values(w, "y", b.Y);
                if (b.Horizontal) w.WriteString("orientation", "h");
                if (t.Color is not null) { w.WriteStartObject("marker"); w.WriteString("color", t.Color); w.WriteEndObject(); }
                if (!b.Text.IsDefaultOrEmpty) { Strings(w, "text", b.Text); w.WriteString("textposition", "auto"); }
                if (!b.ErrorPlus.IsDefaultOrEmpty)
                {
                    w.WriteStartObject(b.Horizontal ? "error_x" : "error_y");
                    w.WriteString("type", "data");
                    w.WriteBoolean("symmetric", false);
                    Numbers(w, "array", b.ErrorPlus);
                    Numbers(w, "arrayminus", b.ErrorMinus.IsDefaultOrEmpty ? b.ErrorPlus : b.ErrorMinus);
                    w.WriteString("color", "#444");
                    w.WriteEndObject();
                }
                break;
            case ScatterTrace s:
                Values(w, "x", s.X);
                Values(w, "y", s.Y);
                w.WriteString("mode", s.Mode);
                w.WriteStartObject("line");
                w.WriteString("shape", s.Shape == LineShape.StepAfter ? "hv" : "linear");
                if (t.Color is not null) w.WriteString("color", t.Color);
                if (s.Dash is not null) w.WriteString("dash", s.Dash);
                if (s.LineWidth is { } lw) w.WriteNumber("width", lw);
                w.WriteEndObject();
                if (t.Color is not null && s.Mode.Contains("markers", StringComparison.Ordinal))
                { w.WriteStartObject("marker"); w.WriteString("color", t.Color); w.WriteEndObject(); }
                if (s.Fill is not null) w.WriteString("fill", s.Fill);
                if (s.FillColor is not null) w.WriteString("fillcolor", s.FillColor);
                if (!s.Text.IsDefaultOrEmpty) Strings(w, "text", s.Text);
                break;
            case HeatmapTrace h:
                Values(w, "x", h.X);
                Values(w, "y", h.Y);
                w.WriteStartArray("z");
                foreach (var row in h.Z) { w.WriteStartArray(); foreach (var v in row) Number(w, v); w.WriteEndArray(); }
                w.WriteEndArray();
                w.WriteString("colorscale", h.ColorScale);
                if (h.ZMin is { } zmin) w.WriteNumber("zmin", zmin);
                if (h.ZMax is { } zmax) w.WriteNumber("zmax", zmax);
                if (h.TextFormat is not null) w.WriteString("texttemplate", "%{z:" + h.TextFormat + "}");
                break;
            case BoxTrace x:
                Numbers(w, x.Horizontal ? "x" : "y", x.Values);
                w.WriteString("boxpoints", x.Points);
                if (t.Color is not null) { w.WriteStartObject("marker"); w.WriteString("color", t.Color); w.WriteEndObject(); }
                break;
            default:
                throw new NotSupportedException($"Trace type {t.GetType().Name} has no JSON writer.");
        }
        w.WriteEndObject();
    }

    static void WriteLayout(Utf8JsonWriter w, Layout l)
    {
        w.WriteStartObject("layout");
        if (l.Title is not null) { w.WriteStartObject("title"); w.WriteString("text", Label(l.Title)); w.WriteEndObject(); }
        WriteAxis(w, "xaxis", l.XAxis);
        WriteAxis(w, "yaxis", l.YAxis);
        w.WriteNumber("height", l.Height);
        w.WriteBoolean("showlegend", l.ShowLegend);
        w.WriteString("barmode", l.BarMode);
        // Traces without a colour of their own take the kit's 20-colour cycle, not plotly.js's 10.
        w.WriteStartArray("colorway");
        for (var i = 0; i < Palette.Count; i++) w.WriteStringValue(Palette.Color(i));
        w.WriteEndArray();
        w.WriteStartObject("margin");
        w.WriteNumber("t", l.Title is null ? 20 : 50);
        w.WriteNumber("r", 20);
        w.WriteEndObject();
        if (!l.Annotations.IsDefaultOrEmpty)
        {
            w.WriteStartArray("annotations");
            foreach (var a in l.Annotations)
            {
                w.WriteStartObject();
                w.WriteString("text", Label(a.Text));
                w.WritePropertyName("x"); Value(w, a.X);
                w.WritePropertyName("y"); Value(w, a.Y);
                w.WriteBoolean("showarrow", a.ShowArrow);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        if (!l.Lines.IsDefaultOrEmpty)
        {
            w.WriteStartArray("shapes");
            foreach (var line in l.Lines)
            {
                // A line spanning the whole plot: the free coordinate is in paper units (0..1).
                w.WriteStartObject();
                w.WriteString("type", "line");
                w.WriteString("xref", line.Vertical ? "x" : "paper");
                w.WriteString("yref", line.Vertical ? "paper" : "y");
                w.WriteNumber("x0", line.Vertical ? line.Value : 0);
                w.WriteNumber("x1", line.Vertical ? line.Value : 1);
                w.WriteNumber("y0", line.Vertical ? 0 : line.Value);
                w.WriteNumber("y1", line.Vertical ? 1 : line.Value);
                w.WriteStartObject("line"); w.WriteString("color", line.Color); w.WriteString("dash", "dot"); w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    static void WriteAxis(Utf8JsonWriter w, string name, Axis a)
    {
        w.WriteStartObject(name);
        if (a.Title is not null) { w.WriteStartObject("title"); w.WriteString("text", Label(a.Title)); w.WriteEndObject(); }
        if (a.Type is not null) w.WriteString("type", a.Type);
        if (a.TickFormat is not null) w.WriteString("tickformat", a.TickFormat);
        if (a.Range is { } r) { w.WriteStartArray("range"); Number(w, r.Min); Number(w, r.Max); w.WriteEndArray(); }
        if (!a.ZeroLine) w.WriteBoolean("zeroline", false);
        w.WriteBoolean("automargin", true);
        w.WriteEndObject();
    }

    static void Values(Utf8JsonWriter w, string name, IEnumerable<object?> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) Value(w, v);
        w.WriteEndArray();
    }

    static void Numbers(Utf8JsonWriter w, string name, IEnumerable<double> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) Number(w, v);
        w.WriteEndArray();
    }

    static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(Label(v));
        w.WriteEndArray();
    }

    /// <summary>Text as plotly.js should draw it: its markup characters as entities, hidden controls shown, line breaks as &lt;br&gt;.</summary>
    /// <remarks>Example: <c>Label("&lt;i&gt;retail&lt;/i&gt; &amp; co\nn = 3")</c> is <c>"&amp;lt;i&amp;gt;retail&amp;lt;/i&amp;gt; &amp;amp; co&lt;br&gt;n = 3"</c>,
    /// which plotly.js draws as the text "&lt;i&gt;retail&lt;/i&gt; &amp; co" over "n = 3". A line break is the only way to ask for markup.</remarks>
    public static string Label(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return IcpKit.Rendering.DisplayText.Neutralise(text.Replace("\r\n", "\n", StringComparison.Ordinal))
            .Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal)
            .Replace("\n", "<br>", StringComparison.Ordinal);
    }

    static void Number(Utf8JsonWriter w, double v)
    {
        if (double.IsFinite(v)) w.WriteNumberValue(v); else w.WriteNullValue();
    }

    static void Value(Utf8JsonWriter w, object? v)
    {
        switch (v)
        {
            case null: w.WriteNullValue(); break;
            case string s: w.WriteStringValue(Label(s)); break;
            case bool b: w.WriteBooleanValue(b); break;
            case double d: Number(w, d); break;
            case float f: Number(w, f); break;
            case decimal m: w.WriteNumberValue(m); break;
            case int or long or short or byte or uint or ulong: w.WriteNumberValue(Convert.ToDecimal(v, CultureInfo.InvariantCulture)); break;
            case DateOnly d: w.WriteStringValue(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
            case DateTime t: w.WriteStringValue(t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)); break;
            case IFormattable f: w.WriteStringValue(f.ToString(null, CultureInfo.InvariantCulture)); break;
            default: w.WriteStringValue(v.ToString()); break;
        }
    }
}
