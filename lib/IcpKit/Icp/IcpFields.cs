using System.Collections.Immutable;
using System.Globalization;
using IcpKit.Model;

namespace IcpKit.Icp;

/// <summary>
/// The fields an ICP rule can name, with their kinds, and how an account's value for each is read:
/// contract columns, extra columns, and usage signals from <see cref="AccountUsage"/>.
/// </summary>
/// <remarks>
/// Usage signals are numbers except <c>usage.activated</c> and <c>usage.reached_high_value</c>, which are the
/// categories "true" and "false". An account with no usage record reads as no usage at all (zero events, not
/// activated); pass no usage at all when the export has no events, and usage fields are then unknown.
/// </remarks>
public static class IcpFields
{
    /// <summary>Prefix of every usage signal.</summary>
    public const string UsagePrefix = "usage.";
    /// <summary>Prefix of per-event counts: <c>usage.events.&lt;event name&gt;</c>.</summary>
    public const string UsageEventsPrefix = "usage.events.";
    /// <summary>Events of any name.</summary>
    public const string UsageEventCount = "usage.event_count";
    /// <summary>Distinct days with an event.</summary>
    public const string UsageActiveDays = "usage.active_days";
    /// <summary>Distinct weeks with an event.</summary>
    public const string UsageActiveWeeks = "usage.active_weeks";
    /// <summary>Distinct users seen in the events.</summary>
    public const string UsageDistinctUsers = "usage.distinct_users";
    /// <summary>"true" when the account reached an activation event.</summary>
    public const string UsageActivated = "usage.activated";
    /// <summary>"true" when the account reached a high-value event.</summary>
    public const string UsageReachedHighValue = "usage.reached_high_value";

    /// <summary>Usage fields that hold "true" or "false".</summary>
    public static ImmutableArray<string> UsageFlags { get; } = [UsageActivated, UsageReachedHighValue];

    /// <summary>Every contract field a rule can name (the identity column excluded), with its kind.</summary>
    public static ImmutableArray<(string Name, TraitKind Kind)> ContractFields { get; } =
    [
        .. TraitFields.Segmentable,
        (TraitFields.Name, TraitKind.Category),
        (TraitFields.CustomerSince, TraitKind.Date),
        (TraitFields.ChurnedOn, TraitKind.Date),
    ];

    /// <summary>
    /// The catalog of known fields for an export: contract fields, every extra column found on the accounts
    /// (kind of its first non-missing value), and, when <paramref name="usage"/> is given, the usage signals
    /// and one <c>usage.events.&lt;name&gt;</c> per event name seen.
    /// </summary>
    /// <example><c>IcpFields.Catalog(accounts, usage.Values)["usage.events.connect_integration"]</c> is Number.</example>
    /// <param name="accounts">The accounts (their extra columns become fields).</param>
    /// <param name="usage">Usage records; null when the export has no events (no usage field is known then).</param>
    /// <param name="dealTraits">The deals' traits (<c>deal.product</c>); null or empty when the deals have none.</param>
    public static ImmutableSortedDictionary<string, TraitKind> Catalog(IEnumerable<Account> accounts, IEnumerable<AccountUsage>? usage = null,
        Loading.TraitCatalog? dealTraits = null)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        var catalog = ImmutableSortedDictionary.CreateBuilder<string, TraitKind>(StringComparer.Ordinal);
        foreach (var (name, kind) in ContractFields) catalog[name] = kind;
        foreach (var trait in dealTraits?.Traits ?? []) catalog[trait.Name] = trait.Kind;
        foreach (var account in accounts)
        {
            foreach (var (name, value) in account.Extras)
            {
                if (!catalog.ContainsKey(name) && KindOf(value) is { } kind) catalog[name] = kind;
            }
        }
        if (usage is not null)
        {
            foreach (var name in new[] { UsageEventCount, UsageActiveDays, UsageActiveWeeks, UsageDistinctUsers }) catalog[name] = TraitKind.Number;
            foreach (var name in UsageFlags) catalog[name] = TraitKind.Category;
            foreach (var u in usage)
            {
                foreach (var eventName in u.EventCounts.Keys) catalog[UsageEventsPrefix + eventName] = TraitKind.Number;
            }
        }
        return catalog.ToImmutable();
    }

    /// <summary>The fields an icp.yaml may name for an export: contract and extra account columns, deal traits, and usage signals when it has events.</summary>
    public static ImmutableSortedDictionary<string, TraitKind> Catalog(Loading.ExportData export)
    {
        ArgumentNullException.ThrowIfNull(export);
        return Catalog(export.Accounts, export.Has(Loading.ExportFile.Events) ? export.Usage.Values : null, export.DealTraits);
    }

    /// <summary>The kind of a value, or null for a missing one.</summary>
    public static TraitKind? KindOf(TraitValue value) => value switch
    {
        TraitValue.CategoryValue => TraitKind.Category,
        TraitValue.NumberValue => TraitKind.Number,
        TraitValue.DateValue => TraitKind.Date,
        TraitValue.ListValue => TraitKind.List,
        _ => null,
    };

    /// <summary>
    /// An account's value for a field: a contract or extra column through <see cref="Account.Trait"/>, or a usage
    /// signal from <paramref name="usage"/>.
    /// </summary>
    /// <param name="field">Field name as the catalog spells it.</param>
    /// <param name="account">The account.</param>
    /// <param name="usage">The account's usage; null when usage is unknown, which makes every usage field missing.</param>
    public static TraitValue Resolve(string field, Account account, AccountUsage? usage)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(account);
        if (!field.StartsWith(UsagePrefix, StringComparison.Ordinal)) return account.Trait(field);
        if (usage is null) return TraitValue.Missing;
        if (field.StartsWith(UsageEventsPrefix, StringComparison.Ordinal))
        {
            return TraitValue.Of(usage.EventCounts.TryGetValue(field[UsageEventsPrefix.Length..], out var n) ? n : 0);
        }
        return field switch
        {
            UsageEventCount => TraitValue.Of(usage.EventCount),
            UsageActiveDays => TraitValue.Of(usage.ActiveDays),
            UsageActiveWeeks => TraitValue.Of(usage.ActiveWeeks),
            UsageDistinctUsers => TraitValue.Of(usage.DistinctUsers),
            UsageActivated => Flag(usage.FirstActivationAt is not null),
            UsageReachedHighValue => Flag(usage.FirstHighValueAt is not null),
            _ => TraitValue.Missing,
        };
    }

    /// <summary>No usage at all, for an account that has no usage record in an export that has events.</summary>
    public static AccountUsage NoUsage(string accountId) => new() { AccountId = accountId };

    private static TraitValue Flag(bool value) => TraitValue.Of(value ? "true" : "false");

    /// <summary>A loose key for matching names that differ only in case, spaces or punctuation.</summary>
    internal static string LooseKey(string name) =>
        string.Concat(name.Where(char.IsLetterOrDigit)).ToLower(CultureInfo.InvariantCulture);
}
