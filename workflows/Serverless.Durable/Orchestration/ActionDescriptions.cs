using Serverless.Durable.Protocol;

namespace Serverless.Durable.Orchestration;

/// <summary>Human-readable names of actions and the history events that record them, for non-determinism messages.</summary>
internal static class ActionDescriptions
{
    public static string Describe(OrchestratorAction action) => action.OrchestratorActionTypeCase switch
    {
        OrchestratorAction.OrchestratorActionTypeOneofCase.ScheduleTask => $"ScheduleTask '{action.ScheduleTask.Name}'",
        OrchestratorAction.OrchestratorActionTypeOneofCase.CreateSubOrchestration =>
            $"CreateSubOrchestration '{action.CreateSubOrchestration.Name}'",
        OrchestratorAction.OrchestratorActionTypeOneofCase.CreateTimer => "CreateTimer",
        OrchestratorAction.OrchestratorActionTypeOneofCase.SendEvent => $"SendEvent '{action.SendEvent.Name}'",
        _ => action.OrchestratorActionTypeCase.ToString(),
    };

    /// <summary>Describes a history event by the action that must have produced it.</summary>
    public static string DescribeExpected(HistoryEvent historyEvent) => historyEvent.EventTypeCase switch
    {
        HistoryEvent.EventTypeOneofCase.TaskScheduled => $"ScheduleTask '{historyEvent.TaskScheduled.Name}'",
        HistoryEvent.EventTypeOneofCase.SubOrchestrationInstanceCreated =>
            $"CreateSubOrchestration '{historyEvent.SubOrchestrationInstanceCreated.Name}'",
        HistoryEvent.EventTypeOneofCase.TimerCreated => "CreateTimer",
        HistoryEvent.EventTypeOneofCase.EventSent => $"SendEvent '{historyEvent.EventSent.Name}'",
        _ => historyEvent.EventTypeCase.ToString(),
    };

    public static bool Matches(OrchestratorAction action, HistoryEvent historyEvent) => historyEvent.EventTypeCase switch
    {
        HistoryEvent.EventTypeOneofCase.TaskScheduled =>
            action.ScheduleTask is { } task && SameName(task.Name, historyEvent.TaskScheduled.Name),
        HistoryEvent.EventTypeOneofCase.SubOrchestrationInstanceCreated =>
            action.CreateSubOrchestration is { } sub && SameName(sub.Name, historyEvent.SubOrchestrationInstanceCreated.Name),
        HistoryEvent.EventTypeOneofCase.TimerCreated => action.CreateTimer is not null,
        HistoryEvent.EventTypeOneofCase.EventSent =>
            action.SendEvent is { } sent && SameName(sent.Name, historyEvent.EventSent.Name),
        _ => false,
    };

    private static bool SameName(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
