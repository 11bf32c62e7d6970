using System.Text.Json;
using System.Text.Json.Serialization;

namespace Serverless.Durable.Client;

/// <summary>The management payload of azure-contracts.md §3: where to check, signal and control one instance.</summary>
public sealed record HttpManagementPayload(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("statusQueryGetUri")] string StatusQueryGetUri,
    [property: JsonPropertyName("sendEventPostUri")] string SendEventPostUri,
    [property: JsonPropertyName("terminatePostUri")] string TerminatePostUri,
    [property: JsonPropertyName("purgeHistoryDeleteUri")] string PurgeHistoryDeleteUri,
    [property: JsonPropertyName("rewindPostUri")] string RewindPostUri,
    [property: JsonPropertyName("suspendPostUri")] string SuspendPostUri,
    [property: JsonPropertyName("resumePostUri")] string ResumePostUri);

/// <summary>The status payload of one instance; input, customStatus and output are JSON values.</summary>
internal sealed record StatusPayload(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("instanceId")] string? InstanceId,
    [property: JsonPropertyName("runtimeStatus")] string? RuntimeStatus,
    [property: JsonPropertyName("input")] JsonElement Input,
    [property: JsonPropertyName("customStatus")] JsonElement CustomStatus,
    [property: JsonPropertyName("output")] JsonElement Output,
    [property: JsonPropertyName("createdTime")] DateTimeOffset? CreatedTime,
    [property: JsonPropertyName("lastUpdatedTime")] DateTimeOffset? LastUpdatedTime,
    [property: JsonPropertyName("historyEvents")] JsonElement HistoryEvents);

internal sealed record PurgeHistoryPayload([property: JsonPropertyName("instancesDeleted")] int InstancesDeleted);

[JsonSerializable(typeof(HttpManagementPayload))]
[JsonSerializable(typeof(StatusPayload))]
[JsonSerializable(typeof(StatusPayload[]))]
[JsonSerializable(typeof(PurgeHistoryPayload))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class DurableClientJsonContext : JsonSerializerContext;
