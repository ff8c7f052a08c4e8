namespace IcpKit.Statistics;

/// <summary>Successes out of trials for one segment (e.g. deals won in one industry).</summary>
/// <param name="Segment">Segment name.</param>
/// <param name="Successes">Successes, 0..Trials.</param>
/// <param name="Trials">Trials, at least 0.</param>
public sealed record SegmentCount(string Segment, int Successes, int Trials)
{
    internal void ThrowIfInvalid(string paramName)
    {
        if (Trials < 0 || Successes < 0 || Successes > Trials)
            throw new ArgumentOutOfRangeException(paramName, $"Segment '{Segment}': need 0 <= successes <= trials, got {Successes} of {Trials}.");
    }
}
