using IcpKit.Loading.Events;

namespace IcpKit.Tests.Loading.Events;

/// <summary>The compact day bitmap: counts, ISO weeks and the fallback for implausibly wide spans.</summary>
public class DaySetTests
{
    [Fact]
    public void Add_RandomDays_CountsMatchAHashSet()
    {
        const int seed = 5;
        var random = new Random(seed);
        var set = new DaySet();
        var reference = new HashSet<int>();
        var origin = new DateOnly(2023, 1, 1).DayNumber;
        for (var i = 0; i < 5_000; i++)
        {
            // Mostly three years, now and then a stray decade earlier to force the wide fallback midway.
            var day = i == 4_000 ? origin - 10_000 : origin + random.Next(1100);
            set.Add(day);
            reference.Add(day);
            if (i % 997 == 0)
            {
                Assert.True(reference.Count == set.Count, $"seed {seed}, step {i}");
            }
        }

        Assert.Equal(reference.Count, set.Count);
        Assert.Equal(reference.Select(d => d / 7).Distinct().Count(), set.WeekCount);
        Assert.Equal(reference.Order(), set.Days());
    }

    [Fact]
    public void WeekCount_SundayAndMonday_AreDifferentIsoWeeks()
    {
        var set = new DaySet();
        set.Add(new DateOnly(2025, 1, 5).DayNumber); // Sunday, 2025-W01
        set.Add(new DateOnly(2025, 1, 6).DayNumber); // Monday, 2025-W02
        set.Add(new DateOnly(2024, 12, 30).DayNumber); // Monday, 2025-W01 (ISO year differs from the calendar year)

        Assert.Equal(3, set.Count);
        Assert.Equal(2, set.WeekCount);
    }
}
