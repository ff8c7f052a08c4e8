using System.Diagnostics;

namespace IcpKit.NotebookTests;

/// <summary>
/// <c>--strict</c> end to end: the real command (the IcpKit.Cli build this test project builds first) run as a process,
/// its exit code read from the shell's side. A warning passes plainly (0) and fails strictly (1); a clean export passes
/// strictly (0). ValidateCommand's exit codes: 0 clean, 1 rejected rows (or warnings under --strict), 2 unusable input.
/// </summary>
public sealed class CliStrictTests : IDisposable
{
    private const string Header = "account_id,name,industry,employees,country,customer_since,churned_on,mrr,seats\n";
    private readonly string _warned = Folder(Header + "A1,Acme,SaaS,ten,DE,,,,\nA2,Beta,SaaS,20,DE,,,,\n");
    private readonly string _clean = Folder(Header + "A1,Acme,SaaS,10,DE,,,,\nA2,Beta,SaaS,20,DE,,,,\n");
    private readonly string _out = Directory.CreateTempSubdirectory("icpkit-strict-out-").FullName;

    private static string Folder(string accounts)
    {
        var path = Directory.CreateTempSubdirectory("icpkit-strict-").FullName;
        File.WriteAllText(Path.Combine(path, "accounts.csv"), accounts);
        return path;
    }

    /// <summary>Runs <c>icpkit</c> with the arguments; returns its exit code and both streams.</summary>
    private static (int Code, string Output) Icpkit(params string[] arguments)
    {
        // bin/<Configuration>/net10.0/ of this project: the command was built beside it, in the same configuration.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var dll = Path.Combine(Repo.Root, "lib", "IcpKit.Cli", "bin", configuration, "net10.0", "IcpKit.Cli.dll");
        Assert.True(File.Exists(dll), $"no {dll}: build IcpKit.slnx first");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Repo.Root };
        start.ArgumentList.Add(dll);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), "icpkit did not finish in 3 minutes");
        return (process.ExitCode, stdout + stderr.Result);
    }

    [Fact]
    public void Validate_Warning_ExitsZeroPlainAndOneStrict()
    {
        // employees 'ten' is kept as missing: a warning, no rejected row.
        var plain = Icpkit("validate", _warned);
        Assert.True(plain.Code == 0, plain.Output);
        var strict = Icpkit("validate", _warned, "--strict");
        Assert.True(strict.Code == 1, strict.Output);
        Assert.Contains("--strict: 1 warning(s) fail the check", strict.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Test_IcpValueNoAccountHas_WarnsWithLineAndColumn()
    {
        // "fintek" is in no account: the rule would match nobody; icpkit test still tests it, and says where the value is.
        var icp = Path.Combine(_out, "typo.yaml");
        File.WriteAllText(icp, "name: X\nversion: 1\ndate: 2026-01-01\nhas:\n  - field: industry\n    in: [SaaS, fintek]\n");
        var run = Icpkit("test", _clean, "--icp", icp);
        Assert.True(run.Code == 0, run.Output);
        Assert.Contains("warning: typo.yaml line 6, column 16: industry 'fintek' occurs in no account of the export (its values: SaaS); a rule on it matches nobody", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CleanExport_ExitsZeroStrict()
    {
        var strict = Icpkit("validate", _clean, "--strict");
        Assert.True(strict.Code == 0, strict.Output);
    }

    [Fact]
    public void Render_Warning_StrictRendersNothingAndExitsOne()
    {
        var strict = Icpkit("render", "--data", _warned, "--out", _out, "--strict", Path.Combine(Repo.Notebooks, "00-load-and-validate.ipynb"));
        Assert.True(strict.Code == 1, strict.Output);
        Assert.Contains("did not validate cleanly; nothing rendered", strict.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(_out, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void Render_CleanExport_StrictRendersAndExitsZero()
    {
        var strict = Icpkit("render", "--data", _clean, "--out", _out, "--strict", Path.Combine(Repo.Notebooks, "00-load-and-validate.ipynb"));
        Assert.True(strict.Code == 0, strict.Output);
        Assert.True(File.Exists(Path.Combine(_out, "00-load-and-validate.html")), strict.Output);
    }

    public void Dispose()
    {
        foreach (var path in new[] { _warned, _clean, _out }) Directory.Delete(path, recursive: true);
    }
}
