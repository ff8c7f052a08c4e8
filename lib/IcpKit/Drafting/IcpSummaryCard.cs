using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using IcpKit.Icp;
using IcpKit.Loading;
using IcpKit.Metrics;
using IcpKit.Model;
using IcpKit.Rendering;
using IcpKit.Statistics;

namespace IcpKit.Drafting;

/// <summary>One outcome on the card: the ICP's value against the rest's.</summary>
/// <param name="Outcome">What is measured, in words ("win rate of closed deals").</param>
/// <param name="Icp">The ICP's value (a rate or an amount); NaN when it has no data.</param>
/// <param name="Rest">The rest's value.</param>
/// <param name="IcpN">Observations behind the ICP's value.</param>
/// <param name="RestN">Observations behind the rest's value.</param>
/// <param name="IsRate">True for rates (shown as percentages), false for amounts.</param>
public sealed record CardOutcome(string Outcome, double Icp, double Rest, int IcpN, int RestN, bool IsRate)
{
    /// <summary>The value as the card shows it.</summary>
    public string Show(double value) => IsRate ? Format.Percent(value) : Format.Fixed(value, 0);
}

/// <summary>
/// A one-slide summary of an ICP on an export: who it is, how many accounts, and their win rate, retention, ACV
/// and activation against the rest, with the needs / has / doesn't need lists.
/// </summary>
/// <param name="Icp">The ICP.</param>
/// <param name="Accounts">Accounts in the ICP.</param>
/// <param name="TotalAccounts">All accounts.</param>
/// <param name="Customers">Customers (ever) in the ICP.</param>
/// <param name="Outcomes">Win rate, retention at the horizon, median won amount, activation: ICP against the rest.</param>
public sealed record IcpSummaryCard(IcpDefinition Icp, int Accounts, int TotalAccounts, int Customers, ImmutableArray<CardOutcome> Outcomes)
    : IHtmlRenderable, ITextRenderable
{
    // Group labels of the ICP / rest split.
    private const string IcpGroup = "ICP";
    private const string RestGroup = "rest";

    /// <summary>Share of accounts in the ICP.</summary>
    public double Coverage => TotalAccounts == 0 ? double.NaN : (double)Accounts / TotalAccounts;

    /// <summary>Builds the card for an ICP on an export.</summary>
    /// <remarks>
    /// Retention is <see cref="Metrics.Retention.Survival(IEnumerable{Account}, DateOnly, Metrics.Segmentation?, IEnumerable{int}?, SampleGuard?)"/>
    /// read at <paramref name="retentionDays"/> after becoming a customer (churn the event, customers still there
    /// censored at as_of), so recent customers count for as long as they have been customers. Activation is
    /// <see cref="Activation.Rate(IEnumerable{Account}, IReadOnlyDictionary{string, AccountUsage}, DateOnly, Metrics.Segmentation?, int, SampleGuard?)"/>:
    /// an activation event within 30 days, among customers followed that long (n/a without events).
    /// </remarks>
    public static IcpSummaryCard For(IcpDefinition icp, ExportData export, int retentionDays = 365)
    {
        ArgumentNullException.ThrowIfNull(icp);
        ArgumentNullException.ThrowIfNull(export);
        var hasUsage = export.Has(ExportFile.Events);
        AccountUsage? UsageOf(Account a) => !hasUsage ? null
            : export.Usage.TryGetValue(a.AccountId, out var u) ? u : IcpFields.NoUsage(a.AccountId);
        var inIcp = export.Accounts.Where(a => icp.Match(a, UsageOf(a)).InIcp).Select(a => a.AccountId).ToHashSet(StringComparer.Ordinal);
        bool In(Account a) => inIcp.Contains(a.AccountId);
        var accountsById = export.Accounts.ToDictionary(a => a.AccountId, StringComparer.Ordinal);
        bool DealIn(Deal d) => inIcp.Contains(d.AccountId);

        var closed = export.Deals.Where(d => d.IsClosed && accountsById.ContainsKey(d.AccountId)).ToArray();
        CardOutcome Rate(string name, IEnumerable<bool> icpHits, IEnumerable<bool> restHits)
        {
            var a = icpHits.ToArray();
            var b = restHits.ToArray();
            return new CardOutcome(name, a.Length == 0 ? double.NaN : a.Count(x => x) / (double)a.Length,
                b.Length == 0 ? double.NaN : b.Count(x => x) / (double)b.Length, a.Length, b.Length, true);
        }
        var win = Rate("win rate of closed deals",
            closed.Where(DealIn).Select(d => d.Outcome == DealOutcome.Won), closed.Where(d => !DealIn(d)).Select(d => d.Outcome == DealOutcome.Won));

        // ICP against the rest through the metrics engine, so the card's numbers are step 4's numbers.
        var split = Segmentation.InOrOut("icp", In, IcpGroup, RestGroup);
        var customers = export.Accounts.Where(a => a.CustomerSince is { } s && s <= export.AsOf).ToArray();
        var icpCustomers = customers.Count(In);
        var restCustomers = customers.Length - icpCustomers;
        var survival = customers.Length == 0 ? null : Metrics.Retention.Survival(customers, export.AsOf, split);
        double RetentionOf(string group) =>
            survival?.Curves.Fits.FirstOrDefault(f => f.Group == group)?.SurvivalAt(retentionDays) ?? double.NaN;
        var retention = new CardOutcome($"{retentionDays}-day logo retention (Kaplan-Meier)", RetentionOf(IcpGroup), RetentionOf(RestGroup),
            icpCustomers, restCustomers, true);

        static double Median(double[] v) => v.Length == 0 ? double.NaN : MathNet.Numerics.Statistics.Statistics.Median(v);
        var won = closed.Where(d => d.Outcome == DealOutcome.Won && d.Amount is > 0).ToArray();
        var icpAmounts = won.Where(DealIn).Select(d => (double)d.Amount!.Value).ToArray();
        var restAmounts = won.Where(d => !DealIn(d)).Select(d => (double)d.Amount!.Value).ToArray();
        var acv = new CardOutcome("median won deal amount", Median(icpAmounts), Median(restAmounts), icpAmounts.Length, restAmounts.Length, false);

        var outcomes = ImmutableArray.CreateBuilder<CardOutcome>();
        outcomes.AddRange(win, retention, acv);
        if (hasUsage)
        {
            var activation = Activation.Rate(customers, export.Usage, export.AsOf, split);
            ProportionEstimate? ActivationOf(string group) => activation.Groups.FirstOrDefault(g => g.Group == group)?.Rate;
            var (icpAct, restAct) = (ActivationOf(IcpGroup), ActivationOf(RestGroup));
            outcomes.Add(new CardOutcome(activation.Measure, icpAct?.Estimate ?? double.NaN, restAct?.Estimate ?? double.NaN,
                icpAct?.N ?? 0, restAct?.N ?? 0, true));
        }
        return new IcpSummaryCard(icp, inIcp.Count, export.Accounts.Length, icpCustomers, outcomes.ToImmutable());
    }

    private static readonly ImmutableArray<string> OutcomeHeaders = ["outcome", "ICP", "rest", "n ICP", "n rest"];

    private IEnumerable<IReadOnlyList<object?>> OutcomeRows() =>
        Outcomes.Select(o => (IReadOnlyList<object?>)[o.Outcome, o.Show(o.Icp), o.Show(o.Rest), o.IcpN, o.RestN]);

    private string Who() => string.Create(CultureInfo.InvariantCulture,
        $"{Accounts} of {TotalAccounts} accounts ({Format.Percent(Coverage)}), {Customers} of them customers");

    private IEnumerable<(string Title, ImmutableArray<IcpRule> Rules)> Lists() =>
        [("Needs", Icp.Needs), ("Has", Icp.Has), ("Doesn't need", Icp.DoesntNeed)];

    /// <inheritdoc/>
    public string ToHtml()
    {
        var sb = new StringBuilder("<div class=\"icpkit-card\" style=\"border:1px solid #ccc;border-radius:8px;padding:12px 16px;max-width:900px\">");
        sb.Append("<h3 style=\"margin-top:0\">").Append(HtmlText.Escape(Icp.Name)).Append(" <small>(version ")
          .Append(Icp.Version.ToString(CultureInfo.InvariantCulture)).Append(", ").Append(Icp.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(")</small></h3>");
        if (Icp.Description is { } d) sb.Append("<p>").Append(HtmlText.Escape(d)).Append("</p>");
        sb.Append("<p><b>Who:</b> ").Append(HtmlText.Escape(Who())).Append("</p>");
        sb.Append("<div style=\"display:flex;gap:24px;flex-wrap:wrap\"><div>");
        sb.Append(HtmlTable.Render(OutcomeHeaders, OutcomeRows()));
        sb.Append("</div><div>");
        foreach (var (title, rules) in Lists())
        {
            sb.Append("<p style=\"margin-bottom:2px\"><b>").Append(HtmlText.Escape(title)).Append("</b></p><ul style=\"margin-top:0\">");
            if (rules.IsDefaultOrEmpty) sb.Append("<li><i>nothing</i></li>");
            foreach (var r in rules)
            {
                sb.Append("<li>").Append(HtmlText.Escape(r.Describe()));
                if (r.Note is { } note) sb.Append(" <small>(").Append(HtmlText.Escape(note)).Append(")</small>");
                sb.Append("</li>");
            }
            sb.Append("</ul>");
        }
        return sb.Append("</div></div></div>").ToString();
    }

    /// <inheritdoc/>
    public string ToText()
    {
        var sb = new StringBuilder();
        sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{Icp.Name} (version {Icp.Version}, {Icp.Date:yyyy-MM-dd})"));
        sb.AppendLine("Who: " + Who());
        sb.AppendLine(TextTable.Render(OutcomeHeaders, OutcomeRows()));
        foreach (var (title, rules) in Lists())
        {
            sb.AppendLine(title + ":");
            if (rules.IsDefaultOrEmpty) sb.AppendLine("  - nothing");
            foreach (var r in rules) sb.AppendLine("  - " + r.Describe() + (r.Note is null ? "" : $"  ({r.Note})"));
        }
        return sb.ToString().TrimEnd();
    }

    /// <inheritdoc/>
    public override string ToString() => ToText();
}
