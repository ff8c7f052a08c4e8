using System.Globalization;
using System.Text;

namespace IcpKit.Generation;

/// <summary>What one <see cref="SampleExportGenerator.Generate"/> call wrote.</summary>
/// <param name="Folder">The export folder.</param>
/// <param name="Accounts">Rows in accounts.csv.</param>
/// <param name="Deals">Rows in deals.csv.</param>
/// <param name="Events">Rows in events.csv.</param>
/// <param name="Surveys">Rows in surveys.csv.</param>
/// <param name="Truth">What was planted.</param>
public sealed record GeneratedExport(string Folder, int Accounts, int Deals, long Events, int Surveys, PlantedTruth Truth)
{
    /// <summary>Rows in interviews.csv (invented step-4 interview notes, marked synthetic).</summary>
    public int Interviews { get; init; }
}

/// <summary>
/// Writes a realistic, seeded export of a B2B SaaS startup in the canonical layout (accounts, deals, events,
/// surveys and icpkit.yaml), with a planted ICP and planted confounders (<see cref="PlantedTruth"/>).
/// </summary>
/// <remarks>
/// The same options always give byte-identical files: every draw comes from a per-account seeded stream,
/// formatting is invariant and lines end in "\n". Events are written as they are drawn, one account at a
/// time, so 10,000,000 events need no more memory than 2,000.
/// <code>
/// var export = new SampleExportGenerator(new SampleExportOptions { Accounts = 2000, Seed = 42 }).Generate("data-samples/2026Q3");
/// // export.Truth.IcpRule: employees between 51 and 1000, tech_stack contains snowflake, business_model equals B2B
/// </code>
/// </remarks>
public sealed class SampleExportGenerator
{
    /// <summary>A generator for the given options.</summary>
    public SampleExportGenerator(SampleExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    /// <summary>The options this generator writes with.</summary>
    public SampleExportOptions Options { get; }

    /// <summary>What the export plants.</summary>
    public PlantedTruth Truth => PlantedTruth.For(Options);

    /// <summary>Writes accounts.csv, deals.csv, events.csv, surveys.csv, interviews.csv (synthetic notes), mrr_history.csv, spend.csv and icpkit.yaml into <paramref name="outDir"/> (created if needed).</summary>
    public GeneratedExport Generate(string outDir)
    {
        Directory.CreateDirectory(outDir);
        var o = Options;
        var asOf = o.EffectiveAsOf;
        var world = SampleWorld.Build(o);
        var visible = world.Where(a => a.FirstSeen <= asOf).ToArray();

        int accounts = WriteAccounts(Path.Combine(outDir, "accounts.csv"), visible, asOf);
        int deals = WriteDeals(Path.Combine(outDir, "deals.csv"), visible, asOf);
        int surveys = WriteSurveys(Path.Combine(outDir, "surveys.csv"), visible, o, asOf);
        long events = EventWriter.Write(Path.Combine(outDir, "events.csv"), visible, o, asOf);
        int interviews = InterviewWriter.Write(Path.Combine(outDir, "interviews.csv"), visible, o, asOf);
        if (o.ValueFiles)
        {
            ValueWriter.WriteMrrHistory(Path.Combine(outDir, "mrr_history.csv"), visible, o, asOf);
            ValueWriter.WriteSpend(Path.Combine(outDir, "spend.csv"), visible, o, asOf);
        }
        File.WriteAllText(Path.Combine(outDir, "icpkit.yaml"), Yaml(o, asOf), new UTF8Encoding(false));
        return new GeneratedExport(outDir, accounts, deals, events, surveys, Truth) { Interviews = interviews };
    }

    private static int WriteAccounts(string path, SimAccount[] accounts, DateOnly asOf)
    {
        using var csv = CsvOut.Create(path);
        csv.Row("account_id", "name", "industry", "employees", "country", "region", "business_model", "tech_stack",
            "acquisition_channel", "customer_since", "churned_on", "plan", "mrr", "seats", "funding_stage", "team_size");
        foreach (var a in accounts)
        {
            bool customer = a.WonOn is { } won && won <= asOf;
            csv.Field(a.Id).Field(a.Name).Field(a.Industry).Field(a.Employees).Field(a.Country).Field(a.Region)
                .Field(a.BusinessModel).Quoted(string.Join(';', a.TechStack)).Field(a.AcquisitionChannel)
                .Field(customer ? a.WonOn : null).Field(customer && a.ChurnOn <= asOf ? a.ChurnOn : null)
                .Field(customer ? a.Plan : null).Field(customer ? a.Mrr : null).Field(customer ? a.Seats : null)
                .Field(a.FundingStage).Field(a.TeamSize).End();
        }
        return accounts.Length;
    }

    private static int WriteDeals(string path, SimAccount[] accounts, DateOnly asOf)
    {
        using var csv = CsvOut.Create(path);
        csv.Row("deal_id", "account_id", "created_on", "closed_on", "stage", "outcome", "amount", "loss_reason", "source");
        int n = 0;
        foreach (var a in accounts)
        {
            foreach (var d in a.Deals)
            {
                if (d.CreatedOn > asOf) continue;
                bool closed = d.CloseOn <= asOf;
                // An open deal has got as far through its path as the elapsed share of its cycle.
                int stage = closed ? d.FurthestStage
                    : Math.Min(d.FurthestStage, (int)Math.Floor((d.FurthestStage + 1) * (double)(asOf.DayNumber - d.CreatedOn.DayNumber) / (d.CloseOn.DayNumber - d.CreatedOn.DayNumber)));
                csv.Field(d.Id).Field(a.Id).Field(d.CreatedOn).Field(closed ? d.CloseOn : null).Field(SampleWorld.Funnel[stage])
                    .Field(!closed ? "open" : d.Won ? "won" : "lost").Field(d.Amount).Field(closed ? d.LossReason : null)
                    .Field(d.Source).End();
                n++;
            }
        }
        return n;
    }

    private static readonly string[] Roles = ["user", "admin", "buyer", "exec"];
    private static readonly double[] RoleWeights = [50, 25, 15, 10];
    private static readonly string[] PmfAnswers = ["very disappointed", "somewhat disappointed", "not disappointed"];

    // Comments by mood; some carry commas, quotes and line breaks on purpose.
    private static readonly string[] Happy =
    [
        "The Snowflake connector saved us days every month.",
        "Dashboards, alerts and exports: everything our team needs.",
        "Our CFO now says \"show me the dashboard\" instead of asking for a spreadsheet.",
        "Setup took an afternoon.\nSupport answered within the hour.",
        "Would recommend to any data team, honestly.",
    ];
    private static readonly string[] Neutral =
    [
        "Useful, but the reports are slow on big projects.",
        "Good product; pricing is hard to justify for small teams.",
        "We use it weekly. Nothing more, nothing less.",
        "Missing a \"compare periods\" view.\nOtherwise fine.",
    ];
    private static readonly string[] Unhappy =
    [
        "Could not connect our warehouse, so we barely use it.",
        "Too expensive for what we get.",
        "Our team never really adopted it; the setup was confusing, and support was slow.",
        "We needed SSO, audit logs, and an on-prem option.\nNone are there yet.",
    ];

    private static int WriteSurveys(string path, SimAccount[] accounts, SampleExportOptions o, DateOnly asOf)
    {
        using var csv = CsvOut.Create(path);
        csv.Row("account_id", "user_id", "responded_on", "role", "nps", "pmf", "comment");
        int n = 0;
        foreach (var a in accounts)
        {
            if (a.WonOn is not { } since || since > asOf) continue;
            var r = SeededRandom.For(o.Seed, a.Index, 4);
            var last = a.ChurnOn is { } churn && churn <= asOf ? churn : asOf;
            int span = last.DayNumber - since.DayNumber - 14;
            if (span <= 0 || !r.Chance(0.5)) continue;
            double w = a.IsIcp ? Math.Min(o.EffectStrength, 1.2) : 0;
            int responses = r.Between(1, Math.Min(3, a.Users));
            var dates = new DateOnly[responses];
            for (int k = 0; k < responses; k++) dates[k] = since.AddDays(14 + r.Next(span));
            Array.Sort(dates);
            for (int k = 0; k < responses; k++)
            {
                int user = Math.Min(a.Users - 1, k * Math.Max(1, a.Users / responses));
                string role = Roles[r.PickWeighted(RoleWeights)];
                // NPS around 6 for the rest and 8.6 for the ICP; PMF "very disappointed" 22% vs 58%.
                int nps = (int)Math.Clamp(Math.Round(6.2 + 2.4 * w + r.Normal() * (2.2 - 0.9 * w)), 0, 10);
                int pmf = r.PickWeighted([0.22 + 0.36 * w, 0.40 - 0.08 * w, 0.38 - 0.28 * w]);
                string? comment = r.Chance(0.55) ? null
                    : r.Pick(nps >= 9 ? Happy : nps >= 7 ? Neutral : Unhappy);
                csv.Field(a.Id).Field(EventWriter.UserId(a.Index, user)).Field(dates[k]).Field(r.Chance(0.05) ? null : role)
                    .Field(r.Chance(0.08) ? null : nps).Field(r.Chance(0.10) ? null : PmfAnswers[pmf]).Field(comment).End();
                n++;
            }
        }
        return n;
    }

    private static string Yaml(SampleExportOptions o, DateOnly asOf)
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append("# Mapping of this export onto the IcpKit data contract (canonical layout: nothing to rename).\n");
        sb.Append(ci, $"# Written by: icpkit generate --accounts {o.Accounts} --seed {o.Seed} --as-of {asOf:yyyy-MM-dd} --events {o.EffectiveEvents}\n");
        sb.Append("preset: canonical\n");
        sb.Append(ci, $"as_of: {asOf:yyyy-MM-dd}\n");
        sb.Append("funnel: [").Append(string.Join(", ", SampleWorld.Funnel)).Append("]\n");
        sb.Append("activation_events: [").Append(SampleWorld.ActivationEvent).Append("]\n");
        sb.Append("high_value_events: [").Append(SampleWorld.HighValueEvent).Append("]\n");
        sb.Append("bands:\n");
        sb.Append("  employees: [1, 11, 51, 201, 1001]   # lower bounds: 1-10, 11-50, 51-200, 201-1000, 1001+\n");
        sb.Append("analysis:                             # what the notebooks break results down by (unset: chosen from the export)\n");
        sb.Append("  focus_trait: industry\n");
        sb.Append("  size_trait: employees\n");
        sb.Append("  cross_traits: [employees, team_size]\n");
        if (o.ValueFiles)
        {
            sb.Append("value:                                # lifetime value and payback (spend.csv, mrr_history.csv)\n");
            sb.Append("  horizon_months: 24\n");
            sb.Append("  gross_margin: 0.8\n");
        }
        return sb.ToString();
    }
}
