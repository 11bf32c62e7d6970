using NodaTime;
using NodaTime.Testing;
using Serverless.Testing;
using Serverless.Workflows.Cases;
using Serverless.Workflows.Hasa;
using Serverless.Workflows.Ledger;
using static Serverless.Workflows.Tests.Dates;

namespace Serverless.Workflows.Tests.Hasa;

/// <summary>The case store, audit and ledger sync on a real Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class HasaCaseStoreTests(AzuriteFixture azurite)
{
    private static readonly Caller Staff = new("ana", [Roles.HasaStaff], "Jerome");
    private static readonly Caller OtherOffice = new("bo", [Roles.HasaStaff], "Amsterdam");

    private async Task<(HasaServices Hasa, FakeClock Clock)> CreateAsync()
    {
        var clock = new FakeClock(I("2026-04-20T10:00:00-04:00"));
        var hasa = new HasaServices(azurite.Clients, clock, tablePrefix: UniqueNames.Table("t"));
        await hasa.EnsureCreatedAsync();
        return (hasa, clock);
    }

    private static NewHasaCase NewCase(string id = "C-100") =>
        new(id, "P-7", "Jerome", HouseholdKind.Family, D("2026-03-02"), true, new ClientIdentity("Client Name", D("1980-01-02"), "1 Main St"));

    [Fact]
    public async Task A_back_dated_placement_corrects_the_first_referral_row_and_the_row_keeps_both_dues()
    {
        var (hasa, clock) = await CreateAsync();
        await hasa.Service.CreateAsync(NewCase(), Staff, null, "intake", clock.GetCurrentInstant());
        await hasa.Service.RecordAsync("C-100", new HasaEventDraft(HasaEventType.DocumentationCompleted, D("2026-04-11")), Staff, null, "case management", clock.GetCurrentInstant());
        clock.AdvanceDays(1);

        var outcome = await hasa.Service.RecordAsync("C-100", new HasaEventDraft(HasaEventType.EmergencyPlacement, D("2026-03-05")), Staff, null, "legacy import", clock.GetCurrentInstant());

        Assert.Equal(OutcomeKind.Created, outcome.Kind);
        var row = (await hasa.Ledger.GetAsync(new DeadlineKey("HASA", "Jerome", "C-100.first-referral")))!;
        Assert.Equal((D("2026-06-03"), "EmergencyPlacementStarted"), (row.LegalDueDate, row.AnchorEvent));
        var correction = Assert.Single(row.History, h => h.Kind == "correction");
        Assert.Equal((D("2026-07-10"), D("2026-06-03")), (correction.OldDue, correction.NewDue));
        Assert.Contains("EmergencyPlacementStarted", correction.Reason);
        Assert.Contains(outcome.Value.Deadlines, d => d.RuleId == HasaRuleIds.FirstReferral && d.LegalDueDate == D("2026-06-03"));
        Assert.Equal("first referral due", outcome.Value.Snapshot.Housing.Step);
        Assert.Contains(await hasa.Store.PlacementsAsync("C-100"), p => p.StartedOn == D("2026-03-05") && p.Initial);
    }

    [Fact]
    public async Task The_log_is_append_only_in_sequence_with_business_and_recorded_time_and_identity_is_kept_apart()
    {
        var (hasa, clock) = await CreateAsync();
        await hasa.Service.CreateAsync(NewCase(), Staff, null, "intake", clock.GetCurrentInstant());
        await hasa.Service.RecordAsync("C-100", new HasaEventDraft(HasaEventType.EmergencyPlacement, D("2026-03-05"), FacilityId: "F-1"), Staff, null, "cm", clock.GetCurrentInstant());

        var log = await hasa.Store.ReadLogAsync("C-100");

        Assert.Equal([1L, 2L], log.Select(e => e.Sequence));
        Assert.Equal((D("2026-03-05"), clock.GetCurrentInstant(), "ana"), (log[1].OccurredOn, log[1].RecordedAt, log[1].RecordedBy));
        Assert.Equal("Client Name", (await hasa.Clients.GetIdentityAsync("P-7"))!.Name);
        var caseRow = await hasa.Tables.Cases.GetEntityAsync<Azure.Data.Tables.TableEntity>("C-100", HasaCaseStore.CaseRow("C-100"));
        Assert.DoesNotContain("Client Name", caseRow.Value.GetString("Case"));
    }

    [Fact]
    public async Task Every_read_and_write_is_audited_and_other_offices_are_refused()
    {
        var (hasa, clock) = await CreateAsync();
        await hasa.Service.CreateAsync(NewCase(), Staff, null, "intake", clock.GetCurrentInstant());
        await hasa.Service.GetAsync("C-100", Staff, "review", clock.GetCurrentInstant());

        var refused = await hasa.Service.GetAsync("C-100", OtherOffice, "curiosity", clock.GetCurrentInstant());

        Assert.Equal(OutcomeKind.Forbidden, refused.Kind);
        var audit = await hasa.Audit.ForRecordAsync("C-100");
        Assert.Contains(audit, a => (a.Who, a.Action, a.Purpose, a.Outcome) == ("ana", "create", "intake", "created"));
        Assert.Contains(audit, a => (a.Who, a.Action, a.Purpose, a.Outcome) == ("ana", "read", "review", "read"));
        Assert.Contains(audit, a => (a.Who, a.Action, a.Purpose, a.Outcome) == ("bo", "read", "curiosity", "forbidden"));
    }

    [Fact]
    public async Task The_same_idempotency_key_records_one_event_and_a_different_body_with_it_is_a_conflict()
    {
        var (hasa, clock) = await CreateAsync();
        await hasa.Service.CreateAsync(NewCase(), Staff, null, "intake", clock.GetCurrentInstant());
        var key = new IdempotencyWrite("k-1", "hash-a");
        var draft = new HasaEventDraft(HasaEventType.EmergencyPlacement, D("2026-03-05"));

        var first = await hasa.Service.RecordAsync("C-100", draft, Staff, key, "cm", clock.GetCurrentInstant());
        await hasa.Service.SaveAnswerAsync("C-100", key, 201, "{\"sequence\":2}");
        var again = await hasa.Service.RecordAsync("C-100", draft, Staff, key, "cm", clock.GetCurrentInstant());
        var other = await hasa.Service.RecordAsync("C-100", draft, Staff, key with { RequestHash = "hash-b" }, "cm", clock.GetCurrentInstant());

        Assert.Equal((OutcomeKind.Created, OutcomeKind.Replayed, OutcomeKind.Conflict), (first.Kind, again.Kind, other.Kind));
        Assert.Equal((201, "{\"sequence\":2}"), (again.Replay!.StatusCode, again.Replay.Body));
        Assert.Equal(2, (await hasa.Store.ReadLogAsync("C-100")).Count);
    }

    [Fact]
    public async Task A_tolled_clock_leaves_the_due_index_and_the_resumption_moves_the_due_with_history()
    {
        var (hasa, clock) = await CreateAsync();
        clock.Reset(I("2026-03-02T10:00:00-05:00"));
        await hasa.Service.CreateAsync(NewCase(), Staff, null, "intake", clock.GetCurrentInstant());
        await hasa.Service.RecordAsync("C-100", new HasaEventDraft(HasaEventType.EmergencyPlacement, D("2026-03-02")), Staff, null, "cm", clock.GetCurrentInstant());
        clock.Reset(I("2026-04-01T10:00:00-04:00"));
        await hasa.Service.RecordAsync("C-100", new HasaEventDraft(HasaEventType.NoOptionAvailable, D("2026-04-01"), Reason: "no vacancy"), Staff, null, "cm", clock.GetCurrentInstant());
        var key = new DeadlineKey("HASA", "Jerome", "C-100.first-referral");
        var tolled = (await hasa.Ledger.GetAsync(key))!;
        Assert.Equal(DeadlineStatus.Tolled, tolled.Status);
        clock.Reset(I("2026-04-10T10:00:00-04:00"));
        await hasa.Service.GetAsync("C-100", Staff, "review", clock.GetCurrentInstant());
        Assert.Equal(tolled.History.Count, (await hasa.Ledger.GetAsync(key))!.History.Count); // a held clock is not rewritten on every read
        clock.Reset(I("2026-04-21T10:00:00-04:00"));

        await hasa.Service.RecordAsync("C-100", new HasaEventDraft(HasaEventType.OptionAvailable, D("2026-04-21")), Staff, null, "cm", clock.GetCurrentInstant());

        var row = (await hasa.Ledger.GetAsync(key))!;
        Assert.Equal((DeadlineStatus.Open, D("2026-06-20"), D("2026-05-31")), (row.Status, row.LegalDueDate, row.UntolledDueDate));
        Assert.Contains(row.History, h => h.Kind == "resume" && h.OldDue == D("2026-05-31") && h.NewDue == D("2026-06-20"));
        var due = await hasa.Ledger.OpenDueBeforeAsync("HASA", "Jerome", I("2026-12-31T00:00:00-05:00")).ToListAsync();
        Assert.Contains(due, d => d.Key.DeadlineId == "C-100.first-referral");
    }

    [Fact]
    public async Task Deadlines_page_through_offices_with_a_continuation_token()
    {
        var (hasa, clock) = await CreateAsync();
        foreach (var id in new[] { "C-1", "C-2", "C-3" })
        {
            await hasa.Service.CreateAsync(NewCase(id), Staff, null, "intake", clock.GetCurrentInstant());
        }

        var first = await hasa.Deadlines.PageAsync(["Jerome"], DeadlineStatus.Missed, null, 4, null);
        var second = await hasa.Deadlines.PageAsync(["Jerome"], DeadlineStatus.Missed, null, 4, first.ContinuationToken);

        Assert.Equal(4, first.Items.Count);
        Assert.NotNull(first.ContinuationToken);
        Assert.Equal(2, second.Items.Count);
        Assert.Equal(6, first.Items.Concat(second.Items).Select(d => d.DeadlineId).Distinct().Count());
    }

    [Fact]
    public async Task Concurrent_writers_each_get_their_own_sequence_number()
    {
        var (hasa, clock) = await CreateAsync();
        await hasa.Service.CreateAsync(NewCase(), Staff, null, "intake", clock.GetCurrentInstant());
        var drafts = new[] { "2026-03-05", "2026-03-06", "2026-03-07", "2026-03-08" }
            .Select(d => new HasaEventDraft(HasaEventType.EmergencyPlacement, D(d)));

        var outcomes = await Task.WhenAll(drafts.Select(d => hasa.Service.RecordAsync("C-100", d, Staff, null, "cm", clock.GetCurrentInstant())));

        Assert.All(outcomes, o => Assert.Equal(OutcomeKind.Created, o.Kind));
        Assert.Equal([1L, 2L, 3L, 4L, 5L], (await hasa.Store.ReadLogAsync("C-100")).Select(e => e.Sequence));
        Assert.Equal(4, (await hasa.Store.PlacementsAsync("C-100")).Count);
    }

    [Fact]
    public async Task A_clock_resumed_after_its_due_is_recorded_missed_and_a_refused_duplicate_case_keeps_the_identity()
    {
        var (hasa, clock) = await CreateAsync();
        clock.Reset(I("2026-03-02T10:00:00-05:00"));
        await hasa.Service.CreateAsync(NewCase(), Staff, null, "intake", clock.GetCurrentInstant());
        await hasa.Service.RecordAsync("C-100", new HasaEventDraft(HasaEventType.EmergencyPlacement, D("2026-03-02")), Staff, null, "cm", clock.GetCurrentInstant());
        clock.Reset(I("2026-05-30T10:00:00-04:00"));
        await hasa.Service.RecordAsync("C-100", new HasaEventDraft(HasaEventType.NoOptionAvailable, D("2026-05-30")), Staff, null, "cm", clock.GetCurrentInstant());
        clock.Reset(I("2026-06-20T10:00:00-04:00"));
        await hasa.Service.RecordAsync("C-100", new HasaEventDraft(HasaEventType.OptionAvailable, D("2026-06-01")), Staff, null, "backdated", clock.GetCurrentInstant());

        var row = (await hasa.Ledger.GetAsync(new DeadlineKey("HASA", "Jerome", "C-100.first-referral")))!;
        Assert.Equal((DeadlineStatus.Missed, D("2026-06-02")), (row.Status, row.LegalDueDate));

        var duplicate = await hasa.Service.CreateAsync(NewCase() with { Identity = new ClientIdentity("Someone Else", null, null) }, Staff, null, "intake", clock.GetCurrentInstant());
        Assert.Equal(OutcomeKind.Conflict, duplicate.Kind);
        Assert.Equal("Client Name", (await hasa.Clients.GetIdentityAsync("P-7"))!.Name);
    }
}
