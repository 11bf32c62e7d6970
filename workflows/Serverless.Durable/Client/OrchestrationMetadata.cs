using System.Text.Json;
using Serverless.Durable.Orchestration;

namespace Serverless.Durable.Client;

/// <summary>What the management API says about one instance. Serialized* hold raw JSON (null when absent).</summary>
public sealed record OrchestrationMetadata(string Name, string InstanceId)
{
    public OrchestrationRuntimeStatus RuntimeStatus { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset LastUpdatedAt { get; init; }

    public string? SerializedInput { get; init; }

    public string? SerializedOutput { get; init; }

    public string? SerializedCustomStatus { get; init; }

    /// <summary>The raw historyEvents array when requested with showHistory.</summary>
    public string? SerializedHistory { get; init; }

    public bool IsRunning => RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending
        or OrchestrationRuntimeStatus.Suspended or OrchestrationRuntimeStatus.ContinuedAsNew;

    public bool IsCompleted => !IsRunning;

    public T? ReadInputAs<T>(DataConverter? converter = null) => (converter ?? JsonDataConverter.Default).Deserialize<T>(SerializedInput);

    public T? ReadOutputAs<T>(DataConverter? converter = null) => (converter ?? JsonDataConverter.Default).Deserialize<T>(SerializedOutput);

    public T? ReadCustomStatusAs<T>(DataConverter? converter = null) =>
        (converter ?? JsonDataConverter.Default).Deserialize<T>(SerializedCustomStatus);

    internal static OrchestrationMetadata FromPayload(StatusPayload payload) => new(payload.Name ?? string.Empty, payload.InstanceId ?? string.Empty)
    {
        RuntimeStatus = Enum.TryParse<OrchestrationRuntimeStatus>(payload.RuntimeStatus, ignoreCase: true, out var status)
            ? status
            : throw new FormatException($"Unknown runtimeStatus '{payload.RuntimeStatus}'."),
        CreatedAt = payload.CreatedTime ?? default,
        LastUpdatedAt = payload.LastUpdatedTime ?? default,
        SerializedInput = Raw(payload.Input),
        SerializedOutput = Raw(payload.Output),
        SerializedCustomStatus = Raw(payload.CustomStatus),
        SerializedHistory = Raw(payload.HistoryEvents),
    };

    private static string? Raw(JsonElement value) =>
        value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null ? null : value.GetRawText();
}
