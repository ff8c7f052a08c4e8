using System.Collections.Immutable;
using IcpKit.Icp;
using IcpKit.Model;
using static IcpKit.Tests.Icp.IcpTestData;

namespace IcpKit.Tests.Icp;

public class IcpMatchTests
{
    private static IcpDefinition Icp(params IcpRule[] rules) => new("t", 1, new DateOnly(2026, 1, 1), [.. rules]);

    private static bool Meets(IcpRule rule, Account account, AccountUsage? usage = null) => Icp(rule).Match(account, usage).InIcp;

    private static readonly Account Acme = Account("acme", b => b
        .With(a => a with
        {
            Industry = "Fintech", Employees = 120, Region = "EMEA", TechStack = ["Snowflake", "dbt"],
            CustomerSince = new DateOnly(2024, 6, 1), Mrr = 2500m,
        })
        .Extra("funding_stage", TraitValue.Of("Series A"))
        .Extra("arr_growth", TraitValue.Of(-0.1))
        .Extra("integrations", TraitValue.Of(ImmutableArray.Create("slack")))
        .Extra("founded_on", TraitValue.Of(new DateOnly(2018, 3, 1))));

    private static readonly Account Blank = Account("blank");

    [Theory]
    // Category fields: equality ignores case; not_in is met only by a present value.
    [InlineData("equals fintech", true)]
    [InlineData("equals Retail", false)]
    [InlineData("in", true)]
    [InlineData("not_in", false)]
    [InlineData("not_in other", true)]
    public void Match_CategoryOperators_CompareIgnoringCase(string which, bool expected)
    {
        var rule = which switch
        {
            "equals fintech" => IcpRule.EqualTo("industry", "fintech"),
            "equals Retail" => IcpRule.EqualTo("industry", "Retail"),
            "in" => IcpRule.In("industry", ["SaaS", "FINTECH"]),
            "not_in" => IcpRule.NotIn("industry", ["Fintech"]),
            _ => IcpRule.NotIn("industry", ["Government"]),
        };

        Assert.Equal(expected, Meets(rule, Acme));
    }

    [Theory]
    // Number bounds are inclusive at both ends.
    [InlineData(120, 500, true)]
    [InlineData(51, 120, true)]
    [InlineData(121, 500, false)]
    [InlineData(10, 119, false)]
    public void Match_NumberBetween_IsInclusive(double min, double max, bool expected) =>
        Assert.Equal(expected, Meets(IcpRule.Between("employees", min, max), Acme));

    [Fact]
    public void Match_NumberAtLeastAtMostEqualsIn_CompareValues()
    {
        Assert.True(Meets(IcpRule.AtLeast("mrr", 2500), Acme));
        Assert.False(Meets(IcpRule.AtLeast("mrr", 2500.01), Acme));
        Assert.True(Meets(IcpRule.AtMost("employees", 120), Acme));
        Assert.False(Meets(IcpRule.AtMost("employees", 119), Acme));
        Assert.True(Meets(new IcpRule(RuleGroup.Has, "employees", RuleOperator.EqualTo, [TraitValue.Of(120.0)]), Acme));
        Assert.True(Meets(new IcpRule(RuleGroup.Has, "employees", RuleOperator.In, [TraitValue.Of(5.0), TraitValue.Of(120.0)]), Acme));
        Assert.False(Meets(new IcpRule(RuleGroup.Has, "employees", RuleOperator.NotIn, [TraitValue.Of(120.0)]), Acme));
    }

    [Fact]
    public void Match_DateOperators_CompareDays()
    {
        Assert.True(Meets(IcpRule.Between("customer_since", new DateOnly(2024, 6, 1), new DateOnly(2024, 6, 1)), Acme));
        Assert.False(Meets(IcpRule.Between("customer_since", new DateOnly(2024, 6, 2), new DateOnly(2025, 1, 1)), Acme));
        Assert.True(Meets(new IcpRule(RuleGroup.Has, "customer_since", RuleOperator.AtMost, [TraitValue.Of(new DateOnly(2024, 6, 1))]), Acme));
        Assert.True(Meets(new IcpRule(RuleGroup.Has, "customer_since", RuleOperator.EqualTo, [TraitValue.Of(new DateOnly(2024, 6, 1))]), Acme));
    }

    [Fact]
    public void Match_ListContains_AnyOfSeveralIgnoringCase()
    {
        Assert.True(Meets(IcpRule.Contains("tech_stack", ["snowflake"]), Acme));
        Assert.True(Meets(IcpRule.Contains("tech_stack", ["bigquery", "DBT"]), Acme));
        Assert.False(Meets(IcpRule.Contains("tech_stack", ["bigquery", "redshift"]), Acme));
    }

    [Fact]
    public void Match_ExtraColumns_ReadLikeContractFields()
    {
        Assert.True(Meets(IcpRule.EqualTo("funding_stage", "series a"), Acme));
        // A legitimately negative extra number compares as a number.
        Assert.True(Meets(IcpRule.AtMost("arr_growth", 0), Acme));
        Assert.True(Meets(IcpRule.Contains("integrations", ["Slack"]), Acme));
        Assert.True(Meets(new IcpRule(RuleGroup.Has, "founded_on", RuleOperator.AtLeast, [TraitValue.Of(new DateOnly(2018, 1, 1))]), Acme));
    }

