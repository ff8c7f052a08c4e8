using IcpKit.Model;

namespace IcpKit.Generation;

/// <summary>One simulated account, with the values as exported (blanks already applied) and its hidden behaviour.</summary>
internal sealed class SimAccount
{
    public required int Index { get; init; }
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string? Industry { get; init; }
    public int? Employees { get; init; }
    public string? Country { get; init; }
    public string? Region { get; init; }
    public string? BusinessModel { get; init; }
    public required string[] TechStack { get; init; }
    public string? AcquisitionChannel { get; init; }
    public string? FundingStage { get; init; }
    /// <summary>Size of the buying team as exported (may be blank).</summary>
    public int? TeamSize { get; init; }
    public required bool IsIcp { get; init; }
    public required DateOnly FirstSeen { get; init; }
    public required List<SimDeal> Deals { get; init; }
    /// <summary>Close date of the first won deal, in the whole simulated history.</summary>
    public DateOnly? WonOn { get; set; }
    public DateOnly? ChurnOn { get; set; }
    public string? Plan { get; set; }
    public int Seats { get; set; }
    public decimal Mrr { get; set; }
    /// <summary>Days from becoming a customer to the first activation event; infinity when never.</summary>
    public double ActivationDays { get; set; } = double.PositiveInfinity;
    /// <summary>Days from becoming a customer to the first high-value event; infinity when never.</summary>
    public double HighValueDays { get; set; } = double.PositiveInfinity;
    public double Intensity { get; set; }
    public int Users { get; set; }

    /// <summary>The exported value of a trait, as the importer will read it.</summary>
    public TraitValue Trait(string field) => Trait(field, Industry, Employees, Country, Region, BusinessModel, TechStack, AcquisitionChannel, FundingStage, TeamSize);

    internal static TraitValue Trait(string field, string? industry, int? employees, string? country, string? region, string? model,
        string[] stack, string? channel, string? funding, int? team) => field switch
    {
        Model.TraitFields.Industry => TraitValue.Of(industry),
        Model.TraitFields.Employees => TraitValue.Of(employees),
        Model.TraitFields.Country => TraitValue.Of(country),
        Model.TraitFields.Region => TraitValue.Of(region),
        Model.TraitFields.BusinessModel => TraitValue.Of(model),
        Model.TraitFields.TechStack => TraitValue.Of([.. stack]),
        Model.TraitFields.AcquisitionChannel => TraitValue.Of(channel),
        "funding_stage" => TraitValue.Of(funding),
        "team_size" => TraitValue.Of(team),
        _ => TraitValue.Missing,
    };
}

/// <summary>One simulated deal over the whole history; a snapshot decides whether it is open yet.</summary>
internal sealed class SimDeal
{
    public required string Id { get; init; }
    public required DateOnly CreatedOn { get; init; }
    /// <summary>When it closes (possibly after the snapshot, which then shows it open).</summary>
    public required DateOnly CloseOn { get; init; }
    public required bool Won { get; init; }
    /// <summary>Furthest stage index reached by the close (4 for won deals).</summary>
    public required int FurthestStage { get; init; }
    public decimal? Amount { get; init; }
    public string? LossReason { get; init; }
    public required string Source { get; init; }
}

/// <summary>
/// The simulated B2B SaaS company: who is in the CRM, which deals were tried, won and lost, who churned.
/// Every number that plants an effect lives here, next to the comment that says why.
/// </summary>
internal static class SampleWorld
{
    /// <summary>The traits a planted condition may name.</summary>
    public static readonly string[] TraitFields =
        [Model.TraitFields.Employees, Model.TraitFields.Industry, Model.TraitFields.Country, Model.TraitFields.Region,
         Model.TraitFields.BusinessModel, Model.TraitFields.TechStack, Model.TraitFields.AcquisitionChannel, "funding_stage", "team_size"];

    public static readonly string[] Funnel = ["lead", "qualified", "demo", "proposal", "negotiation"];
    public const string ActivationEvent = "connect_integration";
    public const string HighValueEvent = "export_dashboard";

    private static readonly string[] Industries =
        ["software", "fintech", "healthcare", "ecommerce", "manufacturing", "logistics", "media",
         "professional_services", "education", "government", "retail", "energy"];
    // fintech's share is the over-targeting: sales bought fintech lists, so the CRM is full of them.
    private static readonly double[] IndustryWeights = [12, 20, 9, 9, 8, 7, 6, 8, 6, 4, 6, 5];
    private static readonly double[] IndustryWeightsPlain = [12, 9, 9, 9, 8, 7, 6, 8, 6, 4, 6, 5];

