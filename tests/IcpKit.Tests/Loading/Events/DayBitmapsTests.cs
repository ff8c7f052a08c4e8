using IcpKit.Loading.Events;

namespace IcpKit.Tests.Loading.Events;

/// <summary>The pooled day bitmaps: counts, ISO weeks, the fallback for implausibly wide spans, and accounts sharing blocks.</summary>
public class DayBitmapsTests
{
    [Fact]
    public void Add_RandomDaysOfManyAccounts_CountsMatchHashSets()
    {
        const int seed = 5;
        var random = new Random(seed);
        var bitmaps = new DayBitmaps();
        const int accounts = 300;
        var handles = new DayBitmaps.Handle[accounts];
        var reference = Enumerable.Range(0, accounts).Select(_ => new HashSet<int>()).ToArray();
        var origin = new DateOnly(2023, 1, 1).DayNumber;
        for (var i = 0; i < 60_000; i++)
        {
            // Accounts interleave, so their bitmaps grow, move and reuse freed regions among each other; now and
            // then a stray decade earlier forces the wide fallback midway.
            var a = random.Next(accounts);
            var day = i % 4_001 == 4_000 ? origin - 10_000 : origin + random.Next(1100);
            bitmaps.Add(ref handles[a], a, day);
            reference[a].Add(day);
        }

        for (var a = 0; a < accounts; a++)
        {
            Assert.True(reference[a].Count == bitmaps.Count(in handles[a], a), $"seed {seed}, account {a}");
            Assert.Equal(reference[a].Select(d => d / 7).Distinct().Count(), bitmaps.WeekCount(in handles[a], a));
            Assert.Equal(reference[a].Order(), bitmaps.Days(handles[a], a));
        }
    }

    [Fact]
    public void WeekCount_SundayAndMonday_AreDifferentIsoWeeks()
    {
        var bitmaps = new DayBitmaps();
        var handle = new DayBitmaps.Handle();
        bitmaps.Add(ref handle, 0, new DateOnly(2025, 1, 5).DayNumber); // Sunday, 2025-W01
        bitmaps.Add(ref handle, 0, new DateOnly(2025, 1, 6).DayNumber); // Monday, 2025-W02
        bitmaps.Add(ref handle, 0, new DateOnly(2024, 12, 30).DayNumber); // Monday, 2025-W01 (ISO year differs from the calendar year)

        Assert.Equal(3, bitmaps.Count(in handle, 0));
        Assert.Equal(2, bitmaps.WeekCount(in handle, 0));
    }
}
