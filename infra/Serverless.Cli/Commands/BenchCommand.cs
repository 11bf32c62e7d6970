using System.CommandLine;

namespace Serverless.Cli.Commands;

/// <summary><c>serverless bench &lt;what&gt;</c>: benchmarks that print figures (never asserted in tests).</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Run a benchmark and print its figures");
        command.Subcommands.Add(BenchReplayCommand.Create());
        command.Subcommands.Add(BenchClocksCommand.Create());
        command.Subcommands.Add(BenchDurableCommand.Create());
        command.Subcommands.Add(BenchHasaCommand.Create());
        return command;
    }
}
