using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Serverless.LocalHost.Tests.Support;

/// <summary>Host logs for debugging a test run: set SERVERLESS_TEST_LOGS=1 to print them to the console.</summary>
internal static class TestLogging
{
    public static ILoggerFactory Factory { get; } = Environment.GetEnvironmentVariable("SERVERLESS_TEST_LOGS") == "1"
        ? LoggerFactory.Create(b => b.AddSimpleConsole(c => { c.SingleLine = true; c.TimestampFormat = "HH:mm:ss.fff "; }).SetMinimumLevel(LogLevel.Debug))
        : NullLoggerFactory.Instance;
}
