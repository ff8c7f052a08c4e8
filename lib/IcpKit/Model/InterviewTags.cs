using System.Collections.Immutable;

namespace IcpKit.Model;

/// <summary>Which way an interview tag points.</summary>
public enum TagKind
{
    /// <summary>Real enthusiasm: the signal the method says an ideal customer gives.</summary>
    Enthusiasm,
    /// <summary>Politeness, not fit: the signal the method says to distrust.</summary>
    RedFlag,
}

/// <summary>One tag an interview may carry.</summary>
/// <param name="Name">The tag as written in interviews.csv (snake_case).</param>
/// <param name="Kind">Enthusiasm or red flag.</param>
/// <param name="Meaning">What the interviewer saw, in words.</param>
public sealed record InterviewTag(string Name, TagKind Kind, string Meaning);

/// <summary>The documented list of interview tags (docs/data-contract.md); interviews.csv may use no other.</summary>
/// <remarks>
/// The list follows the method's signals. Two tags have a column of their own too: <c>invited_colleagues</c> (the
/// column says yes) and <c>would_not_pay</c> (<c>would_pay</c> says no); <see cref="Has"/> counts either, so a signal
/// written in the column and not in the tags is not lost.
/// </remarks>
public static class InterviewTags
{
    /// <summary>Visible excitement in a demo.</summary>
    public const string DemoExcitement = "demo_excitement";
    /// <summary>Strong agreement with the problem we solve.</summary>
    public const string StrongProblemAgreement = "strong_problem_agreement";
    /// <summary>Sends feedback and requests all the time.</summary>
    public const string ConstantFeedback = "constant_feedback";
    /// <summary>Invited colleagues without being asked.</summary>
    public const string InvitedColleagues = "invited_colleagues";
    /// <summary>Polite words only: interesting, cool, clever.</summary>
    public const string PoliteInterest = "polite_interest";
    /// <summary>Uses the product for something it was not built for.</summary>
    public const string UnintendedUse = "unintended_use";
    /// <summary>Uses it, but says they would not pay.</summary>
    public const string WouldNotPay = "would_not_pay";

    /// <summary>Every known tag: enthusiasm signals first, then red flags.</summary>
    public static ImmutableArray<InterviewTag> All { get; } =
    [
        new(DemoExcitement, TagKind.Enthusiasm, "visible excitement in a demo"),
        new(StrongProblemAgreement, TagKind.Enthusiasm, "strong agreement with the problem we solve"),
        new(ConstantFeedback, TagKind.Enthusiasm, "sends feedback and requests all the time"),
        new(InvitedColleagues, TagKind.Enthusiasm, "invited colleagues without being asked"),
        new(PoliteInterest, TagKind.RedFlag, "polite words only: \"interesting\", \"cool\", \"clever\""),
        new(UnintendedUse, TagKind.RedFlag, "uses the product for something it was not built for"),
        new(WouldNotPay, TagKind.RedFlag, "uses it, but says they would not pay for it"),
    ];

    /// <summary>The tag of that name (case-insensitive, trimmed), or null when it is not in the list.</summary>
    public static InterviewTag? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var key = name.Trim();
        return All.FirstOrDefault(t => string.Equals(t.Name, key, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>True when the interview shows the tag, from the tags or from its own column (see remarks of the class).</summary>
    public static bool Has(Interview interview, string tag)
    {
        ArgumentNullException.ThrowIfNull(interview);
        return interview.Tags.Contains(tag, StringComparer.Ordinal) || tag switch
        {
            InvitedColleagues => interview.InvitedColleagues == true,
            WouldNotPay => interview.WouldPay == false,
            _ => false,
        };
    }

    /// <summary>True when the interview shows any enthusiasm signal.</summary>
    public static bool AnyEnthusiasm(Interview interview) => All.Any(t => t.Kind == TagKind.Enthusiasm && Has(interview, t.Name));

    /// <summary>True when the interview shows any red flag.</summary>
    public static bool AnyRedFlag(Interview interview) => All.Any(t => t.Kind == TagKind.RedFlag && Has(interview, t.Name));
}
