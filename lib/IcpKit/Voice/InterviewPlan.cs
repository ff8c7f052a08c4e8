using System.Collections.Immutable;
using System.ComponentModel;
using System.Globalization;
using IcpKit.Icp;
using IcpKit.Loading;
using IcpKit.Model;
using IcpKit.Rendering;
using Microsoft.Data.Analysis;

namespace IcpKit.Voice;

/// <summary>Which part of the plan a row belongs to, in the order the method talks to them.</summary>
public enum PlanGroup
{
    /// <summary>Active customers in the ICP: talk to these first.</summary>
    [Description("ICP customer")] IcpCustomer,
    /// <summary>Active customers outside the ICP: the contrast set.</summary>
    [Description("non-ICP customer")] NonIcpCustomer,
    /// <summary>Accounts whose last deal was lost and that never became customers: the other contrast set.</summary>
    [Description("lost deal")] LostDeal,
    /// <summary>A company a stakeholder named in step 3 (icp.yaml <c>examples</c>).</summary>
    [Description("stakeholder example")] StakeholderExample,
}

/// <summary>One account to interview, and why it is on the list.</summary>
/// <param name="Group">Which part of the plan.</param>
/// <param name="Rank">Position within its group, from 1.</param>
/// <param name="AccountId">The account; null for an example company not found in the export.</param>
/// <param name="Name">The account's name (or the example as written in icp.yaml when not found).</param>
/// <param name="Strength">For customers: how many of promoter, high usage and long tenure it shows (0-3); null otherwise.</param>
/// <param name="Why">Why it is on the list, in words.</param>
/// <param name="IcpCheck">"matches", or the rules it fails; for an example not found, that it is not in the export.</param>
public sealed record PlanRow(PlanGroup Group, int Rank, string? AccountId, string? Name, int? Strength, string Why, string IcpCheck);

/// <summary>
/// Whom to interview in step 4: the strongest ICP customers first, a contrast set of non-ICP customers and of lost
/// deals, and the stakeholders' example companies, each checked against the ICP.
/// </summary>
/// <remarks>
/// <para>
/// <b>Ordering of customers</b> (the same for ICP and non-ICP customers, among the active customers of each group):
/// strength first, the number of these three marks the customer shows: <i>promoter</i> (its latest NPS answer is 9 or
/// 10), <i>high usage</i> (events per active week at or above the group's median; no mark without events) and <i>long
/// tenure</i> (months since customer_since at or above the group's median). Ties go to more events per active week, then
/// longer tenure, then the account id. Example: a promoter with median usage and a short tenure (strength 2) comes before
/// a passive with the group's highest usage and longest tenure (also 2, but usage breaks the tie only between equals).
/// </para>
/// <para>
/// <b>Lost deals</b>: accounts that never became customers, by the close date of their latest lost deal, newest first.
/// <b>Examples</b> are found by account id, else by name ignoring case, spaces and punctuation; an example that is not
/// in the export says so.
/// </para>
/// </remarks>
public sealed record InterviewPlan(IcpDefinition Icp, ImmutableArray<PlanRow> Rows) : IHtmlRenderable, ITextRenderable
{
    /// <summary>The file <see cref="SaveCsv"/> writes.</summary>
    public const string FileName = "interview-plan.csv";

    /// <summary>Builds the plan: <paramref name="customers"/> ICP and non-ICP customers each, <paramref name="lost"/> lost deals, every example.</summary>
    public static InterviewPlan Build(ExportData export, IcpDefinition icp, int customers = 10, int lost = 5)
    {
        ArgumentNullException.ThrowIfNull(export);
        ArgumentNullException.ThrowIfNull(icp);
        ArgumentOutOfRangeException.ThrowIfNegative(customers);
        ArgumentOutOfRangeException.ThrowIfNegative(lost);
        var split = IcpSplit.Of(export, icp);
        var active = export.Accounts.Where(a => a.IsActiveCustomer(export.AsOf)).ToList();
        var rows = ImmutableArray.CreateBuilder<PlanRow>();
        rows.AddRange(Customers(export, icp, active.Where(a => split.Contains(a.AccountId)), PlanGroup.IcpCustomer).Take(customers));
        rows.AddRange(Customers(export, icp, active.Where(a => !split.Contains(a.AccountId)), PlanGroup.NonIcpCustomer).Take(customers));
        rows.AddRange(LostDeals(export, icp).Take(lost));
        rows.AddRange(Examples(export, icp));
        return new InterviewPlan(icp, rows.ToImmutable());
    }

