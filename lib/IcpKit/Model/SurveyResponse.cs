namespace IcpKit.Model;

/// <summary>Sean Ellis's product-market-fit question: how would you feel if you could no longer use the product?</summary>
public enum PmfAnswer
{
    /// <summary>"Very disappointed": the answer the 40% PMF benchmark counts.</summary>
    VeryDisappointed,
    /// <summary>"Somewhat disappointed".</summary>
    SomewhatDisappointed,
    /// <summary>"Not disappointed".</summary>
    NotDisappointed,
}

/// <summary>One row of surveys.csv.</summary>
public sealed record SurveyResponse
{
    /// <summary>The respondent's account.</summary>
    public required string AccountId { get; init; }
    /// <summary>The respondent, when the survey tool records one.</summary>
    public string? UserId { get; init; }
    /// <summary>When the answer was given.</summary>
    public required DateOnly RespondedOn { get; init; }
    /// <summary>Respondent's role (user, buyer, admin, ...): personas differ.</summary>
    public string? Role { get; init; }
    /// <summary>0-10; null when the respondent skipped it.</summary>
    public int? Nps { get; init; }
    /// <summary>Answer to the PMF question; null when skipped.</summary>
    public PmfAnswer? Pmf { get; init; }
    /// <summary>Free-text comment.</summary>
    public string? Comment { get; init; }
    /// <summary>Line in the source file (1-based, header is line 1); 0 when generated in memory or read from SQL.</summary>
    public int SourceLine { get; init; }
}
