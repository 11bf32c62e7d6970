using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Serverless.LocalHost.FunctionsHost.Handler;

/// <summary>Relays a line of the handler's stdout: JSON console log entries keep their level, category and message.</summary>
internal static class HandlerLogLine
{
    public static void Relay(ILogger logger, string line)
    {
        if (line.StartsWith('{'))
        {
            try
            {
                using var entry = JsonDocument.Parse(line);
                var root = entry.RootElement;
                var level = root.TryGetProperty("LogLevel", out var l) && Enum.TryParse<LogLevel>(l.GetString(), out var parsed) ? parsed : LogLevel.Information;
                var category = root.TryGetProperty("Category", out var c) ? c.GetString() : null;
                var message = root.TryGetProperty("Message", out var m) ? m.GetString() : line;
                if (root.TryGetProperty("Exception", out var x) && x.ValueKind == JsonValueKind.String)
                {
                    logger.Log(level, "[handler] {Category}: {Message}{NewLine}{Exception}", category, message, Environment.NewLine, x.GetString());
                    return;
                }
                logger.Log(level, "[handler] {Category}: {Message}", category, message);
                return;
            }
            catch (JsonException)
            {
                // not a log entry; relay as text
            }
        }
        logger.LogInformation("[handler] {Line}", line);
    }
}
