using System.Globalization;
using IcpKit.Icp;
using IcpKit.Loading;
using IcpKit.Rendering;
using IcpKit.Statistics;
using Microsoft.Data.Analysis;

namespace IcpKit.Voice;

/// <summary>
/// The product-side evidence of enthusiasm: colleagues invited, counted as distinct users whose first event came after
/// the account's first activation event, ICP customers against the rest.
/// </summary>
/// <remarks>
/// Among customers that activated (<see cref="Model.AccountUsage.UsersAddedAfterActivation"/>): the share that added at
/// least one user after activating, compared with Fisher's exact test and Wilson intervals, and the mean users added.
/// The user who activated the account is not counted (their first event is at or before the activation). Example: 3 of
/// 4 ICP customers and 1 of 4 others added someone: 75.0% vs 25.0%, Fisher p = 0.4857.
/// </remarks>
/// <param name="Icp">ICP customers that activated and added at least one user.</param>
/// <param name="NonIcp">Other activated customers that added at least one user.</param>
/// <param name="IcpMeanAdded">Mean users added per activated ICP customer.</param>
/// <param name="NonIcpMeanAdded">Mean users added per other activated customer.</param>
/// <param name="Test">Fisher's exact test of the shares.</param>
public sealed record ColleaguesInvited(ProportionEstimate Icp, ProportionEstimate NonIcp, double IcpMeanAdded, double NonIcpMeanAdded,
    FisherExactResult Test) : IHtmlRenderable, ITextRenderable
{
    /// <summary>Measures it on an export whose events carry the count; null when a group has no activated customer.</summary>
    /// <exception cref="ArgumentException">A usage record lacks the count (a database fold).</exception>
    public static ColleaguesInvited? Of(ExportData export, IcpSplit split)
    {
        ArgumentNullException.ThrowIfNull(export);
        ArgumentNullException.ThrowIfNull(split);
        var activated = export.Accounts.Where(a => a.IsCustomer && export.Usage.TryGetValue(a.AccountId, out var u) && u.FirstActivationAt is not null)
            .Select(a => (In: split.Contains(a.AccountId), Added: export.Usage[a.AccountId].UsersAddedAfterActivation
                ?? throw new ArgumentException("the events' usage does not count users added after activation", nameof(export))))
            .ToList();
        var icp = activated.Where(x => x.In).Select(x => x.Added).ToList();
        var rest = activated.Where(x => !x.In).Select(x => x.Added).ToList();
        if (icp.Count == 0 || rest.Count == 0) return null;
        int a = icp.Count(n => n > 0), c = rest.Count(n => n > 0);
        return new ColleaguesInvited(Proportions.Wilson(a, icp.Count), Proportions.Wilson(c, rest.Count), icp.Average(), rest.Average(),
            FisherExact.FromCounts(a, icp.Count, c, rest.Count, guard: SampleGuard.None));
    }

    private static string Share(ProportionEstimate p) =>
        string.Create(CultureInfo.InvariantCulture, $"{p.Successes} of {p.N} ({Format.Percent(p.Estimate)})");

    /// <summary>One sentence: who adds colleagues more, and how sure.</summary>
    public string Verdict => string.Create(CultureInfo.InvariantCulture,
        $"{Format.Percent(Icp.Estimate)} of activated ICP customers added a colleague after activating, against {Format.Percent(NonIcp.Estimate)} of the others ({Format.PClause(Test.PValue)}; {Format.Number(IcpMeanAdded)} against {Format.Number(NonIcpMeanAdded)} users added on average).");

    private IEnumerable<IReadOnlyList<object?>> Cells() =>
    [
        ["ICP", Share(Icp), Format.PercentInterval(Icp.Interval.Lower, Icp.Interval.Upper), Format.Number(IcpMeanAdded)],
        ["non-ICP", Share(NonIcp), Format.PercentInterval(NonIcp.Interval.Lower, NonIcp.Interval.Upper), Format.Number(NonIcpMeanAdded)],
    ];

    private static readonly string[] Headers = ["group", "activated customers that added a user", "95% interval", "users added on average"];

    /// <summary>Two rows (ICP, the rest): activated customers, how many added a colleague, the share and the mean users added.</summary>
    public DataFrame Summary => new(
        [
            new StringDataFrameColumn("group", ["ICP", "the rest"]),
            new Int32DataFrameColumn("activated_customers", [Icp.N, NonIcp.N]),
            new Int32DataFrameColumn("added_a_colleague", [Icp.Successes, NonIcp.Successes]),
            new DoubleDataFrameColumn("share", [Icp.Estimate, NonIcp.Estimate]),
            new DoubleDataFrameColumn("mean_users_added", [IcpMeanAdded, NonIcpMeanAdded]),
        ]);

    /// <inheritdoc/>
    public string ToHtml() => "<p>" + HtmlText.Escape(Verdict) + "</p>" + HtmlTable.Render(Headers, Cells());

    /// <inheritdoc/>
    public string ToText() => Verdict + Environment.NewLine + TextTable.Render(Headers, Cells());

    /// <inheritdoc/>
    public override string ToString() => ToText();
}
