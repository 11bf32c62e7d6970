using Azure;
using NodaTime;
using Serverless.Workflows.Ledger;

namespace Serverless.Workflows.Hasa;

/// <summary>
/// Brings the ledger rows of a case in line with the planner: opens missing rows, records pauses and resumptions,
/// misses, closures and corrections (a back-dated event that changes a row's triggers keeps the old and new due in the
/// row's history). Idempotent, so the HTTP path and the orchestrations may both run it; concurrent writers retry on the ETag.
/// Rows and history entries are stamped with the time the plan is as of (the form's or the orchestration's time, i.e. the
/// host's clock), never the handler process's own clock, which a host on a virtual clock does not move.
/// </summary>
public sealed class HasaLedgerSync(DeadlineLedger ledger)
{
    public const string Program = "HASA";

    public async Task<IReadOnlyList<DeadlineRecord>> SyncAsync(HasaCase c, IEnumerable<PlannedDeadline> plans, Instant at, string by, CancellationToken ct = default)
    {
        var records = new List<DeadlineRecord>();
        foreach (var plan in plans)
        {
            records.Add(await SyncOneAsync(c, plan, at, by, ct));
        }
        return records;
    }

    private async Task<DeadlineRecord> SyncOneAsync(HasaCase c, PlannedDeadline plan, Instant at, string by, CancellationToken ct)
    {
        var key = new DeadlineKey(Program, c.Office, plan.DeadlineId);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var current = await ledger.GetAsync(key, ct)
                    ?? await ledger.OpenAsync(new NewDeadline(c.CaseId, c.Office, plan.RuleId, plan.Computed.Events, by, DeadlineId: plan.DeadlineId, CreatedAt: at), ct);
                return NeedsChange(current, plan) ? await ledger.ChangeAsync(key, current.ETag, row => Reconcile(row, plan, at, by), ct) : current;
            }
            catch (Exception e) when (attempt < 5 && e is LedgerConcurrencyException or RequestFailedException { Status: 409 or 412 })
            {
                // another writer got there first: read again and reconcile against what it wrote
            }
        }
    }

    private static bool NeedsChange(DeadlineRecord row, PlannedDeadline plan) =>
        !SameEvents(row.Events, plan.Computed.Events) || !row.Tolling.SequenceEqual(plan.Computed.Tolling)
        || row.LegalDueDate != plan.Computed.LegalDueDate || row.Status != plan.Status && (StatusTransitions.IsAllowed(row.Status, plan.Status) || row.Status == DeadlineStatus.Tolled)
        || plan is { Status: DeadlineStatus.Met, MetLate: true } && row.MissedAt is null && row.Status != DeadlineStatus.Met
        || plan.Note is { } note && row.History.All(h => h.Reason != note);

    private static DeadlineRecord Reconcile(DeadlineRecord row, PlannedDeadline plan, Instant now, string by)
    {
        var next = row;
        var history = new List<LedgerHistoryEntry>();
        if (!SameEvents(row.Events, plan.Computed.Events) || !row.Tolling.SequenceEqual(plan.Computed.Tolling) || row.LegalDueDate != plan.Computed.LegalDueDate)
        {
            next = next.WithComputation(plan.Computed);
            var (kind, reason) = WhatChanged(row, plan);
            history.Add(new LedgerHistoryEntry(now, kind, by, reason, row.Status, row.Status,
                row.LegalDueDate, next.LegalDueDate, row.TargetDate, next.TargetDate));
        }
        var wasMissed = row.MissedAt is not null || row.Status == DeadlineStatus.Missed;
        if (plan is { Status: DeadlineStatus.Met, MetLate: true } && !wasMissed && StatusTransitions.IsAllowed(next.Status, DeadlineStatus.Missed))
        {
            // met after the due: the miss is recorded first, so the row keeps when it became missed
            next = next with { Status = DeadlineStatus.Missed, MissedAt = next.LegalDueAt + Duration.FromSeconds(1) };
            history.Add(new LedgerHistoryEntry(now, "status", by, "due passed before the duty was met", row.Status, DeadlineStatus.Missed));
        }
        if (next.Status == DeadlineStatus.Tolled && plan.Status == DeadlineStatus.Missed)
        {
            // resumed after the due had already passed: the clock runs again, and is missed at once
            history.Add(new LedgerHistoryEntry(now, "status", by, "clock resumed", DeadlineStatus.Tolled, DeadlineStatus.Open));
            next = next with { Status = DeadlineStatus.Open };
        }
        if (next.Status != plan.Status && StatusTransitions.IsAllowed(next.Status, plan.Status))
        {
            var final = plan.Status is DeadlineStatus.Met or DeadlineStatus.Waived or DeadlineStatus.Moot;
            history.Add(new LedgerHistoryEntry(now, "status", by, plan.CloseReason ?? StatusReason(plan.Status), next.Status, plan.Status));
            next = next with
            {
                Status = plan.Status,
                MissedAt = plan.Status == DeadlineStatus.Missed ? next.LegalDueAt + Duration.FromSeconds(1) : next.MissedAt,
                ClosedAt = final ? HasaDeadlinePlanner.Start(plan.ClosedOn ?? NewYorkTimeToday(now)) : next.ClosedAt,
                ClosedBy = final ? by : next.ClosedBy,
                CloseReason = final ? plan.CloseReason : next.CloseReason,
            };
        }
        if (plan.Note is { } note && row.History.All(h => h.Reason != note))
        {
            history.Add(new LedgerHistoryEntry(now, "note", by, note));
        }
        return next with { History = [.. row.History, .. history] };
    }

    private static (string Kind, string Reason) WhatChanged(DeadlineRecord row, PlannedDeadline plan)
    {
        if (!SameEvents(row.Events, plan.Computed.Events))
        {
            var changed = plan.Computed.Events.Where(e => !row.Events.TryGetValue(e.Key, out var old) || old != e.Value).Select(e => e.Key);
            return ("correction", $"trigger events changed from the case log (business time): {string.Join(", ", changed)}; due recomputed");
        }
        var opened = plan.Computed.Tolling.Count(p => p.ResumedAt is null) > row.Tolling.Count(p => p.ResumedAt is null);
        if (plan.Computed.Tolling.Count != row.Tolling.Count && opened)
        {
            return ("toll", $"{HasaRuleIds.NoOptionAvailable}: clock paused");
        }
        return plan.Computed.Tolling.Count == row.Tolling.Count && plan.Computed.Tolling.Count(p => p.ResumedAt is null) < row.Tolling.Count(p => p.ResumedAt is null)
            ? ("resume", "option available again: clock resumed, due moved by the paused time")
            : ("correction", "pauses changed from the case log (business time); due recomputed");
    }

    private static string StatusReason(DeadlineStatus status) => status switch
    {
        DeadlineStatus.Missed => "due passed without the duty being met",
        DeadlineStatus.Tolled => $"{HasaRuleIds.NoOptionAvailable}: clock paused",
        DeadlineStatus.Open => "clock running",
        _ => status.ToString().ToLowerInvariant(),
    };

    private static NodaTime.LocalDate NewYorkTimeToday(Instant now) => Clocks.NewYorkTime.DateOf(now);

    private static bool SameEvents(IReadOnlyDictionary<string, Instant> a, IReadOnlyDictionary<string, Instant> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);
}
