using IcpKit.Rendering;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using IcpKit.Icp;
using IcpKit.Model;
using Microsoft.Data.Analysis;

namespace IcpKit.PutToWork;

/// <summary>One account scored against the ICP.</summary>
/// <param name="Account">The account.</param>
/// <param name="Match">How it fits.</param>
/// <param name="Usage">The usage it was scored with; null when the export has no usage.</param>
public sealed record AccountScore(Account Account, IcpMatch Match, AccountUsage? Usage = null)
{
    /// <summary>The account's fit grade.</summary>
    public FitGrade Grade => Match.Grade;
}

/// <summary>One open deal scored through its account.</summary>
/// <param name="Deal">The open deal.</param>
/// <param name="Account">Its account.</param>
/// <param name="Match">How the account fits.</param>
/// <param name="Usage">The account's usage; null when the export has no usage.</param>
public sealed record DealScore(Deal Deal, Account Account, IcpMatch Match, AccountUsage? Usage = null)
{
    /// <summary>The deal's account's fit grade.</summary>
    public FitGrade Grade => Match.Grade;
}

/// <summary>Every account and open deal scored against one ICP; build with <see cref="IcpScoring"/>.</summary>
/// <param name="Icp">The ICP scored against.</param>
/// <param name="Accounts">Every account, in input order.</param>
/// <param name="OpenDeals">Every open deal whose account is known, in input order.</param>
/// <param name="UnscoredDeals">Open deals whose account_id is not among the accounts.</param>
public sealed record IcpScores(IcpDefinition Icp, ImmutableArray<AccountScore> Accounts, ImmutableArray<DealScore> OpenDeals, ImmutableArray<Deal> UnscoredDeals)
    : IHtmlRenderable, ITextRenderable
{
    /// <summary>Per grade, for a reader: grade, status, accounts, % of accounts, open deals, open pipeline.</summary>
    public Table Table => Table.Of(["grade", "status", "accounts", "% of accounts", "open deals", "open pipeline"],
        Enum.GetValues<FitGrade>().Select(g => (IReadOnlyList<object?>)[g.ToString(), FitGrades.StatusOf(g), AccountsByGrade[g],
            Format.Percent(Accounts.IsEmpty ? 0 : (double)AccountsByGrade[g] / Accounts.Length), OpenDealsByGrade[g],
            OpenDeals.Where(d => d.Grade == g).Sum(d => d.Deal.Amount ?? 0m)]),
        caption: string.Create(CultureInfo.InvariantCulture, $"{Icp.Name} (version {Icp.Version}): {Format.Count(Accounts.Length)} accounts and {Format.Count(OpenDeals.Length)} open deals by fit grade")
            + (UnscoredDeals.IsEmpty ? "" : string.Create(CultureInfo.InvariantCulture, $"; {UnscoredDeals.Length} open deals have an account_id not among the accounts")));

    /// <inheritdoc/>
    public string ToHtml() => Table.ToHtml();

    /// <inheritdoc/>
    public string ToText() => Table.ToText();

    /// <summary>Accounts per grade (every grade present, possibly 0).</summary>
    public ImmutableSortedDictionary<FitGrade, int> AccountsByGrade =>
        Enum.GetValues<FitGrade>().ToImmutableSortedDictionary(g => g, g => Accounts.Count(a => a.Grade == g));

    /// <summary>Open deals per grade.</summary>
    public ImmutableSortedDictionary<FitGrade, int> OpenDealsByGrade =>
        Enum.GetValues<FitGrade>().ToImmutableSortedDictionary(g => g, g => OpenDeals.Count(d => d.Grade == g));

    /// <summary>Share of accounts in the ICP (grade A); 0 with no accounts.</summary>
    public double Coverage => Accounts.IsEmpty ? 0 : (double)Accounts.Count(a => a.Grade == FitGrade.A) / Accounts.Length;

    /// <summary>
    /// One row per grade: grade, status, accounts, share of accounts, open deals, open pipeline amount.
    /// A new DataFrame on every call, so changing it does not change this result.
    /// </summary>
    public DataFrame Summary
    {
        get
        {
            var grades = Enum.GetValues<FitGrade>();
            return new DataFrame(
                new StringDataFrameColumn("grade", grades.Select(g => g.ToString())),
                new StringDataFrameColumn("status", grades.Select(FitGrades.StatusOf)),
                new Int32DataFrameColumn("accounts", grades.Select(g => AccountsByGrade[g])),
                new DoubleDataFrameColumn("share", grades.Select(g => Accounts.IsEmpty ? 0 : (double)AccountsByGrade[g] / Accounts.Length)),
                new Int32DataFrameColumn("open_deals", grades.Select(g => OpenDealsByGrade[g])),
                new DecimalDataFrameColumn("open_pipeline", grades.Select(g => OpenDeals.Where(d => d.Grade == g).Sum(d => d.Deal.Amount ?? 0m))));
        }
    }

    /// <summary>One row per account: account_id, name, grade, status, in_icp, near_miss, excluded, failed_rules, reasons.</summary>
    public DataFrame AccountsFrame() => new(
        new StringDataFrameColumn("account_id", Accounts.Select(a => a.Account.AccountId)),
        new StringDataFrameColumn("name", Accounts.Select(a => a.Account.Name)),
        new StringDataFrameColumn("grade", Accounts.Select(a => a.Grade.ToString())),
        new StringDataFrameColumn("status", Accounts.Select(a => a.Match.Status)),
        new BooleanDataFrameColumn("in_icp", Accounts.Select(a => a.Match.InIcp)),
        new BooleanDataFrameColumn("near_miss", Accounts.Select(a => a.Match.NearMiss)),
        new BooleanDataFrameColumn("excluded", Accounts.Select(a => a.Match.Excluded)),
        new Int32DataFrameColumn("failed_rules", Accounts.Select(a => a.Match.FailedRules.Length)),
        new StringDataFrameColumn("reasons", Accounts.Select(a => string.Join("; ", a.Match.Reasons))));

    /// <summary>One row per scored open deal: deal_id, account_id, account_name, stage, amount, created_on, grade, status, reasons.</summary>
    public DataFrame OpenDealsFrame() => new(
        new StringDataFrameColumn("deal_id", OpenDeals.Select(d => d.Deal.DealId)),
        new StringDataFrameColumn("account_id", OpenDeals.Select(d => d.Account.AccountId)),
        new StringDataFrameColumn("account_name", OpenDeals.Select(d => d.Account.Name)),
        new StringDataFrameColumn("stage", OpenDeals.Select(d => d.Deal.Stage)),
        new DecimalDataFrameColumn("amount", OpenDeals.Select(d => d.Deal.Amount)),
        new DateTimeDataFrameColumn("created_on", OpenDeals.Select(d => d.Deal.CreatedOn?.ToDateTime(TimeOnly.MinValue))),
        new StringDataFrameColumn("grade", OpenDeals.Select(d => d.Grade.ToString())),
        new StringDataFrameColumn("status", OpenDeals.Select(d => d.Match.Status)),
        new StringDataFrameColumn("reasons", OpenDeals.Select(d => string.Join("; ", d.Match.Reasons))));

    /// <summary>The field name <see cref="AccountsWithGrade"/> uses by default.</summary>
    public const string GradeField = "icp_grade";

    /// <summary>
    /// The accounts with their grade added as an extra category trait (A to D), so that any analysis by trait can
    /// compare grades, e.g. the historical win rate per grade: <c>WinRates.By(deals, "icp_grade")</c> over these accounts.
    /// </summary>
    /// <param name="field">Name of the added trait; an extra of that name is replaced.</param>
    public ImmutableArray<Account> AccountsWithGrade(string field = GradeField) =>
        [.. Accounts.Select(a => a.Account with { Extras = a.Account.Extras.SetItem(field, TraitValue.Of(a.Grade.ToString())) })];

    /// <summary>A text table of accounts and open deals per grade.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Icp.Name} (version {Icp.Version}): {Accounts.Length} accounts, {Coverage * 100:0.0}% in the ICP; {OpenDeals.Length} open deals").AppendLine();
        text.AppendLine("grade  status       accounts  open deals");
        foreach (var g in Enum.GetValues<FitGrade>())
            text.Append(CultureInfo.InvariantCulture, $"{g,-5}  {FitGrades.StatusOf(g),-11}  {AccountsByGrade[g],8}  {OpenDealsByGrade[g],10}").AppendLine();
        if (!UnscoredDeals.IsEmpty) text.Append(CultureInfo.InvariantCulture, $"{UnscoredDeals.Length} open deals have an account_id not among the accounts").AppendLine();
        return text.ToString().TrimEnd();
    }
}

