using System.Globalization;
using IcpKit.Rendering;
using Microsoft.Data.Analysis;

namespace IcpKit.Analysis;

/// <summary>An analysis that cannot run on this export, and why: what is missing and which mapping field would supply it.</summary>
/// <remarks>
/// Renders as one sentence, never as an exception. Example: an export whose accounts have no churned_on column gives
/// "Not measurable: no churn dates mapped (map accounts.columns.churned_on in icpkit.yaml)." where a naive count would
/// report that nobody churned.
/// </remarks>
/// <param name="Reason">What is missing and how to supply it, starting lower-case ("no churn dates mapped (...)").</param>
public sealed record NotMeasurable(string Reason) : IHtmlRenderable, ITextRenderable
{
    /// <summary>"Not measurable: {reason}."</summary>
    public string Sentence => "Not measurable: " + Reason.TrimEnd('.') + ".";

    /// <summary>One row, one column <c>not_measurable</c> holding <see cref="Reason"/>, so a frame pipeline shows why instead of failing.</summary>
    public DataFrame Summary => new(new StringDataFrameColumn("not_measurable", [Reason]));

    /// <inheritdoc/>
    public string ToHtml() => "<p class=\"icpkit-not-measurable\"><em>" + HtmlText.Escape(Sentence) + "</em></p>";

    /// <inheritdoc/>
    public string ToText() => Sentence;

    /// <inheritdoc/>
    public override string ToString() => Sentence;
}

/// <summary>The result of an analysis, or the reason it could not be measured (<see cref="NotMeasurable"/>).</summary>
/// <remarks>
/// Notebook cells chain on it (<see cref="Then{TOut}(Func{T, TOut})"/>), so a section whose input is missing shows one
/// sentence instead of failing, and the sections built on it say the same. <see cref="Also{TOut}(Func{T, TOut})"/> is for
/// a second output of the same section (a chart under a table): it shows nothing when the first already said why.
/// </remarks>
/// <typeparam name="T">The result type.</typeparam>
public sealed class Measured<T> : IHtmlRenderable, ITextRenderable
{
    private readonly T? _value;
    private readonly bool _quiet;
    private readonly string? _note;

    internal Measured(T? value, NotMeasurable? missing, bool quiet, string? note = null)
    {
        _value = value;
        Missing = missing;
        _quiet = quiet;
        _note = note;
    }

    /// <summary>The same result with a sentence shown above it when it was measured (e.g. which ICP file it used).</summary>
    public Measured<T> Noted(string note) => new(_value, Missing, _quiet, note);

    /// <summary>Why it could not be measured; null when it was.</summary>
    public NotMeasurable? Missing { get; }

    /// <summary>True when there is a value.</summary>
    public bool IsMeasured => Missing is null;

    /// <summary>The value.</summary>
    /// <exception cref="InvalidOperationException">It was not measured (read <see cref="Missing"/> first).</exception>
    public T Value => IsMeasured ? _value! : throw new InvalidOperationException(Missing!.Sentence);

    /// <summary>The value, or the default (null) when it was not measured.</summary>
    public T? OrDefault => IsMeasured ? _value : default;

    /// <summary>The next analysis on this value; carries the reason on when there is none.</summary>
    public Measured<TOut> Then<TOut>(Func<T, TOut> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return IsMeasured ? Measure.Of(next(_value!)) : Measure.Not<TOut>(Missing!);
    }

    /// <summary>The next analysis, which may itself be not measurable.</summary>
    public Measured<TOut> Bind<TOut>(Func<T, Measured<TOut>> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return IsMeasured ? next(_value!) : Measure.Not<TOut>(Missing!);
    }

    /// <summary>A second output of the same section: rendered when measured, nothing otherwise (the first output said why).</summary>
    public Measured<TOut> Also<TOut>(Func<T, TOut> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return IsMeasured ? Measure.Of(next(_value!)) : new Measured<TOut>(default, Missing, true);
    }

