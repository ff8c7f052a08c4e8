using IcpKit.Icp;
using static IcpKit.Tests.Architecture.SummaryFrame;

namespace IcpKit.Tests.Icp;

public sealed class IcpSourceSummaryTests
{
    [Fact]
    public void Summary_NamesTheFileAndTheRuleThatFoundIt()
    {
        var folder = Directory.CreateTempSubdirectory("icpkit-source-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "icp.yaml"), "name: t\n");
            var s = IcpSource.Find(null, folder, null).Summary;
            Assert.Equal(["path", "origin", "description"], Columns(s));
            Assert.Equal(Path.GetFullPath(Path.Combine(folder, "icp.yaml")), Cell(s, "path"));
            Assert.Equal("data folder", Cell(s, "origin"));

            var none = IcpSource.Find(null, Path.Combine(folder, "empty"), null).Summary;
            Assert.Equal("", Cell(none, "path"));
            Assert.Equal("No ICP yet: run 03 or pass --icp.", Cell(none, "description"));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }
}
