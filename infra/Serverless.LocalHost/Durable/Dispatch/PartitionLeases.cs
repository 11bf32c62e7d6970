using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;

namespace Serverless.LocalHost.Durable.Dispatch;

/// <summary>
/// Shares the control partitions among host processes through lease rows in <c>{hub}Partitions</c> (ETag-guarded).
/// In steady state a process renews what it owns in one batch without reading (any change another process makes
/// breaks the ETags, and the failed batch makes it read and rebalance); every fifth round it reads anyway. It takes
/// free or expired partitions up to its fair share and gives back any above it; a newcomer with no free partition to
/// take marks a row "wanted", which makes its owner count it and hand partitions over. Lease times are real time.
/// </summary>
public sealed class PartitionLeases(TableClient table, int partitionCount, TimeSpan leaseDuration, string owner, ILogger logger)
{
    private const string LeasePartition = "leases";
    private const int ReadEveryRounds = 5;
    private static readonly TimeSpan SharedRound = TimeSpan.FromSeconds(5);
    private readonly Dictionary<int, ETag> _owned = [];
    private int _round;
    private volatile bool _alone;

    public string Owner => owner;

    /// <summary>True when the last read saw no other live process on this task hub.</summary>
    public bool Alone => _alone;

    public event Action<int>? Acquired;

    public event Action<int>? Lost;

    /// <summary>Raised when another process appears (work may now arrive from outside this process).</summary>
    public event Action? OthersAppeared;

    public async Task RunAsync(CancellationToken stopping)
    {
        await table.CreateIfNotExistsAsync(stopping);
        for (int p = 0; p < partitionCount; p++)
        {
            try
            {
                await table.AddEntityAsync(new TableEntity(LeasePartition, Key(p)) { ["Owner"] = "", ["ExpiresAt"] = new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero) }, stopping);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
            }
        }
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                // Alone, renewing blind is enough (a newcomer's mark breaks the batch); with others, read every round.
                if (_round++ % ReadEveryRounds == 0 || !_alone || _owned.Count == 0 || !await TryRenewAsync(stopping))
                {
                    await BalanceAsync(stopping);
                }
            }
            catch (Exception ex) when (!stopping.IsCancellationRequested)
            {
                logger.LogWarning("Partition lease round failed: {Error}", ex.Message);
            }
            try
            {
                await Task.Delay(_alone ? leaseDuration / 3 : Min(leaseDuration / 3, SharedRound), stopping);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        await ReleaseAllAsync();
    }

    private async Task<bool> TryRenewAsync(CancellationToken stopping)
    {
        var owned = _owned.ToList();
        var expires = DateTimeOffset.UtcNow + leaseDuration;
        try
        {
            var response = await table.SubmitTransactionAsync(owned.Select(o => new TableTransactionAction(TableTransactionActionType.UpdateReplace,
                new TableEntity(LeasePartition, Key(o.Key)) { ["Owner"] = owner, ["ExpiresAt"] = expires }, o.Value)), stopping);
            for (int i = 0; i < owned.Count; i++)
            {
                _owned[owned[i].Key] = response.Value[i].Headers.ETag ?? ETag.All;
            }
            return true;
        }
        catch (TableTransactionFailedException)
        {
            return false;
        }
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
        var members = rows.Where(Live).Select(r => r.GetString("Owner")!)
            .Concat(rows.Where(r => r.GetDateTimeOffset("WantedUntil") > now).Select(r => r.GetString("Wanted") ?? ""))
            .Where(m => m.Length > 0).Append(owner).Distinct().ToList();
        bool wasAlone = _alone;
        _alone = members.Count == 1;
        if (wasAlone && !_alone)
        {
            OthersAppeared?.Invoke();
        }
        int fairShare = (partitionCount + members.Count - 1) / members.Count;

        foreach (var row in rows)
        {
            if (_owned.ContainsKey(Partition(row)) && row.GetString("Owner") != owner)
            {
                MarkLost(Partition(row));
            }
        }

        var mine = rows.Where(r => r.GetString("Owner") == owner && _owned.ContainsKey(Partition(r))).ToList();
        foreach (var extra in mine.Skip(fairShare))
        {
            MarkLost(Partition(extra));
            await TryWriteAsync(extra, "", now, stopping);
        }
        var renew = mine.Take(fairShare).ToList();
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

        var claimable = rows.Where(r => !Live(r) && r.GetString("Owner") != owner || r.GetString("Owner") == owner && !_owned.ContainsKey(Partition(r))).ToList();
        foreach (var row in claimable)
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
        if (_owned.Count < fairShare && claimable.Count == 0)
        {
            await AskForPartitionAsync(rows, now, stopping);
        }
    }

    // Marks a partition of the busiest other owner as wanted; changing its ETag makes that owner read and rebalance.
    private async Task AskForPartitionAsync(List<TableEntity> rows, DateTimeOffset now, CancellationToken stopping)
    {
        var target = rows.Where(r => r.GetString("Owner") is { Length: > 0 } o && o != owner)
            .GroupBy(r => r.GetString("Owner")).OrderByDescending(g => g.Count()).FirstOrDefault()?.First();
        if (target is null)
        {
            return;
        }
        try
        {
            await table.UpdateEntityAsync(new TableEntity(LeasePartition, target.RowKey) { ["Wanted"] = owner, ["WantedUntil"] = now + 2 * leaseDuration }, target.ETag, TableUpdateMode.Merge, stopping);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
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

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static int Partition(TableEntity row) => int.Parse(row.RowKey, System.Globalization.CultureInfo.InvariantCulture);

    private static string Key(int partition) => partition.ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
}
