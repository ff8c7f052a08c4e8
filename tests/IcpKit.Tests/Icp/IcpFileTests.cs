using IcpKit.Icp;
using IcpKit.Model;
using static IcpKit.Tests.Icp.IcpTestData;

namespace IcpKit.Tests.Icp;

public class IcpFileTests
{
    private const string Example = """
        name: Mid-market data teams
        version: 3
        date: 2026-10-01
        description: Data teams big enough to feel the pain
        has:            # traits, all must hold
          - field: employees
            between: [51, 500]
            note: big enough to have a data team
          - field: tech_stack
            contains: snowflake
          - field: business_model
            in: [B2B]
        needs:
          - field: usage.events.connect_integration
            at_least: 1
        doesnt_need:
          - field: industry
            in: [Government]
        experiment:
          hypothesis: ICP accounts book a demo at twice the rate
          metric: win_rate
          success_threshold: 0.10
          ends_on: 2026-12-31
        """;

    private static IcpFileException Fails(string yaml) => Assert.Throws<IcpFileException>(() => IcpFile.Parse(yaml, Catalog));

    private static string Header => "name: t\nversion: 1\ndate: 2026-01-01\n";

    [Fact]
    public void Parse_DocumentedExample_ReadsEveryPart()
    {
        var icp = IcpFile.Parse(Example, Catalog);

        Assert.Equal("Mid-market data teams", icp.Name);
        Assert.Equal(3, icp.Version);
        Assert.Equal(new DateOnly(2026, 10, 1), icp.Date);
        Assert.Equal("Data teams big enough to feel the pain", icp.Description);
        Assert.Equal(3, icp.Has.Length);
        Assert.Single(icp.Needs);
        Assert.Single(icp.DoesntNeed);
        Assert.Equal(IcpRule.Between("employees", 51, 500) with { Note = "big enough to have a data team" }, icp.Has[0]);
        Assert.Equal(6, icp.Has[0].Line);
        Assert.Equal(IcpRule.Contains("tech_stack", ["snowflake"]), icp.Has[1]);
        Assert.Equal(IcpRule.In("business_model", ["B2B"]), icp.Has[2]);
        Assert.Equal(IcpRule.AtLeast("usage.events.connect_integration", 1, RuleGroup.Needs), icp.Needs[0]);
        Assert.Equal(IcpRule.In("industry", ["Government"], RuleGroup.DoesntNeed), icp.DoesntNeed[0]);
        Assert.Equal(new IcpExperiment("ICP accounts book a demo at twice the rate", "win_rate", 0.10, new DateOnly(2026, 12, 31)), icp.Experiment);
    }

    [Theory]
    // Every operator, with the value types the field's kind asks for.
    [InlineData("industry", "equals: Fintech", RuleOperator.EqualTo, "is Fintech")]
    [InlineData("industry", "in: [Fintech, SaaS]", RuleOperator.In, "in [Fintech, SaaS]")]
    [InlineData("industry", "not_in: [Government]", RuleOperator.NotIn, "not in [Government]")]
    [InlineData("employees", "between: [51, 500]", RuleOperator.Between, "between 51 and 500")]
    [InlineData("customer_since", "between: [2024-01-01, 2024-12-31]", RuleOperator.Between, "between 2024-01-01 and 2024-12-31")]
    [InlineData("mrr", "at_least: 1500.5", RuleOperator.AtLeast, "at least 1500.5")]
    [InlineData("seats", "at_most: 20", RuleOperator.AtMost, "at most 20")]
    [InlineData("employees", "equals: 42", RuleOperator.EqualTo, "is 42")]
    [InlineData("employees", "in: [10, 20]", RuleOperator.In, "in [10, 20]")]
    [InlineData("tech_stack", "contains: [snowflake, bigquery]", RuleOperator.Contains, "contains snowflake or bigquery")]
    [InlineData("region", "missing: true", RuleOperator.Missing, "is missing")]
    [InlineData("region", "missing: false", RuleOperator.Present, "has a value")]
    [InlineData("funding_stage", "equals: Series A", RuleOperator.EqualTo, "is Series A")]
    [InlineData("integrations", "contains: slack", RuleOperator.Contains, "contains slack")]
    [InlineData("founded_on", "at_most: 2020-01-01", RuleOperator.AtMost, "at most 2020-01-01")]
    [InlineData("usage.activated", "equals: true", RuleOperator.EqualTo, "is true")]
    public void Parse_EachOperator_ReadsRule(string field, string condition, RuleOperator expected, string described)
    {
        var icp = IcpFile.Parse(Header + $"has:\n  - field: {field}\n    {condition}\n", Catalog);

        var rule = Assert.Single(icp.Rules);
        Assert.Equal(expected, rule.Operator);
        Assert.Equal($"{field} {described}", rule.Describe());
        Assert.Equal(5, rule.Line);
    }

