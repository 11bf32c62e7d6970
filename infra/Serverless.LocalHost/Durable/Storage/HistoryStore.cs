using Azure;
using Azure.Data.Tables;
using Google.Protobuf;
using Serverless.Durable.Protocol;

namespace Serverless.LocalHost.Durable.Storage;

/// <summary>
/// The <c>{hub}History</c> table: partition key = instance id, row key = zero-padded sequence, plus a sentinel row
/// that names the last committed sequence and the instance's status. A checkpoint adds the event rows and replaces
/// the sentinel in one entity-group transaction guarded by the sentinel's ETag, so two workers cannot both commit.
/// </summary>
public sealed class HistoryStore(TableClient table, PayloadStore payloads)
{
    /// <summary>
    /// The sentinel's row key: after every sequence row ('~' sorts after digits) and unique per instance, because Azurite
    /// finds a row by its row key first and a key shared by every instance turns each point read into a scan of all of them.
    /// </summary>
    public static string SentinelKey(string instanceId) => "~sentinel|" + instanceId;
    private const int MaxBatch = 100;

    public async Task<HistorySnapshot> LoadAsync(string instanceId, CancellationToken cancellationToken)
    {
        // A point read settles the common new-instance case without a partition query (which Azurite answers by scanning).
        if (!(await table.GetEntityIfExistsAsync<TableEntity>(instanceId, SentinelKey(instanceId), select: ["RowKey"], cancellationToken: cancellationToken)).HasValue)
        {
            return new HistorySnapshot { InstanceId = instanceId };
        }
        TableEntity? sentinel = null;
        var rows = new List<TableEntity>();
        await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {instanceId}"), cancellationToken: cancellationToken))
        {
            if (entity.RowKey == SentinelKey(instanceId))
            {
                sentinel = entity;
            }
            else
            {
                rows.Add(entity);
            }
        }
        if (sentinel is null)
        {
            return new HistorySnapshot { InstanceId = instanceId };
        }
        long last = sentinel.GetInt64("LastSequence") ?? 0;
        long start = sentinel.GetInt64("ExecutionStart") ?? 1;
        var events = new List<StoredEvent>();
        var messageIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows.OrderBy(r => r.RowKey, StringComparer.Ordinal))
        {
            long sequence = long.Parse(row.RowKey, System.Globalization.CultureInfo.InvariantCulture);
            if (sequence > last || sequence < start || row.GetBoolean("Rewound") == true)
            {
                continue;
            }
            var messageId = row.GetString("MessageId");
            if (messageId is not null)
            {
                messageIds.Add(messageId);
            }
            var encoded = await payloads.ResolveAsync(row.GetString("Event"), cancellationToken);
            events.Add(new StoredEvent(sequence, HistoryEvent.Parser.ParseFrom(Convert.FromBase64String(encoded!)), messageId));
        }
        return new HistorySnapshot
        {
            InstanceId = instanceId,
            SentinelETag = sentinel.ETag,
            LastSequence = last,
            ExecutionStart = start,
            ExecutionId = sentinel.GetString("ExecutionId"),
            RuntimeStatus = sentinel.GetString("RuntimeStatus") ?? RuntimeStatuses.Running,
            Output = await payloads.ResolveAsync(sentinel.GetString("Output"), cancellationToken),
            CustomStatus = await payloads.ResolveAsync(sentinel.GetString("CustomStatus"), cancellationToken),
            UpdatedTime = sentinel.GetDateTimeOffset("UpdatedTime"),
            Events = events,
            MessageIds = messageIds,
        };
    }

    /// <summary>Reads only the sentinel (status repair on read).</summary>
    public async Task<HistorySnapshot?> LoadSummaryAsync(string instanceId, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(instanceId, SentinelKey(instanceId), cancellationToken: cancellationToken);
        if (!row.HasValue)
        {
            return null;
        }
        var sentinel = row.Value!;
        return new HistorySnapshot
        {
            InstanceId = instanceId,
            SentinelETag = sentinel.ETag,
            LastSequence = sentinel.GetInt64("LastSequence") ?? 0,
            ExecutionId = sentinel.GetString("ExecutionId"),
            RuntimeStatus = sentinel.GetString("RuntimeStatus") ?? RuntimeStatuses.Running,
            Output = await payloads.ResolveAsync(sentinel.GetString("Output"), cancellationToken),
            CustomStatus = await payloads.ResolveAsync(sentinel.GetString("CustomStatus"), cancellationToken),
            UpdatedTime = sentinel.GetDateTimeOffset("UpdatedTime"),
        };
    }

    /// <summary>Commits the checkpoint; false when another worker committed first (the ETag no longer matches).</summary>
    public async Task<(bool Committed, HistorySnapshot After)> CheckpointAsync(HistorySnapshot snapshot, HistoryCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        var instanceId = snapshot.InstanceId;
        long sequence = snapshot.LastSequence;
        var eventActions = new List<TableTransactionAction>();
        foreach (var (historyEvent, messageId) in checkpoint.NewEvents)
        {
            sequence++;
            var row = new TableEntity(instanceId, sequence.ToString("D10", System.Globalization.CultureInfo.InvariantCulture))
            {
                ["Event"] = await payloads.OffloadAsync(Convert.ToBase64String(historyEvent.ToByteArray()), instanceId, cancellationToken),
                ["EventType"] = historyEvent.EventTypeCase.ToString(),
                ["ExecutionId"] = checkpoint.ExecutionId,
                ["MessageId"] = messageId,
            };
            // Rows past the committed sequence may be left by a worker that lost its lease mid-way: overwrite them.
            eventActions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, row));
        }
        var sentinel = new TableEntity(instanceId, SentinelKey(instanceId))
        {
            ["LastSequence"] = sequence,
            ["ExecutionId"] = checkpoint.ExecutionId,
            ["ExecutionStart"] = checkpoint.StartsNewExecution ? snapshot.LastSequence + 1 : snapshot.ExecutionStart,
            ["RuntimeStatus"] = checkpoint.RuntimeStatus,
            ["Output"] = await payloads.OffloadAsync(checkpoint.Output, instanceId, cancellationToken),
            ["CustomStatus"] = await payloads.OffloadAsync(checkpoint.CustomStatus, instanceId, cancellationToken),
            ["UpdatedTime"] = checkpoint.UpdatedTime,
        };
        var sentinelAction = snapshot.SentinelETag is { } etag
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, sentinel, etag)
            : new TableTransactionAction(TableTransactionActionType.Add, sentinel);

        // Entity-group transactions hold at most 100 operations: earlier chunks are invisible until the sentinel moves.
        int head = Math.Max(0, eventActions.Count - (MaxBatch - 1));
        for (int offset = 0; offset < head; offset += MaxBatch)
        {
            await table.SubmitTransactionAsync(eventActions.Skip(offset).Take(Math.Min(MaxBatch, head - offset)), cancellationToken);
        }
        try
        {
            var response = await table.SubmitTransactionAsync([.. eventActions.Skip(head), sentinelAction], cancellationToken);
            return (true, After(snapshot, checkpoint, response.Value[^1].Headers.ETag));
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
        {
            return (false, snapshot);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return (false, snapshot);
        }
    }

    /// <summary>The history as it stands after a committed checkpoint, so the next episode need not read it back.</summary>
    private static HistorySnapshot After(HistorySnapshot before, HistoryCheckpoint checkpoint, ETag? sentinelETag)
    {
        long sequence = before.LastSequence;
        var events = checkpoint.StartsNewExecution ? new List<StoredEvent>() : [.. before.Events];
        var messageIds = new HashSet<string>(checkpoint.StartsNewExecution ? [] : before.MessageIds, StringComparer.Ordinal);
        foreach (var (historyEvent, messageId) in checkpoint.NewEvents)
        {
            events.Add(new StoredEvent(++sequence, historyEvent, messageId));
            if (messageId is not null)
            {
                messageIds.Add(messageId);
            }
        }
        return before with
        {
            SentinelETag = sentinelETag,
            LastSequence = sequence,
            ExecutionStart = checkpoint.StartsNewExecution ? before.LastSequence + 1 : before.ExecutionStart,
            ExecutionId = checkpoint.ExecutionId,
            RuntimeStatus = checkpoint.RuntimeStatus,
            Output = checkpoint.Output,
            CustomStatus = checkpoint.CustomStatus,
            UpdatedTime = checkpoint.UpdatedTime,
            Events = events,
            MessageIds = messageIds,
        };
    }

    /// <summary>Hides the given rows from replay and sets the status, guarded by the sentinel's ETag (rewind).</summary>
    public async Task<bool> HideAsync(HistorySnapshot snapshot, IReadOnlyList<long> sequences, string runtimeStatus, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var actions = sequences.Take(MaxBatch - 1).Select(s => new TableTransactionAction(TableTransactionActionType.UpdateMerge,
            new TableEntity(snapshot.InstanceId, s.ToString("D10", System.Globalization.CultureInfo.InvariantCulture)) { ["Rewound"] = true }, ETag.All)).ToList();
        actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateMerge,
            new TableEntity(snapshot.InstanceId, SentinelKey(snapshot.InstanceId)) { ["RuntimeStatus"] = runtimeStatus, ["Output"] = null, ["UpdatedTime"] = now }, snapshot.SentinelETag!.Value));
        try
        {
            await table.SubmitTransactionAsync(actions, cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }

    public async Task DeleteAsync(string instanceId, CancellationToken cancellationToken)
    {
        var batch = new List<TableTransactionAction>();
        await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {instanceId}"), select: ["PartitionKey", "RowKey", "Event", "Output", "CustomStatus"], cancellationToken: cancellationToken))
        {
            foreach (var column in new[] { "Event", "Output", "CustomStatus" })
            {
                await payloads.DeleteAsync(entity.GetString(column), cancellationToken);
            }
            batch.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(entity.PartitionKey, entity.RowKey), ETag.All));
            if (batch.Count == MaxBatch)
            {
                await table.SubmitTransactionAsync(batch, cancellationToken);
                batch.Clear();
            }
        }
        if (batch.Count > 0)
        {
            await table.SubmitTransactionAsync(batch, cancellationToken);
        }
    }
}
