using IcpKit.Loading;

namespace IcpKit.Tests.Loading;

/// <summary>A row or header whose structure is broken is a clear error that rejects it, never a crash or a silent guess.</summary>
public sealed class StructureErrorTests
{
    static ExportData Load(string accounts, string? yaml = null)
    {
        using var folder = new ExportFolder().With("accounts.csv", accounts);
        if (yaml is not null) folder.With("icpkit.yaml", yaml);
        return Export.Load(folder.Path);
    }

    static FileSummary Accounts(ExportData export) => export.Report.Files.Single(f => f.File == "accounts.csv");

    [Theory]
    // Before: "An element with the same key but a different value already exists" from the import.
    [InlineData("account_id,name,foo,foo", "foo", "'foo' (column 3) and 'foo' (column 4)")]
    [InlineData("account_id,name,Annual Revenue,annual_revenue", "annual_revenue", "'Annual Revenue' (column 3) and 'annual_revenue' (column 4)")]
    // Before: the second account_id was kept silently as an extra trait named account_id_extra.
    [InlineData("account_id,name,account_id", "account_id", "'account_id' (column 1) and 'account_id' (column 3)")]
    public void Header_TwoColumnsReadingAsOne_IsAnErrorNamingFileLineAndBothColumns(string header, string column, string both)
    {
        var export = Load(header + "\nA1,Acme,1,2\nA2,Beta,3,4\n");

        var issue = Assert.Single(export.Report.Issues, i => i.Rule == "duplicate-column");
        Assert.Equal((Severity.Error, "accounts.csv", 1, column), (issue.Severity, issue.File, issue.Line, issue.Column));
        Assert.Contains(both, issue.Expected, StringComparison.Ordinal);
        Assert.True(export.Report.HasErrors);
        Assert.Empty(export.Accounts);
    }

    [Fact]
    public void Header_DuplicateListedUnderIgnore_IsRead()
    {
        var export = Load("account_id,name,foo,foo\nA1,Acme,1,2\n", "accounts:\n  ignore: [foo]\n");

        Assert.DoesNotContain(export.Report.Issues, i => i.Rule == "duplicate-column");
        Assert.Single(export.Accounts);
    }

    [Fact]
    public void UnclosedQuote_RejectsTheRecordAndNamesWhereItOpened()
    {
        // Before: the quote swallowed the rest of the file into name and the row was accepted with its other fields empty.
        var export = Load("account_id,name,industry\nA1,Acme,SaaS\nA2,\"Broken Inc,SaaS\nA3,Gamma,SaaS\n");

        var issue = Assert.Single(export.Report.Issues, i => i.Rule == "malformed");
        Assert.Equal((Severity.Error, 3), (issue.Severity, issue.Line));
        Assert.Contains("closing quote", issue.Expected, StringComparison.Ordinal);
        Assert.Contains("2 lines later", issue.Expected, StringComparison.Ordinal);
        Assert.Null(issue.Value); // the raw record is not quoted: it holds names
        Assert.Equal(["A1"], export.Accounts.Select(a => a.AccountId));
        Assert.Equal((2L, 1L, 1L), (Accounts(export).RowsRead, Accounts(export).Accepted, Accounts(export).Rejected));
    }

    [Fact]
    public void StrayQuote_RejectsTheRow()
    {
        var export = Load("account_id,name,industry\nA1,Acme,SaaS\nA2,Bro\"ken Inc,SaaS\nA3,Gamma,SaaS\n");

        Assert.Equal(3, Assert.Single(export.Report.Issues, i => i.Rule == "malformed").Line);
        Assert.Equal(["A1", "A3"], export.Accounts.Select(a => a.AccountId));
    }

    [Theory]
    // Before: a warning, and the row was kept with the missing fields empty (or the surplus ones dropped).
    [InlineData("A2,Beta\n", "2")]
    [InlineData("A2,Beta,SaaS,surplus\n", "4")]
    public void WrongFieldCount_RejectsTheRowAndSaysHowManyFields(string row, string count)
    {
        var export = Load("account_id,name,industry\nA1,Acme,SaaS\n" + row);

        var issue = Assert.Single(export.Report.Issues, i => i.Rule == "field-count");
        Assert.Equal((Severity.Error, 3, count, "3 fields like the header"), (issue.Severity, issue.Line, issue.Value, issue.Expected));
        Assert.Equal((2L, 1L, 1L), (Accounts(export).RowsRead, Accounts(export).Accepted, Accounts(export).Rejected));
    }

