using CsCheck;
using IcpKit.Icp;
using IcpKit.Model;
using static IcpKit.Tests.Icp.IcpTestData;

namespace IcpKit.Tests.Icp;

public class IcpRoundTripTests
{
    [Fact]
    public void ToYaml_EveryOperatorAndExperiment_ReadsBackEqual()
    {
        var icp = new IcpDefinition(
            "Mid-market: data teams \"v3\"", 3, new DateOnly(2026, 10, 1),
            [
                IcpRule.Between("employees", 51, 500) with { Note = "big enough: has a data team" },
                IcpRule.Between("customer_since", new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31)),
                IcpRule.AtLeast("mrr", 1234.5678),
                IcpRule.AtMost("arr_growth", -0.25),
                IcpRule.EqualTo("funding_stage", "Series A"),
                // Category values that YAML would otherwise read as other things stay text.
                IcpRule.In("industry", ["yes", "3", "null", "#hash", "- dash", "a: b"]),
                IcpRule.NotIn("region", ["EMEA"]),
                IcpRule.Contains("tech_stack", ["snowflake", "bigquery"]),
                IcpRule.IsMissing("plan", missing: false),
                IcpRule.AtLeast("usage.events.connect_integration", 1, RuleGroup.Needs),
                IcpRule.EqualTo("usage.activated", "true", RuleGroup.Needs),
                IcpRule.In("industry", ["Government"], RuleGroup.DoesntNeed),
                IcpRule.IsMissing("country", group: RuleGroup.DoesntNeed),
            ],
            "Line one.\nLine two, with a colon: here.",
            new IcpExperiment("ICP accounts book a demo at twice the rate", "win_rate", 0.1, new DateOnly(2026, 12, 31)));

        var yaml = icp.ToYaml();
        var back = IcpFile.Parse(yaml, Catalog);

        Assert.Equal(icp, back);
        Assert.Equal(yaml, back.ToYaml());
    }

    [Fact]
    public void ToYaml_MinimalIcp_ReadsLikeTheDocumentedShape()
    {
        var icp = new IcpDefinition("Data teams", 1, new DateOnly(2026, 10, 1),
            [IcpRule.Between("employees", 51, 500) with { Note = "big enough" }, IcpRule.Contains("tech_stack", ["snowflake"])]);

        // The file a person reads and edits: flow lists for values, one rule per list item.
        Assert.Equal("""
            name: Data teams
            version: 1
            date: 2026-10-01
            has:
            - field: employees
              between: [51, 500]
              note: big enough
            - field: tech_stack
              contains: ["snowflake"]

            """.ReplaceLineEndings("\n"), icp.ToYaml());
    }

    [Fact]
    public void Equals_IgnoresWhereTheRuleWasRead()
    {
        var rule = IcpRule.AtLeast("mrr", 10);

        Assert.Equal(rule, rule with { Line = 42 });
        Assert.NotEqual(rule, rule with { Note = "x" });
    }

    [Fact]
    public void ToYaml_AnyText_RoundTrips()
    {
        // Names, notes, descriptions and category values with YAML's special characters, quotes and line breaks survive the file.
        Gen.String[Gen.Char["#:-[]{},&*!|>'\"%@` \t\nab\\"], 1, 12]
            .Where(s => !string.IsNullOrWhiteSpace(s))
            .Sample(value =>
            {
                var icp = new IcpDefinition(value, 1, new DateOnly(2026, 1, 1),
                    [IcpRule.In("industry", [value]) with { Note = value }], Description: value);

                var yaml = icp.ToYaml();
                try
                {
                    Assert.Equal(icp, IcpFile.Parse(yaml, IcpTestData.Catalog));
                }
                catch (Exception e)
                {
                    throw new InvalidOperationException("YAML written:\n" + yaml, e);
                }
            }, iter: 1000);
    }
}
