using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Serverless.Storage;

namespace Serverless.Workflows.Operations;

/// <summary>
/// The record of Heartbeat timer runs: proof that the host's timers fire. One partition per UTC month,
/// newest first within it (row key = inverted ticks).
/// </summary>
public sealed class HeartbeatLog(StorageClients clients)
{
    public const string TableName = "Heartbeats";

    private readonly TableClient _table = clients.Table(TableName);

    public async Task RecordAsync(HeartbeatRun run, CancellationToken cancellationToken)
    {
        await _table.CreateIfNotExistsAsync(cancellationToken);
        var entity = new TableEntity(PartitionFor(run.FiredAtUtc), RowFor(run.FiredAtUtc, run.InvocationId))
        {
            ["FiredAtUtc"] = run.FiredAtUtc,
            ["IsPastDue"] = run.IsPastDue,
            ["ScheduledLastUtc"] = run.ScheduledLastUtc,
            ["ScheduledNextUtc"] = run.ScheduledNextUtc,
            ["InvocationId"] = run.InvocationId.ToString(),
        };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The newest runs of the current month (and the previous one, across a month boundary).</summary>
    public async Task<IReadOnlyList<HeartbeatRun>> RecentAsync(DateTimeOffset nowUtc, int count, CancellationToken cancellationToken)
    {
        var runs = new List<HeartbeatRun>();
        foreach (var month in new[] { nowUtc, nowUtc.AddMonths(-1) })
        {
            try
            {
                var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionFor(month)}");
                await foreach (var entity in _table.QueryAsync<TableEntity>(filter, maxPerPage: count, cancellationToken: cancellationToken))
                {
                    runs.Add(ToRun(entity));
                    if (runs.Count == count)
                    {
                        return runs;
                    }
                }
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                return runs;
            }
        }
        return runs;
    }

    private static HeartbeatRun ToRun(TableEntity entity) => new(
        entity.GetDateTimeOffset("FiredAtUtc") ?? default,
        entity.GetBoolean("IsPastDue") ?? false,
        entity.GetDateTimeOffset("ScheduledLastUtc"),
        entity.GetDateTimeOffset("ScheduledNextUtc"),
        Guid.TryParse(entity.GetString("InvocationId"), out var id) ? id : Guid.Empty);

    private static string PartitionFor(DateTimeOffset utc) => utc.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static string RowFor(DateTimeOffset utc, Guid invocationId) =>
        $"{DateTime.MaxValue.Ticks - utc.UtcTicks:D19}-{invocationId:N}";
}

public sealed record HeartbeatRun(
    DateTimeOffset FiredAtUtc,
    bool IsPastDue,
    DateTimeOffset? ScheduledLastUtc,
    DateTimeOffset? ScheduledNextUtc,
    Guid InvocationId);
