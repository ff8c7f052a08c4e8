using IcpKit.Loading.Events;
using static IcpKit.Tests.Loading.Events.EventTestFiles;

namespace IcpKit.Tests.Loading.Events;

/// <summary>The per-account figures folded from events-usage.csv, worked out by hand in the file's comments below.</summary>
public class EventUsageImporterUsageTests
{
    private static readonly EventImportResult Result =
        EventUsageImporter.Import(Options(PathOf("events-usage.csv"), formats: "yyyy-MM-dd HH:mm:ss"));

    [Fact]
    public void Import_UsageFile_FirstAndLastEventsInUtcWhateverTheRowOrder()
    {
        var a1 = Result.Usage["A1"];
        Assert.Equal(6, a1.EventCount);
        Assert.Equal(Utc(2025, 1, 4, 8), a1.FirstEventAt);
        Assert.Equal(Utc(2025, 1, 21, 8), a1.LastEventAt);
        Assert.Equal(DateTimeKind.Utc, a1.FirstEventAt!.Value.Kind);
    }

    [Fact]
    public void Import_UsageFile_FirstActivationAndHighValue()
    {
        var a1 = Result.Usage["A1"];
        // The earliest create_report is the last row (4 January), not the first one met.
        Assert.Equal(Utc(2025, 1, 4, 8), a1.FirstActivationAt);
        // "2025-01-20 08:00:00" has no zone, so it reads as UTC.
        Assert.Equal(Utc(2025, 1, 20, 8), a1.FirstHighValueAt);
        Assert.Equal(2, a1.HighValueCount);
        Assert.Null(Result.Usage["A2"].FirstActivationAt);
        Assert.Null(Result.Usage["A2"].FirstHighValueAt);
    }

    [Fact]
    public void Import_UsageFile_DistinctDaysWeeksAndUsers()
    {
        var a1 = Result.Usage["A1"];
        // 23:30-01:00 on Sunday 5 January is 00:30Z on Monday 6 January: days 4, 5, 6, 20, 21 January;
        // ISO weeks 2025-W01 (4, 5), W02 (6) and W04 (20, 21).
        Assert.Equal(5, a1.ActiveDays);
        Assert.Equal(3, a1.ActiveWeeks);
        Assert.Equal(3, a1.DistinctUsers);
        Assert.Equal(2.0, a1.EventsPerActiveWeek);
    }

    [Fact]
    public void Import_UsageFile_CountsPerEventName()
    {
        Assert.Equal(
            new Dictionary<string, long> { ["login"] = 2, ["create_report"] = 2, ["export_report"] = 2 },
            Result.Usage["A1"].EventCounts);
    }

    [Fact]
    public void Import_EmptyUserId_IsNotAUser()
    {
        var a2 = Result.Usage["A2"];
        Assert.Equal(1, a2.EventCount);
        Assert.Equal(0, a2.DistinctUsers);
    }
}
