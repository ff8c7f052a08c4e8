using IcpKit.Loading;

namespace IcpKit.Tests.Loading;

/// <summary>List values (tech_stack, integrations): members trimmed, blanks dropped, the configured separator only.</summary>
public sealed class ValueParsingTests
{
    private static readonly ValueParsing Semicolons = new([], '.', ';');

    [Theory]
    // Spaces around members are not part of them.
    [InlineData("snowflake; dbt ;  looker", new[] { "snowflake", "dbt", "looker" })]
    // Empty and blank members (a trailing separator, two in a row, spaces only) are dropped, not kept as "".
    [InlineData("snowflake;;dbt;", new[] { "snowflake", "dbt" })]
    [InlineData(" ; snowflake ;   ; ", new[] { "snowflake" })]
    // Inner spaces stay: "google sheets" is one member.
    [InlineData("google sheets;  power bi ", new[] { "google sheets", "power bi" })]
    // Only the configured separator splits: a comma is part of a member when the separator is ';'.
    [InlineData("a,b;c", new[] { "a,b", "c" })]
    public void List_Members_AreTrimmedAndBlanksDropped(string text, string[] expected) =>
        Assert.Equal(expected, Semicolons.List(text));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(";;")]
    [InlineData(" ; \t; ")]
    public void List_OnlyBlanks_IsEmpty(string text) => Assert.Empty(Semicolons.List(text));

    [Fact]
    public void List_PipeSeparator_SplitsOnPipesOnly() =>
        Assert.Equal(new[] { "snowflake", "dbt;x" }, new ValueParsing([], '.', '|').List(" snowflake | dbt;x |"));
}