    [Fact]
    public void Match_MissingValues_NeverMeetAPositiveRule()
    {
        // Every operator but "missing: true" fails on an account without the value, including not_in.
        IcpRule[] rules =
        [
            IcpRule.EqualTo("industry", "Fintech"), IcpRule.In("industry", ["Fintech"]), IcpRule.NotIn("industry", ["Government"]),
            IcpRule.Between("employees", 0, 1e9), IcpRule.AtLeast("mrr", 0), IcpRule.AtMost("seats", 1e9),
            IcpRule.Contains("tech_stack", ["snowflake"]), IcpRule.IsMissing("region", missing: false),
        ];
        foreach (var rule in rules)
        {
            var match = Icp(rule).Match(Blank);
            Assert.False(match.InIcp, rule.ToString());
            Assert.Equal($"no value for {rule.Field} (needs {rule.Condition()})", Assert.Single(match.FailedRules).Reason);
        }
        Assert.True(Meets(IcpRule.IsMissing("region"), Blank));
        Assert.False(Meets(IcpRule.IsMissing("region"), Acme));
    }

    [Fact]
    public void Match_MissingValue_DoesNotTriggerAnExclusion()
    {
        // An unknown industry is not evidence of Government: the exclusion needs the value.
        var icp = Icp(IcpRule.In("industry", ["Government"], RuleGroup.DoesntNeed));

        Assert.True(icp.Match(Blank).InIcp);
    }

    [Fact]
    public void Match_AnyExclusion_ExcludesWhateverElseHolds()
    {
        var icp = Icp(
            IcpRule.Between("employees", 51, 500),
            IcpRule.In("industry", ["Government"], RuleGroup.DoesntNeed),
            IcpRule.Contains("tech_stack", ["dbt"], RuleGroup.DoesntNeed));

        var match = icp.Match(Acme);

        Assert.False(match.InIcp);
        Assert.True(match.Excluded);
        Assert.False(match.NearMiss);
        Assert.Equal(FitGrade.D, match.Grade);
        Assert.Equal("tech_stack", match.Exclusion!.Rule.Field);
        Assert.Equal("tech_stack is Snowflake;dbt: excluded (tech_stack contains dbt)", match.Exclusion.Reason);
    }

    [Fact]
    public void Match_FailedRule_CarriesValueAndPlainReason()
    {
        var rule = IcpRule.Between("employees", 200, 500);

        var failed = Assert.Single(Icp(rule).Match(Acme).FailedRules);

        Assert.Equal(rule, failed.Rule);
        Assert.Equal(TraitValue.Of(120.0), failed.Value);
        Assert.Equal("employees is 120, not between 200 and 500", failed.Reason);
    }

    [Fact]
    public void Match_UsageSignals_ReadFromAccountUsage()
    {
        var usage = Usage("acme", ("connect_integration", 3)) with { ActiveWeeks = 4, DistinctUsers = 2, FirstActivationAt = new DateTime(2025, 1, 1) };

        Assert.True(Meets(IcpRule.AtLeast("usage.events.connect_integration", 1, RuleGroup.Needs), Acme, usage));
        // An event the account never sent counts 0, not missing.
        Assert.True(Meets(IcpRule.AtMost("usage.events.create_dashboard", 0, RuleGroup.Needs), Acme, usage));
        Assert.True(Meets(IcpRule.AtLeast("usage.active_weeks", 4, RuleGroup.Needs), Acme, usage));
        Assert.True(Meets(IcpRule.AtLeast("usage.distinct_users", 2, RuleGroup.Needs), Acme, usage));
        Assert.True(Meets(IcpRule.AtLeast("usage.event_count", 3, RuleGroup.Needs), Acme, usage));
        Assert.True(Meets(IcpRule.EqualTo("usage.activated", "TRUE", RuleGroup.Needs), Acme, usage));
        Assert.True(Meets(IcpRule.EqualTo("usage.reached_high_value", "false", RuleGroup.Needs), Acme, usage));
        // Without usage (no events in the export) every usage field is missing.
        Assert.False(Meets(IcpRule.AtMost("usage.event_count", 1e9, RuleGroup.Needs), Acme, null));
    }

    [Theory]
    // Grades: A match, B one failed rule, C two or more, D excluded (even when it also fails rules).
    [InlineData(120, "Fintech", FitGrade.A)]
    [InlineData(20, "Fintech", FitGrade.B)]
    [InlineData(20, "Retail", FitGrade.C)]
    [InlineData(20, "Government", FitGrade.D)]
    public void Grade_ByFailuresAndExclusions(int employees, string industry, FitGrade expected)
    {
        var icp = Icp(
            IcpRule.Between("employees", 51, 500),
            IcpRule.In("industry", ["Fintech", "SaaS"]),
            IcpRule.In("industry", ["Government"], RuleGroup.DoesntNeed));
        var account = Account("a", b => b.With(a => a with { Employees = employees, Industry = industry }));

        var match = icp.Match(account);

        Assert.Equal(expected, match.Grade);
        Assert.Equal(expected == FitGrade.A, match.InIcp);
        Assert.Equal(expected == FitGrade.B, match.NearMiss);
    }

    [Fact]
    public void Match_NearMiss_NamesTheRuleItFails()
    {
        var icp = Icp(IcpRule.Between("employees", 51, 500), IcpRule.AtLeast("usage.event_count", 10, RuleGroup.Needs));

        var match = icp.Match(Acme, Usage("acme", ("login", 4)));

        Assert.True(match.NearMiss);
        Assert.Equal("usage.event_count is 4, not at least 10", Assert.Single(match.Reasons));
    }

    [Fact]
    public void Match_ValueOfAnotherKind_FailsWithReason()
    {
        // A catalog that called funding_stage a number (built from other data) cannot make a category pass.
        var match = Icp(IcpRule.AtLeast("funding_stage", 1)).Match(Acme);

        Assert.Contains("cannot be compared", Assert.Single(match.FailedRules).Reason, StringComparison.Ordinal);
    }
}
