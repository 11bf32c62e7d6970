using Azure.Data.Tables;
using NodaTime;

namespace Serverless.Workflows.Cases;

/// <summary>
/// Append-only audit trail, one partition per record so "who looked at this case" is one scan. Rows are only ever
/// added (never upserted); the key orders newest first.
/// </summary>
public sealed class AuditLog(TableClient table)
{
    public async Task AppendAsync(AuditEntry entry, CancellationToken ct = default)
    {
        var inverted = (DateTimeOffset.MaxValue.UtcTicks - entry.When.ToDateTimeOffset().UtcTicks).ToString("D19", System.Globalization.CultureInfo.InvariantCulture);
        await table.AddEntityAsync(new TableEntity(entry.Record, $"{inverted}|{Guid.NewGuid():N}")
        {
            ["Who"] = entry.Who,
            ["When"] = entry.When.ToDateTimeOffset(),
            ["Action"] = entry.Action,
            ["Purpose"] = entry.Purpose,
            ["Outcome"] = entry.Outcome,
        }, ct);
    }

    public async Task<IReadOnlyList<AuditEntry>> ForRecordAsync(string record, CancellationToken ct = default)
    {
        var list = new List<AuditEntry>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {record}");
        await foreach (var e in table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            list.Add(new AuditEntry(e.GetString("Who"), Instant.FromDateTimeOffset(e.GetDateTimeOffset("When")!.Value), record,
                e.GetString("Action"), e.GetString("Purpose"), e.GetString("Outcome")));
        }
        return list;
    }
}
