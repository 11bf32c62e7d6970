using Azure;
using Azure.Data.Tables;

namespace Serverless.LocalHost.Durable.Storage;

/// <summary>The <c>{hub}Instances</c> table: one row per instance (partition key = instance id, empty row key).</summary>
public sealed class InstanceStore(TableClient table, PayloadStore payloads)
{
    /// <summary>
    /// The instance row's key: the instance id again (the Azure Storage provider uses ""), because Azurite finds a row by
    /// its row key first and a key shared by every instance turns each point read into a scan of all instances.
    /// </summary>
    public static string RowKeyOf(string instanceId) => instanceId;

    public async Task<InstanceRecord?> GetAsync(string instanceId, bool withPayloads, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(instanceId, RowKeyOf(instanceId), cancellationToken: cancellationToken);
        return row.HasValue ? await ToRecordAsync(row.Value!, withPayloads, cancellationToken) : null;
    }

    /// <summary>Inserts or replaces the row; payloads over the inline limit go to blobs.</summary>
    public async Task UpsertAsync(InstanceRecord record, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(record.InstanceId, RowKeyOf(record.InstanceId))
        {
            ["Name"] = record.Name,
            ["RuntimeStatus"] = record.RuntimeStatus,
            ["ExecutionId"] = record.ExecutionId,
            ["Input"] = await payloads.OffloadAsync(record.Input, record.InstanceId, cancellationToken),
            ["Output"] = await payloads.OffloadAsync(record.Output, record.InstanceId, cancellationToken),
            ["CustomStatus"] = await payloads.OffloadAsync(record.CustomStatus, record.InstanceId, cancellationToken),
            ["CustomStatusText"] = CustomStatusText(record.CustomStatus),
            ["CreatedTime"] = record.CreatedTime,
            ["LastUpdatedTime"] = record.LastUpdatedTime,
            ["Sequence"] = record.Sequence,
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Inserts a new row; false when the id is taken.</summary>
    public async Task<bool> TryAddAsync(InstanceRecord record, CancellationToken cancellationToken)
    {
        try
        {
            var entity = new TableEntity(record.InstanceId, RowKeyOf(record.InstanceId))
            {
                ["Name"] = record.Name,
                ["RuntimeStatus"] = record.RuntimeStatus,
                ["ExecutionId"] = record.ExecutionId,
                ["Input"] = await payloads.OffloadAsync(record.Input, record.InstanceId, cancellationToken),
                ["CreatedTime"] = record.CreatedTime,
                ["LastUpdatedTime"] = record.LastUpdatedTime,
                ["Sequence"] = 0L,
            };
            await table.AddEntityAsync(entity, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public async Task DeleteAsync(string instanceId, CancellationToken cancellationToken)
    {
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(instanceId, RowKeyOf(instanceId), cancellationToken: cancellationToken);
        if (existing.HasValue)
        {
            foreach (var column in new[] { "Input", "Output", "CustomStatus" })
            {
                await payloads.DeleteAsync(existing.Value!.GetString(column), cancellationToken);
            }
            await table.DeleteEntityAsync(instanceId, RowKeyOf(instanceId), ETag.All, cancellationToken);
        }
    }

    public async Task<InstancePage> QueryAsync(InstanceQuery query, bool withPayloads, CancellationToken cancellationToken)
    {
        var pages = table.QueryAsync<TableEntity>(Filter(query), maxPerPage: Math.Clamp(query.Top, 1, 1000), cancellationToken: cancellationToken)
            .AsPages(string.IsNullOrEmpty(query.ContinuationToken) ? null : query.ContinuationToken, Math.Clamp(query.Top, 1, 1000));
        await foreach (var page in pages)
        {
            var records = new List<InstanceRecord>(page.Values.Count);
            foreach (var entity in page.Values)
            {
                records.Add(await ToRecordAsync(entity, withPayloads, cancellationToken));
            }
            // Azure may answer an empty page with a token; follow it so callers never see empty pages mid-way.
            if (records.Count > 0 || page.ContinuationToken is null)
            {
                return new InstancePage(records, page.ContinuationToken);
            }
        }
        return new InstancePage([], null);
    }

    public async Task<long> CountAsync(InstanceQuery query, CancellationToken cancellationToken)
    {
        long count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(Filter(query), select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            count++;
        }
        return count;
    }

    internal static string? Filter(InstanceQuery query)
    {
        var parts = new List<string>();
        if (query.CreatedFrom is { } createdFrom) parts.Add(TableClient.CreateQueryFilter($"CreatedTime ge {createdFrom}"));
        if (query.CreatedTo is { } createdTo) parts.Add(TableClient.CreateQueryFilter($"CreatedTime le {createdTo}"));
        if (query.UpdatedFrom is { } updatedFrom) parts.Add(TableClient.CreateQueryFilter($"LastUpdatedTime ge {updatedFrom}"));
        if (query.UpdatedTo is { } updatedTo) parts.Add(TableClient.CreateQueryFilter($"LastUpdatedTime le {updatedTo}"));
        if (query.Name is { Length: > 0 } name) parts.Add(TableClient.CreateQueryFilter($"Name eq {name}"));
        if (query.InstanceIdPrefix is { Length: > 0 } idPrefix)
        {
            parts.Add(TableClient.CreateQueryFilter($"PartitionKey ge {idPrefix} and PartitionKey lt {PrefixEnd(idPrefix)}"));
        }
        if (query.CustomStatusPrefix is { Length: > 0 } statusPrefix)
        {
            parts.Add(TableClient.CreateQueryFilter($"CustomStatusText ge {statusPrefix} and CustomStatusText lt {PrefixEnd(statusPrefix)}"));
        }
        if (query.Statuses.Count > 0)
        {
            parts.Add("(" + string.Join(" or ", query.Statuses.Select(s => TableClient.CreateQueryFilter($"RuntimeStatus eq {s}"))) + ")");
        }
        return parts.Count == 0 ? null : string.Join(" and ", parts);
    }

    private static string PrefixEnd(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    // A string custom status is matched on its text, anything else on its JSON.
    internal static string? CustomStatusText(string? json)
    {
        if (json is null)
        {
            return null;
        }
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(json);
            return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.String ? document.RootElement.GetString() : json;
        }
        catch (System.Text.Json.JsonException)
        {
            return json;
        }
    }

    private async Task<InstanceRecord> ToRecordAsync(TableEntity entity, bool withPayloads, CancellationToken cancellationToken) => new()
    {
        InstanceId = entity.PartitionKey,
        Name = entity.GetString("Name") ?? "",
        RuntimeStatus = entity.GetString("RuntimeStatus") ?? RuntimeStatuses.Pending,
        ExecutionId = entity.GetString("ExecutionId"),
        Input = withPayloads ? await payloads.ResolveAsync(entity.GetString("Input"), cancellationToken) : null,
        Output = await payloads.ResolveAsync(entity.GetString("Output"), cancellationToken),
        CustomStatus = await payloads.ResolveAsync(entity.GetString("CustomStatus"), cancellationToken),
        CreatedTime = entity.GetDateTimeOffset("CreatedTime") ?? default,
        LastUpdatedTime = entity.GetDateTimeOffset("LastUpdatedTime") ?? default,
        Sequence = entity.GetInt64("Sequence") ?? 0,
    };
}
