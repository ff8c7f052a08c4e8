using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using IcpKit.Icp;
using IcpKit.Loading;
using IcpKit.Outcomes;
using IcpKit.Rendering;
using IcpKit.Statistics;
using Microsoft.Data.Analysis;

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
    /// <summary>The outcome's id (see <see cref="IcpOutcomes"/>).</summary>
    public string Id { get; init; } = "";

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
/// <param name="Customers">Customers at as_of in the ICP.</param>
/// <param name="Outcomes">Win rate, retention at 12 months, median won amount, activation: ICP against the rest.</param>
public sealed record IcpSummaryCard(IcpDefinition Icp, int Accounts, int TotalAccounts, int Customers, ImmutableArray<CardOutcome> Outcomes)
    : IHtmlRenderable, ITextRenderable
{
    /// <summary>The outcomes on the card, in order (each as <see cref="IcpOutcomes"/> defines it).</summary>
    public static ImmutableArray<string> CardOutcomes { get; } = [IcpOutcomes.WinRate, IcpOutcomes.Retention, IcpOutcomes.Acv, IcpOutcomes.Activation];

    /// <summary>Share of accounts in the ICP.</summary>
    public double Coverage => TotalAccounts == 0 ? double.NaN : (double)Accounts / TotalAccounts;

    /// <summary>Builds the card for an ICP on an export.</summary>
    /// <remarks>
    /// The split is <see cref="IcpSplit.Of"/> and every outcome is measured by its registered definition
    /// (<see cref="IcpOutcomes"/>), the same the ICP test (step 4) and summary.json use, so the card's numbers are
    /// step 4's numbers. An outcome the export cannot measure (activation without events) is left off.
    /// </remarks>
    public static IcpSummaryCard For(IcpDefinition icp, ExportData export)
    {
        ArgumentNullException.ThrowIfNull(icp);
        ArgumentNullException.ThrowIfNull(export);
        var split = IcpSplit.Of(export, icp);
        var outcomes = ImmutableArray.CreateBuilder<CardOutcome>();
        foreach (var id in CardOutcomes)
        {
            var definition = IcpOutcomes.Get(id);
            var measure = definition.Measure(export, split.Segmentation);
            if (!measure.IsMeasurable) continue;
            var (icpValue, restValue) = (measure.ValueOf(IcpSplit.IcpLabel), measure.ValueOf(IcpSplit.NonIcpLabel));
            outcomes.Add(new CardOutcome(definition.ValueWords, icpValue?.Estimate ?? double.NaN, restValue?.Estimate ?? double.NaN,
                icpValue?.N ?? 0, restValue?.N ?? 0, definition.IsRate) { Id = id });
        }
        var customers = export.Accounts.Count(a => a.IsCustomerAt(export.AsOf) && split.Contains(a.AccountId));
        return new IcpSummaryCard(icp, split.IcpAccounts, split.Accounts, customers, outcomes.ToImmutable());
    }

    /// <summary>
    /// One row per figure: first the coverage (the share of accounts in the ICP, with the accounts in and out), then each
    /// outcome on the card: its id and words, the ICP's value against the rest's, the observations behind each, and
    /// whether it is a rate.
    /// </summary>
    public DataFrame Summary
    {
        get
        {
            CardOutcome[] rows = [new CardOutcome("share of accounts in the ICP", Coverage, double.NaN, Accounts, TotalAccounts - Accounts, true) { Id = "coverage" }, .. Outcomes];
            return new DataFrame(
                new StringDataFrameColumn("outcome", rows.Select(o => o.Id)),
                new StringDataFrameColumn("label", rows.Select(o => o.Outcome)),
                new DoubleDataFrameColumn("icp", rows.Select(o => o.Icp)),
                new DoubleDataFrameColumn("rest", rows.Select(o => o.Rest)),
                new Int32DataFrameColumn("n_icp", rows.Select(o => o.IcpN)),
                new Int32DataFrameColumn("n_rest", rows.Select(o => o.RestN)),
                new BooleanDataFrameColumn("is_rate", rows.Select(o => o.IsRate)));
        }
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