    [Fact]
    public void TrailingEmptyFields_AreNotAProblem() =>
        Assert.Empty(Load("account_id,name,industry\nA1,Acme,SaaS,,\n").Report.Issues.Where(i => i.Rule != "file-absent"));

    [Fact]
    public void NulByte_RejectsTheRowNamingTheColumn()
    {
        // Before: "Ac\0me" was accepted with no word.
        var export = Load("account_id,name,industry\nA1,Ac\0me,SaaS\nA2,Beta,SaaS\n");

        var issue = Assert.Single(export.Report.Issues, i => i.Rule == "nul-byte");
        Assert.Equal((Severity.Error, 2), (issue.Severity, issue.Line));
        Assert.Contains("field 2, name", issue.Expected, StringComparison.Ordinal);
        Assert.Equal(["A2"], export.Accounts.Select(a => a.AccountId));
    }

    [Fact]
    public void StructureErrors_FailValidateStrictAndPlain()
    {
        var report = Load("account_id,name,industry\nA1,Acme\n").Report;

        Assert.False(report.Passes(strict: false));
        Assert.False(report.Passes(strict: true));
    }
}

/// <summary>Decimal commas and list separators: what a European spreadsheet writes is read as meant, and said so.</summary>
public sealed class SeparatorTests
{
    [Fact]
    public void SemicolonFileWithDecimalCommas_ReadsThemAndReportsTheDetection()
    {
        // Before: mrr "900,50" loaded as 90050, and validate said nothing.
        using var folder = new ExportFolder().With("accounts.csv", "account_id;name;mrr;seats\nA1;Acme;900,50;3\nA2;Beta;1.234,5;4\n");
        var export = Export.Load(folder.Path);

        Assert.Equal([900.50m, 1234.5m], export.Accounts.Select(a => a.Mrr!.Value));
        var file = export.Report.Files.Single(f => f.File == "accounts.csv");
        Assert.Equal((',', true), (file.DecimalSeparator, file.DecimalDetected));
        Assert.Contains("',' (detected: numbers like 900,50)", ValidationText.Format(export), StringComparison.Ordinal);
    }

    [Fact]
    public void SemicolonFileWithDecimalPoints_KeepsThePoint()
    {
        using var folder = new ExportFolder().With("accounts.csv", "account_id;name;mrr\nA1;Acme;900.50\nA2;Beta;12,5\n");
        var export = Export.Load(folder.Path);

        Assert.Equal(('.', false), (export.Report.Files[0].DecimalSeparator, export.Report.Files[0].DecimalDetected));
        Assert.Equal(900.50m, export.Accounts[0].Mrr);
    }

    [Fact]
    public void StatedDecimalSeparator_WinsOverDetection()
    {
        // The mapping says '.', so "900,50" is read with ',' as a thousands separator, as told.
        using var folder = new ExportFolder().With("accounts.csv", "account_id;name;mrr\nA1;Acme;900,50\n")
            .With("icpkit.yaml", "decimal_separator: \".\"\n");
        var export = Export.Load(folder.Path);

        Assert.Equal(('.', false), (export.Report.Files[0].DecimalSeparator, export.Report.Files[0].DecimalDetected));
        Assert.Equal(90050m, export.Accounts[0].Mrr);
    }

    [Fact]
    public void TechStackWithCommasUnderTheDefaultSeparator_IsAWarningNamingListSeparator()
    {
        // Before: "snowflake,dbt" silently stayed one technology.
        using var folder = new ExportFolder().With("accounts.csv", "account_id;name;tech_stack\nA1;Acme;snowflake,dbt\nA2;Beta;aws\n");
        var export = Export.Load(folder.Path);

        var issue = Assert.Single(export.Report.Issues, i => i.Rule == "list-separator");
        Assert.Equal((Severity.Warning, 2, "tech_stack"), (issue.Severity, issue.Line, issue.Column));
        Assert.Contains("list_separator: \",\"", issue.Expected, StringComparison.Ordinal);
        Assert.Contains("list separator ';' (list_separator)", ValidationText.Format(export), StringComparison.Ordinal);
    }

    [Fact]
    public void ListSeparatorFromTheMapping_SplitsTechStack()
    {
        using var folder = new ExportFolder().With("accounts.csv", "account_id;name;tech_stack\nA1;Acme;snowflake,dbt\n")
            .With("icpkit.yaml", "list_separator: \",\"\n");
        var export = Export.Load(folder.Path);

        Assert.Equal(["snowflake", "dbt"], export.Accounts[0].TechStack.ToArray());
        Assert.Contains("list separator ',' (list_separator)", ValidationText.Format(export), StringComparison.Ordinal);
    }
}