    /// <summary>Months between two dates, counting whole days (30.44 a month).</summary>
    private static double Months(DateOnly from, DateOnly to) => (to.DayNumber - from.DayNumber) / 30.44;

    private static string IcpCheckOf(IcpMatch match) => match.InIcp ? "matches" : "fails: " + string.Join("; ", match.Reasons);

    private static IEnumerable<PlanRow> Customers(ExportData export, IcpDefinition icp, IEnumerable<Account> accounts, PlanGroup group)
    {
        var hasEvents = export.Has(ExportFile.Events);
        var latestNps = export.Surveys.Where(s => s.Nps is not null).GroupBy(s => s.AccountId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(s => s.RespondedOn).ThenBy(s => s.SourceLine).Last().Nps!.Value, StringComparer.Ordinal);
        var list = accounts.Select(a => (
            Account: a,
            Usage: hasEvents ? (export.Usage.TryGetValue(a.AccountId, out var u) ? u.EventsPerActiveWeek : 0) : (double?)null,
            Tenure: Months(a.CustomerSince!.Value, export.AsOf),
            Nps: latestNps.TryGetValue(a.AccountId, out var n) ? n : (int?)null)).ToList();
        if (list.Count == 0) return [];
        var usageMedian = hasEvents ? Median(list.Select(x => x.Usage!.Value)) : double.NaN;
        var tenureMedian = Median(list.Select(x => x.Tenure));
        return list.Select(x =>
            {
                var promoter = x.Nps is >= 9;
                var highUsage = x.Usage is { } u && u >= usageMedian;
                var longTenure = x.Tenure >= tenureMedian;
                var why = new List<string>
                {
                    x.Nps is { } nps ? (promoter ? $"promoter (NPS {nps})" : $"NPS {nps}") : "no NPS answer",
                    x.Usage is { } usage ? $"{Format.Fixed(usage, 1)} events a week{(highUsage ? " (high)" : "")}" : "usage unknown (no events)",
                    $"customer for {Format.Number(Math.Floor(x.Tenure))} months{(longTenure ? " (long)" : "")}",
                };
                return (x, Strength: (promoter ? 1 : 0) + (highUsage ? 1 : 0) + (longTenure ? 1 : 0), Why: string.Join("; ", why));
            })
            .OrderByDescending(r => r.Strength).ThenByDescending(r => r.x.Usage ?? 0).ThenByDescending(r => r.x.Tenure)
            .ThenBy(r => r.x.Account.AccountId, StringComparer.Ordinal)
            .Select((r, i) => new PlanRow(group, i + 1, r.x.Account.AccountId, r.x.Account.Name, r.Strength, r.Why,
                IcpCheckOf(IcpSplit.MatchOf(export, icp, r.x.Account))));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static IEnumerable<PlanRow> LostDeals(ExportData export, IcpDefinition icp)
    {
        var byId = export.Accounts.ToDictionary(a => a.AccountId, StringComparer.Ordinal);
        return export.Deals.Where(d => d.Outcome == DealOutcome.Lost && d.ClosedOn is not null && byId.TryGetValue(d.AccountId, out var a) && !a.IsCustomerAt(export.AsOf))
            .GroupBy(d => d.AccountId, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(d => d.ClosedOn).ThenBy(d => d.DealId, StringComparer.Ordinal).First())
            .OrderByDescending(d => d.ClosedOn).ThenBy(d => d.AccountId, StringComparer.Ordinal)
            .Select((d, i) =>
            {
                var account = byId[d.AccountId];
                var why = string.Create(CultureInfo.InvariantCulture, $"lost on {d.ClosedOn:yyyy-MM-dd} at {Format.Words(d.Stage)}") +
                    (string.IsNullOrWhiteSpace(d.LossReason) ? "" : $" ({Format.Words(d.LossReason)})");
                return new PlanRow(PlanGroup.LostDeal, i + 1, account.AccountId, account.Name, null, why,
                    IcpCheckOf(IcpSplit.MatchOf(export, icp, account)));
            });
    }

    private static IEnumerable<PlanRow> Examples(ExportData export, IcpDefinition icp) =>
        icp.Examples.Select((example, i) =>
        {
            var key = Names.Key(example.Company);
            var account = export.Accounts.FirstOrDefault(a => a.AccountId == example.Company)
                ?? export.Accounts.FirstOrDefault(a => a.Name is { } n && Names.Key(n) == key);
            var why = "named by a stakeholder" + (example.Note is null ? "" : ": " + example.Note);
            return account is null
                ? new PlanRow(PlanGroup.StakeholderExample, i + 1, null, example.Company, null, why,
                    $"not in this export: no account named or with the id '{example.Company}'")
                : new PlanRow(PlanGroup.StakeholderExample, i + 1, account.AccountId, account.Name, null, why,
                    IcpCheckOf(IcpSplit.MatchOf(export, icp, account)));
        });

    /// <summary>The rows of one group.</summary>
    public ImmutableArray<PlanRow> Of(PlanGroup group) => [.. Rows.Where(r => r.Group == group)];

    /// <summary>The columns of the table and of the CSV.</summary>
    public static ImmutableArray<string> Columns { get; } = ["group", "rank", "account_id", "name", "strength", "why", "icp_check"];

    private IEnumerable<IReadOnlyList<object?>> Cells() =>
        Rows.Select(r => (IReadOnlyList<object?>)[Format.Words(r.Group), r.Rank, r.AccountId, r.Name, r.Strength, r.Why, r.IcpCheck]);

    /// <summary>Writes <see cref="FileName"/> into <paramref name="folder"/> (safe to open in a spreadsheet) and returns its path.</summary>
    public string SaveCsv(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileName);
        SpreadsheetCsv.Save(path, Columns, Cells());
        return path;
    }

