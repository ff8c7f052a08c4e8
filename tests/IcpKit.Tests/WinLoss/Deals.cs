using IcpKit.Model;

namespace IcpKit.Tests.WinLoss;

/// <summary>Hand-made deals and accounts for known-answer tests.</summary>
internal static class Deals
{
    public static readonly string[] Stages = ["lead", "qualified", "demo"];

    private static int _next;

    /// <summary>A deal of <paramref name="account"/>: outcome, furthest stage index, days from created to close (null = open).</summary>
    public static Deal Make(string account, DealOutcome outcome, int stage = 0, int? days = 30, string? source = "outbound",
        string? reason = null, decimal? amount = null, DateOnly? created = null)
    {
        var start = created ?? new DateOnly(2026, 1, 1);
        return new Deal
        {
            DealId = "D" + Interlocked.Increment(ref _next).ToString(System.Globalization.CultureInfo.InvariantCulture),
            AccountId = account,
            CreatedOn = start,
            ClosedOn = outcome == DealOutcome.Open || days is null ? null : start.AddDays(days.Value),
            Stage = stage >= 0 && stage < Stages.Length ? Stages[stage] : "mystery",
            StageIndex = stage < Stages.Length ? stage : -1,
            Outcome = outcome,
            Source = source,
            LossReason = reason,
            Amount = amount,
        };
    }

    public static IEnumerable<Deal> Repeat(int count, Func<Deal> make) => Enumerable.Range(0, count).Select(_ => make());

    public static Account Account(string id, string industry, params string[] techStack) =>
        new() { AccountId = id, Industry = industry, TechStack = [.. techStack] };
}
