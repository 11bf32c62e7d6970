using System.Globalization;
using System.Text.Json;
using Serverless.Durable.Protocol;
using Serverless.LocalHost.Durable.Storage;

namespace Serverless.LocalHost.Durable.Http;

/// <summary>Writes the status payload: name, instanceId, runtimeStatus, input, customStatus, output, createdTime, lastUpdatedTime[, historyEvents].</summary>
public static class StatusPayloadWriter
{
    public static void Write(Utf8JsonWriter writer, InstanceRecord record, bool showInput, IReadOnlyList<HistoryEvent>? history, bool showHistoryOutput)
    {
        writer.WriteStartObject();
        writer.WriteString("name", record.Name);
        writer.WriteString("instanceId", record.InstanceId);
        writer.WriteString("runtimeStatus", ApiStatus(record.RuntimeStatus));
        WriteJson(writer, "input", showInput ? record.Input : null);
        WriteJson(writer, "customStatus", record.CustomStatus);
        WriteJson(writer, "output", record.Output);
        writer.WriteString("createdTime", Format(record.CreatedTime));
        writer.WriteString("lastUpdatedTime", Format(record.LastUpdatedTime));
        if (history is not null)
        {
            writer.WriteStartArray("historyEvents");
            foreach (var e in history.Where(e => e.OrchestratorStarted is null && e.OrchestratorCompleted is null))
            {
                WriteEvent(writer, e, showHistoryOutput);
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }

    /// <summary>The API shows a continued-as-new instance as Running (its next execution is about to start).</summary>
    public static string ApiStatus(string status) => status == RuntimeStatuses.ContinuedAsNew ? RuntimeStatuses.Running : status;

    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void WriteEvent(Utf8JsonWriter writer, HistoryEvent e, bool showOutput)
    {
        writer.WriteStartObject();
        writer.WriteString("EventType", e.EventTypeCase.ToString());
        if (e.EventId >= 0)
        {
            writer.WriteNumber("EventId", e.EventId);
        }
        writer.WriteString("Timestamp", e.Timestamp.ToDateTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
        switch (e.EventTypeCase)
        {
            case HistoryEvent.EventTypeOneofCase.ExecutionStarted:
                writer.WriteString("FunctionName", e.ExecutionStarted.Name);
                if (showOutput) WriteJson(writer, "Input", e.ExecutionStarted.Input);
                break;
            case HistoryEvent.EventTypeOneofCase.ExecutionCompleted:
                writer.WriteString("OrchestrationStatus", e.ExecutionCompleted.OrchestrationStatus.ToString());
                if (showOutput) WriteJson(writer, "Result", e.ExecutionCompleted.Result);
                if (e.ExecutionCompleted.FailureDetails is { } f) writer.WriteString("FailureDetails", $"{f.ErrorType}: {f.ErrorMessage}");
                break;
            case HistoryEvent.EventTypeOneofCase.TaskScheduled:
                writer.WriteString("Name", e.TaskScheduled.Name);
                break;
            case HistoryEvent.EventTypeOneofCase.TaskCompleted:
                writer.WriteNumber("TaskScheduledId", e.TaskCompleted.TaskScheduledId);
                if (showOutput) WriteJson(writer, "Result", e.TaskCompleted.Result);
                break;
            case HistoryEvent.EventTypeOneofCase.TaskFailed:
                writer.WriteNumber("TaskScheduledId", e.TaskFailed.TaskScheduledId);
                writer.WriteString("Reason", e.TaskFailed.FailureDetails?.ErrorMessage);
                break;
            case HistoryEvent.EventTypeOneofCase.TimerCreated:
                writer.WriteString("FireAt", Format(e.TimerCreated.FireAt.ToDateTimeOffset()));
                break;
            case HistoryEvent.EventTypeOneofCase.TimerFired:
                writer.WriteNumber("TimerId", e.TimerFired.TimerId);
                writer.WriteString("FireAt", Format(e.TimerFired.FireAt.ToDateTimeOffset()));
                break;
            case HistoryEvent.EventTypeOneofCase.EventRaised:
                writer.WriteString("Name", e.EventRaised.Name);
                if (showOutput) WriteJson(writer, "Input", e.EventRaised.Input);
                break;
            case HistoryEvent.EventTypeOneofCase.SubOrchestrationInstanceCreated:
                writer.WriteString("Name", e.SubOrchestrationInstanceCreated.Name);
                writer.WriteString("InstanceId", e.SubOrchestrationInstanceCreated.InstanceId);
                break;
        }
        writer.WriteEndObject();
    }

    private static void WriteJson(Utf8JsonWriter writer, string name, string? json)
    {
        writer.WritePropertyName(name);
        if (string.IsNullOrEmpty(json))
        {
            writer.WriteNullValue();
            return;
        }
        try
        {
            using var document = JsonDocument.Parse(json);
            document.RootElement.WriteTo(writer);
        }
        catch (JsonException)
        {
            writer.WriteStringValue(json);
        }
    }
}
