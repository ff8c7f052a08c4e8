using System.Globalization;
using System.CommandLine;
using IcpKit.Drafting;
using IcpKit.Loading;

namespace IcpKit.Cli.Commands;

/// <summary><c>icpkit suggest FOLDER</c>: searches the export for candidate ICPs and prints the best ones.</summary>
internal static class SuggestCommand
{
    /// <summary>Exit codes: 0 searched (whatever was found), 2 unusable input.</summary>
    public static Command Create()
    {
        var defaults = CandidateSearchOptions.Default;
        var folder = new Argument<DirectoryInfo>("folder") { Description = "The export folder (accounts.csv, deals.csv, ... and icpkit.yaml)." };
        var top = new Option<int>("--top") { Description = "How many candidates to print", DefaultValueFactory = _ => 10 };
        var maxConditions = new Option<int>("--max-conditions") { Description = "Most conditions per candidate (1-3)", DefaultValueFactory = _ => defaults.MaxConditions };
        var minCustomers = new Option<int>("--min-customers") { Description = "Least customers a candidate must hold", DefaultValueFactory = _ => defaults.MinCustomers };
        var minShare = new Option<double>("--min-share") { Description = "Least share of accounts a candidate must cover", DefaultValueFactory = _ => defaults.MinAccountShare };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a text table" };
        var command = new Command("suggest", "Suggest candidate ICPs: combinations of 1-3 traits that win, retain and pay more than the rest.")
        {
            folder, top, maxConditions, minCustomers, minShare, json,
        };
        command.SetAction(parse => Run(parse.GetValue(folder)!.FullName,
            defaults with { MaxConditions = parse.GetValue(maxConditions), MinCustomers = parse.GetValue(minCustomers), MinAccountShare = parse.GetValue(minShare) },
            parse.GetValue(top), parse.GetValue(json), Console.Out, Console.Error));
        return command;
    }

    public static int Run(string folder, CandidateSearchOptions options, int top, bool json, TextWriter output, TextWriter error)
    {
        try
        {
            options.Validate();
            if (top < 1) throw new ArgumentOutOfRangeException(nameof(top), top, "print at least one candidate");
            var export = Export.Load(folder);
            var result = CandidateSearch.Run(export, options);
            if (json)
            {
                output.Write(result.ToJson(top));
                return 0;
            }
            output.WriteLine(result.ToText(top));
            if (!result.SuggestedExclusions.IsDefaultOrEmpty)
            {
                output.WriteLine();
                output.WriteLine("Suggested exclusions (doesn't need):");
                foreach (var e in result.SuggestedExclusions) output.WriteLine("  - " + e);
            }
            return 0;
        }
        catch (ArgumentOutOfRangeException e)
        {
            error.WriteLine(OptionMessage(e));
            return 2;
        }
        catch (Exception e) when (e is ProjectConfigException or ExportLoadException)
        {
            error.WriteLine(e.Message);
            return 2;
        }
    }

    /// <summary>
    /// An out-of-range setting in words, named by its option: "--max-conditions 5: a candidate combines 1 to 3 conditions."
    /// rather than .NET's "(Parameter 'MaxConditions') Actual value was 5.".
    /// </summary>
    internal static string OptionMessage(ArgumentOutOfRangeException e)
    {
        var option = e.ParamName switch
        {
            nameof(CandidateSearchOptions.MaxConditions) => "--max-conditions",
            nameof(CandidateSearchOptions.MinCustomers) => "--min-customers",
            nameof(CandidateSearchOptions.MinAccountShare) => "--min-share",
            "top" => "--top",
            _ => "a setting",
        };
        // The exception's message ends with the parameter name and value; keep the sentence before them.
        var reason = e.Message.Split(" (Parameter '", 2)[0].Split(Environment.NewLine, 2)[0].TrimEnd('.');
        var value = e.ActualValue is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : e.ActualValue?.ToString();
        return $"{option} {value}: {reason}.";
    }
}
