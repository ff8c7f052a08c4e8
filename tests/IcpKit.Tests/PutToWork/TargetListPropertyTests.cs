using System.Text;
using CsCheck;
using CsvHelper;
using IcpKit.PutToWork;

namespace IcpKit.Tests.PutToWork;

public class TargetListPropertyTests
{
    private const string Injection = "=+-@\t\r";

    // Characters that stress both quoting and the injection check: separators, quotes, line breaks, the escape itself.
    private static readonly Gen<string> Text = Gen.String[Gen.Char["=+-@\t\r\n\",;' aZ1é"], 0, 10];

    [Fact]
    public void ToCsv_AnyText_ReadsBackAsTextOrQuotePrefixedTextAndNeverStartsLikeAFormula()
    {
        // CsCheck prints the seed of a failing case; rerun it with Sample(..., seed: "...").
        Gen.Select(Text, Text, Gen.Double[-1e6, 1e6]).Sample((name, category, number) =>
        {
            var list = new TargetList("t", ["name", "category", "number"],
                [[new ExportCell.TextCell(name), new ExportCell.TextsCell([category, "x"]), new ExportCell.NumberCell(number)]]);

            using var reader = CsvReader.FromText(list.ToCsv(), CsvReaderOptions.Default with { Separator = ',' });
            Assert.True(reader.Read());
            var readName = Encoding.UTF8.GetString(reader.GetSpan(0));
            var readCategory = Encoding.UTF8.GetString(reader.GetSpan(1));
            var readNumber = double.Parse(reader.GetSpan(2), System.Globalization.CultureInfo.InvariantCulture);
            Assert.False(reader.Read());

            Assert.Equal(Expected(name), readName);
            Assert.Equal(Expected(category + "; x"), readCategory);
            Assert.False(readName.Length > 0 && Injection.Contains(readName[0], StringComparison.Ordinal));
            Assert.Equal(number, readNumber);
        }, iter: 2000);
    }

    private static string Expected(string text) => text.Length > 0 && Injection.Contains(text[0], StringComparison.Ordinal) ? "'" + text : text;
}
