using Serverless.Durable.Orchestration;
using Serverless.Durable.Protocol;

namespace Serverless.Durable.Testing;

/// <summary>An event an orchestration sent to another instance during an in-memory run.</summary>
public sealed record SentEvent(string FromInstanceId, string ToInstanceId, string Name, string? PayloadJson, DateTime At);

/// <summary>How an in-memory run ended. <see cref="OrchestrationStatus.Running"/> means the orchestrator waits for
/// something nothing will deliver (no timer or event left).</summary>
public sealed record OrchestrationRunResult(
    string InstanceId,
    OrchestrationStatus Status,
    string? OutputJson,
    Orchestration.TaskFailureDetails? FailureDetails,
    string? CustomStatusJson,
    IReadOnlyList<HistoryEvent> History,
    int Episodes,
    int Generations,
    IReadOnlyList<SentEvent> SentEvents,
    DateTime FinishedAt)
{
    public T? ReadOutput<T>(DataConverter? converter = null) => (converter ?? JsonDataConverter.Default).Deserialize<T>(OutputJson);

    public T? ReadCustomStatus<T>(DataConverter? converter = null) =>
        (converter ?? JsonDataConverter.Default).Deserialize<T>(CustomStatusJson);
}
