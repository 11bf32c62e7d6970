using Serverless.Durable.Activities;
using Serverless.Durable.Hosting;
using Serverless.Durable.Orchestration;
using Serverless.Durable.Protocol;

namespace Serverless.Durable.Testing;

/// <summary>
/// Plays the backend in memory on a virtual clock: records each episode's actions in the history, runs activities and
/// sub-orchestrations from the registry at once, fires timers and scheduled external events in time order, follows
/// ContinueAsNew. No storage, no waiting: time jumps to the next due item.
/// </summary>
public sealed class InMemoryOrchestrationRunner(
    DurableFunctionRegistry registry, DateTime? startUtc = null, DataConverter? converter = null, int maxEpisodes = 100_000)
{
    private readonly DataConverter _converter = converter ?? JsonDataConverter.Default;
    private readonly Dictionary<string, List<(DateTime At, HistoryEvent Raised)>> _scheduledEvents = [];
    private readonly List<SentEvent> _sent = [];
    private int _episodes;

    /// <summary>The virtual clock.</summary>
    public DateTime Now { get; private set; } = DateTime.SpecifyKind(startUtc ?? new DateTime(2026, 1, 5, 14, 0, 0), DateTimeKind.Utc);

    /// <summary>Raises <paramref name="eventName"/> on <paramref name="instanceId"/> at virtual time <paramref name="at"/>.</summary>
    public InMemoryOrchestrationRunner RaiseEventAt(DateTime at, string instanceId, string eventName, object? payload = null)
    {
        if (!_scheduledEvents.TryGetValue(instanceId, out var list))
        {
            list = [];
            _scheduledEvents.Add(instanceId, list);
        }

        at = DateTime.SpecifyKind(at, DateTimeKind.Utc);
        list.Add((at, HistoryEvents.EventRaised(at, eventName, _converter.Serialize(payload))));
        return this;
    }

    public Task<OrchestrationRunResult> RunAsync(string orchestratorName, object? input = null, string instanceId = HistoryBuilder.DefaultInstanceId) =>
        RunInstanceAsync(orchestratorName, _converter.Serialize(input), instanceId, parent: null);

    private async Task<OrchestrationRunResult> RunInstanceAsync(
        string name, string? inputJson, string instanceId, ParentInstanceInfo? parent)
    {
        if (!registry.TryCreateOrchestrator(name, out _))
        {
            throw new InvalidOperationException($"No orchestrator named '{name}' is registered.");
        }

        var executor = new OrchestrationExecutor(_converter);
        var carryover = new List<HistoryEvent>();
        for (int generation = 1; ; generation++)
        {
            var past = new List<HistoryEvent>();
            var incoming = new List<HistoryEvent>
            {
                HistoryEvents.OrchestratorStarted(Now),
                HistoryEvents.ExecutionStarted(Now, name, inputJson, instanceId, parent),
            };
            incoming.AddRange(carryover);
            var timers = new List<(DateTime FireAt, int Id)>();
            string? customStatus = null;

            while (true)
            {
                if (++_episodes > maxEpisodes)
                {
                    throw new InvalidOperationException($"The run exceeded {maxEpisodes} episodes.");
                }

                registry.TryCreateOrchestrator(name, out var orchestrator);
                var request = new OrchestratorRequest { InstanceId = instanceId };
                request.PastEvents.AddRange(past);
                request.NewEvents.AddRange(incoming);
                var response = executor.Execute(request, orchestrator);
                past.AddRange(incoming);
                incoming = [];
                customStatus = response.CustomStatus;

                CompleteOrchestrationAction? completion = null;
                var deliveries = new List<HistoryEvent>();
                foreach (var action in response.Actions)
                {
                    if (action.CompleteOrchestration is { } complete)
                    {
                        completion = complete;
                        continue;
                    }

                    past.Add(HistoryEvents.Recording(action, Now)!);
                    await CarryOutAsync(action, instanceId, name, timers, deliveries);
                }

                past.Add(HistoryEvents.OrchestratorCompleted(Now));
                if (completion?.OrchestrationStatus == OrchestrationStatus.ContinuedAsNew)
                {
                    inputJson = completion.Result;
                    carryover = [.. completion.CarryoverEvents];
                    break;
                }

                if (completion is not null)
                {
                    past.Add(HistoryEvents.ExecutionCompleted(Now, completion));
                    return Finish(instanceId, completion.OrchestrationStatus, completion.Result,
                        Orchestration.TaskFailureDetails.FromProto(completion.FailureDetails), customStatus, past, generation);
                }

                if (deliveries.Count == 0 && !AdvanceToNextDue(instanceId, timers, deliveries))
                {
                    return Finish(instanceId, OrchestrationStatus.Running, null, null, customStatus, past, generation);
                }

                incoming.Add(HistoryEvents.OrchestratorStarted(Now));
                incoming.AddRange(deliveries);
            }
        }
    }

    private async Task CarryOutAsync(
        OrchestratorAction action, string instanceId, string orchestratorName, List<(DateTime FireAt, int Id)> timers,
        List<HistoryEvent> deliveries)
    {
        switch (action.OrchestratorActionTypeCase)
        {
            case OrchestratorAction.OrchestratorActionTypeOneofCase.ScheduleTask:
                var task = action.ScheduleTask;
                var result = registry.TryCreateActivity(task.Name, out var activity)
                    ? await ActivityRunner.RunAsync(
                        activity, new TaskActivityContext(task.Name, instanceId, action.Id), task.Input, _converter)
                    : new ActivityResult(null, new Orchestration.TaskFailureDetails(
                        "ActivityNotFound", $"No activity named '{task.Name}' is registered."));
                deliveries.Add(result.Failure is { } failure
                    ? HistoryEvents.TaskFailed(Now, action.Id, failure)
                    : HistoryEvents.TaskCompleted(Now, action.Id, result.OutputJson));
                break;
            case OrchestratorAction.OrchestratorActionTypeOneofCase.CreateTimer:
                timers.Add((action.CreateTimer.FireAt.ToDateTime(), action.Id));
                break;
            case OrchestratorAction.OrchestratorActionTypeOneofCase.CreateSubOrchestration:
                var sub = action.CreateSubOrchestration;
                var parent = new ParentInstanceInfo
                {
                    TaskScheduledId = action.Id,
                    Name = orchestratorName,
                    OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId },
                };
                var child = await RunInstanceAsync(sub.Name, sub.Input, sub.InstanceId, parent);
                deliveries.Add(child.Status == OrchestrationStatus.Completed
                    ? HistoryEvents.SubOrchestrationCompleted(Now, action.Id, child.OutputJson)
                    : HistoryEvents.SubOrchestrationFailed(Now, action.Id, child.FailureDetails
                        ?? new Orchestration.TaskFailureDetails("SubOrchestrationNotCompleted", $"Sub-orchestration ended as {child.Status}.")));
                break;
            case OrchestratorAction.OrchestratorActionTypeOneofCase.SendEvent:
                var send = action.SendEvent;
                _sent.Add(new SentEvent(instanceId, send.Instance?.InstanceId ?? string.Empty, send.Name, send.Data, Now));
                break;
        }
    }

    /// <summary>Moves the clock to the earliest due timer or scheduled event and collects everything due by then.</summary>
    private bool AdvanceToNextDue(string instanceId, List<(DateTime FireAt, int Id)> timers, List<HistoryEvent> deliveries)
    {
        var events = _scheduledEvents.GetValueOrDefault(instanceId) ?? [];
        DateTime? next = null;
        foreach (var timer in timers)
        {
            next = next is null || timer.FireAt < next ? timer.FireAt : next;
        }

        foreach (var scheduled in events)
        {
            next = next is null || scheduled.At < next ? scheduled.At : next;
        }

        if (next is null)
        {
            return false;
        }

        if (next > Now)
        {
            Now = next.Value;
        }

        var due = new List<(DateTime At, int Order, HistoryEvent Event)>();
        foreach (var timer in timers.Where(t => t.FireAt <= Now).OrderBy(t => t.FireAt).ThenBy(t => t.Id))
        {
            due.Add((timer.FireAt, due.Count, HistoryEvents.TimerFired(Now, timer.Id, timer.FireAt)));
        }

        foreach (var scheduled in events.Where(e => e.At <= Now))
        {
            var raised = scheduled.Raised.Clone();
            raised.Timestamp = HistoryEvents.ToTimestamp(Now);
            due.Add((scheduled.At, due.Count, raised));
        }

        timers.RemoveAll(t => t.FireAt <= Now);
        events.RemoveAll(e => e.At <= Now);
        deliveries.AddRange(due.OrderBy(d => d.At).ThenBy(d => d.Order).Select(d => d.Event));
        return true;
    }

    private OrchestrationRunResult Finish(
        string instanceId, OrchestrationStatus status, string? output, Orchestration.TaskFailureDetails? failure,
        string? customStatus, List<HistoryEvent> history, int generation) =>
        new(instanceId, status, output, failure, customStatus, history, _episodes, generation, _sent.ToArray(), Now);
}
