using System.CommandLine;

var root = new RootCommand("IcpKit: find and prove your Ideal Customer Profile from CRM and product exports.");
root.Subcommands.Add(IcpKit.Cli.Commands.RenderCommand.Create());
return root.Parse(args).Invoke();
