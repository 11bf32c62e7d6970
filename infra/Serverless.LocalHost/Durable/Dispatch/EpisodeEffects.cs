using Serverless.Durable.Protocol;
using Serverless.Durable.Testing;
using Serverless.LocalHost.Durable.Storage;

namespace Serverless.LocalHost.Durable.Dispatch;

/// <summary>
/// Turns an <c>OrchestratorResponse</c> into what the backend must do: the history events that record each action,
/// the activities, timers, sub-orchestrations and events to send, and the instance's completion. Message ids are
/// derived from the instance, execution and action id, so a repeated episode sends the same ids and duplicates drop.
/// </summary>
public sealed class EpisodeEffects(string instanceId, string executionId, HistoryEvent started, DateTime now)
{
    public List<HistoryEvent> Recorded { get; } = [];
    public List<WorkItemMessage> WorkItems { get; } = [];
    public List<(int Id, DateTimeOffset FireAt)> Timers { get; } = [];
    public List<InstanceRecord> Children { get; } = [];
    public List<ControlMessage> ControlMessages { get; } = [];
    public CompleteOrchestrationAction? Completion { get; private set; }
    public string Status { get; private set; } = RuntimeStatuses.Running;
    public string? Output { get; private set; }

    public void Apply(OrchestratorResponse response)
    {
        foreach (var action in response.Actions)
        {
            if (HistoryEvents.Recording(action, now) is { } recorded)
            {
                Recorded.Add(recorded);
            }
            string key = $"{instanceId}:{executionId}:{action.Id}";
            switch (action.OrchestratorActionTypeCase)
            {
                case OrchestratorAction.OrchestratorActionTypeOneofCase.ScheduleTask:
                    WorkItems.Add(new WorkItemMessage(key, instanceId, executionId, action.Id, action.ScheduleTask.Name, action.ScheduleTask.Input));
                    break;
                case OrchestratorAction.OrchestratorActionTypeOneofCase.CreateTimer:
                    Timers.Add((action.Id, action.CreateTimer.FireAt.ToDateTimeOffset()));
                    break;
                case OrchestratorAction.OrchestratorActionTypeOneofCase.CreateSubOrchestration:
                    StartChild(action, key);
                    break;
                case OrchestratorAction.OrchestratorActionTypeOneofCase.SendEvent:
                    var target = action.SendEvent.Instance?.InstanceId ?? "";
                    ControlMessages.Add(new ControlMessage(key, target, null, [EventCodec.Encode(HistoryEvents.EventRaised(now, action.SendEvent.Name, action.SendEvent.Data))]));
                    break;
                case OrchestratorAction.OrchestratorActionTypeOneofCase.TerminateOrchestration:
                    var terminate = action.TerminateOrchestration;
                    ControlMessages.Add(new ControlMessage(key, terminate.InstanceId, null, [EventCodec.Encode(HistoryEvents.ExecutionTerminated(now, terminate.Reason))]));
                    break;
                case OrchestratorAction.OrchestratorActionTypeOneofCase.CompleteOrchestration:
                    Complete(action.CompleteOrchestration, key);
                    break;
            }
        }
    }

    private void StartChild(OrchestratorAction action, string key)
    {
        var create = action.CreateSubOrchestration;
        var childId = string.IsNullOrEmpty(create.InstanceId) ? Guid.NewGuid().ToString("N") : create.InstanceId;
        var childExecution = Guid.NewGuid().ToString("N");
        var parent = new ParentInstanceInfo
        {
            TaskScheduledId = action.Id,
            Name = started.ExecutionStarted.Name,
            OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId, ExecutionId = executionId },
        };
        var start = HistoryEvents.ExecutionStarted(now, create.Name, create.Input, childId, parent);
        start.ExecutionStarted.OrchestrationInstance.ExecutionId = childExecution;
        Children.Add(new InstanceRecord
        {
            InstanceId = childId,
            Name = create.Name,
            RuntimeStatus = RuntimeStatuses.Pending,
            ExecutionId = childExecution,
            Input = create.Input,
            CreatedTime = now,
            LastUpdatedTime = now,
        });
        ControlMessages.Add(new ControlMessage(key, childId, childExecution, [EventCodec.Encode(start)]));
    }

    private void Complete(CompleteOrchestrationAction completion, string key)
    {
        Completion = completion;
        Status = completion.OrchestrationStatus switch
        {
            OrchestrationStatus.Completed => RuntimeStatuses.Completed,
            OrchestrationStatus.Failed => RuntimeStatuses.Failed,
            OrchestrationStatus.Terminated => RuntimeStatuses.Terminated,
            OrchestrationStatus.Canceled => RuntimeStatuses.Canceled,
            OrchestrationStatus.ContinuedAsNew => RuntimeStatuses.ContinuedAsNew,
            _ => RuntimeStatuses.Completed,
        };
        Output = Status == RuntimeStatuses.Failed
            ? EventCodec.JsonString(completion.FailureDetails is { } f ? $"{f.ErrorType}: {f.ErrorMessage}" : completion.Result ?? "Failed")
            : completion.Result;
        Recorded.Add(HistoryEvents.ExecutionCompleted(now, completion));

        if (Status == RuntimeStatuses.ContinuedAsNew)
        {
            var nextExecution = Guid.NewGuid().ToString("N");
            var info = started.ExecutionStarted;
            var restart = HistoryEvents.ExecutionStarted(now, info.Name, completion.Result, instanceId, info.ParentInstance);
            restart.ExecutionStarted.OrchestrationInstance.ExecutionId = nextExecution;
            var events = new List<string> { EventCodec.Encode(restart) };
            events.AddRange(completion.CarryoverEvents.Select(EventCodec.Encode));
            ControlMessages.Add(new ControlMessage(key + ":continue", instanceId, nextExecution, events));
            return;
        }
        if (started.ExecutionStarted.ParentInstance is { } parent)
        {
            var answer = Status == RuntimeStatuses.Completed
                ? HistoryEvents.SubOrchestrationCompleted(now, parent.TaskScheduledId, completion.Result)
                : SubOrchestrationFailed(parent.TaskScheduledId, completion);
            ControlMessages.Add(new ControlMessage(key + ":parent", parent.OrchestrationInstance.InstanceId, parent.OrchestrationInstance.ExecutionId, [EventCodec.Encode(answer)]));
        }
    }

    private HistoryEvent SubOrchestrationFailed(int taskScheduledId, CompleteOrchestrationAction completion) => new()
    {
        EventId = -1,
        Timestamp = HistoryEvents.ToTimestamp(now),
        SubOrchestrationInstanceFailed = new SubOrchestrationInstanceFailedEvent
        {
            TaskScheduledId = taskScheduledId,
            FailureDetails = completion.FailureDetails ?? new TaskFailureDetails { ErrorType = Status, ErrorMessage = $"The sub-orchestration {instanceId} ended {Status}." },
        },
    };
}