    /// <summary>
    /// The value's own <c>Summary</c> DataFrame (the value itself when it is a DataFrame, one <c>value</c> column holding
    /// its text otherwise); when not measured, <see cref="NotMeasurable.Summary"/>.
    /// </summary>
    public DataFrame Summary => !IsMeasured ? Missing!.Summary : _value switch
    {
        DataFrame f => f,
        // Every result type has a Summary property (ResultShapeTests enforces it), so this finds it for any T a section holds.
        _ when SummaryProperty?.GetValue(_value) is DataFrame f => f,
        _ => new DataFrame(new StringDataFrameColumn("value", [Convert.ToString(_value, CultureInfo.InvariantCulture) ?? ""])),
    };

    private static readonly System.Reflection.PropertyInfo? SummaryProperty =
        typeof(T).GetProperty("Summary", System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance, null, typeof(DataFrame), Type.EmptyTypes, null);

    /// <summary>A measured value.</summary>
    public static implicit operator Measured<T>(T value) => Measure.Of(value);

    /// <summary>A value that could not be measured.</summary>
    public static implicit operator Measured<T>(NotMeasurable missing) => Measure.Not<T>(missing);

    /// <inheritdoc/>
    public string ToHtml()
    {
        if (!IsMeasured) return _quiet ? "" : Missing!.ToHtml();
        return (_note is null ? "" : "<p>" + HtmlText.Escape(_note) + "</p>") + _value switch
        {
            IHtmlRenderable r => r.ToHtml(),
            DataFrame f => Frames.ToHtml(f),
            string s when !s.Contains('\n', StringComparison.Ordinal) => "<p>" + HtmlText.Escape(s) + "</p>",
            _ => "<pre>" + HtmlText.Escape(Convert.ToString(_value, CultureInfo.InvariantCulture) ?? "") + "</pre>",
        };
    }

    /// <inheritdoc/>
    public string ToText()
    {
        if (!IsMeasured) return _quiet ? "" : Missing!.Sentence;
        return (_note is null ? "" : _note + "\n\n") + _value switch
        {
            ITextRenderable r => r.ToText(),
            DataFrame f => Frames.ToText(f),
            _ => Convert.ToString(_value, CultureInfo.InvariantCulture) ?? "",
        };
    }

    /// <inheritdoc/>
    public override string ToString() => ToText();
}

/// <summary>Runs an analysis only when its inputs are there.</summary>
public static class Measure
{
    /// <summary>A measured value.</summary>
    public static Measured<T> Of<T>(T value) => new(value ?? throw new ArgumentNullException(nameof(value)), null, false);

    /// <summary>A value that could not be measured.</summary>
    public static Measured<T> Not<T>(NotMeasurable missing) => new(default, missing ?? throw new ArgumentNullException(nameof(missing)), false);

    /// <summary>
    /// <paramref name="compute"/> when the export has everything <paramref name="needs"/> lists, else the sentence naming the
    /// first missing input and the mapping field that supplies it.
    /// </summary>
    /// <example><c>Measure.Needs(export, Need.Mrr, () => Spend.Concentration(export))</c> on an export without MRR shows
    /// "Not measurable: no MRR mapped (map accounts.columns.mrr in icpkit.yaml)."</example>
    public static Measured<T> Needs<T>(Loading.ExportData export, Need needs, Func<T> compute)
    {
        ArgumentNullException.ThrowIfNull(compute);
        return Inputs.Missing(export, needs) is { } missing ? Not<T>(missing) : Of(compute());
    }

    /// <summary>
    /// <paramref name="compute"/> on the chosen trait when the export has what <paramref name="needs"/> lists and a trait was
    /// chosen; else the missing input first (no deals says more than no trait), then the trait's reason.
    /// </summary>
    public static Measured<T> ByTrait<T>(Loading.ExportData export, Need needs, Measured<string> trait, Func<string, T> compute)
    {
        ArgumentNullException.ThrowIfNull(trait);
        ArgumentNullException.ThrowIfNull(compute);
        return Inputs.Missing(export, needs) is { } missing ? Not<T>(missing) : trait.Then(compute);
    }

    /// <summary>Both values measured: <paramref name="combine"/> of them; else the first one's reason.</summary>
    public static Measured<TOut> Both<T1, T2, TOut>(Measured<T1> first, Measured<T2> second, Func<T1, T2, TOut> combine)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        ArgumentNullException.ThrowIfNull(combine);
        return first.Bind(a => second.Then(b => combine(a, b)));
    }
}