    // "NAM", not "NA": many CSV readers (pandas, R) read "NA" as missing.
    private static readonly (string Country, string Region, double Weight)[] Countries =
    [
        ("US", "NAM", 35), ("CA", "NAM", 5), ("UK", "EMEA", 12), ("DE", "EMEA", 10), ("FR", "EMEA", 7),
        ("NL", "EMEA", 5), ("ES", "EMEA", 3), ("SE", "EMEA", 3), ("AU", "APAC", 5), ("SG", "APAC", 3),
        ("JP", "APAC", 2), ("IN", "APAC", 4), ("BR", "LATAM", 4), ("MX", "LATAM", 2),
    ];

    private static readonly double[] CountryWeights = [.. Countries.Select(c => c.Weight)];

    private static readonly string[] BusinessModels = ["B2B", "B2C", "B2B2C", "marketplace"];
    private static readonly double[] BusinessModelWeights = [60, 15, 15, 10];

    // Written in this order inside the field; probabilities are independent.
    private static readonly (string Tech, double P)[] Techs =
    [
        ("aws", 0.55), ("gcp", 0.22), ("azure", 0.18), ("postgres", 0.45), ("snowflake", 0.30),
        ("bigquery", 0.22), ("redshift", 0.12), ("dbt", 0.20), ("looker", 0.18), ("tableau", 0.18),
        ("salesforce", 0.38), ("hubspot", 0.33), ("segment", 0.14),
    ];

    private static readonly string[] Channels = ["outbound", "inbound", "referral", "partner", "event", "paid_social"];
    private static readonly double[] ChannelWeights = [35, 30, 12, 8, 10, 5];

    public static readonly string[] Sources = ["outbound", "inbound", "referral", "warm_intro", "investor_intro", "partner"];
    private static readonly double[] SourceWeights = [35, 25, 12, 10, 7, 11];
    private static readonly double[] SourceWeightsTargeted = [70, 10, 6, 6, 3, 5];

    // Where lost deals stop: the ICP gets further before it is lost.
    private static readonly double[] LossStages = [0.30, 0.25, 0.20, 0.15, 0.10];
    private static readonly double[] IcpLossStages = [0.15, 0.20, 0.25, 0.25, 0.15];

    private static readonly string[] Plans = ["starter", "growth", "enterprise"];
    private static readonly decimal[] SeatPrice = [25m, 45m, 80m];

    private static readonly string[] NameStems =
        ["North", "Blue", "Bright", "Iron", "Silver", "Green", "Quantum", "Apex", "Cedar", "Harbor", "Summit",
         "Vector", "Lumen", "Nova", "Orbit", "Pine", "Atlas", "Crescent", "Delta", "Ember", "Falcon", "Granite",
         "Helix", "Indigo", "Juniper", "Kestrel", "Maple", "Onyx", "Prism", "Quill", "Ridge", "Sable", "Tidal"];
    private static readonly string[] NameTails =
        ["wind", "stone", "field", "works", "path", "line", "forge", "gate", "bridge", "point", "wave", "leaf"];
    private static readonly string[] NameKinds =
        ["Analytics", "Labs", "Systems", "Health", "Logistics", "Capital", "Media", "Retail", "Energy", "Software", "Group", "Partners"];
    private static readonly string[] LegalForms = ["Inc.", "Ltd", "GmbH", "LLC", "SAS", "BV", "Pty Ltd", ""];

    /// <summary>Builds the whole history; deterministic in the seed, independent of the snapshot and events volume.</summary>
    public static SimAccount[] Build(SampleExportOptions o)
    {
        var end = o.Start.AddYears(o.Years);
        int totalDays = end.DayNumber - o.Start.DayNumber;
        var accounts = new SimAccount[o.Accounts];
        int dealSeq = 0;
        for (int i = 0; i < o.Accounts; i++)
        {
            accounts[i] = BuildAccount(o, i, totalDays, end, ref dealSeq);
        }
        return accounts;
    }

