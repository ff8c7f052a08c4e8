using System.CommandLine;

var root = new RootCommand("IcpKit: find and prove your Ideal Customer Profile from CRM and product exports.");
return root.Parse(args).Invoke();
