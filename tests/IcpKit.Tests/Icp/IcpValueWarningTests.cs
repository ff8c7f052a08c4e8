using IcpKit.Icp;
using IcpKit.Model;
using static IcpKit.Tests.Icp.IcpTestData;

namespace IcpKit.Tests.Icp;

/// <summary>An icp.yaml value that no account has is a warning naming its place in the file and the values that occur.</summary>
public class IcpValueWarningTests
{
    private static readonly Account[] Accounts =
    [
        Account("a1", b => b.Extra("funding_stage", TraitValue.Of("series_a")).With(a => a with { Industry = "Software" })),
        Account("a2", b => b.Extra("funding_stage", TraitValue.Of("series_b")).With(a => a with { Industry = "fintech" })),
        Account("a3", b => b.Extra("funding_stage", TraitValue.Of(" Seed "))),
    ];

    private const string Header = "name: t\nversion: 1\ndate: 2026-01-01\n";

    [Fact]
    public void ValueWarnings_InRuleWithAnUnknownValue_NamesLineColumnAndTheValuesThatOccur()
    {
        // Line 6 is "    in: [series_a, series_d]": 4 spaces, "in: [" ends at column 9, series_a fills 10-17, ", " 18-19,
        // so series_d starts at column 20.
        var icp = IcpFile.Parse(Header + "has:\n  - field: funding_stage\n    in: [series_a, series_d]\n", Catalog, "icp.yaml");
        var warning = Assert.Single(IcpFile.ValueWarnings(icp, Accounts));
        Assert.Equal((6, 20), (warning.Line, warning.Column));
        Assert.Equal("series_d", warning.Value);
        Assert.Equal(["Seed", "series_a", "series_b"], warning.Occurring.ToArray());
        Assert.Equal("icp.yaml line 6, column 20: funding_stage 'series_d' occurs in no account of the export (its values: Seed, series_a, series_b)",
            warning.ToString());
    }

    [Fact]
    public void ValueWarnings_ValuesAsTheRulesMatchThem_TrimmedAndIgnoringCase_GiveNoWarning()
    {
        // "seed" matches " Seed " and "software" matches "Software", as IcpMatch compares them; a block list too.
        var icp = IcpFile.Parse(Header + "has:\n  - field: funding_stage\n    in:\n      - seed\n      - SERIES_B\n  - field: industry\n    equals: software\n", Catalog);
        Assert.Empty(IcpFile.ValueWarnings(icp, Accounts));
    }

    [Fact]
    public void ValueWarnings_BlockListAndExclusions_PointAtEachUnknownValue()
    {
        // Line 6: "    not_in:", line 7: "      - Government" (column 9), line 8: "      - fintech" (occurs), and "    equals: series_z" on line 10 (column 13).
        var icp = IcpFile.Parse(Header + "doesnt_need:\n  - field: industry\n    not_in:\n      - Government\n      - fintech\n  - field: funding_stage\n    equals: series_z\n", Catalog);
        var warnings = IcpFile.ValueWarnings(icp, Accounts);
        Assert.Equal([(7, 9, "Government"), (10, 13, "series_z")], warnings.Select(w => (w.Line, w.Column, w.Value)).ToArray());
    }
}
