using IcpKit.Reports;

namespace IcpKit.NotebookTests;

/// <summary>Every committed notebook runs in the kit's own runner on the sample export without a cell error.</summary>
[Collection(NotebookRuns.Name)]
public sealed class InProcessNotebookTests(SampleRender render)
{
    [Theory]
    [MemberData(nameof(Repo.NotebookNames), MemberType = typeof(Repo))]
    public async Task Notebook_OnSampleData_RunsWithoutCellErrors(string notebook)
    {
        // The shared render ran it with dataFolder = the sample export, as `icpkit render --data data-samples` does.
        var run = (await render.NotebookAsync(notebook)).Run;

        var failure = run.FirstFailure;
        Assert.True(failure is null,
            $"{notebook}, cell {failure?.Index + 1} ({failure?.Cell.FirstLine}) on {Repo.SampleData}: {failure?.Error}");
        // Outputs that are errors without failing the command (ErrorProduced) count too.
        var errorOutput = run.Cells.SelectMany(c => c.Outputs.Where(o => o.Kind == "error").Select(o => (c, o))).FirstOrDefault();
        Assert.True(errorOutput.o is null, $"{notebook}, cell {errorOutput.c?.Index + 1}: {errorOutput.o?.PlainText}");
    }

    [Fact]
    public async Task RunAsync_FailingCell_StopsThereAndLeavesLaterCellsUnrun()
    {
        var run = await new NotebookRunner().RunAsync(Path.Combine(Repo.TestData, "notebooks", "fails.ipynb"), new Dictionary<string, object?>());

        Assert.False(run.Succeeded);
        Assert.Equal(2, run.FirstFailure!.Index); // markdown 0, code 1, the throwing cell 2
        Assert.Contains("planted failure", run.FirstFailure.Error, StringComparison.Ordinal);
        Assert.Null(run.Cells[3].ExecutionCount);
    }

    [Fact]
    public async Task RunAsync_KeepGoing_RunsCellsAfterTheFailure()
    {
        var run = await new NotebookRunner().RunAsync(Path.Combine(Repo.TestData, "notebooks", "fails.ipynb"),
            new Dictionary<string, object?>(), stopOnError: false);

        var output = run.Cells[3].Outputs.Single();
        Assert.Equal("result", output.Kind);
        Assert.Contains("2", output.Html ?? output.PlainText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Parameters_OverrideTheParametersCellAndAreInjectedAfterIt()
    {
        var run = await new NotebookRunner().RunAsync(Path.Combine(Repo.TestData, "notebooks", "show-names.ipynb"),
            new Dictionary<string, object?> { ["dataFolder"] = Path.Combine(Repo.TestData, "export"), ["redact"] = true });

        Assert.True(run.Succeeded, run.FirstFailure?.Error);
        var parametersAt = run.Cells.ToList().FindIndex(c => c.Cell.Tags.Contains(Parameters.Tag));
        Assert.Contains(Parameters.InjectedTag, run.Cells[parametersAt + 1].Cell.Tags);
        Assert.Contains("var redact = true;", run.Cells[parametersAt + 1].Cell.Source, StringComparison.Ordinal);
    }
}
