namespace IcpKit.Metrics;

/// <summary>The kit's one definition of "n months" as a number of days, shared by every retention horizon.</summary>
/// <remarks>
/// A month is 365.25/12 days and a horizon is rounded to whole days, so 3, 6 and 12 months are 91, 183 and 365 days.
/// Notebook 01, notebook 04 and <c>icpkit test</c> all read retention at these days: before, one read 6 months at
/// 182.625 days and another at 183, and a customer churning on day 183 counted differently.
/// </remarks>
public static class Months
{
    /// <summary>Days in <paramref name="months"/> months: round(months × 365.25 / 12).</summary>
    public static double Days(int months) => Math.Round(months * 365.25 / 12);
}