/// <summary>Scores accounts and the open pipeline against an ICP.</summary>
public static class IcpScoring
{
    /// <summary>Scores every account and every open deal (joined to its account by account_id).</summary>
    /// <param name="icp">The ICP.</param>
    /// <param name="accounts">All accounts.</param>
    /// <param name="deals">All deals; only open ones are scored.</param>
    /// <param name="usage">
    /// Usage per account_id when the export has events (an account without an entry then has no usage: zero events,
    /// not activated); null when it has none, which leaves every usage field missing.
    /// </param>
    /// <example><c>IcpScoring.Score(icp, accounts, deals, usage).AccountsByGrade[FitGrade.A]</c> counts the ICP's accounts.</example>
    public static IcpScores Score(IcpDefinition icp, IEnumerable<Account> accounts, IEnumerable<Deal> deals, IReadOnlyDictionary<string, AccountUsage>? usage = null)
    {
        ArgumentNullException.ThrowIfNull(icp);
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(deals);
        var dealsOf = icp.HasDealRules ? deals.ToLookup(d => d.AccountId, StringComparer.Ordinal) : null;
        var scored = accounts.Select(a =>
        {
            var u = UsageOf(a.AccountId, usage);
            return new AccountScore(a, icp.Match(a, u, dealsOf?[a.AccountId].ToList()), u);
        }).ToImmutableArray();
        var byId = new Dictionary<string, AccountScore>(StringComparer.Ordinal);
        foreach (var s in scored) byId.TryAdd(s.Account.AccountId, s);
        var open = deals.Where(d => d.Outcome == DealOutcome.Open).ToList();
        return new IcpScores(
            icp,
            scored,
            [.. open.Where(d => byId.ContainsKey(d.AccountId)).Select(d => ScoreDeal(d, byId[d.AccountId]))],
            [.. open.Where(d => !byId.ContainsKey(d.AccountId))]);
    }

    /// <summary>Scores an imported export: its accounts and open deals, with usage when it has events.</summary>
    public static IcpScores Score(IcpDefinition icp, Loading.ExportData export)
    {
        ArgumentNullException.ThrowIfNull(export);
        // Without an events file usage fields are unknown, not zero (see IcpFields.Resolve).
        return Score(icp, export.Accounts, export.Deals, export.Has(Loading.ExportFile.Events) ? export.Usage : null);
    }

    private static DealScore ScoreDeal(Deal deal, AccountScore account) => new(deal, account.Account, account.Match, account.Usage);

    private static AccountUsage? UsageOf(string accountId, IReadOnlyDictionary<string, AccountUsage>? usage) =>
        usage is null ? null : usage.TryGetValue(accountId, out var u) ? u : IcpFields.NoUsage(accountId);
}
