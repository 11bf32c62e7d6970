using Azure;
using Azure.Data.Tables;
using NodaTime;
using Serverless.Workflows.Calendars;
using Serverless.Workflows.Clocks;

namespace Serverless.Workflows.Ledger;

/// <summary>
/// The deadline ledger on one Azure Table (layout in <see cref="LedgerKeys"/>). Every write of a row and its
/// due-index row is one entity-group transaction guarded by the row's ETag.
/// </summary>
public sealed class DeadlineLedger(TableClient table, RuleBook rules, DeadlineCalculator calculator, IClock clock)
{
    public const string DefaultTableName = "deadlines";

    public TableClient Table { get; } = table;

    public Task EnsureCreatedAsync(CancellationToken ct = default) => Table.CreateIfNotExistsAsync(ct);

    public async Task<DeadlineRecord> OpenAsync(NewDeadline request, CancellationToken ct = default)
    {
        var rule = rules.Get(request.RuleId);
        var computed = calculator.Compute(rule, request.Events, request.Scope);
        var record = DeadlineRecord.From(computed, rules.Version, request.DeadlineId ?? Guid.NewGuid().ToString("n"),
            request.CreatedAt ?? clock.GetCurrentInstant(), request.CreatedBy, request.CaseId, LedgerKeys.Checked(request.Office, "office"), request.Scope);

        await Table.UpsertEntityAsync(
            new TableEntity(LedgerKeys.RegistryPartition, LedgerKeys.Partition(record.Program, request.Office)), TableUpdateMode.Replace, ct);
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, DeadlineEntities.Record(record)) };
        if (StatusTransitions.IsLive(record.Status))
        {
            actions.Add(new(TableTransactionActionType.Add, DeadlineEntities.DueIndex(record)));
        }
        var response = await Table.SubmitTransactionAsync(actions, ct);
        return record with { ETag = response.Value[0].Headers.ETag?.ToString() };
    }

    /// <summary>
    /// Bulk load (migration from a legacy system, benchmarks): new rows with their office set, written 50 rows and
    /// their index rows per transaction, <paramref name="parallelism"/> transactions at a time.
    /// </summary>
    public async Task ImportAsync(IEnumerable<DeadlineRecord> records, int parallelism = 8, CancellationToken ct = default)
    {
        var byPartition = records.GroupBy(r => LedgerKeys.Partition(r.Program, r.Office ?? throw new ArgumentException($"deadline {r.DeadlineId} has no office"))).ToList();
        foreach (var partition in byPartition)
        {
            await Table.UpsertEntityAsync(new TableEntity(LedgerKeys.RegistryPartition, partition.Key), TableUpdateMode.Replace, ct);
        }
        var batches = byPartition.SelectMany(p => p.Chunk(50)).Select(chunk => chunk.SelectMany(r => StatusTransitions.IsLive(r.Status)
            ? new[] { new TableTransactionAction(TableTransactionActionType.Add, DeadlineEntities.Record(r)), new TableTransactionAction(TableTransactionActionType.Add, DeadlineEntities.DueIndex(r)) }
            : [new TableTransactionAction(TableTransactionActionType.Add, DeadlineEntities.Record(r))]).ToList());
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct },
            async (batch, token) => await Table.SubmitTransactionAsync(batch, token));
    }

    public async Task<DeadlineRecord?> GetAsync(DeadlineKey key, CancellationToken ct = default)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(
            LedgerKeys.Partition(key.Program, key.Office), LedgerKeys.RecordRow(key.DeadlineId), cancellationToken: ct);
        return response.HasValue ? DeadlineEntities.ReadRecord(response.Value!) : null;
    }

    /// <summary>Changes the status if the transition is allowed; <paramref name="expectedETag"/> (if given) must still match.</summary>
    public Task<DeadlineRecord> TransitionAsync(
        DeadlineKey key, DeadlineStatus to, string by, string reason, string? expectedETag = null, CancellationToken ct = default) =>
        ChangeAsync(key, expectedETag, current =>
        {
            StatusTransitions.Ensure(current.Status, to);
            if (to == DeadlineStatus.Tolled || current.Status == DeadlineStatus.Tolled && to == DeadlineStatus.Open)
            {
                throw new InvalidOperationException("pause and resume a clock with TollAsync and ResumeAsync, which record the reason and move the due");
            }
            var now = clock.GetCurrentInstant();
            var final = to is DeadlineStatus.Met or DeadlineStatus.Waived or DeadlineStatus.Moot;
            return current with
            {
                Status = to,
                MissedAt = to == DeadlineStatus.Missed ? now : current.MissedAt,
                ClosedAt = final ? now : current.ClosedAt,
                ClosedBy = final ? by : current.ClosedBy,
                CloseReason = final ? reason : current.CloseReason,
                History = [.. current.History, new LedgerHistoryEntry(now, "status", by, reason, current.Status, to)],
            };
        }, ct);

    /// <summary>Pauses the clock with a reason code the rule allows; the row leaves the due index until resumed.</summary>
    public Task<DeadlineRecord> TollAsync(
        DeadlineKey key, string reasonCode, Instant pausedAt, string by, string? expectedETag = null, CancellationToken ct = default) =>
        ChangeAsync(key, expectedETag, current =>
        {
            StatusTransitions.Ensure(current.Status, DeadlineStatus.Tolled);
            var reason = rules.Get(current.RuleId).Tolling.FirstOrDefault(t => t.Code == reasonCode)
                ?? throw new ArgumentException($"rule '{current.RuleId}' has no tolling reason '{reasonCode}'");
            return current with
            {
                Status = DeadlineStatus.Tolled,
                Tolling = [.. current.Tolling, new TollingPeriod(pausedAt, null, reason.Code, reason.LegalBasis)],
                History = [.. current.History, new LedgerHistoryEntry(clock.GetCurrentInstant(), "toll", by,
                    $"{reason.Code}: {reason.LegalBasis}", current.Status, DeadlineStatus.Tolled)],
            };
        }, ct);

    /// <summary>Resumes a paused clock: the due moves by the paused time; the untolled due stays on the row.</summary>
    public Task<DeadlineRecord> ResumeAsync(
        DeadlineKey key, Instant resumedAt, string by, string? expectedETag = null, CancellationToken ct = default) =>
        ChangeAsync(key, expectedETag, current =>
        {
            StatusTransitions.Ensure(current.Status, DeadlineStatus.Open);
            var periods = current.Tolling.Select(p => p.ResumedAt is null ? p with { ResumedAt = resumedAt } : p).ToList();
            var recomputed = Recompute(current, calculator, periods, resumedAt);
            return current.WithComputation(recomputed) with
            {
                Status = DeadlineStatus.Open,
                History = [.. current.History, new LedgerHistoryEntry(clock.GetCurrentInstant(), "resume", by, "clock resumed",
                    DeadlineStatus.Tolled, DeadlineStatus.Open, current.LegalDueDate, recomputed.LegalDueDate,
                    current.TargetDate, recomputed.TargetDate)],
            };
        }, ct);

    /// <summary>Live duties (open or missed) of one program in one office with a legal due before <paramref name="before"/>.</summary>
    public IAsyncEnumerable<DeadlineSummary> OpenDueBeforeAsync(string program, string office, Instant before, CancellationToken ct = default) =>
        LiveDueBetweenAsync(program, office, null, before, ct);

    /// <summary>Live duties with a legal due in [<paramref name="from"/>, <paramref name="before"/>), from null = no lower bound.</summary>
    public async IAsyncEnumerable<DeadlineSummary> LiveDueBetweenAsync(
        string program, string office, Instant? from, Instant before, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var partition = LedgerKeys.Partition(program, office);
        var low = from is { } f ? LedgerKeys.DueBound(f) : LedgerKeys.DuePrefix;
        var high = LedgerKeys.DueBound(before);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {low} and RowKey lt {high}");
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            yield return DeadlineEntities.ReadSummary(program.ToUpperInvariant(), office, entity);
        }
    }

    /// <summary>Everything overdue at <paramref name="now"/>: one bounded range scan per registered office.</summary>
    public async IAsyncEnumerable<DeadlineSummary> OverdueAsync(
        Instant now, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var (program, office) in OfficesAsync(ct))
        {
            await foreach (var summary in OpenDueBeforeAsync(program, office, now, ct))
            {
                yield return summary;
            }
        }
    }

    public async IAsyncEnumerable<(string Program, string Office)> OfficesAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {LedgerKeys.RegistryPartition}");
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: ct))
        {
            var parts = entity.RowKey.Split('|', 2);
            yield return (parts[0], parts[1]);
        }
    }

    /// <summary>Reads, changes and writes one row and its index row in one transaction guarded by the ETag.</summary>
    internal async Task<DeadlineRecord> ChangeAsync(
        DeadlineKey key, string? expectedETag, Func<DeadlineRecord, DeadlineRecord> change, CancellationToken ct)
    {
        var current = await GetAsync(key, ct) ?? throw new KeyNotFoundException($"no deadline {key.DeadlineId} in {key.Program}/{key.Office}");
        if (expectedETag is not null && expectedETag != current.ETag)
        {
            throw new LedgerConcurrencyException(key, new RequestFailedException(412, "ETag mismatch on read"));
        }
        var next = MissEscalation.Apply(current, change(current), clock.GetCurrentInstant());
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.UpdateReplace, DeadlineEntities.Record(next with { ETag = current.ETag }), new ETag(current.ETag!)),
        };
        var oldRow = StatusTransitions.IsLive(current.Status) ? LedgerKeys.DueRow(current.LegalDueAt, current.DeadlineId) : null;
        var newRow = StatusTransitions.IsLive(next.Status) ? LedgerKeys.DueRow(next.LegalDueAt, next.DeadlineId) : null;
        if (oldRow is not null && oldRow != newRow)
        {
            actions.Add(new(TableTransactionActionType.Delete, new TableEntity(LedgerKeys.Partition(key.Program, key.Office), oldRow), ETag.All));
        }
        if (newRow is not null)
        {
            actions.Add(new(TableTransactionActionType.UpsertReplace, DeadlineEntities.DueIndex(next)));
        }
        try
        {
            var response = await Table.SubmitTransactionAsync(actions, ct);
            return next with { ETag = response.Value[0].Headers.ETag?.ToString() };
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            throw new LedgerConcurrencyException(key, e);
        }
    }

    internal ComputedDeadline Recompute(DeadlineRecord record, DeadlineCalculator with, IReadOnlyList<TollingPeriod> periods, Instant asOf)
    {
        var computed = with.Compute(rules.Get(record.RuleId), record.Events, record.Scope);
        return periods.Count == 0 ? computed : with.ApplyTolling(computed, periods, asOf, record.Scope);
    }

    internal RuleBook Rules => rules;

    internal IClock Clock => clock;
}
