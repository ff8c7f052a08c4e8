using System.CommandLine;
using IcpKit.Cli.Commands;

var root = new RootCommand("IcpKit: find and prove your Ideal Customer Profile from CRM and product exports.");
root.Subcommands.Add(GenerateCommand.Create());
return root.Parse(args).Invoke();
