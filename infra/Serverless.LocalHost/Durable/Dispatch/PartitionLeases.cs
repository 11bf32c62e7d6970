using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;

namespace Serverless.LocalHost.Durable.Dispatch;

/// <summary>
/// Shares the control partitions among host processes through lease rows in <c>{hub}Partitions</c> (ETag-guarded):
/// each process renews what it owns in one batch, takes free or expired partitions up to its fair share and gives
/// back any above it. Lease times are real time, whatever clock the host runs on.
/// </summary>
public sealed class PartitionLeases(TableClient table, int partitionCount, TimeSpan leaseDuration, string owner, ILogger logger)
{
    private const string LeasePartition = "leases";
    private readonly Dictionary<int, ETag> _owned = [];

    public string Owner => owner;

    public event Action<int>? Acquired;

    public event Action<int>? Lost;

    public async Task RunAsync(CancellationToken stopping)
    {
        await table.CreateIfNotExistsAsync(stopping);
        for (int p = 0; p < partitionCount; p++)
        {
            try
            {
                await table.AddEntityAsync(new TableEntity(LeasePartition, Key(p)) { ["Owner"] = "", ["ExpiresAt"] = DateTimeOffset.MinValue.AddYears(2000) }, stopping);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
            }
        }
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await BalanceAsync(stopping);
            }
            catch (Exception ex) when (ex is RequestFailedException or HttpRequestException or IOException)
            {
                logger.LogWarning("Partition lease round failed: {Error}", ex.Message);
            }
            try
            {
                await Task.Delay(leaseDuration / 3, stopping);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        await ReleaseAllAsync();
    }

    private async Task BalanceAsync(CancellationToken stopping)
    {
        var now = DateTimeOffset.UtcNow;
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {LeasePartition}"), cancellationToken: stopping))
        {
            rows.Add(row);
        }
        bool Live(TableEntity row) => !string.IsNullOrEmpty(row.GetString("Owner")) && row.GetDateTimeOffset("ExpiresAt") > now;
        var owners = rows.Where(Live).Select(r => r.GetString("Owner")!).Append(owner).Distinct().Count();
        int fairShare = (partitionCount + owners - 1) / owners;

        // Anything we think we own but the table says otherwise is lost.
        foreach (var row in rows)
        {
            int partition = int.Parse(row.RowKey, System.Globalization.CultureInfo.InvariantCulture);
            if (_owned.ContainsKey(partition) && row.GetString("Owner") != owner)
            {
                MarkLost(partition);
            }
        }

        var mine = rows.Where(r => r.GetString("Owner") == owner && _owned.ContainsKey(Partition(r))).ToList();
        var renew = mine.Take(fairShare).ToList();
        foreach (var extra in mine.Skip(fairShare))
        {
            MarkLost(Partition(extra));
            await TryWriteAsync(extra, "", now, stopping);
        }
        if (renew.Count > 0)
        {
            var actions = renew.Select(r => new TableTransactionAction(TableTransactionActionType.UpdateReplace,
                new TableEntity(LeasePartition, r.RowKey) { ["Owner"] = owner, ["ExpiresAt"] = now + leaseDuration }, r.ETag)).ToList();
            try
            {
                var response = await table.SubmitTransactionAsync(actions, stopping);
                for (int i = 0; i < renew.Count; i++)
                {
                    _owned[Partition(renew[i])] = response.Value[i].Headers.ETag ?? ETag.All;
                }
            }
            catch (TableTransactionFailedException)
            {
                foreach (var row in renew)
                {
                    MarkLost(Partition(row));
                }
            }
        }

        foreach (var row in rows.Where(r => !Live(r) && r.GetString("Owner") != owner || r.GetString("Owner") == owner && !_owned.ContainsKey(Partition(r))))
        {
            if (_owned.Count >= fairShare)
            {
                break;
            }
            if (await TryWriteAsync(row, owner, now, stopping) is { } etag)
            {
                _owned[Partition(row)] = etag;
                Acquired?.Invoke(Partition(row));
            }
        }
    }

    private async Task<ETag?> TryWriteAsync(TableEntity row, string newOwner, DateTimeOffset now, CancellationToken stopping)
    {
        try
        {
            var response = await table.UpdateEntityAsync(new TableEntity(LeasePartition, row.RowKey) { ["Owner"] = newOwner, ["ExpiresAt"] = now + leaseDuration }, row.ETag, TableUpdateMode.Replace, stopping);
            return response.Headers.ETag;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return null;
        }
    }

    private void MarkLost(int partition)
    {
        if (_owned.Remove(partition))
        {
            logger.LogInformation("Partition {Partition} is no longer owned by {Owner}", partition, owner);
            Lost?.Invoke(partition);
        }
    }

    private async Task ReleaseAllAsync()
    {
        foreach (var (partition, etag) in _owned.ToList())
        {
            MarkLost(partition);
            try
            {
                await table.UpdateEntityAsync(new TableEntity(LeasePartition, Key(partition)) { ["Owner"] = "", ["ExpiresAt"] = DateTimeOffset.UtcNow }, etag, TableUpdateMode.Replace);
            }
            catch (RequestFailedException)
            {
            }
        }
    }

    private static int Partition(TableEntity row) => int.Parse(row.RowKey, System.Globalization.CultureInfo.InvariantCulture);

    private static string Key(int partition) => partition.ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
}
