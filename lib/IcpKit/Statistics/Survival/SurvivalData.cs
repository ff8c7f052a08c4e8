using System.Collections.Immutable;
using System.Globalization;

namespace IcpKit.Statistics.Survival;

/// <summary>One subject's follow-up: how long it was observed and whether the event happened.</summary>
/// <param name="Time">Follow-up time (for example days); finite.</param>
/// <param name="Event">True when the event was observed at <paramref name="Time"/>; false when the subject was
/// censored then (still event-free when observation stopped).</param>
/// <param name="Group">Optional group label, for example a segment; null when the data are not grouped.</param>
public readonly record struct SurvivalObservation(double Time, bool Event, string? Group = null)
{
    /// <summary>Builds an observation from calendar dates.</summary>
    /// <remarks>
    /// A subject whose event date is missing, or falls after <paramref name="asOf"/>, is censored at
    /// <paramref name="asOf"/>: it was still event-free when the data were taken, so it counts as followed up
    /// to that day, never as dropped. Example: start 2026-01-01, end null, as of 2026-03-02 gives
    /// <c>Time = 60, Event = false</c>.
    /// </remarks>
    /// <param name="start">Day follow-up begins (signup, deal created).</param>
    /// <param name="end">Day the event happened, or null if it has not.</param>
    /// <param name="asOf">Day the data were extracted.</param>
    /// <param name="group">Optional group label.</param>
    /// <param name="endIsEvent">False when <paramref name="end"/> ends follow-up without the event (a lost deal in a
    /// time-to-win analysis): the subject is then censored at <paramref name="end"/>.</param>
    /// <returns>Time in days and the event flag.</returns>
    /// <exception cref="ArgumentException">When <paramref name="asOf"/> or <paramref name="end"/> is before <paramref name="start"/>.</exception>
    public static SurvivalObservation FromDates(DateOnly start, DateOnly? end, DateOnly asOf, string? group = null, bool endIsEvent = true)
    {
        if (asOf < start)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"as-of date {asOf:yyyy-MM-dd} is before the start date {start:yyyy-MM-dd}."), nameof(asOf));
        if (end is { } e && e < start)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"end date {e:yyyy-MM-dd} is before the start date {start:yyyy-MM-dd}."), nameof(end));
        bool ended = end is { } d && d <= asOf;
        DateOnly stop = ended ? end!.Value : asOf;
        return new SurvivalObservation(stop.DayNumber - start.DayNumber, ended && endIsEvent, group);
    }
}

/// <summary>
/// Right-censored survival data, sorted by time once at construction so every analysis is a linear scan.
/// </summary>
/// <remarks>
/// Groups are ordered by ordinal string comparison. Ungrouped data carry the single group
/// <see cref="UngroupedLabel"/>. The input order never matters: two data sets with the same observations in a
/// different order give identical results.
/// </remarks>
public sealed class SurvivalData
{
    /// <summary>Label of the single group of data built without group labels.</summary>
    public const string UngroupedLabel = "all";

    // Sorted by time; within a time, order is irrelevant because every analysis aggregates ties.
    internal readonly double[] Times;
    internal readonly bool[] Events;
    internal readonly int[] GroupCodes;
    private readonly ImmutableArray<string> _groups;

    private SurvivalData(double[] times, bool[] events, int[] groupCodes, ImmutableArray<string> groups, bool grouped)
    {
        Times = times;
        Events = events;
        GroupCodes = groupCodes;
        _groups = groups;
        IsGrouped = grouped;
        int n = 0;
        for (int i = 0; i < events.Length; i++)
            if (events[i]) n++;
        EventCount = n;
    }

    /// <summary>Number of subjects.</summary>
    public int Count => Times.Length;

    /// <summary>Number of observed events.</summary>
    public int EventCount { get; }

    /// <summary>Group labels in ordinal order; <see cref="UngroupedLabel"/> alone when ungrouped.</summary>
    public IReadOnlyList<string> Groups => _groups;

    /// <summary>True when the data were built with group labels.</summary>
    public bool IsGrouped { get; }

    /// <summary>Builds survival data from parallel lists.</summary>
    /// <param name="times">Follow-up times; finite.</param>
    /// <param name="events">True = event observed, false = censored.</param>
    /// <param name="groups">Optional group label per subject (none may be null).</param>
    /// <exception cref="ArgumentException">Lengths differ, a time is not finite, or a label is null.</exception>
    public static SurvivalData Create(IReadOnlyList<double> times, IReadOnlyList<bool> events, IReadOnlyList<string>? groups = null)
    {
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(events);
        int n = times.Count;
        if (events.Count != n)
            throw new ArgumentException($"events has {events.Count} values but times has {n}.", nameof(events));
        if (groups is not null && groups.Count != n)
            throw new ArgumentException($"groups has {groups.Count} values but times has {n}.", nameof(groups));
        var t = new double[n];
        var e = new bool[n];
        for (int i = 0; i < n; i++)
        {
            t[i] = times[i];
            e[i] = events[i];
        }
        return Build(t, e, groups is null ? null : i => groups[i]);
    }

