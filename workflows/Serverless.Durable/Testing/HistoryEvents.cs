using Google.Protobuf.WellKnownTypes;
using Serverless.Durable.Orchestration;
using Serverless.Durable.Protocol;

namespace Serverless.Durable.Testing;

/// <summary>Factory for history events. Events that record an orchestrator action carry the action's id as eventId;
/// all others carry -1, as the Durable Task backends do.</summary>
public static class HistoryEvents
{
    public static HistoryEvent OrchestratorStarted(DateTime at) =>
        New(-1, at, e => e.OrchestratorStarted = new OrchestratorStartedEvent());

    public static HistoryEvent OrchestratorCompleted(DateTime at) =>
        New(-1, at, e => e.OrchestratorCompleted = new OrchestratorCompletedEvent());

    public static HistoryEvent ExecutionStarted(
        DateTime at, string name, string? inputJson, string instanceId, ParentInstanceInfo? parent = null) =>
        New(-1, at, e => e.ExecutionStarted = new ExecutionStartedEvent
        {
            Name = name,
            Input = inputJson,
            OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId },
            ParentInstance = parent,
        });

    public static HistoryEvent TaskScheduled(DateTime at, int id, string name, string? inputJson) =>
        New(id, at, e => e.TaskScheduled = new TaskScheduledEvent { Name = name, Input = inputJson });

    public static HistoryEvent TaskCompleted(DateTime at, int taskScheduledId, string? resultJson) =>
        New(-1, at, e => e.TaskCompleted = new TaskCompletedEvent { TaskScheduledId = taskScheduledId, Result = resultJson });

    public static HistoryEvent TaskFailed(DateTime at, int taskScheduledId, Orchestration.TaskFailureDetails failure) =>
        New(-1, at, e => e.TaskFailed = new TaskFailedEvent { TaskScheduledId = taskScheduledId, FailureDetails = failure.ToProto() });

    public static HistoryEvent TimerCreated(DateTime at, int id, DateTime fireAt) =>
        New(id, at, e => e.TimerCreated = new TimerCreatedEvent { FireAt = ToTimestamp(fireAt) });

    public static HistoryEvent TimerFired(DateTime at, int timerId, DateTime fireAt) =>
        New(-1, at, e => e.TimerFired = new TimerFiredEvent { TimerId = timerId, FireAt = ToTimestamp(fireAt) });

    public static HistoryEvent SubOrchestrationCreated(DateTime at, int id, string name, string instanceId, string? inputJson) =>
        New(id, at, e => e.SubOrchestrationInstanceCreated = new SubOrchestrationInstanceCreatedEvent
        {
            Name = name,
            InstanceId = instanceId,
            Input = inputJson,
        });

    public static HistoryEvent SubOrchestrationCompleted(DateTime at, int taskScheduledId, string? resultJson) =>
        New(-1, at, e => e.SubOrchestrationInstanceCompleted = new SubOrchestrationInstanceCompletedEvent
        {
            TaskScheduledId = taskScheduledId,
            Result = resultJson,
        });

    public static HistoryEvent SubOrchestrationFailed(DateTime at, int taskScheduledId, Orchestration.TaskFailureDetails failure) =>
        New(-1, at, e => e.SubOrchestrationInstanceFailed = new SubOrchestrationInstanceFailedEvent
        {
            TaskScheduledId = taskScheduledId,
            FailureDetails = failure.ToProto(),
        });

    public static HistoryEvent EventSent(DateTime at, int id, string instanceId, string name, string? inputJson) =>
        New(id, at, e => e.EventSent = new EventSentEvent { InstanceId = instanceId, Name = name, Input = inputJson });

    public static HistoryEvent EventRaised(DateTime at, string name, string? inputJson) =>
        New(-1, at, e => e.EventRaised = new EventRaisedEvent { Name = name, Input = inputJson });

    public static HistoryEvent ExecutionTerminated(DateTime at, string? reasonJson) =>
        New(-1, at, e => e.ExecutionTerminated = new ExecutionTerminatedEvent { Input = reasonJson });

    public static HistoryEvent ExecutionSuspended(DateTime at) =>
        New(-1, at, e => e.ExecutionSuspended = new ExecutionSuspendedEvent());

    public static HistoryEvent ExecutionResumed(DateTime at) =>
        New(-1, at, e => e.ExecutionResumed = new ExecutionResumedEvent());

    public static HistoryEvent ExecutionCompleted(DateTime at, CompleteOrchestrationAction completion) =>
        New(-1, at, e => e.ExecutionCompleted = new ExecutionCompletedEvent
        {
            OrchestrationStatus = completion.OrchestrationStatus,
            Result = completion.Result,
            FailureDetails = completion.FailureDetails,
        });

    /// <summary>The history event that records <paramref name="action"/> once the backend has carried it out.</summary>
    public static HistoryEvent? Recording(OrchestratorAction action, DateTime at) => action.OrchestratorActionTypeCase switch
    {
        OrchestratorAction.OrchestratorActionTypeOneofCase.ScheduleTask =>
            TaskScheduled(at, action.Id, action.ScheduleTask.Name, action.ScheduleTask.Input),
        OrchestratorAction.OrchestratorActionTypeOneofCase.CreateTimer =>
            TimerCreated(at, action.Id, action.CreateTimer.FireAt.ToDateTime()),
        OrchestratorAction.OrchestratorActionTypeOneofCase.CreateSubOrchestration => SubOrchestrationCreated(
            at, action.Id, action.CreateSubOrchestration.Name, action.CreateSubOrchestration.InstanceId,
            action.CreateSubOrchestration.Input),
        OrchestratorAction.OrchestratorActionTypeOneofCase.SendEvent => EventSent(
            at, action.Id, action.SendEvent.Instance?.InstanceId ?? string.Empty, action.SendEvent.Name, action.SendEvent.Data),
        _ => null,
    };

    public static Timestamp ToTimestamp(DateTime value) =>
        Timestamp.FromDateTime(value.Kind == DateTimeKind.Utc ? value : DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private static HistoryEvent New(int eventId, DateTime at, Action<HistoryEvent> set)
    {
        var historyEvent = new HistoryEvent { EventId = eventId, Timestamp = ToTimestamp(at) };
        set(historyEvent);
        return historyEvent;
    }
}
