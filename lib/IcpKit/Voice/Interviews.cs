using IcpKit.Analysis;
using IcpKit.Icp;
using IcpKit.Loading;

namespace IcpKit.Voice;

/// <summary>Step 4 as notebook 04b asks it: each question, or the sentence saying what the export lacks to answer it.</summary>
public static class Interviews
{
    /// <summary>Whom to interview (see <see cref="InterviewPlan"/>).</summary>
    public static InterviewPlan Plan(ExportData export, IcpDefinition icp, int customers = 10, int lost = 5) =>
        InterviewPlan.Build(export, icp, customers, lost);

    /// <summary>Tag rates of ICP against non-ICP interviews, or why they cannot be compared yet.</summary>
    public static Measured<TagRates> TagRates(ExportData export, IcpDefinition icp)
    {
        ArgumentNullException.ThrowIfNull(export);
        ArgumentNullException.ThrowIfNull(icp);
        if (Inputs.Missing(export, Need.Interviews) is { } missing) return missing;
        var split = IcpSplit.Of(export, icp);
        int inside = export.Interviews.Count(i => split.Contains(i.AccountId)), outside = export.Interviews.Length - inside;
        if (inside == 0) return new NotMeasurable($"none of the {outside} interviews is with an ICP account yet (start with the ICP customers of the interview plan)");
        if (outside == 0) return new NotMeasurable($"all {inside} interviews are with ICP accounts (interview the plan's non-ICP customers and lost deals to compare)");
        return Voice.TagRates.Compare(export.Interviews, split);
    }

    /// <summary>New themes and tags per ICP interview, in date order, or why there is nothing to follow.</summary>
    public static Measured<Saturation> Saturation(ExportData export, IcpDefinition icp, int run = 3)
    {
        ArgumentNullException.ThrowIfNull(export);
        ArgumentNullException.ThrowIfNull(icp);
        if (Inputs.Missing(export, Need.Interviews) is { } missing) return missing;
        var split = IcpSplit.Of(export, icp);
        var inside = export.Interviews.Where(i => split.Contains(i.AccountId)).ToList();
        if (inside.Count == 0) return new NotMeasurable("no interview with an ICP account yet (start with the ICP customers of the interview plan)");
        return Voice.Saturation.Of(inside, IcpSplit.IcpLabel, run);
    }

    /// <summary>Whether the non-ICP interviews contradict the ICP, or why that cannot be said yet.</summary>
    public static Measured<Contradiction> Contradiction(ExportData export, IcpDefinition icp)
    {
        ArgumentNullException.ThrowIfNull(export);
        ArgumentNullException.ThrowIfNull(icp);
        return TagRates(export, icp).Then(rates => Voice.Contradiction.Of(rates, export.Interviews,
            export.Accounts.Select(a => IcpSplit.MatchOf(export, icp, a))));
    }

    /// <summary>Colleagues invited after activation, from the events, ICP against the rest, or what it needs.</summary>
    public static Measured<ColleaguesInvited> Colleagues(ExportData export, IcpDefinition icp)
    {
        ArgumentNullException.ThrowIfNull(export);
        ArgumentNullException.ThrowIfNull(icp);
        if (Inputs.Missing(export, Need.Customers | Need.ActivationEvents) is { } missing) return missing;
        if (export.Usage.Values.Any(u => u.UsersAddedAfterActivation is null))
        {
            return new NotMeasurable("the events were folded by a database (events.source in icpkit.yaml), which does not count users added after activation yet; export the events to events.csv to measure it");
        }
        return ColleaguesInvited.Of(export, IcpSplit.Of(export, icp)) is { } result
            ? result
            : new NotMeasurable("no activated customer in the ICP or outside it (both groups need customers who reached an activation event)");
    }
}
