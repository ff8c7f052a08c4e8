namespace IcpKit.Model;

/// <summary>One row of spend.csv: what was spent on acquiring customers in one month through one channel.</summary>
/// <remarks>
/// The channel is matched to accounts' <c>acquisition_channel</c>: a customer "came from" the channel its account names.
/// A row may name a segment (e.g. "ICP" for a campaign aimed at the ICP); spend without one is shared by the channel's
/// new customers.
/// </remarks>
public sealed record SpendRow
{
    /// <summary>The first day of the month the money was spent in.</summary>
    public required DateOnly Month { get; init; }
    /// <summary>The acquisition channel, as accounts name it.</summary>
    public required string Channel { get; init; }
    /// <summary>Amount spent, 0 or more, in the export's currency.</summary>
    public required decimal Amount { get; init; }
    /// <summary>The segment the spend was aimed at; null when the channel's customers share it.</summary>
    public string? Segment { get; init; }
    /// <summary>Line in the source file (1-based, header is line 1); 0 when generated in memory.</summary>
    public int SourceLine { get; init; }
}

/// <summary>One row of mrr_history.csv: an account's monthly recurring revenue in one month.</summary>
/// <remarks>A month missing for a customer after its first month counts as 0 (not paying), like a month with mrr 0.</remarks>
public sealed record MrrPoint
{
    /// <summary>The paying account.</summary>
    public required string AccountId { get; init; }
    /// <summary>The first day of the month.</summary>
    public required DateOnly Month { get; init; }
    /// <summary>MRR that month, 0 or more.</summary>
    public required decimal Mrr { get; init; }
    /// <summary>Line in the source file (1-based, header is line 1); 0 when generated in memory.</summary>
    public int SourceLine { get; init; }
}
