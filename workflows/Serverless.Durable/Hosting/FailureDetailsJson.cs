using System.Text.Json;
using Serverless.Durable.Orchestration;

namespace Serverless.Durable.Hosting;

/// <summary>Failure details as JSON with the protocol's field names (errorType, errorMessage, stackTrace, innerFailure).</summary>
public static class FailureDetailsJson
{
    public static void Write(Utf8JsonWriter writer, TaskFailureDetails failure)
    {
        writer.WriteStartObject();
        writer.WriteString("errorType", failure.ErrorType);
        writer.WriteString("errorMessage", failure.ErrorMessage);
        if (failure.StackTrace is not null)
        {
            writer.WriteString("stackTrace", failure.StackTrace);
        }

        if (failure.InnerFailureDetails is not null)
        {
            writer.WritePropertyName("innerFailure");
            Write(writer, failure.InnerFailureDetails);
        }

        writer.WriteBoolean("isNonRetriable", failure.IsNonRetriable);
        writer.WriteEndObject();
    }

    public static TaskFailureDetails Read(JsonElement element) => new(
        element.GetProperty("errorType").GetString() ?? string.Empty,
        element.GetProperty("errorMessage").GetString() ?? string.Empty,
        element.TryGetProperty("stackTrace", out var stack) ? stack.GetString() : null,
        element.TryGetProperty("innerFailure", out var inner) && inner.ValueKind == JsonValueKind.Object ? Read(inner) : null,
        element.TryGetProperty("isNonRetriable", out var nonRetriable) && nonRetriable.GetBoolean());
}
