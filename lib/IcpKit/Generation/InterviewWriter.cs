namespace IcpKit.Generation;

/// <summary>
/// Writes interviews.csv: a small set of invented step-4 interview notes, every row marked <c>synthetic: yes</c>, with a
/// planted voice difference: ICP customers show enthusiasm signals far more often and red flags far less.
/// </summary>
/// <remarks>
/// Draws come from their own stream per account (stream 6), so adding interviews changed no other sample file. About one
/// in eight active ICP customers, one in seventy other active customers and one in two hundred and fifty accounts that
/// only ever lost were interviewed, ICP customers first (60 to 30 days before as_of), the contrast set after (40 to 0 days).
/// </remarks>
internal static class InterviewWriter
{
    // Probabilities of each tag: ICP customers, then everyone else (the planted difference).
    private static readonly (string Tag, double Icp, double Other)[] TagOdds =
    [
        ("demo_excitement", 0.60, 0.15), ("strong_problem_agreement", 0.75, 0.25), ("constant_feedback", 0.40, 0.10),
        ("polite_interest", 0.10, 0.50), ("unintended_use", 0.05, 0.30),
    ];

    private static readonly string[] IcpThemes = ["snowflake_reporting", "board_reporting", "customer_dashboards", "replace_spreadsheets", "data_team_time"];
    private static readonly string[] OtherThemes = ["cheap_dashboards", "one_off_report", "marketing_metrics", "replace_spreadsheets", "curiosity", "pricing"];

    private static readonly string[] IcpLooking =
    [
        "Our customers kept asking for numbers we had in Snowflake but could not show them.",
        "The data team spent two days a month building the board pack by hand.",
        "We outgrew spreadsheets once finance and sales wanted the same figures.",
    ];
    private static readonly string[] OtherLooking =
    [
        "A colleague saw a demo and thought it looked clever.",
        "We needed one report for a client, once.",
        "Marketing wanted nicer charts for social media.",
    ];
    private static readonly string[] IcpPicked = ["The Snowflake connector worked on the first try.", "It was the only one our data team trusted.", "Dashboards our customers can open themselves."];
    private static readonly string[] OtherPicked = ["It was cheap for the first month.", "Someone on the team had used it before.", "Interesting product, we were curious."];
    private static readonly string[] IcpLike = ["Scheduled exports to customers.", "One number everyone agrees on.", "Alerts when a metric moves."];
    private static readonly string[] OtherLike = ["The charts look cool.", "It is clever, I guess.", "Nothing in particular."];
    private static readonly string[] IcpAchieve = ["Board reporting in an hour instead of two days.", "Customers see their own usage without asking us.", "The data team builds models again, not reports."];
    private static readonly string[] OtherAchieve = ["Not much yet.", "We use it for our personal to-do lists.", "A few charts for a presentation."];
    private static readonly string[] Roles = ["head of data", "cfo", "analyst", "founder", "ops lead"];
    private static readonly string[] Firsts = ["Dana", "Ravi", "Mei", "Jonas", "Amara", "Lucas", "Priya", "Tomasz", "Elena", "Kwame", "Sofia", "Hiroshi"];
    private static readonly string[] Lasts = ["Whitfield", "Okafor", "Lindqvist", "Moreau", "Castillo", "Nakamura", "Brennan", "Adeyemi", "Kowalski", "Ferreira"];

    public static int Write(string path, SimAccount[] accounts, SampleExportOptions o, DateOnly asOf)
    {
        using var csv = CsvOut.Create(path);
        csv.Row("account_id", "interviewed_on", "contact", "role", "why_started_looking", "why_picked_us", "like_most", "helps_achieve",
            "business_does", "tags", "themes", "would_pay", "invited_colleagues", "synthetic");
        int n = 0;
        foreach (var a in accounts)
        {
            var r = SeededRandom.For(o.Seed, a.Index, 6);
            bool everWon = a.WonOn is { } won && won <= asOf;
            bool customer = everWon && !(a.ChurnOn is { } churn && churn <= asOf);
            bool onlyLost = !everWon && a.Deals.Any(d => !d.Won && d.CloseOn <= asOf);
            bool icp = a.IsIcp && customer;
            double p = icp ? 0.35 : customer ? 1.0 / 35 : onlyLost ? 1.0 / 150 : 0;
            if (!r.Chance(p)) continue;
            // ICP first, then the contrast set: the method's order.
            var on = icp ? asOf.AddDays(-30 - r.Next(31)) : asOf.AddDays(-r.Next(41));
            var tags = new List<string>();
            foreach (var (tag, pi, po) in TagOdds) if (r.Chance(icp ? pi : po)) tags.Add(tag);
            bool invited = customer && r.Chance(icp ? 0.5 : 0.1);
            // A colleague invitation is written as a tag only half the time: the column alone must count too.
            if (invited && r.Chance(0.5)) tags.Insert(Math.Min(tags.Count, 3), "invited_colleagues");
            bool? wouldPay = r.Chance(0.15) ? null : r.Chance(icp ? 0.92 : 0.45);
            if (wouldPay == false && r.Chance(0.5)) tags.Add("would_not_pay");
            var pool = icp ? IcpThemes : OtherThemes;
            // The first themes come up most: interviews repeat them after a while (saturation).
            var themes = new List<string>();
            for (int k = 0; k < 2; k++)
            {
                var theme = pool[Math.Min(pool.Length - 1, (int)(pool.Length * Math.Pow(r.NextDouble(), 2.2)))];
                if (!themes.Contains(theme)) themes.Add(theme);
            }
            csv.Field(a.Id).Field(on).Field(r.Pick(Firsts) + " " + r.Pick(Lasts)).Field(r.Pick(Roles))
                .Field(r.Pick(icp ? IcpLooking : OtherLooking)).Field(r.Pick(icp ? IcpPicked : OtherPicked))
                .Field(r.Pick(icp ? IcpLike : OtherLike)).Field(r.Pick(icp ? IcpAchieve : OtherAchieve))
                .Field(BusinessOf(a)).Quoted(string.Join(';', tags)).Quoted(string.Join(';', themes))
                .Field(wouldPay is { } pay ? (pay ? "yes" : "no") : null).Field(customer ? (invited ? "yes" : "no") : null).Field("yes").End();
            n++;
        }
        return n;
    }

    private static string BusinessOf(SimAccount a) =>
        $"{(a.BusinessModel ?? "a").Replace("_", " ", StringComparison.Ordinal)} {(a.Industry ?? "software").Replace("_", " ", StringComparison.Ordinal)} company" +
        (a.Employees is { } e ? $" of about {e} people" : "");
}