    private static SimAccount BuildAccount(SampleExportOptions o, int i, int totalDays, DateOnly end, ref int dealSeq)
    {
        var r = SeededRandom.For(o.Seed, i, 1);
        double s = o.EffectStrength;

        string industry = Industries[r.PickWeighted(o.Confounders ? IndustryWeights : IndustryWeightsPlain)];
        int employees = (int)Math.Clamp(Math.Round(r.LogNormal(80, 1.3)), 2, 20_000);
        var (country, region, _) = Countries[r.PickWeighted(CountryWeights)];
        string model = BusinessModels[r.PickWeighted(BusinessModelWeights)];
        var stack = new List<string>();
        foreach (var (tech, p) in Techs) if (r.Chance(p)) stack.Add(tech);
        if (stack.Count == 0) stack.Add("postgres");
        string channel = Channels[r.PickWeighted(ChannelWeights)];
        if (o.Confounders && industry == "fintech" && r.Chance(0.6)) channel = "outbound";
        string funding = FundingStage(ref r, employees);
        int teamSize = (int)Math.Clamp(Math.Round(r.LogNormal(6 + Math.Sqrt(employees) / 3, 0.6)), 2, Math.Max(2, Math.Min(250, employees)));
        string name = CompanyName(ref r);

        // Blanks as a real CRM has them; the ICP is judged on what the export shows.
        string? xIndustry = r.Chance(0.03) ? null : industry;
        int? xEmployees = r.Chance(0.05) ? null : employees;
        string? xCountry = r.Chance(0.02) ? null : country;
        string? xModel = r.Chance(0.03) ? null : model;
        string[] xStack = r.Chance(0.08) ? [] : [.. stack];
        string? xChannel = r.Chance(0.04) ? null : channel;
        string? xFunding = r.Chance(0.25) ? null : funding;
        int? xTeam = r.Chance(0.20) ? null : teamSize;
        TraitValue Exported(string field) => SimAccount.Trait(field, xIndustry, xEmployees, xCountry, xCountry is null ? null : region, xModel,
            xStack, xChannel, xFunding, xTeam);
        // How many planted conditions the exported values meet: all of them is the ICP, each one alone lifts a little.
        int partial = o.Icp.Count(c => c.IsMetBy(Exported));
        bool icp = partial == o.Icp.Length;

        var deals = new List<SimDeal>();
        var d = SeededRandom.For(o.Seed, i, 2);
        var firstSeen = o.Start.AddDays(d.Next(totalDays));
        bool neverTried = o.Confounders && industry == "government";
        bool neverWon = o.Confounders && industry == "education";
        bool targeted = o.Confounders && industry == "fintech";
        double tryP = neverTried ? 0 : targeted ? 0.97 : 0.5;
        DateOnly? wonOn = null;
        if (d.Chance(tryP))
        {
            var created = firstSeen.AddDays(d.Next(30));
            while (created < end && deals.Count < 4)
            {
                string source = Sources[d.PickWeighted(targeted ? SourceWeightsTargeted : SourceWeights)];
                // Win odds: the ICP lifts them a lot, each single ICP trait a little; warm intros lift them
                // regardless of fit (confounder); bought fintech lists convert a shade worse; the never-won industry never signs.
                double z = -1.7 + (icp ? 2.4 * s : 0.25 * s * partial) - (targeted ? 0.15 : 0)
                    + source switch { "warm_intro" when o.Confounders => 1.5, "referral" => 0.3, "inbound" => 0.2, _ => 0 };
                bool won = !neverWon && d.Chance(1 / (1 + Math.Exp(-z)));
                int stage = won ? 4 : d.PickWeighted(icp ? IcpLossStages : LossStages);
                // The ICP closes in about half the time.
                double cycle = won ? d.LogNormal(80 - 42 * Math.Min(s, 1.5) * (icp ? 1 : 0), 0.45) : d.LogNormal(18 + 16 * stage, 0.6);
                var closeOn = created.AddDays(Math.Max(1, (int)Math.Round(cycle)));
                decimal? amount = d.Chance(0.03) ? null
                    : Math.Max(1200m, Math.Round((decimal)(teamSize * d.LogNormal(1, 0.35)) * 45m * 12m / 100m) * 100m);
                string? reason = won || d.Chance(0.12) ? null : LossReason(ref d, stage, neverWon);
                deals.Add(new SimDeal
                {
                    Id = "D" + (++dealSeq).ToString("D7", System.Globalization.CultureInfo.InvariantCulture),
                    CreatedOn = created, CloseOn = closeOn, Won = won, FurthestStage = stage,
                    Amount = amount, LossReason = reason, Source = source,
                });
                if (won) { wonOn = closeOn; break; }
                if (!d.Chance(targeted ? 0.55 : 0.3)) break;
                created = closeOn.AddDays(d.Between(60, 300));
            }
        }

        var account = new SimAccount
        {
            Index = i, Id = AccountId(i), Name = name, Industry = xIndustry, Employees = xEmployees,
            Country = xCountry, Region = xCountry is null ? null : region, BusinessModel = xModel, TechStack = xStack,
            AcquisitionChannel = xChannel, FundingStage = xFunding, TeamSize = xTeam, IsIcp = icp,
            FirstSeen = deals.Count > 0 ? Min(firstSeen, deals[0].CreatedOn) : firstSeen, Deals = deals, WonOn = wonOn,
        };
        if (wonOn is { } since) BecomeCustomer(account, o, since, employees, teamSize, icp);
        return account;
    }

