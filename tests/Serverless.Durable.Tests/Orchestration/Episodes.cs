using Serverless.Durable.Orchestration;
using Serverless.Durable.Protocol;
using Serverless.Durable.Testing;

namespace Serverless.Durable.Tests.Orchestration;

/// <summary>Runs one episode of an orchestrator delegate over a hand-built history and reads the response.</summary>
internal static class Episodes
{
    public static readonly DateTime Start = new(2026, 3, 2, 13, 0, 0, DateTimeKind.Utc);

    public static OrchestratorResponse Run<TIn, TOut>(
        Func<TaskOrchestrationContext, TIn, Task<TOut>> orchestrator, HistoryBuilder history, int? pastEventCount = null) =>
        new OrchestrationExecutor().Execute(
            history.ToRequest(pastEventCount ?? 0), new FuncTaskOrchestrator<TIn, TOut>(orchestrator));

    public static CompleteOrchestrationAction Completion(this OrchestratorResponse response) =>
        Assert.Single(response.Actions, a => a.CompleteOrchestration is not null).CompleteOrchestration;

    public static CompleteOrchestrationAction? CompletionOrNull(this OrchestratorResponse response) =>
        response.Actions.SingleOrDefault(a => a.CompleteOrchestration is not null)?.CompleteOrchestration;

    public static List<OrchestratorAction> Scheduled(this OrchestratorResponse response) =>
        response.Actions.Where(a => a.CompleteOrchestration is null).ToList();
}
