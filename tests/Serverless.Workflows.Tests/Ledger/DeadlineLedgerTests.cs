using NodaTime;
using Serverless.Testing;
using Serverless.Workflows.Ledger;
using static Serverless.Workflows.Tests.Dates;

namespace Serverless.Workflows.Tests.Ledger;

[Collection(AzuriteCollection.Name)]
public sealed class DeadlineLedgerTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_row_read_back_carries_every_field_needed_to_explain_it()
    {
        var context = await new LedgerTestContext(azurite).CreatedAsync();
        var opened = await context.OpenAsync("hasa.application-assistance", "Jerome", ("EligibilityDetermined", "2026-02-05T11:00:00-05:00"));

        var row = await context.Ledger.GetAsync(opened.Key);

        Assert.NotNull(row);
        Assert.Equal("NYC Admin. Code §21-128(c)(2)(b)", row.Citation);
        Assert.StartsWith("The division shall ensure", row.RuleText);
        Assert.Equal(I("2026-02-05T11:00:00-05:00"), row.Events["EligibilityDetermined"]);
        Assert.Equal(D("2026-02-20"), row.LegalDueDate);
        Assert.Equal(D("2026-02-20"), row.TargetDate);
        Assert.Equal(I("2026-02-17T23:59:59-05:00"), row.WarningAt);
        Assert.Equal(DeadlineStatus.Open, row.Status);
        Assert.StartsWith("nyc-agency/", row.CalendarVersions["nyc-agency"]);
        Assert.Contains(row.SkippedDays, d => d.Date == D("2026-02-16") && d.Name == "Washington's Birthday");
        Assert.Equal("worker:ana", row.CreatedBy);
        Assert.Equal(opened with { ETag = row.ETag, Events = row.Events, CalendarVersions = row.CalendarVersions, SkippedDays = row.SkippedDays,
            RolledOver = row.RolledOver, Tolling = row.Tolling, History = row.History, TriggerEvents = row.TriggerEvents, Policy = row.Policy }, row);
        Assert.Contains("Due by 2026-02-20 23:59:59 EST, Friday", DeadlineExplainer.Sentence(row));
    }

    [Fact]
    public async Task Open_due_before_is_one_office_of_one_program_in_due_order()
    {
        var context = await new LedgerTestContext(azurite).CreatedAsync();
        var later = await context.OpenAsync("hasa.application-assistance", "Jerome", ("EligibilityDetermined", "2026-02-09T10:00:00-05:00"));
        var first = await context.OpenAsync("hasa.application-assistance", "Jerome", ("EligibilityDetermined", "2026-02-05T10:00:00-05:00"));
        await context.OpenAsync("hasa.application-assistance", "Jerome", ("EligibilityDetermined", "2026-03-02T10:00:00-05:00"));
        await context.OpenAsync("hasa.application-assistance", "Amsterdam", ("EligibilityDetermined", "2026-02-05T10:00:00-05:00"));

        var due = await context.Ledger.OpenDueBeforeAsync("HASA", "Jerome", I("2026-02-25T00:00:00-05:00")).ToListAsync();

        Assert.Equal([first.DeadlineId, later.DeadlineId], due.Select(d => d.Key.DeadlineId));
        Assert.Equal([D("2026-02-20"), D("2026-02-24")], due.Select(d => d.LegalDueDate));
    }

    [Fact]
    public async Task Overdue_now_spans_offices_and_keeps_missed_duties_until_met()
    {
        var context = await new LedgerTestContext(azurite).CreatedAsync();
        var jerome = await context.OpenAsync("hasa.application-assistance", "Jerome", ("EligibilityDetermined", "2026-02-05T10:00:00-05:00"));
        var amsterdam = await context.OpenAsync("hasa.application-assistance", "Amsterdam", ("EligibilityDetermined", "2026-02-05T10:00:00-05:00"));
        var wep = await context.OpenAsync("wep.step1-decision", "Parks-Bronx", ("GrievancePresented", "2026-02-10T10:00:00-05:00"));
        await context.OpenAsync("aps.visit", "Manhattan", ("ReferralReceived", "2026-02-19T10:00:00-05:00"));
        var now = I("2026-02-21T08:00:00-05:00");

        var overdue = await context.Ledger.OverdueAsync(now).ToListAsync();
        Assert.Equal(
            new[] { jerome.DeadlineId, amsterdam.DeadlineId, wep.DeadlineId }.Order(),
            overdue.Select(o => o.Key.DeadlineId).Order());

        await context.Ledger.TransitionAsync(jerome.Key, DeadlineStatus.Missed, "sweeper", "legal due passed");
        await context.Ledger.TransitionAsync(amsterdam.Key, DeadlineStatus.Met, "worker:bo", "HousingApplicationCompleted");
        var after = await context.Ledger.OverdueAsync(now).ToListAsync();

        Assert.Equal(new[] { jerome.DeadlineId, wep.DeadlineId }.Order(), after.Select(o => o.Key.DeadlineId).Order());
        Assert.Equal(DeadlineStatus.Missed, after.Single(o => o.Key == jerome.Key).Status);
    }

    [Fact]
    public async Task A_met_deadline_cannot_become_missed_and_a_missed_one_met_late_keeps_the_miss()
    {
        var context = await new LedgerTestContext(azurite).CreatedAsync();
        var met = await context.OpenAsync("aps.visit", "Bronx", ("ReferralReceived", "2026-02-19T10:00:00-05:00"));
        var late = await context.OpenAsync("aps.visit", "Bronx", ("ReferralReceived", "2026-02-19T11:00:00-05:00"));

        await context.Ledger.TransitionAsync(met.Key, DeadlineStatus.Met, "worker:cy", "HomeVisitMade");
        await Assert.ThrowsAsync<InvalidStatusTransitionException>(() =>
            context.Ledger.TransitionAsync(met.Key, DeadlineStatus.Missed, "sweeper", "legal due passed"));

        context.Clock.Reset(I("2026-02-25T09:00:00-05:00"));
        await context.Ledger.TransitionAsync(late.Key, DeadlineStatus.Missed, "sweeper", "legal due passed");
        context.Clock.Reset(I("2026-02-26T15:00:00-05:00"));
        var row = await context.Ledger.TransitionAsync(late.Key, DeadlineStatus.Met, "worker:cy", "HomeVisitMade");

        Assert.Equal(DeadlineStatus.Met, row.Status);
        Assert.Equal(I("2026-02-25T09:00:00-05:00"), row.MissedAt);
        Assert.Equal(I("2026-02-26T15:00:00-05:00"), row.ClosedAt);
        Assert.Equal([DeadlineStatus.Missed, DeadlineStatus.Met], row.History.Where(h => h.Kind == "status").Select(h => h.ToStatus!.Value));
        Assert.Equal(MissEscalation.Kind, Assert.Single(row.History, h => h.Kind != "status").Kind); // the miss went to the supervisors
    }

    [Fact]
    public async Task A_stale_etag_is_refused()
    {
        var context = await new LedgerTestContext(azurite).CreatedAsync();
        var opened = await context.OpenAsync("aps.visit", "Queens", ("ReferralReceived", "2026-02-19T10:00:00-05:00"));
        var read = (await context.Ledger.GetAsync(opened.Key))!;

        await context.Ledger.TransitionAsync(opened.Key, DeadlineStatus.Missed, "sweeper", "legal due passed", read.ETag);

        await Assert.ThrowsAsync<LedgerConcurrencyException>(() =>
            context.Ledger.TransitionAsync(opened.Key, DeadlineStatus.Moot, "worker:dee", "client died", read.ETag));
    }

    [Fact]
    public async Task Storage_refuses_a_write_when_the_row_changed_between_read_and_write()
    {
        var context = await new LedgerTestContext(azurite).CreatedAsync();
        var opened = await context.OpenAsync("aps.visit", "Queens", ("ReferralReceived", "2026-02-19T10:00:00-05:00"));

        var racing = Assert.ThrowsAsync<LedgerConcurrencyException>(() => context.Ledger.ChangeAsync(opened.Key, null, current =>
        {
            // another worker commits while this one is deciding
            context.Ledger.TransitionAsync(opened.Key, DeadlineStatus.Met, "worker:eve", "HomeVisitMade").GetAwaiter().GetResult();
            return current with { Status = DeadlineStatus.Missed };
        }, CancellationToken.None));
        await racing;

        Assert.Equal(DeadlineStatus.Met, (await context.Ledger.GetAsync(opened.Key))!.Status);
    }

    [Fact]
    public async Task Tolling_moves_the_due_by_the_paused_days_and_keeps_the_untolled_due()
    {
        var context = await new LedgerTestContext(azurite).CreatedAsync();
        var opened = await context.OpenAsync("hasa.first-referral", "Jerome", ("EmergencyPlacementStarted", "2026-04-06T16:00:00-04:00"));

        var tolled = await context.Ledger.TollAsync(opened.Key, "no-option-available", I("2026-05-01T09:00:00-04:00"), "worker:fay");
        Assert.Equal(DeadlineStatus.Tolled, tolled.Status);
        Assert.Empty(await context.Ledger.OpenDueBeforeAsync("HASA", "Jerome", I("2026-12-31T00:00:00-05:00")).ToListAsync());

        var resumed = await context.Ledger.ResumeAsync(opened.Key, I("2026-05-11T09:00:00-04:00"), "worker:fay");

        Assert.Equal(DeadlineStatus.Open, resumed.Status);
        Assert.Equal(D("2026-07-05"), resumed.UntolledDueDate);
        Assert.Equal(D("2026-07-15"), resumed.LegalDueDate);
        Assert.Equal(["toll", "resume"], resumed.History.Select(h => h.Kind));
        Assert.Equal((D("2026-07-05"), D("2026-07-15")), (resumed.History[1].OldDue, resumed.History[1].NewDue));
        Assert.Equal(D("2026-07-15"), (await context.Ledger.OpenDueBeforeAsync("HASA", "Jerome", I("2026-12-31T00:00:00-05:00")).SingleAsync()).LegalDueDate);
        Assert.Contains("for no-option-available", DeadlineExplainer.Sentence(resumed));
    }

    [Fact]
    public async Task A_plain_status_change_cannot_pause_a_clock()
    {
        var context = await new LedgerTestContext(azurite).CreatedAsync();
        var opened = await context.OpenAsync("hasa.first-referral", "Jerome", ("EmergencyPlacementStarted", "2026-04-06T16:00:00-04:00"));

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            context.Ledger.TransitionAsync(opened.Key, DeadlineStatus.Tolled, "worker:ivy", "no option"));
        Assert.Equal(DeadlineStatus.Open, (await context.Ledger.GetAsync(opened.Key))!.Status);
    }

    [Fact]
    public async Task Tolling_needs_a_reason_the_rule_allows()
    {
        var context = await new LedgerTestContext(azurite).CreatedAsync();
        var opened = await context.OpenAsync("aps.visit", "Queens", ("ReferralReceived", "2026-02-19T10:00:00-05:00"));

        await Assert.ThrowsAsync<ArgumentException>(() =>
            context.Ledger.TollAsync(opened.Key, "no-option-available", I("2026-02-20T09:00:00-05:00"), "worker:gus"));
    }

    [Fact]
    public async Task Office_names_that_would_break_the_keys_are_refused()
    {
        var context = await new LedgerTestContext(azurite).CreatedAsync();

        await Assert.ThrowsAsync<ArgumentException>(() =>
            context.OpenAsync("aps.visit", "Bronx|HASA", ("ReferralReceived", "2026-02-19T10:00:00-05:00")));
    }

    [Fact]
    public async Task Imported_rows_are_queryable_like_opened_ones()
    {
        var context = await new LedgerTestContext(azurite).CreatedAsync();
        var calculator = new Serverless.Workflows.Clocks.DeadlineCalculator(Serverless.Workflows.Calendars.CalendarCatalog.Default);
        var rule = Serverless.Workflows.Clocks.RuleBook.Embedded.Get("aps.visit");
        var records = Enumerable.Range(0, 130).Select(i =>
        {
            var computed = calculator.Compute(rule, new Dictionary<string, Instant> { ["ReferralReceived"] = I("2026-01-05T10:00:00-05:00") + Duration.FromDays(i) });
            return DeadlineRecord.From(computed, "v", $"d{i:000}", I("2026-01-01T00:00:00Z"), "import", $"case{i}", i % 2 == 0 ? "Bronx" : "Brooklyn");
        }).ToList();

        await context.Ledger.ImportAsync(records);

        var overdue = await context.Ledger.OverdueAsync(I("2026-02-01T00:00:00-05:00")).ToListAsync();
        var expected = records.Where(r => r.LegalDueAt < I("2026-02-01T00:00:00-05:00")).Select(r => r.DeadlineId).Order();
        Assert.Equal(expected, overdue.Select(o => o.Key.DeadlineId).Order());
        Assert.Equal(65, await context.Ledger.OpenDueBeforeAsync("APS", "Bronx", I("2027-01-01T00:00:00-05:00")).CountAsync());
    }
}
