using System.CommandLine;
using Serverless.Cli.Commands;

var root = new RootCommand("serverless: run and operate the NYC social-services deadline backbone locally and in Azure");
foreach (var command in CommandCatalog.All())
{
    root.Subcommands.Add(command);
}

return await root.Parse(args).InvokeAsync();
