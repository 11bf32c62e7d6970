using Azure;
using Azure.Data.Tables;

namespace Serverless.LocalHost.Durable.Storage;

/// <summary>A durable timer waiting in <c>{hub}Timers</c>.</summary>
public sealed record DueTimer(int Partition, string RowKey, string InstanceId, string ExecutionId, int TimerId, DateTimeOffset FireAt);

/// <summary>
/// Durable timers as rows (partition key = control partition, row key = due ticks + instance + timer id), so any
/// length works (no 7-day queue visibility limit) and the owner of a partition can ask for its earliest timer.
/// </summary>
public sealed class TimerStore(TableClient table)
{
    public async Task AddAsync(int partition, string instanceId, string executionId, int timerId, DateTimeOffset fireAt, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Key(partition), $"{fireAt.UtcTicks:D19}_{instanceId}_{timerId}")
        {
            ["InstanceId"] = instanceId,
            ["ExecutionId"] = executionId,
            ["TimerId"] = timerId,
            ["FireAt"] = fireAt,
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Timers due by <paramref name="now"/>, earliest first, and the due time of the next one after them.</summary>
    public async Task<(IReadOnlyList<DueTimer> Due, DateTimeOffset? Next)> ReadDueAsync(int partition, DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var due = new List<DueTimer>();
        DateTimeOffset? next = null;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Key(partition)}");
        await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: max + 1, cancellationToken: cancellationToken).AsPages())
        {
            foreach (var entity in page.Values)
            {
                var timer = new DueTimer(partition, entity.RowKey, entity.GetString("InstanceId")!, entity.GetString("ExecutionId")!, entity.GetInt32("TimerId") ?? 0, entity.GetDateTimeOffset("FireAt")!.Value);
                if (timer.FireAt <= now && due.Count < max)
                {
                    due.Add(timer);
                }
                else
                {
                    next = timer.FireAt;
                    break;
                }
            }
            break;
        }
        return (due, next);
    }

    public async Task DeleteAsync(DueTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(Key(timer.Partition), timer.RowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }
    }

    private static string Key(int partition) => partition.ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
}