    [Fact]
    public void Parse_InListWithSpaces_TrimsEachValue()
    {
        // The multi-value conditions the draft writes (funding_stage in [series_a, series_b]) read back exactly, however spaced.
        var icp = IcpFile.Parse(Header + "has:\n  - field: funding_stage\n    in: [ series_a ,   series_b ]\n", Catalog);

        Assert.Equal(IcpRule.In("funding_stage", ["series_a", "series_b"]), Assert.Single(icp.Rules));
    }

    [Theory]
    // A blank member of an in-list is an error at its line, never a silent "matches missing".
    [InlineData("has:\n  - field: funding_stage\n    in: [series_a, '']\n", "icp.yaml line 6: empty value for 'funding_stage'")]
    [InlineData("has:\n  - field: industry\n    in:\n      - fintech\n      - '  '\n", "icp.yaml line 8: empty value for 'industry'")]
    public void Parse_InListWithBlankValue_NamesLine(string rules, string expected)
    {
        var error = Fails(Header + rules);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_FieldSpelledWithCaseAndSpaces_UsesCatalogSpelling()
    {
        // Extras are keyed by normalised column name; a hand-written "Funding Stage" still finds funding_stage.
        var icp = IcpFile.Parse(Header + "has:\n  - field: Funding Stage\n    equals: Seed\n", Catalog);

        Assert.Equal("funding_stage", icp.Rules[0].Field);
    }

    [Theory]
    // Each bad file with the line and the words the error must carry.
    [InlineData("name: t\nversion: 1\ndate: 2026-01-01\nhas:\n  - field: industry\n    equals: x\n  - field: employes\n    at_least: 5\n",
        "icp.yaml line 7: unknown field 'employes' (did you mean 'employees'?)")]
    [InlineData("name: t\nversion: 1\ndate: 2026-01-01\nhsa:\n  - field: industry\n    equals: x\n",
        "icp.yaml line 4: unknown key 'hsa' (did you mean 'has'?)")]
    [InlineData("name: t\nversion: 1\ndate: 2026-01-01\nhas:\n  - field: industry\n    equal: x\n",
        "icp.yaml line 6: unknown rule key 'equal' (did you mean 'equals'?)")]
    [InlineData("name: t\nversion: 1\ndate: 2026-01-01\nhas:\n  - field: employees\n    between: [500, 51]\n",
        "icp.yaml line 6: between [500, 51] on 'employees': min is greater than max")]
    [InlineData("name: t\nversion: 1\ndate: 2026-01-01\nhas:\n  - field: employees\n    between: [51]\n",
        "icp.yaml line 6: between needs two values")]
    [InlineData("name: t\nversion: 1\ndate: 2026-01-01\nhas:\n  - field: industry\n    at_least: 5\n",
        "icp.yaml line 6: 'at_least' does not apply to 'industry', which is a category field")]
    [InlineData("name: t\nversion: 1\ndate: 2026-01-01\nhas:\n  - field: industry\n    contains: Fintech\n",
        "icp.yaml line 6: 'contains' does not apply to 'industry', which is a category field")]
    [InlineData("name: t\nversion: 1\ndate: 2026-01-01\nhas:\n  - field: tech_stack\n    equals: snowflake\n",
        "icp.yaml line 6: 'equals' does not apply to 'tech_stack', which is a list field (use contains or missing)")]
    [InlineData("name: t\nversion: 1\ndate: 2026-01-01\nhas:\n  - field: employees\n    at_least: fifty\n",
        "icp.yaml line 6: 'fifty' is not a number, and 'employees' is a number field")]
    [InlineData("name: t\nversion: 1\ndate: 2026-01-01\nhas:\n  - field: customer_since\n    at_least: 2024-13-01\n",
        "icp.yaml line 6: '2024-13-01' is not a date")]
    [InlineData("name: t\nversion: 1\ndate: 2026-01-01\nhas:\n  - field: region\n    missing: maybe\n",
        "icp.yaml line 6: missing must be true or false, not 'maybe'")]
    [InlineData("name: t\nversion: 1\ndate: 2026-01-01\nhas:\n  - field: region\n",
        "icp.yaml line 5: rule on 'region' has no operator")]
    [InlineData("name: t\nversion: 1\ndate: 2026-01-01\nhas:\n  - field: employees\n    at_least: 5\n    at_most: 9\n",
        "icp.yaml line 5: rule on 'employees' has 2 operators")]
    [InlineData("name: t\nversion: 1\ndate: 2026-01-01\nhas:\n  - equals: x\n",
        "icp.yaml line 5: rule has no 'field'")]
    [InlineData("name: t\nversion: 1\ndate: 2026-01-01\nhas:\n  - field: industry\n    in: []\n",
        "icp.yaml line 6: in on 'industry' needs at least one value")]
    [InlineData("name: t\nversion: 1\ndate: 2026-01-01\nhas:\n  - field: industry\n    equals: [a, b]\n",
        "icp.yaml line 6: 'equals' must be a single value, not a list")]
    [InlineData("name: t\nversion: 1\ndate: 2026-01-01\nhas:\n  field: industry\n",
        "icp.yaml line 5: 'has' must be a list of rules")]
    [InlineData("name: t\nversion: x\ndate: 2026-01-01\nhas:\n  - field: industry\n    equals: a\n",
        "icp.yaml line 2: version 'x' is not a whole number")]
    [InlineData("name: t\nversion: 1\nhas:\n  - field: industry\n    equals: a\n",
        "icp.yaml line 1: 'date' is required")]
    [InlineData("name: t\nversion: 1\ndate: 2026-01-01\n",
        "icp.yaml line 1: the ICP has no rules")]
    [InlineData("name: t\nversion: 1\ndate: 2026-01-01\nneeds:\n  - field: usage.activated\n    equals: yes\n",
        "icp.yaml line 6: 'usage.activated' is true or false, not 'yes'")]
    [InlineData("name: t\nversion: 1\ndate: 2026-01-01\nhas:\n  - field: industry\n    equals: a\nexperiment:\n  hypothesis: h\n  metric: win rate\n  success_threshold: lots\n  ends_on: 2026-12-31\n",
        "icp.yaml line 10: success_threshold 'lots' is not a number")]
    [InlineData("name: t\nversion: 1\ndate: 2026-01-01\nhas:\n  - field: industry\n    equals: a\nexperiment:\n  hypothesis: h\n  metric: win rate\n  success_threshold: 0.1\n",
        "icp.yaml line 8: 'ends_on' is required")]
    [InlineData("name: t\nversion: 1\ndate: 2026-01-01\nhas:\n  - field: industry\n    equals: a\n  - field: industry\n   equals: b\n",
        "icp.yaml line 8: not valid YAML")]
    [InlineData("name: t\nversion: 1\ndate: 2026-01-01\nhas:\n  - field: industry\n    equals: a\nhas:\n  - field: region\n    equals: b\n",
        "icp.yaml line 7: key 'has' appears twice")]
    [InlineData("name: t\nversion: 1\ndate: 2026-01-01\nhas:\n  - field: industry\n    equals: a\n---\nname: u\n",
        "icp.yaml line 8: one ICP per file")]
    [InlineData("", "icp.yaml line 1: expected a mapping")]
    [InlineData("- a\n- b\n", "icp.yaml line 1: expected a mapping")]
    public void Parse_BadFile_NamesLineAndProblem(string yaml, string expected)
    {
        var error = Fails(yaml);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.All(error.Errors, e => Assert.True(e.Line >= 1, $"error without a line: {e}"));
    }

    [Fact]
    public void Parse_SeveralProblems_ReportsEachWithItsLine()
    {
        var error = Fails(Header + "has:\n  - field: employes\n    at_least: 5\n  - field: industry\n    at_least: 3\n");

        Assert.Equal([5, 8], error.Errors.Select(e => e.Line));
        Assert.Equal(["field", "at_least"], error.Errors.Select(e => e.Key));
    }

    [Fact]
    public void Parse_UsageFieldWithoutUsageData_SaysTheExportHasNone()
    {
        // A catalog built without usage has no usage.* fields: the error says why, not just "unknown".
        var catalog = IcpFields.Catalog([Account("a")]);

        var error = Assert.Throws<IcpFileException>(() => IcpFile.Parse(Header + "needs:\n  - field: usage.event_count\n    at_least: 1\n", catalog));

        Assert.Contains("line 5: unknown field 'usage.event_count'", error.Message, StringComparison.Ordinal);
        Assert.Contains("this export has no usage data", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EmptyGroup_IsAllowed()
    {
        var icp = IcpFile.Parse(Header + "has:\nneeds:\n  - field: usage.event_count\n    at_least: 1\n", Catalog);

        Assert.Empty(icp.Has);
        Assert.Single(icp.Needs);
    }

    [Fact]
    public void Catalog_ExtrasAndUsage_HaveTheirKinds()
    {
        Assert.Equal(TraitKind.Category, Catalog["funding_stage"]);
        Assert.Equal(TraitKind.Number, Catalog["arr_growth"]);
        Assert.Equal(TraitKind.List, Catalog["integrations"]);
        Assert.Equal(TraitKind.Date, Catalog["founded_on"]);
        Assert.Equal(TraitKind.Number, Catalog["usage.events.connect_integration"]);
        Assert.Equal(TraitKind.Category, Catalog["usage.reached_high_value"]);
        Assert.False(Catalog.ContainsKey("account_id"));
    }
}
