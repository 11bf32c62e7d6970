using System.CommandLine;
using Serverless.Workflows.Calendars;
using Serverless.Workflows.Clocks;

namespace Serverless.Cli.Commands;

/// <summary>Runs a command body and turns input errors into one line on stderr and exit code 2.</summary>
internal static class CliRun
{
    public const int BadInput = 2;

    public static int Guarded(ParseResult parse, Func<TextWriter, int> body)
    {
        try
        {
            return body(parse.InvocationConfiguration.Output);
        }
        catch (Exception e) when (e is CliInputException or UnknownCalendarException or UnknownRuleException
                                     or ClockInputException or ArgumentException)
        {
            parse.InvocationConfiguration.Error.WriteLine($"error: {e.Message.Split('\n')[0].Trim()}");
            return BadInput;
        }
    }
}