    /// <summary>The CSV text (see <see cref="SpreadsheetCsv"/>).</summary>
    public string ToCsv()
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        SpreadsheetCsv.Write(writer, Columns, Cells());
        return writer.ToString();
    }

    private string Caption => string.Create(CultureInfo.InvariantCulture,
        $"Interview plan for {Icp.Name} (version {Icp.Version}): {Of(PlanGroup.IcpCustomer).Length} ICP customers first, then {Of(PlanGroup.NonIcpCustomer).Length} non-ICP customers and {Of(PlanGroup.LostDeal).Length} lost deals to contrast, and {Of(PlanGroup.StakeholderExample).Length} stakeholder examples.");

    private static readonly string[] Headers = ["group", "rank", "account id", "name", "strength (of 3)", "why", "ICP check"];

    /// <summary>The plan as rows: group, rank, account, name, strength, why, and the check against the ICP.</summary>
    public DataFrame Summary => new(
        [
            new StringDataFrameColumn("group", Rows.Select(r => r.Group.ToString())),
            new Int32DataFrameColumn("rank", Rows.Select(r => r.Rank)),
            new StringDataFrameColumn("account_id", Rows.Select(r => r.AccountId)),
            new StringDataFrameColumn("name", Rows.Select(r => r.Name)),
            new Int32DataFrameColumn("strength", Rows.Select(r => r.Strength)),
            new StringDataFrameColumn("why", Rows.Select(r => r.Why)),
            new StringDataFrameColumn("icp_check", Rows.Select(r => r.IcpCheck)),
        ]);

    /// <inheritdoc/>
    public string ToHtml() => Rows.IsEmpty
        ? "<p>" + HtmlText.Escape("Nobody to interview yet: no active customers, lost deals or examples.") + "</p>"
        : HtmlTable.Render(Headers, Cells(), Caption);

    /// <inheritdoc/>
    public string ToText() => TextTable.Render(Headers, Cells(), Caption);

    /// <inheritdoc/>
    public override string ToString() => ToText();
}
