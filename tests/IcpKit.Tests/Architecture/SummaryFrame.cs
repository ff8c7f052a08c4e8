using Microsoft.Data.Analysis;

namespace IcpKit.Tests.Architecture;

/// <summary>Reads a result's <c>Summary</c> DataFrame the way a test wants to check it: named columns, one row at a time.</summary>
internal static class SummaryFrame
{
    /// <summary>The column names in order.</summary>
    public static string[] Columns(DataFrame frame) => [.. frame.Columns.Select(c => c.Name)];

    /// <summary>The value in <paramref name="column"/> at <paramref name="row"/>, failing with the frame's columns when the name is wrong.</summary>
    public static object? Cell(DataFrame frame, string column, int row = 0)
    {
        Assert.True(frame.Columns.IndexOf(column) >= 0, $"no column '{column}' in [{string.Join(", ", Columns(frame))}]");
        return frame[column][row];
    }

    /// <summary>The number in <paramref name="column"/> at <paramref name="row"/>.</summary>
    public static double Number(DataFrame frame, string column, int row = 0) => Convert.ToDouble(Cell(frame, column, row), System.Globalization.CultureInfo.InvariantCulture);
}
