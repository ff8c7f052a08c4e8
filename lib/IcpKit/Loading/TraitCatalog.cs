using System.Collections.Immutable;
using System.Globalization;
using IcpKit.Model;

namespace IcpKit.Loading;

/// <summary>One band of a numeric trait: values in [Lower, Upper).</summary>
public sealed record NumericBand(string Label, double Lower, double? Upper)
{
    /// <summary>True when <paramref name="value"/> falls in this band.</summary>
    public bool Contains(double value) => value >= Lower && (Upper is not { } u || value < u);

    /// <summary>Bands from increasing lower bounds; <paramref name="integral"/> labels them "1-10", "11-50", ..., "1001+".</summary>
    public static ImmutableArray<NumericBand> FromLowerBounds(IReadOnlyList<double> bounds, bool integral)
    {
        var bands = ImmutableArray.CreateBuilder<NumericBand>(bounds.Count);
        for (var i = 0; i < bounds.Count; i++)
        {
            var lo = bounds[i];
            double? hi = i + 1 < bounds.Count ? bounds[i + 1] : null;
            var label = hi is not { } h ? $"{Fmt(lo)}+"
                : integral && lo == Math.Floor(lo) && h == Math.Floor(h) ? $"{Fmt(lo)}-{Fmt(h - 1)}"
                : $"{Fmt(lo)}-{Fmt(h)}";
            bands.Add(new NumericBand(label, lo, hi));
        }
        return bands.MoveToImmutable();
    }

    private static string Fmt(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>A trait analyses can segment accounts by.</summary>
/// <param name="Name">The name <see cref="Account.Trait"/> takes (contract name, or snake_case extra column name).</param>
/// <param name="Kind">How it groups: categories, bands of numbers, list members, dates.</param>
/// <param name="IsExtra">True for a column outside the contract.</param>
/// <param name="Bands">Bands of a numeric trait (empty otherwise).</param>
/// <param name="Column">The header as written in the file.</param>
public sealed record TraitInfo(string Name, TraitKind Kind, bool IsExtra, ImmutableArray<NumericBand> Bands, string Column)
{
    /// <summary>The band label of a number; "under X" below the first band.</summary>
    public string BandOf(double value)
    {
        foreach (var band in Bands)
        {
            if (band.Contains(value))
            {
                return band.Label;
            }
        }
        return Bands.IsDefaultOrEmpty ? value.ToString(CultureInfo.InvariantCulture) : $"under {Bands[0].Lower.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>The group an account falls in for this trait (band for numbers, value otherwise); null when missing.</summary>
    public string? GroupOf(Account account) => account.Trait(Name) switch
    {
        TraitValue.NumberValue n => BandOf(n.Value),
        { IsMissing: true } => null,
        var v => v.ToString(),
    };
}

/// <summary>The traits an export lets analyses segment by, named and extra alike, in file order.</summary>
public sealed record TraitCatalog(ImmutableArray<TraitInfo> Traits)
{
    /// <summary>A trait by name; null when the export does not have it.</summary>
    public TraitInfo? Find(string name) => Traits.FirstOrDefault(t => t.Name == name);

    /// <summary>A trait by name.</summary>
    /// <exception cref="KeyNotFoundException">The export does not have it.</exception>
    public TraitInfo this[string name] => Find(name) ?? throw new KeyNotFoundException(
        $"no trait '{name}'; the export has {string.Join(", ", Traits.Select(t => t.Name))}");

    /// <inheritdoc/>
    public override string ToString() => string.Join(", ", Traits.Select(t => t.Name));
}
