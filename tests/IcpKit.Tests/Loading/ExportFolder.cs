using System.Text;

namespace IcpKit.Tests.Loading;

/// <summary>A temporary export folder holding real files written with a chosen encoding; deleted on dispose.</summary>
internal sealed class ExportFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("icpkit-test-").FullName;

    public const string AccountsHeader = "account_id,name,industry,employees,country,customer_since,churned_on,mrr,seats";

    /// <summary>Writes a file as UTF-8 without BOM unless told otherwise; "\n" line ends unless the text has others.</summary>
    public ExportFolder With(string file, string text, Encoding? encoding = null)
    {
        File.WriteAllText(System.IO.Path.Combine(Path, file), text, encoding ?? new UTF8Encoding(false));
        return this;
    }

    /// <summary>Writes raw bytes (for byte-order marks and legacy code pages).</summary>
    public ExportFolder WithBytes(string file, byte[] bytes)
    {
        File.WriteAllBytes(System.IO.Path.Combine(Path, file), bytes);
        return this;
    }

    /// <summary>A minimal valid accounts.csv with accounts A1..An.</summary>
    public ExportFolder WithAccounts(int n = 3) =>
        With("accounts.csv", AccountsHeader + "\n" + string.Concat(Enumerable.Range(1, n).Select(i => $"A{i},Acct {i},SaaS,{i * 10},DE,,,,\n")));

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
