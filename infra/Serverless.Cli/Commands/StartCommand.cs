using System.CommandLine;

namespace Serverless.Cli.Commands;

internal static class StartCommand
{
    public static Command Create()
    {
        var command = new Command("start", "Run the local Functions host, the handler and (when needed) Azurite");
        command.SetAction(_ => 0);
        return command;
    }
}