    private static void BecomeCustomer(SimAccount a, SampleExportOptions o, DateOnly since, int employees, int teamSize, bool icp)
    {
        var c = SeededRandom.For(o.Seed, a.Index, 3);
        double s = o.EffectStrength;
        double w = icp ? Math.Min(s, 1.5) : 0; // how much of the ICP behaviour this account shows
        int plan = employees <= 50 ? 0 : employees <= 1000 ? 1 : 2;
        if (c.Chance(0.15)) plan = Math.Clamp(plan + (c.Chance(0.5) ? 1 : -1), 0, 2);
        a.Plan = Plans[plan];
        a.Seats = Math.Max(1, (int)Math.Round(teamSize * (0.6 + 0.7 * c.NextDouble())));
        a.Mrr = a.Seats * SeatPrice[plan];
        // Monthly churn hazard: 3% for the rest, 0.8% for the ICP; fintech and warm intros churn like the rest.
        double hazard = 0.03 - 0.022 * Math.Min(w, 1.3);
        var churn = since.AddDays((int)Math.Round(c.Exponential(30.44 / hazard)) + 1);
        if (churn < o.Start.AddYears(o.Years)) a.ChurnOn = churn;
        // Activation and the first high-value event come sooner and more often for the ICP.
        if (!c.Chance(0.35 - 0.27 * Math.Min(w, 1.2)))
        {
            a.ActivationDays = c.LogNormal(18 - 14 * Math.Min(w, 1.2), 0.7);
            if (!c.Chance(0.40 - 0.30 * Math.Min(w, 1.2)))
                a.HighValueDays = a.ActivationDays + c.LogNormal(40 - 30 * Math.Min(w, 1.2), 0.6);
        }
        a.Intensity = (1 + 1.2 * w) * c.LogNormal(1, 0.45) * (double.IsInfinity(a.ActivationDays) ? 0.4 : 1);
        a.Users = Math.Clamp(a.Seats + c.Between(0, 2), 1, 99);
    }

    private static string FundingStage(ref SeededRandom r, int employees)
    {
        if (r.Chance(0.12)) return "bootstrapped";
        double x = Math.Log10(employees) + r.Normal() * 0.5;
        return x < 1.0 ? "pre_seed" : x < 1.5 ? "seed" : x < 2.0 ? "series_a" : x < 2.5 ? "series_b" : "series_c_plus";
    }

    private static string LossReason(ref SeededRandom r, int stage, bool neverWon)
    {
        if (neverWon) return r.Chance(0.6) ? "missing_feature" : "no_budget";
        if (r.Chance(0.05)) return "other";
        string[] pool = stage switch
        {
            0 => ["no_budget", "timing", "no_decision"],
            1 => ["no_budget", "competitor", "timing"],
            2 => ["missing_feature", "competitor", "no_decision"],
            _ => ["price", "competitor", "no_decision"],
        };
        return r.Pick(pool);
    }

    private static string CompanyName(ref SeededRandom r)
    {
        string form = LegalForms[r.Next(LegalForms.Length)];
        string core = r.Pick(NameStems) + r.Pick(NameTails) + " " + r.Pick(NameKinds);
        // Some CRMs keep the comma before "Inc.", which the CSV must quote.
        return form.Length == 0 ? core : form == "Inc." && r.Chance(0.5) ? core + ", Inc." : core + " " + form;
    }

    public static string AccountId(int index) => "A" + (index + 1).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
