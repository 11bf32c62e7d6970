using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Serverless.Durable.Protocol;
using Serverless.Durable.Testing;
using Serverless.LocalHost.Durable.Storage;
using Serverless.LocalHost.FunctionsHost.Handler;

namespace Serverless.LocalHost.Durable.Dispatch;

/// <summary>
/// Runs one orchestration episode: loads the committed history, drops duplicate and stale messages, sends the
/// handler the V2 <c>OrchestratorRequest</c>, carries out the returned actions, then commits the history under the
/// sentinel's ETag and only afterwards deletes the queue messages (at-least-once, duplicates dropped on the next try).
/// </summary>
public sealed class OrchestrationWorker(TaskHubStore store, DurableFunctions functions, FunctionInvoker invoker, TimeProvider clock, Action<string> onControlSent, Action onWorkItemSent, Action<int, TimeSpan> wakePartitionAfter, ILogger logger)
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private const int MaxCachedInstances = 20_000;

    // Histories this process committed last, reused while it owns the partition; the sentinel ETag catches a stale copy.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, HistorySnapshot> _cache = new(StringComparer.Ordinal);

    /// <summary>Forgets cached histories (a partition changed hands).</summary>
    public void ForgetCachedHistories() => _cache.Clear();

    public async Task ProcessAsync(int partition, string instanceId, IReadOnlyList<Received<ControlMessage>> messages, CancellationToken cancellationToken)
    {
        var snapshot = _cache.TryRemove(instanceId, out var cached) ? cached : await store.History.LoadAsync(instanceId, cancellationToken);
        var accepted = new List<(HistoryEvent Event, string? MessageId)>();
        var done = new List<Received<ControlMessage>>();
        var deferred = new List<Received<ControlMessage>>();
        bool newExecution = false;
        string? executionId = snapshot.ExecutionId;
        HistoryEvent? started = snapshot.Events.FirstOrDefault(e => e.Event.ExecutionStarted is not null)?.Event;

        foreach (var received in messages)
        {
            var message = received.Message;
            if (snapshot.MessageIds.Contains(message.Id) || accepted.Any(a => a.MessageId == message.Id))
            {
                done.Add(received);
                continue;
            }
            if (message.Rewind)
            {
                await RewindAsync(snapshot, cancellationToken);
                await store.Queues.DeleteControlAsync(partition, received, cancellationToken);
                await DeleteAsync(partition, done, cancellationToken);
                foreach (var later in messages.Except(done).Where(m => m != received))
                {
                    await store.Queues.ReleaseControlAsync(partition, later, TimeSpan.Zero, cancellationToken);
                wakePartitionAfter(partition, TimeSpan.Zero);
                }
                return;
            }
            var events = message.Events.Select(EventCodec.Decode).ToList();
            if (events.FirstOrDefault()?.ExecutionStarted is { } start)
            {
                bool fresh = !snapshot.Exists || snapshot.RuntimeStatus == RuntimeStatuses.ContinuedAsNew && message.ExecutionId != snapshot.ExecutionId;
                if (!fresh || newExecution)
                {
                    // A next execution's start that overtook the checkpoint of the previous one waits; a repeat is dropped.
                    bool overtaking = snapshot.Exists && !RuntimeStatuses.IsTerminal(snapshot.RuntimeStatus) && message.ExecutionId != snapshot.ExecutionId;
                    (overtaking ? deferred : done).Add(received);
                    continue;
                }
                newExecution = true;
                executionId = message.ExecutionId ?? start.OrchestrationInstance?.ExecutionId ?? Guid.NewGuid().ToString("N");
                started = events[0];
                accepted.AddRange(events.Select((e, i) => (e, i == 0 ? message.Id : (string?)null)));
                continue;
            }
            if (!snapshot.Exists && !newExecution)
            {
                deferred.Add(received);
                continue;
            }
            if (snapshot.RuntimeStatus == RuntimeStatuses.ContinuedAsNew && !newExecution)
            {
                // Waiting for the next execution's start; the old execution's leftovers are dropped.
                (message.ExecutionId == snapshot.ExecutionId ? done : deferred).Add(received);
                continue;
            }
            if (message.ExecutionId is not null && message.ExecutionId != executionId || !newExecution && RuntimeStatuses.IsTerminal(snapshot.RuntimeStatus))
            {
                done.Add(received);
                continue;
            }
            var past = newExecution ? [] : snapshot.Events.Select(e => e.Event).ToList();
            switch (Classify(events, past, accepted.Select(a => a.Event)))
            {
                case Fit.Accept:
                    accepted.AddRange(events.Select(e => (e, (string?)message.Id)));
                    break;
                case Fit.Duplicate:
                    done.Add(received);
                    break;
                case Fit.TooEarly:
                    deferred.Add(received);
                    break;
            }
        }

        foreach (var wait in deferred)
        {
            await store.Queues.ReleaseControlAsync(partition, wait, RetryDelay, cancellationToken);
                wakePartitionAfter(partition, RetryDelay);
        }
        if (accepted.Count == 0 || started is null)
        {
            if (snapshot.Exists && !RuntimeStatuses.IsTerminal(snapshot.RuntimeStatus))
            {
                _cache[instanceId] = snapshot;
            }
            if (done.Count > 0 && snapshot.Exists && started is not null)
            {
                // Redelivered messages mean the last episode may have died between its checkpoint and the row update.
                await store.UpdateInstanceAsync(instanceId, started.ExecutionStarted.Name, snapshot.RuntimeStatus, snapshot.ExecutionId, null, snapshot.Output, snapshot.CustomStatus, snapshot.LastSequence, cancellationToken);
            }
            await DeleteAsync(partition, done, cancellationToken);
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var pastEvents = newExecution ? new List<HistoryEvent>() : snapshot.Events.Select(e => e.Event).ToList();
        var newEvents = new List<(HistoryEvent Event, string? MessageId)> { (HistoryEvents.OrchestratorStarted(now), null) };
        newEvents.AddRange(accepted);
        var request = new OrchestratorRequest { InstanceId = instanceId, ExecutionId = executionId };
        request.PastEvents.AddRange(pastEvents);
        request.NewEvents.AddRange(newEvents.Select(e => e.Event));

        var name = started.ExecutionStarted.Name;
        var response = await InvokeAsync(name, instanceId, request, cancellationToken);
        if (response is null)
        {
            foreach (var retry in messages.Except(done))
            {
                await store.Queues.ReleaseControlAsync(partition, retry, RetryDelay, cancellationToken);
                wakePartitionAfter(partition, RetryDelay);
            }
            return;
        }

        var effects = new EpisodeEffects(instanceId, executionId!, started, now);
        effects.Apply(response);
        newEvents.AddRange(effects.Recorded.Select(e => (e, (string?)null)));
        newEvents.Add((HistoryEvents.OrchestratorCompleted(now), null));
        var status = effects.Completion is null ? StatusWhileRunning(pastEvents.Concat(newEvents.Select(e => e.Event))) : effects.Status;

        // Outgoing work first: if the checkpoint then fails, the duplicates are dropped where they arrive.
        foreach (var workItem in effects.WorkItems)
        {
            await store.Queues.SendWorkItemAsync(workItem, cancellationToken);
            onWorkItemSent();
        }
        foreach (var timer in effects.Timers)
        {
            await store.Timers.AddAsync(partition, instanceId, executionId!, timer.Id, timer.FireAt, cancellationToken);
            store.TimerAdded(partition, timer.FireAt);
        }
        foreach (var child in effects.Children)
        {
            await store.Instances.UpsertAsync(child, cancellationToken);
        }
        foreach (var control in effects.ControlMessages)
        {
            await store.Queues.SendControlAsync(control, cancellationToken);
            onControlSent(control.InstanceId);
        }

        var checkpoint = new HistoryCheckpoint(newEvents, executionId!, newExecution, status, effects.Output, response.CustomStatus, clock.GetUtcNow());
        var (committed, after) = await store.History.CheckpointAsync(snapshot, checkpoint, cancellationToken);
        if (!committed)
        {
            logger.LogWarning("Checkpoint of {InstanceId} lost to another worker; its messages will be retried", instanceId);
            foreach (var retry in messages.Except(done))
            {
                await store.Queues.ReleaseControlAsync(partition, retry, RetryDelay, cancellationToken);
                wakePartitionAfter(partition, RetryDelay);
            }
            return;
        }
        if (!RuntimeStatuses.IsTerminal(status) && _cache.Count < MaxCachedInstances)
        {
            _cache[instanceId] = after;
        }
        // The row changes only when what it shows changes; reads repair it from the sentinel in between.
        if (newExecution || status != snapshot.RuntimeStatus || response.CustomStatus != snapshot.CustomStatus || effects.Output is not null)
        {
            await store.UpdateInstanceAsync(instanceId, name, status, executionId, newExecution ? started.ExecutionStarted.Input : null, effects.Output, response.CustomStatus, after.LastSequence, cancellationToken);
        }
        await DeleteAsync(partition, messages, cancellationToken);
    }

    private async Task<OrchestratorResponse?> InvokeAsync(string name, string instanceId, OrchestratorRequest request, CancellationToken cancellationToken)
    {
        var function = functions.Orchestrator(name);
        if (function is null)
        {
            return Failed(instanceId, "OrchestratorNotFound", $"The function '{name}' doesn't exist, is disabled, or is not an orchestrator function.");
        }
        var data = new JsonObject { [function.Trigger.Name] = Serverless.Durable.Protocol.ProtocolFraming.WrapContextBinding(Serverless.Durable.Protocol.ProtocolFraming.EncodeRequest(request)) };
        var result = await invoker.InvokeAsync(function, data, new JsonObject { ["instanceId"] = instanceId }, cancellationToken);
        if (!result.Succeeded)
        {
            logger.LogWarning("Orchestrator {Name} for {InstanceId} could not run ({Error}); retrying", name, instanceId, result.Error);
            return null;
        }
        try
        {
            var text = result.ReturnValue?.GetValueKind() == System.Text.Json.JsonValueKind.String ? result.ReturnValue.GetValue<string>() : null;
            if (text is null)
            {
                return Failed(instanceId, "InvalidOrchestratorResponse", "The orchestrator's ReturnValue is not a base64 OrchestratorResponse string.");
            }
            if (text.StartsWith('"'))
            {
                text = System.Text.Json.JsonSerializer.Deserialize(text, Http.ManagementJson.Default.String)!;
            }
            return Serverless.Durable.Protocol.ProtocolFraming.DecodeResponse(text);
        }
        catch (Exception ex) when (ex is FormatException or Google.Protobuf.InvalidProtocolBufferException or System.Text.Json.JsonException)
        {
            return Failed(instanceId, "InvalidOrchestratorResponse", ex.Message);
        }
    }

    private static OrchestratorResponse Failed(string instanceId, string type, string message) => new()
    {
        InstanceId = instanceId,
        Actions =
        {
            new OrchestratorAction
            {
                CompleteOrchestration = new CompleteOrchestrationAction
                {
                    OrchestrationStatus = OrchestrationStatus.Failed,
                    FailureDetails = new TaskFailureDetails { ErrorType = type, ErrorMessage = message, IsNonRetriable = true },
                },
            },
        },
    };

    private enum Fit { Accept, Duplicate, TooEarly }

    // Task results, timers and sub-orchestration results must answer something scheduled and not yet answered.
    private static Fit Classify(IReadOnlyList<HistoryEvent> events, IReadOnlyList<HistoryEvent> past, IEnumerable<HistoryEvent> acceptedSoFar)
    {
        var all = past.Concat(acceptedSoFar).ToList();
        foreach (var e in events)
        {
            int? answers = e.EventTypeCase switch
            {
                HistoryEvent.EventTypeOneofCase.TaskCompleted => e.TaskCompleted.TaskScheduledId,
                HistoryEvent.EventTypeOneofCase.TaskFailed => e.TaskFailed.TaskScheduledId,
                HistoryEvent.EventTypeOneofCase.TimerFired => e.TimerFired.TimerId,
                HistoryEvent.EventTypeOneofCase.SubOrchestrationInstanceCompleted => e.SubOrchestrationInstanceCompleted.TaskScheduledId,
                HistoryEvent.EventTypeOneofCase.SubOrchestrationInstanceFailed => e.SubOrchestrationInstanceFailed.TaskScheduledId,
                _ => null,
            };
            if (answers is not { } id)
            {
                continue;
            }
            if (!all.Any(h => h.EventId == id && h.EventTypeCase is HistoryEvent.EventTypeOneofCase.TaskScheduled or HistoryEvent.EventTypeOneofCase.TimerCreated or HistoryEvent.EventTypeOneofCase.SubOrchestrationInstanceCreated))
            {
                return Fit.TooEarly;
            }
            if (all.Any(h => AnswerId(h) == id))
            {
                return Fit.Duplicate;
            }
        }
        return Fit.Accept;
    }

    private static int? AnswerId(HistoryEvent e) => e.EventTypeCase switch
    {
        HistoryEvent.EventTypeOneofCase.TaskCompleted => e.TaskCompleted.TaskScheduledId,
        HistoryEvent.EventTypeOneofCase.TaskFailed => e.TaskFailed.TaskScheduledId,
        HistoryEvent.EventTypeOneofCase.TimerFired => e.TimerFired.TimerId,
        HistoryEvent.EventTypeOneofCase.SubOrchestrationInstanceCompleted => e.SubOrchestrationInstanceCompleted.TaskScheduledId,
        HistoryEvent.EventTypeOneofCase.SubOrchestrationInstanceFailed => e.SubOrchestrationInstanceFailed.TaskScheduledId,
        _ => null,
    };

    private static string StatusWhileRunning(IEnumerable<HistoryEvent> events)
    {
        var last = events.LastOrDefault(e => e.ExecutionSuspended is not null || e.ExecutionResumed is not null);
        return last?.ExecutionSuspended is not null ? RuntimeStatuses.Suspended : RuntimeStatuses.Running;
    }

    private async Task RewindAsync(HistorySnapshot snapshot, CancellationToken cancellationToken)
    {
        if (snapshot.RuntimeStatus != RuntimeStatuses.Failed)
        {
            return;
        }
        var hide = snapshot.Events.Where(e => e.Event.TaskFailed is not null || e.Event.ExecutionCompleted is not null || e.Event.SubOrchestrationInstanceFailed is not null).ToList();
        var retry = hide.Where(e => e.Event.TaskFailed is not null)
            .Select(e => snapshot.Events.First(s => s.Event.TaskScheduled is not null && s.Event.EventId == e.Event.TaskFailed.TaskScheduledId).Event)
            .ToList();
        foreach (var task in retry)
        {
            await store.Queues.SendWorkItemAsync(new WorkItemMessage($"{snapshot.InstanceId}:{snapshot.ExecutionId}:{task.EventId}:rewind:{Guid.NewGuid():N}", snapshot.InstanceId, snapshot.ExecutionId!, task.EventId, task.TaskScheduled.Name, task.TaskScheduled.Input), cancellationToken);
            onWorkItemSent();
        }
        if (await store.History.HideAsync(snapshot, hide.Select(e => e.Sequence).ToList(), RuntimeStatuses.Running, clock.GetUtcNow(), cancellationToken))
        {
            var name = snapshot.Events.First(e => e.Event.ExecutionStarted is not null).Event.ExecutionStarted.Name;
            await store.UpdateInstanceAsync(snapshot.InstanceId, name, RuntimeStatuses.Running, snapshot.ExecutionId, null, null, null, snapshot.LastSequence, cancellationToken);
        }
    }

    private async Task DeleteAsync(int partition, IEnumerable<Received<ControlMessage>> messages, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            await store.Queues.DeleteControlAsync(partition, message, cancellationToken);
        }
    }
}
