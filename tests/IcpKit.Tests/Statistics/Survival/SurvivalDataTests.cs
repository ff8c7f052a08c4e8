using IcpKit.Statistics.Survival;

namespace IcpKit.Tests.Statistics.Survival;

/// <summary>Building survival data, especially from dates with censoring at the as-of date.</summary>
public class SurvivalDataTests
{
    private static readonly DateOnly Start = new(2026, 1, 1);
    private static readonly DateOnly AsOf = new(2026, 3, 2);

    [Fact]
    public void FromDates_NoEndDate_IsCensoredAtAsOf()
    {
        var o = SurvivalObservation.FromDates(Start, null, AsOf);
        Assert.Equal(new SurvivalObservation(60, false), o);
    }

    [Fact]
    public void FromDates_EndOnOrBeforeAsOf_IsAnEvent()
    {
        Assert.Equal(new SurvivalObservation(10, true, "x"), SurvivalObservation.FromDates(Start, new DateOnly(2026, 1, 11), AsOf, "x"));
        Assert.Equal(new SurvivalObservation(60, true), SurvivalObservation.FromDates(Start, AsOf, AsOf));
    }

    // An event dated after the extract cannot have been seen: censor it at as-of rather than peek ahead.
    [Fact]
    public void FromDates_EndAfterAsOf_IsCensoredAtAsOf()
    {
        Assert.Equal(new SurvivalObservation(60, false), SurvivalObservation.FromDates(Start, new DateOnly(2026, 5, 1), AsOf));
    }

    // Time to win: a lost deal leaves follow-up at its close date without the event.
    [Fact]
    public void FromDates_EndThatIsNotTheEvent_IsCensoredAtEnd()
    {
        Assert.Equal(new SurvivalObservation(10, false), SurvivalObservation.FromDates(Start, new DateOnly(2026, 1, 11), AsOf, endIsEvent: false));
        var items = new[] { (End: (DateOnly?)new DateOnly(2026, 1, 11), Won: true), (End: (DateOnly?)new DateOnly(2026, 1, 21), Won: false) };
        var data = SurvivalData.FromDates(items, _ => Start, x => x.End, AsOf, endIsEvent: x => x.Won);
        Assert.Equal([(10.0, true), (20.0, false)], data.ToObservations().Select(o => (o.Time, o.Event)));
    }

    [Fact]
    public void FromDates_AsOfBeforeStart_Throws()
    {
        Assert.Throws<ArgumentException>(() => SurvivalObservation.FromDates(AsOf, null, Start));
        Assert.Throws<ArgumentException>(() => SurvivalObservation.FromDates(AsOf, Start, AsOf));
    }

    [Fact]
    public void FromDates_Items_BuildsGroupedData()
    {
        var items = new[] { (Start, (DateOnly?)new DateOnly(2026, 1, 31), "a"), (Start, (DateOnly?)null, "b"), (Start.AddDays(10), (DateOnly?)null, "a") };
        var data = SurvivalData.FromDates(items, x => x.Item1, x => x.Item2, AsOf, x => x.Item3);
        Assert.Equal(["a", "b"], data.Groups);
        Assert.Equal(3, data.Count);
        Assert.Equal(1, data.EventCount);
        Assert.Equal([(30.0, true, "a"), (50.0, false, "a"), (60.0, false, "b")],
            data.ToObservations().Select(o => (o.Time, o.Event, o.Group)).Order());
    }

    [Fact]
    public void Create_NonFiniteTimeOrMissingLabel_Throws()
    {
        Assert.Throws<ArgumentException>(() => SurvivalData.Create([1, double.NaN], [true, false]));
        Assert.Throws<ArgumentException>(() => SurvivalData.Create([1, 2], [true]));
        Assert.Throws<ArgumentException>(() => SurvivalData.FromObservations([new(1, true, "a"), new(2, true)]));
    }

    [Fact]
    public void Create_WithoutGroups_HasOneGroupNamedAll()
    {
        var data = SurvivalData.Create([3, 1, 2], [true, false, true]);
        Assert.False(data.IsGrouped);
        Assert.Equal([SurvivalData.UngroupedLabel], data.Groups);
        Assert.Throws<ArgumentException>(() => LogRank.Test(data));
    }

    [Fact]
    public void ForGroups_KeepsOnlyThoseSubjects()
    {
        var data = SurvivalData.Create([1, 2, 3, 4], [true, true, false, true], ["a", "b", "c", "a"]);
        var sub = data.ForGroups("a", "c", "zzz");
        Assert.Equal(["a", "c"], sub.Groups);
        Assert.Equal(3, sub.Count);
        Assert.Equal(2, sub.EventCount);
    }
}
