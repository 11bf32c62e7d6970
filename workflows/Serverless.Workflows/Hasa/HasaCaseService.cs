using Azure.Data.Tables;
using NodaTime;
using Serverless.Workflows.Cases;
using Serverless.Workflows.Ledger;

namespace Serverless.Workflows.Hasa;

/// <summary>
/// The HASA case commands and reads the forms and the workflows share. Every access is checked against
/// <see cref="HasaAccessPolicy"/> and written to the audit log (allowed or not); events go to the append-only log with
/// business and recorded time, and the ledger is brought in line in the same request so a read right after is consistent.
/// </summary>
public sealed class HasaCaseService(
    HasaCaseStore store, ClientStore clients, AuditLog audit, HasaDeadlinePlanner planner, HasaEventRules rules,
    HasaLedgerSync sync, HasaDeadlineQueries queries, FacilityTracker facilities) : Workflows.IHasaCaseRefresher
{
    private const int MaxAttempts = 5;

    public async Task<Outcome<HasaCaseView>> CreateAsync(NewHasaCase command, Caller caller, IdempotencyWrite? idempotency, string purpose, Instant now, CancellationToken ct = default)
    {
        if (!HasaAccessPolicy.MayAccessCase(caller, command.Office))
        {
            await AuditAsync(caller, command.CaseId, "create", purpose, now, "forbidden", ct);
            return Outcome<HasaCaseView>.Forbidden();
        }
        if (await ReplayAsync(command.CaseId, idempotency, ct) is { } replay)
        {
            return replay.RequestHash == idempotency!.RequestHash
                ? Outcome<HasaCaseView>.Replayed(replay)
                : Outcome<HasaCaseView>.Conflict("the Idempotency-Key was already used for a different request");
        }
        var c = new HasaCase
        {
            CaseId = command.CaseId,
            ClientId = command.ClientId,
            Office = command.Office,
            Household = command.Household,
            EligibilityDeterminedOn = command.EligibilityDeterminedOn,
            Homeless = command.Homeless,
            CreatedAt = now,
            CreatedBy = caller.User,
        };
        var first = new HasaEvent
        {
            CaseId = c.CaseId, Type = HasaEventType.EligibilityDetermined, OccurredOn = c.EligibilityDeterminedOn, RecordedAt = now, RecordedBy = caller.User,
        };
        await clients.EnsureAsync(command.ClientId, null, now, ct);
        if (!await store.CreateAsync(c, first, idempotency, ct))
        {
            return await ReplayAsync(command.CaseId, idempotency, ct) is { } raced && raced.RequestHash == idempotency!.RequestHash
                ? Outcome<HasaCaseView>.Replayed(raced)
                : Outcome<HasaCaseView>.Conflict($"case {command.CaseId} already exists");
        }
        // identity is written only once the case is ours: a refused duplicate must not overwrite who the client is
        await clients.EnsureAsync(command.ClientId, command.Identity, now, ct);
        await AuditAsync(caller, c.CaseId, "create", purpose, now, "created", ct);
        var view = await ViewAsync((await store.GetAsync(c.CaseId, ct))!, caller.User, now, created: true, ct);
        return new(OutcomeKind.Created, view);
    }

    public async Task<Outcome<(HasaEvent Event, HasaSnapshot Snapshot, IReadOnlyList<DeadlineRecord> Deadlines)>> RecordAsync(
        string caseId, HasaEventDraft draft, Caller caller, IdempotencyWrite? idempotency, string purpose, Instant now, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var stored = await store.GetAsync(caseId, ct);
            if (stored is null)
            {
                return Outcome<(HasaEvent, HasaSnapshot, IReadOnlyList<DeadlineRecord>)>.NotFound();
            }
            if (!HasaAccessPolicy.MayAccessCase(caller, stored.Case.Office))
            {
                await AuditAsync(caller, caseId, "write event", purpose, now, "forbidden", ct);
                return Outcome<(HasaEvent, HasaSnapshot, IReadOnlyList<DeadlineRecord>)>.Forbidden();
            }
            if (await ReplayAsync(caseId, idempotency, ct) is { } replay)
            {
                return replay.RequestHash == idempotency!.RequestHash
                    ? Outcome<(HasaEvent, HasaSnapshot, IReadOnlyList<DeadlineRecord>)>.Replayed(replay)
                    : Outcome<(HasaEvent, HasaSnapshot, IReadOnlyList<DeadlineRecord>)>.Conflict("the Idempotency-Key was already used for a different request");
            }
            var e = new HasaEvent
            {
                CaseId = caseId, Type = draft.Type, OccurredOn = draft.OccurredOn, RecordedAt = now, RecordedBy = caller.User,
                OptionId = draft.OptionId, NeedsConsidered = draft.NeedsConsidered ?? [], Ground = draft.Ground, Reason = draft.Reason,
                TrackingNumber = draft.TrackingNumber, ApplicationId = draft.ApplicationId, FacilityId = draft.FacilityId,
            };
            var records = await store.RecordsAsync(stored, ct);
            var state = HasaCaseState.Fold(stored.Case, records.Events);
            var applications = records.Applications;
            var conflict = HasaEventRules.TooEarly(stored.Case, e) ?? rules.Conflict(state, e) ?? ApplicationConflict(applications, e);
            if (conflict is not null)
            {
                await AuditAsync(caller, caseId, $"write event {e.Type}", purpose, now, "refused", ct);
                return Outcome<(HasaEvent, HasaSnapshot, IReadOnlyList<DeadlineRecord>)>.Conflict(conflict);
            }
            try
            {
                var appended = await store.AppendAsync(stored, e, Derived(state, e with { Sequence = stored.NextSequence }), idempotency, ct);
                await TrackAtFacilityAsync(state, appended, ct);
                await AuditAsync(caller, caseId, $"write event {e.Type}", purpose, now, "recorded", ct);
                var (snapshot, deadlines) = await PlanAndSyncAsync(stored.Case, [.. state.Events, appended], applications, now, caller.User, ct);
                return new(OutcomeKind.Created, (appended, snapshot, deadlines));
            }
            catch (CaseConcurrencyException) when (attempt < MaxAttempts)
            {
                // someone appended first: re-read and check the event against the case as it now stands
            }
        }
    }

    public async Task<Outcome<(HasaReceipt Receipt, IReadOnlyList<BenefitApplication> NewApplications)>> SubmitAsync(
        string caseId, HasaSubmission submission, bool isApplication, Caller caller, IdempotencyWrite? idempotency, string purpose, Instant now, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var stored = await store.GetAsync(caseId, ct);
            if (stored is null)
            {
                return Outcome<(HasaReceipt, IReadOnlyList<BenefitApplication>)>.NotFound();
            }
            if (!HasaAccessPolicy.MayAccessCase(caller, stored.Case.Office))
            {
                await AuditAsync(caller, caseId, isApplication ? "write application" : "write documents", purpose, now, "forbidden", ct);
                return Outcome<(HasaReceipt, IReadOnlyList<BenefitApplication>)>.Forbidden();
            }
            if (await ReplayAsync(caseId, idempotency, ct) is { } replay)
            {
                return replay.RequestHash == idempotency!.RequestHash
                    ? Outcome<(HasaReceipt, IReadOnlyList<BenefitApplication>)>.Replayed(replay)
                    : Outcome<(HasaReceipt, IReadOnlyList<BenefitApplication>)>.Conflict("the Idempotency-Key was already used for a different request");
            }
            var existing = (await store.RecordsAsync(stored, ct)).Applications;
            var result = ReceiptDesk.Take(stored.Case, existing, submission, isApplication);
            if (result.Conflict is not null)
            {
                return Outcome<(HasaReceipt, IReadOnlyList<BenefitApplication>)>.Conflict(result.Conflict);
            }
            try
            {
                var receipt = await store.IssueReceiptAsync(stored, number => ReceiptDesk.Receipt(number, stored.Case, submission, result.All, now), result.Changed, idempotency, ct);
                await AuditAsync(caller, caseId, isApplication ? "write application" : "write documents", purpose, now, receipt.ReceiptNumber, ct);
                await RefreshAsync(caseId, now, caller.User, ct);
                return new(OutcomeKind.Created, (receipt, result.New));
            }
            catch (CaseConcurrencyException) when (attempt < MaxAttempts)
            {
            }
        }
    }

    public async Task<Outcome<HasaCaseView>> GetAsync(string caseId, Caller caller, string purpose, Instant now, CancellationToken ct = default)
    {
        var stored = await store.GetAsync(caseId, ct);
        if (stored is null)
        {
            return Outcome<HasaCaseView>.NotFound();
        }
        if (!HasaAccessPolicy.MayAccessCase(caller, stored.Case.Office))
        {
            await AuditAsync(caller, caseId, "read", purpose, now, "forbidden", ct);
            return Outcome<HasaCaseView>.Forbidden();
        }
        await AuditAsync(caller, caseId, "read", purpose, now, "read", ct);
        return new(OutcomeKind.Ok, await ViewAsync(stored, caller.User, now, created: false, ct));
    }

    public async Task<HasaReceipt?> ReceiptAsync(string caseId, string number, CancellationToken ct = default) => await store.ReceiptAsync(caseId, number, ct);

    public Task SaveAnswerAsync(string caseId, IdempotencyWrite? idempotency, int status, string body, CancellationToken ct = default) =>
        idempotency is null ? Task.CompletedTask : store.SaveAnswerAsync(caseId, idempotency.Key, status, body, ct);

    /// <summary>Plans the case at <paramref name="asOf"/> from what was recorded by then and brings the ledger in line.</summary>
    public async Task<HasaSnapshot?> RefreshAsync(string caseId, Instant asOf, string by, CancellationToken ct = default)
    {
        var stored = await store.GetAsync(caseId, ct);
        if (stored is null)
        {
            return null;
        }
        var records = await store.RecordsAsync(stored, ct);
        var (snapshot, _) = await PlanAndSyncAsync(stored.Case, records.Events, records.Applications, asOf, by, ct);
        return snapshot;
    }

    private async Task<(HasaSnapshot Snapshot, IReadOnlyList<DeadlineRecord> Deadlines)> PlanAndSyncAsync(
        HasaCase c, IReadOnlyList<HasaEvent> log, IReadOnlyList<BenefitApplication> applications, Instant asOf, string by, CancellationToken ct)
    {
        var state = HasaCaseState.Fold(c, log, asOf);
        var plans = planner.Plan(state, applications, asOf);
        var deadlines = await sync.SyncAsync(c, plans, asOf, by, ct);
        return (Snapshot(state, applications, plans, asOf), deadlines);
    }

    /// <summary>
    /// Re-tests an open "no option available" finding against the §21-128(l) tracker: a medically appropriate vacancy
    /// that opened after the finding (and is not an option already referred) is new information, so the finding
    /// ends and the clock resumes. A vacancy staff already had when they made the finding never overrides it.
    /// </summary>
    public async Task<bool> RecheckAvailabilityAsync(string caseId, Instant asOf, CancellationToken ct = default)
    {
        var stored = await store.GetAsync(caseId, ct);
        if (stored is null)
        {
            return false;
        }
        var state = HasaCaseState.Fold(stored.Case, (await store.RecordsAsync(stored, ct)).Events, asOf);
        if (state.OpenNoOptionPeriod is not { } finding || state.HousingCycleEndedOn is not null)
        {
            return false;
        }
        var today = Clocks.NewYorkTime.DateOf(asOf);
        var referred = state.Referrals.Select(r => r.OptionId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var match = (await facilities.AvailableAsync(today, needsAccessible: false, ct))
            .FirstOrDefault(m => m.Vacancy.OpenedOn > finding.From && !referred.Contains(m.Facility.FacilityId));
        if (match.Facility is null)
        {
            return false;
        }
        var e = new HasaEvent
        {
            CaseId = caseId, Type = HasaEventType.OptionAvailable, OccurredOn = today, RecordedAt = asOf, RecordedBy = AvailabilityCheck,
            FacilityId = match.Facility.FacilityId, Reason = $"vacancy {match.Vacancy.VacancyId} opened {match.Vacancy.OpenedOn:yyyy-MM-dd} (tracker re-check)",
        };
        try
        {
            await store.AppendAsync(stored, e, [], null, ct);
        }
        catch (CaseConcurrencyException)
        {
            return false; // a form was recorded at the same moment; the next check looks again
        }
        await audit.AppendAsync(new AuditEntry(AvailabilityCheck, asOf, caseId, "write event OptionAvailable", "§21-128(c)(2)(c) availability re-check", "recorded"), ct);
        return true;
    }

    public const string AvailabilityCheck = "workflow:availability-check";

    public static HasaSnapshot Snapshot(HasaCaseState state, IReadOnlyList<BenefitApplication> applications, IReadOnlyList<PlannedDeadline> plans, Instant asOf) => new(
        state, applications, plans, HasaStepReporter.Housing(state, plans, asOf), HasaStepReporter.Termination(state, plans),
        applications.ToDictionary(a => a.ApplicationId, a => HasaStepReporter.Application(state, a, plans)));

    private async Task<HasaCaseView> ViewAsync(StoredCase stored, string by, Instant now, bool created, CancellationToken ct)
    {
        var caseId = stored.Case.CaseId;
        var records = await store.RecordsAsync(stored, ct);
        var (snapshot, synced) = await PlanAndSyncAsync(stored.Case, records.Events, records.Applications, now, by, ct);
        // A case created by this request has no rows but those just synced; an older one may have rows no longer planned.
        var deadlines = created ? [.. synced.OrderBy(r => r.LegalDueAt)] : await queries.ForCaseAsync(stored.Case.Office, caseId, ct);
        return new HasaCaseView(stored.Case, snapshot.State.Events, deadlines,
            snapshot.Applications, records.Receipts, records.Referrals, records.Placements, records.Notices, snapshot.Housing, snapshot.Termination);
    }

    private static string? ApplicationConflict(IReadOnlyList<BenefitApplication> applications, HasaEvent e) =>
        e.Type is HasaEventType.BenefitApproved or HasaEventType.BenefitProvided or HasaEventType.BenefitDenied or HasaEventType.ApplicationWithdrawn
            && applications.All(a => a.ApplicationId != e.ApplicationId)
            ? $"no application '{e.ApplicationId}' on this case"
            : null;

    /// <summary>Rows an event adds to the case's records: placements, referrals and their outcomes, notices.</summary>
    private static IEnumerable<ITableEntity> Derived(HasaCaseState state, HasaEvent e)
    {
        var id = e.CaseId;
        switch (e.Type)
        {
            case HasaEventType.EmergencyPlacement:
                yield return HasaCaseStore.RecordRow(id, $"placement|{e.Sequence:D10}",
                    new EmergencyPlacementRecord(id, e.Sequence, e.OccurredOn, e.FacilityId, state.FirstPlacementOn is null || e.OccurredOn < state.FirstPlacementOn, null));
                break;
            case HasaEventType.ReferralMade:
                var number = state.Referrals.Count + 1;
                yield return HasaCaseStore.RecordRow(id, $"ref|{number:D4}", new ReferralRecord(id, number, e.OccurredOn, e.OptionId!, e.NeedsConsidered, "pending"));
                if (state.Referrals.LastOrDefault() is { } previous)
                {
                    yield return HasaCaseStore.RecordRow(id, $"ref|{previous.Number:D4}", new ReferralRecord(id, previous.Number, previous.MadeOn, previous.OptionId, previous.NeedsConsidered, "not taken up"));
                }
                break;
            case HasaEventType.NonEmergencyOccupancy:
                if (state.Events.LastOrDefault(x => x.Type == HasaEventType.EmergencyPlacement) is { } stay)
                {
                    // occupancy ends the stay in emergency housing: its length of stay is now fixed
                    yield return HasaCaseStore.RecordRow(id, $"placement|{stay.Sequence:D10}", new EmergencyPlacementRecord(
                        id, stay.Sequence, stay.OccurredOn, stay.FacilityId, stay.OccurredOn == state.FirstPlacementOn, e.OccurredOn));
                }
                if (state.Referrals.LastOrDefault() is not { } last)
                {
                    break;
                }
                yield return HasaCaseStore.RecordRow(id, $"ref|{last.Number:D4}", new ReferralRecord(id, last.Number, last.MadeOn, last.OptionId, last.NeedsConsidered,
                    e.OptionId is null || string.Equals(e.OptionId, last.OptionId, StringComparison.OrdinalIgnoreCase) ? "occupied" : "occupied another option"));
                break;
            case HasaEventType.HousingPacketProvided:
                yield return HasaCaseStore.RecordRow(id, $"notice|{e.Sequence:D10}", new NoticeRecord(id, e.Sequence, "N-3 housing application and financial-assistance information", e.OccurredOn, null));
                break;
            case HasaEventType.CertifiedMailSent:
                yield return HasaCaseStore.RecordRow(id, $"notice|{e.Sequence:D10}", new NoticeRecord(id, e.Sequence, "N-5 certified notice to contact the division within ten days", e.OccurredOn, e.TrackingNumber));
                break;
        }
    }

    /// <summary>Referrals to a registered facility feed its §21-128(l)(iii) outcomes; a free-text option has no facility to update.</summary>
    private async Task TrackAtFacilityAsync(HasaCaseState before, HasaEvent e, CancellationToken ct)
    {
        var last = before.Referrals.LastOrDefault();
        if (e.Type == HasaEventType.ReferralMade)
        {
            if (last is not null && await facilities.GetAsync(last.OptionId, ct) is not null)
            {
                await facilities.RecordReferralAsync(new FacilityReferral(last.OptionId, e.CaseId, last.Number, last.MadeOn, "not taken up", e.OccurredOn), ct);
            }
            if (e.OptionId is { } option && await facilities.GetAsync(option, ct) is not null)
            {
                await facilities.RecordReferralAsync(new FacilityReferral(option, e.CaseId, before.Referrals.Count + 1, e.OccurredOn, "pending", null), ct);
            }
        }
        else if (e.Type == HasaEventType.NonEmergencyOccupancy && last is not null && await facilities.GetAsync(last.OptionId, ct) is not null)
        {
            var took = e.OptionId is null || string.Equals(e.OptionId, last.OptionId, StringComparison.OrdinalIgnoreCase);
            await facilities.RecordReferralAsync(new FacilityReferral(last.OptionId, e.CaseId, last.Number, last.MadeOn, took ? "occupied" : "not taken up", e.OccurredOn), ct);
        }
    }

    private async Task<IdempotentAnswer?> ReplayAsync(string caseId, IdempotencyWrite? idempotency, CancellationToken ct) =>
        idempotency is null ? null : await store.IdempotentAsync(caseId, idempotency.Key, ct);

    private Task AuditAsync(Caller caller, string caseId, string action, string purpose, Instant now, string outcome, CancellationToken ct) =>
        audit.AppendAsync(new AuditEntry(caller.User, now, caseId, action, purpose, outcome), ct);
}
