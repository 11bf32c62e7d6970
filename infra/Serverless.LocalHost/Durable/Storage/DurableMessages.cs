using System.Text.Json.Serialization;

namespace Serverless.LocalHost.Durable.Storage;

/// <summary>
/// A control-queue message: history events (protobuf, base64) for one instance. <see cref="ExecutionId"/> is set when
/// the events belong to one execution (task results, timers) and null for events aimed at whatever runs (raise, terminate).
/// </summary>
public sealed record ControlMessage(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("instanceId")] string InstanceId,
    [property: JsonPropertyName("executionId")] string? ExecutionId,
    [property: JsonPropertyName("events")] IReadOnlyList<string> Events,
    [property: JsonPropertyName("rewind")] bool Rewind = false);

/// <summary>A work-item message: one activity to run.</summary>
public sealed record WorkItemMessage(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("instanceId")] string InstanceId,
    [property: JsonPropertyName("executionId")] string ExecutionId,
    [property: JsonPropertyName("taskScheduledId")] int TaskScheduledId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("input")] string? Input);

/// <summary>A received message with what is needed to delete it or make it visible again.</summary>
public sealed record Received<T>(T Message, string QueueMessageId, string PopReceipt, long DequeueCount);

[JsonSerializable(typeof(ControlMessage))]
[JsonSerializable(typeof(WorkItemMessage))]
internal sealed partial class DurableMessageJson : JsonSerializerContext;
