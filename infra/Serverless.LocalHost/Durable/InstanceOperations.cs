using Serverless.Durable.Testing;
using Serverless.LocalHost.Durable.Dispatch;
using Serverless.LocalHost.Durable.Storage;

namespace Serverless.LocalHost.Durable;

/// <summary>The outcome of a management operation, in the API's terms.</summary>
public enum OperationOutcome { Accepted, NotFound, Gone, Conflict, BadRequest }

/// <summary>
/// What the management API does to instances: start, raise, terminate, suspend, resume, rewind, read (repairing a
/// stale status row from the history sentinel) and purge (in time-boxed rounds a caller repeats until done).
/// </summary>
public sealed class InstanceOperations(TaskHubStore store, DurableFunctions functions, TimeProvider clock, Action<string> signal, DurableBackendOptions options)
{
    public async Task<(OperationOutcome Outcome, string InstanceId, string? Error)> StartAsync(string name, string? instanceId, string? inputJson, CancellationToken cancellationToken)
    {
        var function = functions.Orchestrator(name);
        if (function is null)
        {
            return (OperationOutcome.BadRequest, instanceId ?? "", $"The function '{name}' doesn't exist, is disabled, or is not an orchestrator function.");
        }
        var id = string.IsNullOrEmpty(instanceId) ? Guid.NewGuid().ToString("N") : instanceId;
        var existing = await GetAsync(id, false, cancellationToken);
        if (existing is not null)
        {
            if (!existing.IsTerminal)
            {
                return (OperationOutcome.Conflict, id, $"An instance with ID '{id}' already exists and is {existing.RuntimeStatus}.");
            }
            await PurgeOneAsync(id, cancellationToken);
        }
        var now = clock.GetUtcNow();
        var executionId = Guid.NewGuid().ToString("N");
        var record = new InstanceRecord { InstanceId = id, Name = function.Name, RuntimeStatus = RuntimeStatuses.Pending, ExecutionId = executionId, Input = inputJson, CreatedTime = now, LastUpdatedTime = now };
        if (!await store.Instances.TryAddAsync(record, cancellationToken))
        {
            return (OperationOutcome.Conflict, id, $"An instance with ID '{id}' already exists.");
        }
        var started = HistoryEvents.ExecutionStarted(now.UtcDateTime, function.Name, inputJson, id);
        started.ExecutionStarted.OrchestrationInstance.ExecutionId = executionId;
        await SendAsync(new ControlMessage($"{id}:{executionId}:start", id, executionId, [EventCodec.Encode(started)]), cancellationToken);
        return (OperationOutcome.Accepted, id, null);
    }

    /// <summary>The instance's row, repaired from the history sentinel when the row is behind it.</summary>
    public async Task<InstanceRecord?> GetAsync(string instanceId, bool withInput, CancellationToken cancellationToken)
    {
        var record = await store.Instances.GetAsync(instanceId, withInput, cancellationToken);
        return record is null || record.IsTerminal ? record : await RepairAsync(record, cancellationToken);
    }

    public async Task<InstanceRecord> RepairAsync(InstanceRecord record, CancellationToken cancellationToken)
    {
        var summary = await store.History.LoadSummaryAsync(record.InstanceId, cancellationToken);
        if (summary is null || summary.LastSequence <= record.Sequence && summary.RuntimeStatus == record.RuntimeStatus)
        {
            return record;
        }
        if (summary.RuntimeStatus == record.RuntimeStatus && JsonOrNull(summary.CustomStatus) == JsonOrNull(record.CustomStatus))
        {
            return record with { LastUpdatedTime = summary.UpdatedTime ?? record.LastUpdatedTime };
        }
        // The checkpoint committed but the row update after it did not happen (crash): history wins.
        await store.UpdateInstanceAsync(record.InstanceId, record.Name, summary.RuntimeStatus, summary.ExecutionId, null, summary.Output, summary.CustomStatus, summary.LastSequence, cancellationToken);
        return record with { RuntimeStatus = summary.RuntimeStatus, Output = summary.Output, CustomStatus = summary.CustomStatus, Sequence = summary.LastSequence, LastUpdatedTime = summary.UpdatedTime ?? record.LastUpdatedTime };
    }

