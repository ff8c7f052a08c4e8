using System.Collections.Immutable;

namespace IcpKit.Model;

/// <summary>One row of interviews.csv: the notes of one step-4 customer interview.</summary>
/// <remarks>The answers are free text as the interviewer wrote them; <see cref="Tags"/> hold only tags from the documented list.</remarks>
public sealed record Interview
{
    /// <summary>The account interviewed (one of the export's accounts).</summary>
    public required string AccountId { get; init; }
    /// <summary>When the interview took place.</summary>
    public required DateOnly InterviewedOn { get; init; }
    /// <summary>Who was interviewed (a person's name: redacted in shared reports).</summary>
    public string? Contact { get; init; }
    /// <summary>The interviewee's role (head of data, CFO, ...).</summary>
    public string? Role { get; init; }
    /// <summary>Why they started looking for a product like ours.</summary>
    public string? WhyStartedLooking { get; init; }
    /// <summary>Why they picked us over the alternatives.</summary>
    public string? WhyPickedUs { get; init; }
    /// <summary>What they like most.</summary>
    public string? LikeMost { get; init; }
    /// <summary>What the product helps them achieve.</summary>
    public string? HelpsAchieve { get; init; }
    /// <summary>What their business does.</summary>
    public string? BusinessDoes { get; init; }
    /// <summary>Known tags, lower-case, in file order, without repeats.</summary>
    public ImmutableArray<string> Tags { get; init; } = [];
    /// <summary>Free theme labels the interviewer gave the conversation (e.g. "board_reporting").</summary>
    public ImmutableArray<string> Themes { get; init; } = [];
    /// <summary>Whether they said they would pay (null: not asked or not recorded).</summary>
    public bool? WouldPay { get; init; }
    /// <summary>Whether they invited colleagues on their own (null: not recorded).</summary>
    public bool? InvitedColleagues { get; init; }
    /// <summary>The line of interviews.csv the row starts on (the row number for a SQL-defined table).</summary>
    public int SourceLine { get; init; }
}
