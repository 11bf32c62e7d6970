using Serverless.Durable.Protocol;

namespace Serverless.Durable.Testing;

/// <summary>
/// Builds a history by hand, with a movable clock, for testing orchestrator branches without a backend.
/// Ids are explicit so a test can also build the wrong history on purpose.
/// </summary>
public sealed class HistoryBuilder(DateTime startUtc, string instanceId = HistoryBuilder.DefaultInstanceId)
{
    public const string DefaultInstanceId = "test-instance";

    private readonly List<HistoryEvent> _events = [];

    public DateTime Now { get; private set; } = DateTime.SpecifyKind(startUtc, DateTimeKind.Utc);

    public string InstanceId { get; } = instanceId;

    public IReadOnlyList<HistoryEvent> Events => _events;

    public HistoryBuilder At(DateTime utc)
    {
        Now = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        return this;
    }

    public HistoryBuilder Advance(TimeSpan by) => At(Now + by);

    public HistoryBuilder Add(HistoryEvent historyEvent)
    {
        _events.Add(historyEvent);
        return this;
    }

    /// <summary>OrchestratorStarted + ExecutionStarted: the first episode's opening.</summary>
    public HistoryBuilder Started(string orchestratorName, string? inputJson = null) =>
        OrchestratorStarted().Add(HistoryEvents.ExecutionStarted(Now, orchestratorName, inputJson, InstanceId));

    public HistoryBuilder OrchestratorStarted() => Add(HistoryEvents.OrchestratorStarted(Now));

    public HistoryBuilder OrchestratorCompleted() => Add(HistoryEvents.OrchestratorCompleted(Now));

    public HistoryBuilder TaskScheduled(int id, string name, string? inputJson = null) =>
        Add(HistoryEvents.TaskScheduled(Now, id, name, inputJson));

    public HistoryBuilder TaskCompleted(int id, string? resultJson) => Add(HistoryEvents.TaskCompleted(Now, id, resultJson));

    public HistoryBuilder TaskFailed(int id, Orchestration.TaskFailureDetails failure) =>
        Add(HistoryEvents.TaskFailed(Now, id, failure));

    public HistoryBuilder TimerCreated(int id, DateTime fireAt) => Add(HistoryEvents.TimerCreated(Now, id, fireAt));

    public HistoryBuilder TimerFired(int id, DateTime fireAt) => Add(HistoryEvents.TimerFired(Now, id, fireAt));

    public HistoryBuilder SubOrchestrationCreated(int id, string name, string instanceId, string? inputJson = null) =>
        Add(HistoryEvents.SubOrchestrationCreated(Now, id, name, instanceId, inputJson));

    public HistoryBuilder SubOrchestrationCompleted(int id, string? resultJson) =>
        Add(HistoryEvents.SubOrchestrationCompleted(Now, id, resultJson));

    public HistoryBuilder SubOrchestrationFailed(int id, Orchestration.TaskFailureDetails failure) =>
        Add(HistoryEvents.SubOrchestrationFailed(Now, id, failure));

    public HistoryBuilder EventSent(int id, string targetInstanceId, string name, string? inputJson = null) =>
        Add(HistoryEvents.EventSent(Now, id, targetInstanceId, name, inputJson));

    public HistoryBuilder EventRaised(string name, string? inputJson = null) => Add(HistoryEvents.EventRaised(Now, name, inputJson));

    public HistoryBuilder Terminated(string? reasonJson = null) => Add(HistoryEvents.ExecutionTerminated(Now, reasonJson));

    public HistoryBuilder Suspended() => Add(HistoryEvents.ExecutionSuspended(Now));

    public HistoryBuilder Resumed() => Add(HistoryEvents.ExecutionResumed(Now));

    /// <summary>A request whose first <paramref name="pastEventCount"/> events are past (replayed) and the rest new.</summary>
    public OrchestratorRequest ToRequest(int pastEventCount)
    {
        var request = new OrchestratorRequest { InstanceId = InstanceId };
        request.PastEvents.AddRange(_events.Take(pastEventCount));
        request.NewEvents.AddRange(_events.Skip(pastEventCount));
        return request;
    }

    /// <summary>All events as new events (a first episode), or everything past (a pure replay) with <paramref name="allPast"/>.</summary>
    public OrchestratorRequest ToRequest(bool allPast = false) => ToRequest(allPast ? _events.Count : 0);
}