    private static string? JsonOrNull(string? json) => json is null or "null" ? null : json;

    public Task<OperationOutcome> RaiseEventAsync(string instanceId, string eventName, string? dataJson, CancellationToken cancellationToken) =>
        SendToLiveAsync(instanceId, HistoryEvents.EventRaised(clock.GetUtcNow().UtcDateTime, eventName, dataJson), cancellationToken);

    public Task<OperationOutcome> TerminateAsync(string instanceId, string? reason, CancellationToken cancellationToken) =>
        SendToLiveAsync(instanceId, HistoryEvents.ExecutionTerminated(clock.GetUtcNow().UtcDateTime, reason is null ? null : EventCodec.JsonString(reason)), cancellationToken);

    public Task<OperationOutcome> SuspendAsync(string instanceId, CancellationToken cancellationToken) =>
        SendToLiveAsync(instanceId, HistoryEvents.ExecutionSuspended(clock.GetUtcNow().UtcDateTime), cancellationToken);

    public Task<OperationOutcome> ResumeAsync(string instanceId, CancellationToken cancellationToken) =>
        SendToLiveAsync(instanceId, HistoryEvents.ExecutionResumed(clock.GetUtcNow().UtcDateTime), cancellationToken);

    public async Task<OperationOutcome> RewindAsync(string instanceId, CancellationToken cancellationToken)
    {
        var record = await GetAsync(instanceId, false, cancellationToken);
        if (record is null)
        {
            return OperationOutcome.NotFound;
        }
        if (record.RuntimeStatus != RuntimeStatuses.Failed)
        {
            return OperationOutcome.Gone;
        }
        await SendAsync(new ControlMessage($"{instanceId}:rewind:{Guid.NewGuid():N}", instanceId, null, [], Rewind: true), cancellationToken);
        return OperationOutcome.Accepted;
    }

    public async Task<bool> PurgeOneAsync(string instanceId, CancellationToken cancellationToken)
    {
        var record = await store.Instances.GetAsync(instanceId, false, cancellationToken);
        if (record is null)
        {
            return false;
        }
        await store.History.DeleteAsync(instanceId, cancellationToken);
        await store.Instances.DeleteAsync(instanceId, cancellationToken);
        return true;
    }

    /// <summary>Deletes matching instances until done or the time budget is spent; <c>More</c> says whether to call again.</summary>
    public async Task<(int Deleted, bool More)> PurgeAsync(InstanceQuery query, CancellationToken cancellationToken)
    {
        var stopAt = DateTimeOffset.UtcNow + options.PurgeTimeBudget;
        int deleted = 0;
        string? token = null;
        do
        {
            var page = await store.Instances.QueryAsync(query with { Top = 100, ContinuationToken = token }, false, cancellationToken);
            foreach (var instance in page.Instances)
            {
                await store.History.DeleteAsync(instance.InstanceId, cancellationToken);
                await store.Instances.DeleteAsync(instance.InstanceId, cancellationToken);
                deleted++;
                if (DateTimeOffset.UtcNow >= stopAt)
                {
                    return (deleted, true);
                }
            }
            token = page.ContinuationToken;
        }
        while (token is not null);
        return (deleted, false);
    }

    private async Task<OperationOutcome> SendToLiveAsync(string instanceId, Serverless.Durable.Protocol.HistoryEvent historyEvent, CancellationToken cancellationToken)
    {
        var record = await GetAsync(instanceId, false, cancellationToken);
        if (record is null)
        {
            return OperationOutcome.NotFound;
        }
        if (record.IsTerminal)
        {
            return OperationOutcome.Gone;
        }
        await SendAsync(new ControlMessage(Guid.NewGuid().ToString("N"), instanceId, null, [EventCodec.Encode(historyEvent)]), cancellationToken);
        return OperationOutcome.Accepted;
    }

    private async Task SendAsync(ControlMessage message, CancellationToken cancellationToken)
    {
        await store.Queues.SendControlAsync(message, cancellationToken);
        signal(message.InstanceId);
    }
}
