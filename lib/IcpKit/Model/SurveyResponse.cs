namespace IcpKit.Model;

/// <summary>Sean Ellis's product-market-fit question: how would you feel if you could no longer use the product?</summary>
public enum PmfAnswer
{
    VeryDisappointed,
    SomewhatDisappointed,
    NotDisappointed,
}

/// <summary>One row of surveys.csv.</summary>
public sealed record SurveyResponse
{
    public required string AccountId { get; init; }
    public string? UserId { get; init; }
    public required DateOnly RespondedOn { get; init; }
    /// <summary>Respondent's role (user, buyer, admin, ...): personas differ.</summary>
    public string? Role { get; init; }
    /// <summary>0-10; null when the respondent skipped it.</summary>
    public int? Nps { get; init; }
    public PmfAnswer? Pmf { get; init; }
    public string? Comment { get; init; }
    public int SourceLine { get; init; }
}