    /// <summary>Builds survival data from observations; grouped when any observation carries a group.</summary>
    /// <exception cref="ArgumentException">A time is not finite, or some observations have a group and others not.</exception>
    public static SurvivalData FromObservations(IEnumerable<SurvivalObservation> observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var list = observations as IReadOnlyList<SurvivalObservation> ?? observations.ToArray();
        int n = list.Count;
        var t = new double[n];
        var e = new bool[n];
        bool grouped = false;
        for (int i = 0; i < n; i++)
        {
            t[i] = list[i].Time;
            e[i] = list[i].Event;
            grouped |= list[i].Group is not null;
        }
        return Build(t, e, grouped ? i => list[i].Group! : null);
    }

    /// <summary>Builds survival data from items with a start date and an optional event date.</summary>
    /// <remarks>Items without an event date (or with one after <paramref name="asOf"/>) are censored at
    /// <paramref name="asOf"/>; see <see cref="SurvivalObservation.FromDates"/>.</remarks>
    /// <example>Time to churn of customers, still-active ones censored at the as-of date:
    /// <c>SurvivalData.FromDates(customers, a => a.CustomerSince!.Value, a => a.ChurnedOn, asOf, a => a.Industry)</c>.</example>
    /// <param name="items">Items to follow, e.g. deals or accounts.</param>
    /// <param name="start">Start of follow-up.</param>
    /// <param name="end">Day follow-up ended, or null if still running.</param>
    /// <param name="asOf">Day the data were extracted.</param>
    /// <param name="group">Optional group label.</param>
    /// <param name="endIsEvent">Whether an item's end is the event (default: every end is); false censors at the end.</param>
    public static SurvivalData FromDates<T>(IEnumerable<T> items, Func<T, DateOnly> start, Func<T, DateOnly?> end,
        DateOnly asOf, Func<T, string?>? group = null, Func<T, bool>? endIsEvent = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(end);
        return FromObservations(items.Select(x =>
            SurvivalObservation.FromDates(start(x), end(x), asOf, group?.Invoke(x), endIsEvent?.Invoke(x) ?? true)));
    }

    /// <summary>The subset of subjects in the given groups (labels that are absent are ignored).</summary>
    public SurvivalData ForGroups(params string[] groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var keep = new bool[_groups.Length];
        foreach (var g in groups)
        {
            int k = _groups.IndexOf(g, StringComparer.Ordinal);
            if (k >= 0) keep[k] = true;
        }
        int n = 0;
        for (int i = 0; i < Times.Length; i++)
            if (keep[GroupCodes[i]]) n++;
        var t = new double[n];
        var e = new bool[n];
        var labels = new string[n];
        for (int i = 0, j = 0; i < Times.Length; i++)
        {
            if (!keep[GroupCodes[i]]) continue;
            t[j] = Times[i];
            e[j] = Events[i];
            labels[j++] = _groups[GroupCodes[i]];
        }
        return Build(t, e, IsGrouped ? i => labels[i] : null);
    }

    /// <summary>The observations, sorted by time.</summary>
    public IReadOnlyList<SurvivalObservation> ToObservations()
    {
        var result = new SurvivalObservation[Times.Length];
        for (int i = 0; i < result.Length; i++)
            result[i] = new SurvivalObservation(Times[i], Events[i], IsGrouped ? _groups[GroupCodes[i]] : null);
        return result;
    }

    /// <summary>Index of a group label, or -1.</summary>
    internal int GroupIndex(string group) => _groups.IndexOf(group, StringComparer.Ordinal);

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"SurvivalData: n = {Count}, events = {EventCount}, groups = {string.Join(", ", _groups)}");

    // Takes ownership of t and e. Sorts once (times as keys, event flag and group code packed in one int).
    private static SurvivalData Build(double[] t, bool[] e, Func<int, string>? label)
    {
        int n = t.Length;
        for (int i = 0; i < n; i++)
            if (!double.IsFinite(t[i]))
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"time at position {i} is {t[i]}; times must be finite."));

        var codes = new int[n];
        ImmutableArray<string> groups;
        if (label is null)
        {
            groups = [UngroupedLabel];
        }
        else
        {
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < n; i++)
            {
                string g = label(i) ?? throw new ArgumentException(
                    $"group label at position {i} is missing; give every subject a group or none.");
                if (!index.TryGetValue(g, out int c))
                    index.Add(g, c = index.Count);
                codes[i] = c;
            }
            var sorted = index.Keys.Order(StringComparer.Ordinal).ToArray();
            var remap = new int[sorted.Length];
            for (int k = 0; k < sorted.Length; k++)
                remap[index[sorted[k]]] = k;
            for (int i = 0; i < n; i++)
                codes[i] = remap[codes[i]];
            groups = [.. sorted];
        }

        var packed = new int[n];
        for (int i = 0; i < n; i++)
            packed[i] = (codes[i] << 1) | (e[i] ? 1 : 0);
        Array.Sort(t, packed);
        for (int i = 0; i < n; i++)
        {
            e[i] = (packed[i] & 1) == 1;
            codes[i] = packed[i] >> 1;
        }
        return new SurvivalData(t, e, codes, groups, label is not null);
    }
}
