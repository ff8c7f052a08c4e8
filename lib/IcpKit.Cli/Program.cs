using System.CommandLine;
using System.CommandLine.Help;
using IcpKit.Cli.Commands;

// A named root instead of RootCommand, whose name would be the assembly's (IcpKit.Cli) in help and errors.
var root = new Command("icpkit", "IcpKit: find and prove your Ideal Customer Profile from CRM and product exports.")
{
    new HelpOption(),
    new VersionOption(),
};
root.Subcommands.Add(ValidateCommand.Create());
root.Subcommands.Add(GenerateCommand.Create());
root.Subcommands.Add(SuggestCommand.Create());
root.Subcommands.Add(RenderCommand.Create());
root.Subcommands.Add(TestCommand.Create());
root.Subcommands.Add(CompareCommand.Create());
return root.Parse(args).Invoke();
