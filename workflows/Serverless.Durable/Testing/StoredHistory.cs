using Serverless.Durable.Protocol;

namespace Serverless.Durable.Testing;

/// <summary>A recorded history of one orchestration instance, as kept for replay checks.</summary>
public sealed record StoredHistory(string InstanceId, IReadOnlyList<HistoryEvent> Events)
{
    public string? OrchestratorName => Events.FirstOrDefault(e => e.ExecutionStarted is not null)?.ExecutionStarted.Name;
}
