using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Serverless.Workflows.Cases;
using Serverless.Workflows.Ledger;

namespace Serverless.Workflows.Hasa;

/// <summary>
/// HASA cases on one table, one partition per case: the case row (with the log's next sequence number), the
/// append-only event log, applications, receipts, placements, referrals, notices and idempotency answers. Every write
/// that appends to the log is one entity-group transaction guarded by the case row's ETag, so two writers cannot
/// take the same sequence number and an event is stored together with everything derived from it.
/// </summary>
public sealed class HasaCaseStore(CaseTables tables, HasaCaseRecordCache? cache = null)
{
    /// <summary>
    /// The case row's key: unique per partition, not a constant, because Azurite finds a row by its row key first and a
    /// key shared by every case turns each point read into a scan of all cases.
    /// </summary>
    public static string CaseRow(string caseId) => "case|" + caseId;
    private static readonly JsonSerializerOptions Json = LedgerJson.Options;
    private readonly HasaCaseRecordCache _cache = cache ?? new HasaCaseRecordCache();

    public TableClient Table => tables.Cases;

    public async Task<StoredCase?> GetAsync(string caseId, CancellationToken ct = default)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(caseId, CaseRow(caseId), cancellationToken: ct);
        return row.HasValue ? Read(row.Value!) : null;
    }

    /// <summary>Creates the case with its first log entry. False when the id is taken (nothing written).</summary>
    public async Task<bool> CreateAsync(HasaCase c, HasaEvent first, IdempotencyWrite? idempotency, CancellationToken ct = default)
    {
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Add, new TableEntity(c.CaseId, CaseRow(c.CaseId))
            {
                ["Case"] = JsonSerializer.Serialize(c, Json),
                ["Office"] = c.Office,
                ["Household"] = c.Household.ToString(),
                ["NextSequence"] = 2L,
                ["NextReceipt"] = 1L,
            }),
            new(TableTransactionActionType.Add, EventRow(first with { Sequence = 1 })),
        };
        AddIdempotency(actions, c.CaseId, idempotency, 1);
        try
        {
            Remember(c.CaseId, null, await Table.SubmitTransactionAsync(actions, ct), actions);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Appends one event and the rows derived from it; the event gets the next sequence number.</summary>
    public async Task<HasaEvent> AppendAsync(
        StoredCase stored, HasaEvent e, IEnumerable<ITableEntity> derived, IdempotencyWrite? idempotency, CancellationToken ct = default)
    {
        var appended = e with { Sequence = stored.NextSequence };
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.UpdateMerge, new TableEntity(stored.Case.CaseId, CaseRow(stored.Case.CaseId)) { ["NextSequence"] = stored.NextSequence + 1 }, new ETag(stored.ETag)),
            new(TableTransactionActionType.Add, EventRow(appended)),
        };
        actions.AddRange(derived.Select(d => new TableTransactionAction(TableTransactionActionType.UpsertReplace, d)));
        AddIdempotency(actions, stored.Case.CaseId, idempotency, appended.Sequence);
        await SubmitGuardedAsync(stored, actions, ct);
        return appended;
    }

    /// <summary>Stores a receipt and the applications it updated under the next receipt number.</summary>
    public async Task<HasaReceipt> IssueReceiptAsync(
        StoredCase stored, Func<string, HasaReceipt> receipt, IEnumerable<BenefitApplication> applications, IdempotencyWrite? idempotency, CancellationToken ct = default)
    {
        var number = $"R-{stored.Case.CaseId}-{stored.NextReceipt.ToString("D4", CultureInfo.InvariantCulture)}";
        var issued = receipt(number);
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.UpdateMerge, new TableEntity(stored.Case.CaseId, CaseRow(stored.Case.CaseId)) { ["NextReceipt"] = stored.NextReceipt + 1 }, new ETag(stored.ETag)),
            new(TableTransactionActionType.Add, RecordRow(stored.Case.CaseId, "rcpt|" + number, issued)),
        };
        actions.AddRange(applications.Select(a => new TableTransactionAction(
            TableTransactionActionType.UpsertReplace, RecordRow(a.CaseId, "app|" + a.ApplicationId, a))));
        AddIdempotency(actions, stored.Case.CaseId, idempotency, null, number);
        await SubmitGuardedAsync(stored, actions, ct);
        return issued;
    }

    /// <summary>
    /// Every record of the case, at least as new as <paramref name="stored"/>: from the cache when the case row has not
    /// changed since, otherwise in one query of the case's partition (whose case row then dates the copy).
    /// </summary>
    public async Task<HasaCaseRecords> RecordsAsync(StoredCase stored, CancellationToken ct = default)
    {
        var caseId = stored.Case.CaseId;
        if (_cache.TryGet(caseId, stored.ETag, out var cached))
        {
            return cached;
        }
        string etag = stored.ETag;
        var rows = new SortedDictionary<string, string>(StringComparer.Ordinal);
        await foreach (var e in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {caseId}"), cancellationToken: ct))
        {
            if (e.RowKey == CaseRow(caseId))
            {
                etag = e.ETag.ToString();
            }
            else if (IsRecordRow(e.RowKey) && e.GetString("Json") is { } json)
            {
                rows[e.RowKey] = json;
            }
        }
        var records = Build(etag, rows);
        _cache.Put(caseId, records);
        return records;
    }

    private static readonly string[] RecordPrefixes = ["evt|", "app|", "rcpt|", "ref|", "placement|", "notice|"];

    private static bool IsRecordRow(string rowKey) => RecordPrefixes.Any(p => rowKey.StartsWith(p, StringComparison.Ordinal));

    private static HasaCaseRecords Build(string etag, SortedDictionary<string, string> rows)
    {
        List<T> Of<T>(string prefix) => [.. rows.Where(r => r.Key.StartsWith(prefix, StringComparison.Ordinal)).Select(r => JsonSerializer.Deserialize<T>(r.Value, Json)!)];
        return new HasaCaseRecords(etag, Of<HasaEvent>("evt|"), Of<BenefitApplication>("app|"), Of<HasaReceipt>("rcpt|"),
            Of<ReferralRecord>("ref|"), Of<EmergencyPlacementRecord>("placement|"), Of<NoticeRecord>("notice|")) { Rows = rows };
    }

    /// <summary>
    /// After a committed write: the copy the writer started from (case row at <paramref name="before"/>; null for a new
    /// case) plus the rows it wrote becomes the cached copy at the case row's new ETag. Anything unexpected forgets it.
    /// </summary>
    private void Remember(string caseId, string? before, Response<IReadOnlyList<Response>> committed, IReadOnlyList<TableTransactionAction> actions)
    {
        HasaCaseRecords? prior = null;
        if (committed.Value.Count == 0 || committed.Value[0].Headers.ETag is not { } after
            || before is not null && !_cache.TryGet(caseId, before, out prior))
        {
            _cache.Forget(caseId);
            return;
        }
        var rows = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, json) in prior?.Rows ?? new Dictionary<string, string>())
        {
            rows[key] = json;
        }
        foreach (var entity in actions.Skip(1).Select(a => a.Entity).Where(e => IsRecordRow(e.RowKey)))
        {
            if (entity is not TableEntity { } row || row.GetString("Json") is not { } json)
            {
                _cache.Forget(caseId);
                return;
            }
            rows[row.RowKey] = json;
        }
        _cache.Put(caseId, Build(after.ToString(), rows));
    }

    public Task<IReadOnlyList<HasaEvent>> ReadLogAsync(string caseId, CancellationToken ct = default) => ListAsync<HasaEvent>(caseId, "evt|", ct);

    public Task<IReadOnlyList<BenefitApplication>> ApplicationsAsync(string caseId, CancellationToken ct = default) => ListAsync<BenefitApplication>(caseId, "app|", ct);

    public Task<IReadOnlyList<HasaReceipt>> ReceiptsAsync(string caseId, CancellationToken ct = default) => ListAsync<HasaReceipt>(caseId, "rcpt|", ct);

    public Task<IReadOnlyList<ReferralRecord>> ReferralsAsync(string caseId, CancellationToken ct = default) => ListAsync<ReferralRecord>(caseId, "ref|", ct);

    public Task<IReadOnlyList<EmergencyPlacementRecord>> PlacementsAsync(string caseId, CancellationToken ct = default) => ListAsync<EmergencyPlacementRecord>(caseId, "placement|", ct);

    public Task<IReadOnlyList<NoticeRecord>> NoticesAsync(string caseId, CancellationToken ct = default) => ListAsync<NoticeRecord>(caseId, "notice|", ct);

    public async Task<HasaReceipt?> ReceiptAsync(string caseId, string number, CancellationToken ct = default)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(caseId, "rcpt|" + number, cancellationToken: ct);
        return row.HasValue ? JsonSerializer.Deserialize<HasaReceipt>(row.Value!.GetString("Json"), Json) : null;
    }

    public async Task<IdempotentAnswer?> IdempotentAsync(string caseId, string key, CancellationToken ct = default)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(caseId, IdempotencyRow(key), cancellationToken: ct);
        if (!row.HasValue)
        {
            return null;
        }
        var e = row.Value!;
        return new IdempotentAnswer(e.GetString("RequestHash"), e.GetInt32("StatusCode"), e.GetString("Body"), e.GetInt64("Sequence"), e.GetString("Receipt"));
    }

    public Task SaveAnswerAsync(string caseId, string key, int statusCode, string body, CancellationToken ct = default) =>
        Table.UpsertEntityAsync(new TableEntity(caseId, IdempotencyRow(key)) { ["StatusCode"] = statusCode, ["Body"] = body }, TableUpdateMode.Merge, ct);

    public static TableEntity RecordRow<T>(string caseId, string rowKey, T record) => new(caseId, rowKey) { ["Json"] = JsonSerializer.Serialize(record, Json) };

    private async Task<IReadOnlyList<T>> ListAsync<T>(string caseId, string prefix, CancellationToken ct)
    {
        var list = new List<T>();
        var high = prefix[..^1] + (char)(prefix[^1] + 1);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {caseId} and RowKey ge {prefix} and RowKey lt {high}");
        await foreach (var e in Table.QueryAsync<TableEntity>(filter, select: ["Json"], cancellationToken: ct))
        {
            list.Add(JsonSerializer.Deserialize<T>(e.GetString("Json"), Json)!);
        }
        return list;
    }

    private static TableEntity EventRow(HasaEvent e)
    {
        var row = RecordRow(e.CaseId, "evt|" + e.Sequence.ToString("D10", CultureInfo.InvariantCulture), e);
        row["Type"] = e.Type.ToString();
        row["OccurredOn"] = e.OccurredOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        row["RecordedAt"] = e.RecordedAt.ToDateTimeOffset();
        row["RecordedBy"] = e.RecordedBy;
        return row;
    }

    private static void AddIdempotency(List<TableTransactionAction> actions, string caseId, IdempotencyWrite? idempotency, long? sequence, string? receipt = null)
    {
        if (idempotency is null)
        {
            return;
        }
        actions.Add(new(TableTransactionActionType.Add, new TableEntity(caseId, IdempotencyRow(idempotency.Key))
        {
            ["RequestHash"] = idempotency.RequestHash,
            ["Sequence"] = sequence,
            ["Receipt"] = receipt,
        }));
    }

    private async Task SubmitGuardedAsync(StoredCase stored, List<TableTransactionAction> actions, CancellationToken ct)
    {
        try
        {
            Remember(stored.Case.CaseId, stored.ETag, await Table.SubmitTransactionAsync(actions, ct), actions);
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
        {
            throw new CaseConcurrencyException(actions[0].Entity.PartitionKey, e);
        }
    }

    private static string IdempotencyRow(string key) => "idem|" + LedgerKeys.Checked(key, "Idempotency-Key");

    private static StoredCase Read(TableEntity e) => new(
        JsonSerializer.Deserialize<HasaCase>(e.GetString("Case"), Json)!,
        e.GetInt64("NextSequence") ?? 1,
        e.GetInt64("NextReceipt") ?? 1,
        e.ETag.ToString());
}

/// <summary>A case as read, with the counters and ETag an append must present.</summary>
public sealed record StoredCase(HasaCase Case, long NextSequence, long NextReceipt, string ETag);

/// <summary>The key a client sent and a hash of its request body.</summary>
public sealed record IdempotencyWrite(string Key, string RequestHash);

/// <summary>Someone else wrote the case (or used the same Idempotency-Key) between our read and our write.</summary>
public sealed class CaseConcurrencyException(string caseId, Exception inner)
    : Exception($"case {caseId} changed while this request was writing it", inner);
