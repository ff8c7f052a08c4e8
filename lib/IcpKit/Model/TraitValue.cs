using System.Collections.Immutable;
using System.Globalization;

namespace IcpKit.Model;

/// <summary>The kind of value a trait holds; decides how analyses group it (bands for numbers, members for lists).</summary>
public enum TraitKind
{
    /// <summary>A label such as an industry or a plan.</summary>
    Category,
    /// <summary>A number such as employees or MRR; grouped through bands.</summary>
    Number,
    /// <summary>A set of labels such as a tech stack; an account belongs to each member's group.</summary>
    List,
    /// <summary>A calendar date.</summary>
    Date,
}

/// <summary>
/// One account's value for one trait, named contract column or extra column alike, so that every
/// analysis treats both the same way.
/// </summary>
/// <remarks>Missing is a value of its own: analyses show it as a group instead of dropping the account.</remarks>
public abstract record TraitValue
{
    private TraitValue() { }

    /// <summary>The shared missing value.</summary>
    public static TraitValue Missing { get; } = new MissingValue();

    /// <summary>True for <see cref="Missing"/>.</summary>
    public bool IsMissing => this is MissingValue;

    /// <summary>A category, or missing when null or blank.</summary>
    public static TraitValue Of(string? category) =>
        string.IsNullOrWhiteSpace(category) ? Missing : new CategoryValue(category.Trim());

    /// <summary>A number, or missing when null.</summary>
    public static TraitValue Of(double? number) => number is { } n ? new NumberValue(n) : Missing;

    /// <summary>A date, or missing when null.</summary>
    public static TraitValue Of(DateOnly? date) => date is { } d ? new DateValue(d) : Missing;

    /// <summary>A list; missing when empty.</summary>
    public static TraitValue Of(ImmutableArray<string> members) =>
        members.IsDefaultOrEmpty ? Missing : new ListValue(members);

    /// <summary>No value.</summary>
    public sealed record MissingValue : TraitValue
    {
        internal MissingValue() { }
        /// <inheritdoc/>
        public override string ToString() => "(missing)";
    }

    /// <summary>A label.</summary>
    public sealed record CategoryValue(string Value) : TraitValue
    {
        /// <inheritdoc/>
        public override string ToString() => Value;
    }

    /// <summary>A number.</summary>
    public sealed record NumberValue(double Value) : TraitValue
    {
        /// <inheritdoc/>
        public override string ToString() => Value.ToString("G", CultureInfo.InvariantCulture);
    }

    /// <summary>A date.</summary>
    public sealed record DateValue(DateOnly Value) : TraitValue
    {
        /// <inheritdoc/>
        public override string ToString() => Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>A set of labels (for example a tech stack).</summary>
    public sealed record ListValue(ImmutableArray<string> Members) : TraitValue
    {
        /// <summary>Lists compare by their members, not by array reference.</summary>
        public bool Equals(ListValue? other) => other is not null && Members.SequenceEqual(other.Members, StringComparer.Ordinal);
        /// <inheritdoc/>
        public override int GetHashCode() => Members.Aggregate(17, (h, m) => HashCode.Combine(h, StringComparer.Ordinal.GetHashCode(m)));
        /// <inheritdoc/>
        public override string ToString() => string.Join(";", Members);
    }
}
