using Serverless.Durable.Hosting;
using Serverless.Durable.Orchestration;
using Serverless.Durable.Protocol;

namespace Serverless.Durable.Testing;

/// <summary>The verdict of replaying current orchestrator code over a recorded history.</summary>
public sealed record ReplayOutcome(string InstanceId, string? OrchestratorName, string? Problem, OrchestratorResponse Response)
{
    public bool IsDeterministic => Problem is null;
}

/// <summary>
/// Replays recorded histories against the current code to catch non-determinism before a deploy. A recorded history
/// already holds every action its episodes produced, so a faithful replay produces no new action, hits no mismatch,
/// and ends the way the history ended.
/// </summary>
public static class ReplayVerifier
{
    public static ReplayOutcome Replay(ITaskOrchestrator orchestrator, StoredHistory history, DataConverter? converter = null)
    {
        var request = new OrchestratorRequest { InstanceId = history.InstanceId };
        request.PastEvents.AddRange(history.Events);
        var response = new OrchestrationExecutor(converter).Execute(request, orchestrator);
        return new ReplayOutcome(history.InstanceId, history.OrchestratorName, FindProblem(history, response), response);
    }

    public static ReplayOutcome Replay(DurableFunctionRegistry registry, StoredHistory history, DataConverter? converter = null)
    {
        string? name = history.OrchestratorName;
        if (name is null || !registry.TryCreateOrchestrator(name, out var orchestrator))
        {
            return new ReplayOutcome(history.InstanceId, name,
                $"No orchestrator named '{name ?? "(none)"}' is registered.", new OrchestratorResponse());
        }

        return Replay(orchestrator, history, converter);
    }

    /// <summary>Replays every stored history in <paramref name="directory"/>; returns one outcome per file.</summary>
    public static IReadOnlyList<(string Path, ReplayOutcome Outcome)> ReplayDirectory(
        DurableFunctionRegistry registry, string directory, DataConverter? converter = null) =>
        HistoryJson.LoadDirectory(directory).Select(file => (file.Path, Replay(registry, file.History, converter))).ToList();

    private static string? FindProblem(StoredHistory history, OrchestratorResponse response)
    {
        var completion = response.Actions.Select(a => a.CompleteOrchestration).LastOrDefault(c => c is not null);
        if (completion?.FailureDetails is { } failure
            && failure.ErrorType == typeof(NonDeterministicOrchestrationException).FullName)
        {
            return failure.ErrorMessage;
        }

        var unrecorded = response.Actions.FirstOrDefault(a => a.CompleteOrchestration is null);
        if (unrecorded is not null)
        {
            return $"The code produced {ActionDescriptions.Describe(unrecorded)} (id {unrecorded.Id}), which the history does not record.";
        }

        var recordedEnd = history.Events.LastOrDefault(e => e.ExecutionCompleted is not null)?.ExecutionCompleted;
        if (recordedEnd is not null && completion?.OrchestrationStatus != recordedEnd.OrchestrationStatus)
        {
            return $"The history ended as {recordedEnd.OrchestrationStatus}, but the code ended as {completion?.OrchestrationStatus.ToString() ?? "still running"}.";
        }

        return null;
    }
}
