using System.CommandLine;

namespace Serverless.Cli.Commands;

/// <summary>Every top-level command of the CLI; each lives in its own file.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return StartCommand.Create();
        yield return PublishCommand.Create();
        yield return CalendarCommand.Create();
        yield return DeadlineCommand.Create();
        yield return BenchCommand.Create();
    }
}
