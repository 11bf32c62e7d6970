using Serverless.Durable.Protocol;
using Serverless.Workflows.Hasa;
using Serverless.Workflows.Hasa.Workflows;
using Serverless.Workflows.Ledger;
using static Serverless.Workflows.Hasa.HasaEventType;
using static Serverless.Workflows.Tests.Dates;

namespace Serverless.Workflows.Tests.Hasa;

/// <summary>W-1 on the virtual clock: the orchestration as it would run for months, with the law's arithmetic checked.</summary>
public sealed class HousingReferralScenarioTests
{
    private static InMemoryHasaCase Housed(string eligibleOn) => new InMemoryHasaCase(eligibleOn)
        .Record(HousingPacketProvided, eligibleOn)
        .Record(HousingApplicationCompleted, eligibleOn);

    [Fact]
    public async Task Placement_on_day_3_and_documentation_on_day_40_fix_the_first_referral_at_placement_plus_90_and_the_later_event_does_not_move_it()
    {
        var @case = Housed("2026-03-02")
            .Record(EmergencyPlacement, "2026-03-05")
            .Record(DocumentationCompleted, "2026-04-11");

        var run = await @case.Runner().RunAsync(nameof(HasaHousingReferral), new HousingReferralInput("C-1"), "C-1");

        var first = @case.Deadline("first-referral");
        Assert.Equal("EmergencyPlacementStarted", first.Computed.AnchorEvent);
        Assert.Equal(D("2026-06-03"), first.Computed.LegalDueDate);
        Assert.Equal(D("2026-06-03"), first.Computed.UntolledDueDate);
        Assert.Equal(DeadlineStatus.Missed, first.Status);
        Assert.Equal(OrchestrationStatus.Running, run.Status);
        var status = run.ReadCustomStatus<HasaCustomStatus>()!;
        Assert.Equal(("first referral due", "2026-06-03", HasaRuleIds.FirstReferral), (status.Step, status.NextDue, status.NextRule));
        Assert.Equal(new DateTime(2026, 6, 4, 4, 0, 0, DateTimeKind.Utc), run.FinishedAt); // woke at midnight after the due to record the miss
    }

    [Fact]
    public void Custom_status_shows_the_first_referral_due_before_it_passes()
    {
        var @case = Housed("2026-03-02").Record(EmergencyPlacement, "2026-03-05").Record(DocumentationCompleted, "2026-04-11");

        var plans = @case.PlanAt("2026-04-12T09:00:00-04:00");

        var first = plans.Single(p => p.RuleId == HasaRuleIds.FirstReferral);
        Assert.Equal((DeadlineStatus.Open, D("2026-06-03"), D("2026-06-03")), (first.Status, first.Computed.LegalDueDate, first.Computed.TargetDate));
        Assert.Equal(2, first.Computed.Events.Count);
    }

    [Fact]
    public async Task Twenty_days_of_no_option_available_toll_the_first_referral_by_twenty_days()
    {
        var @case = Housed("2026-03-02")
            .Record(EmergencyPlacement, "2026-03-02")
            .Record(NoOptionAvailable, "2026-04-01")
            .Record(OptionAvailable, "2026-04-21")
            .Record(ReferralMade, "2026-06-10", option: "scatter-site-17");

        var run = await @case.Runner().RunAsync(nameof(HasaHousingReferral), new HousingReferralInput("C-1"), "C-1");

        var first = @case.Deadline("first-referral");
        Assert.Equal(D("2026-05-31"), first.Computed.UntolledDueDate);
        Assert.Equal(D("2026-06-20"), first.Computed.LegalDueDate);
        Assert.Equal((DeadlineStatus.Met, false), (first.Status, first.MetLate));
        Assert.Equal(HasaRuleIds.NoOptionAvailable, Assert.Single(first.Computed.Tolling).ReasonCode);
        Assert.True(run.Generations >= 2, "a referral starts a new generation");
    }

    [Fact]
    public async Task While_no_option_is_available_the_clock_shows_tolled()
    {
        var @case = Housed("2026-03-02").Record(EmergencyPlacement, "2026-03-02").Record(NoOptionAvailable, "2026-04-01");

        var snapshot = (await @case.RefreshAsync("C-1", InMemoryHasaCase.At("2026-06-15"), "test"))!;

        Assert.Equal("referral clock tolled: no option available", snapshot.Housing.Step);
        var first = @case.Deadline("first-referral");
        Assert.Equal(DeadlineStatus.Tolled, first.Status);
        Assert.True(first.Computed.StillTolled);
        Assert.Equal(D("2026-05-31"), first.Computed.LegalDueDate); // held, not creeping, until the clock resumes
    }

    [Fact]
    public async Task Repeat_referrals_fall_due_every_45_days_each_one_restarts_the_clock_and_each_cycle_is_a_new_generation()
    {
        var @case = Housed("2026-03-02")
            .Record(EmergencyPlacement, "2026-03-02")
            .Record(ReferralMade, "2026-04-01", option: "congregate-3")
            .Record(ReferralMade, "2026-05-10", option: "scatter-site-17");

        var run = await @case.Runner().RunAsync(nameof(HasaHousingReferral), new HousingReferralInput("C-1"), "C-1");

        var repeat1 = @case.Deadline("repeat-referral.1");
        Assert.Equal(D("2026-05-16"), repeat1.Computed.LegalDueDate);
        Assert.Equal(DeadlineStatus.Met, repeat1.Status);
        var repeat2 = @case.Deadline("repeat-referral.2");
        Assert.Equal(D("2026-06-24"), repeat2.Computed.LegalDueDate);
        Assert.Equal(D("2026-06-24"), repeat2.Computed.TargetDate);
        Assert.Equal(DeadlineStatus.Missed, repeat2.Status);
        Assert.Equal(3, run.Generations);
        Assert.Equal("referral 3 due (another option)", run.ReadCustomStatus<HasaCustomStatus>()!.Step);
        Assert.Equal(2, run.ReadCustomStatus<HasaCustomStatus>()!.Cycle);
    }

    [Fact]
    public void A_repeat_referral_to_an_option_already_referred_is_refused()
    {
        var @case = Housed("2026-03-02").Record(EmergencyPlacement, "2026-03-02").Record(ReferralMade, "2026-04-01", option: "congregate-3");

        var refusal = @case.Refusal(ReferralMade, "2026-05-10", option: "CONGREGATE-3");

        Assert.Equal("a referral to another option is required (§21-128(c)(2)(d)); this option was referred on 2026-04-01", refusal);
    }

    [Fact]
    public async Task Occupancy_ends_the_cycle_and_moots_the_open_repeat_referral()
    {
        var @case = Housed("2026-03-02")
            .Record(EmergencyPlacement, "2026-03-02")
            .Record(ReferralMade, "2026-04-01", option: "congregate-3")
            .Record(NonEmergencyOccupancy, "2026-04-20", option: "congregate-3");

        var run = await @case.Runner().RunAsync(nameof(HasaHousingReferral), new HousingReferralInput("C-1"), "C-1");

        Assert.Equal(OrchestrationStatus.Completed, run.Status);
        Assert.Equal("ended: non-emergency occupancy", run.ReadOutput<HasaWorkflowResult>()!.Step);
        Assert.Equal(DeadlineStatus.Moot, @case.Deadline("repeat-referral.1").Status);
        Assert.Equal(DeadlineStatus.Met, @case.Deadline("first-referral").Status);
        Assert.Equal("the client took occupancy of non-emergency housing on 2026-04-20; the referral cycle has ended",
            @case.Refusal(ReferralMade, "2026-04-25", option: "scatter-site-9"));
    }

    [Theory]
    [InlineData("2026-11-20", "2026-12-07")] // Thanksgiving 2026-11-26 is not counted
    [InlineData("2026-12-18", "2027-01-05")] // Christmas 2026-12-25 and New Year's Day 2027-01-01 are not counted
    public async Task Application_assistance_is_due_ten_nyc_business_days_after_eligibility(string eligibleOn, string due)
    {
        var @case = new InMemoryHasaCase(eligibleOn).Record(HousingPacketProvided, eligibleOn);

        var run = await @case.Runner().RunAsync(nameof(HasaHousingReferral), new HousingReferralInput("C-1"), "C-1");

        var assistance = @case.Deadline("application-assistance");
        Assert.Equal(D(due), assistance.Computed.LegalDueDate);
        Assert.Equal(DeadlineStatus.Missed, assistance.Status);
        Assert.Equal(D(due).PlusDays(1), Serverless.Workflows.Clocks.NewYorkTime.DateOf(NodaTime.Instant.FromDateTimeUtc(run.FinishedAt)));
    }

    [Fact]
    public void The_housing_packet_is_due_on_the_eligibility_day_and_a_decline_meets_it()
    {
        var @case = new InMemoryHasaCase("2026-03-02").Record(ClientDeclined, "2026-03-02");

        var packet = @case.PlanAt("2026-03-03T09:00:00-05:00").Single(p => p.RuleId == HasaRuleIds.HousingPacket);

        Assert.Equal((DeadlineStatus.Met, "client declined", D("2026-03-02")), (packet.Status, packet.CloseReason, packet.Computed.LegalDueDate));
    }

    [Fact]
    public void A_back_dated_placement_moves_the_first_referral_earlier_once_it_is_recorded()
    {
        var @case = Housed("2026-03-02")
            .Record(DocumentationCompleted, "2026-04-11")
            .Record(EmergencyPlacement, "2026-03-05", recordedOn: "2026-04-20");

        var before = @case.PlanAt("2026-04-15T12:00:00-04:00").Single(p => p.RuleId == HasaRuleIds.FirstReferral);
        var after = @case.PlanAt("2026-04-21T12:00:00-04:00").Single(p => p.RuleId == HasaRuleIds.FirstReferral);

        Assert.Equal((D("2026-07-10"), "PhysicalDocumentationCompleted"), (before.Computed.LegalDueDate, before.Computed.AnchorEvent));
        Assert.Equal((D("2026-06-03"), "EmergencyPlacementStarted"), (after.Computed.LegalDueDate, after.Computed.AnchorEvent));
    }

    [Fact]
    public void Non_emergency_eligibility_found_after_the_due_leaves_the_due_anchored_and_marks_the_duty_late_at_activation()
    {
        var @case = Housed("2026-03-02")
            .Record(EmergencyPlacement, "2026-03-05")
            .Record(NonEmergencyHousingEligibility, "2026-06-10");

        var first = @case.PlanAt("2026-06-11T12:00:00-04:00").Single(p => p.RuleId == HasaRuleIds.FirstReferral);

        Assert.Equal((D("2026-06-03"), DeadlineStatus.Missed), (first.Computed.LegalDueDate, first.Status));
        Assert.Equal("late at activation: non-emergency housing eligibility determined on 2026-06-10, after the due", first.Note);
    }

    [Fact]
    public void A_pause_recorded_after_the_due_does_not_revive_the_clock()
    {
        var @case = Housed("2026-03-02").Record(EmergencyPlacement, "2026-03-02").Record(NoOptionAvailable, "2026-06-05");

        var first = @case.PlanAt("2026-06-10T12:00:00-04:00").Single(p => p.RuleId == HasaRuleIds.FirstReferral);

        Assert.Equal((DeadlineStatus.Missed, D("2026-05-31")), (first.Status, first.Computed.LegalDueDate));
    }

    [Fact]
    public async Task A_workflow_started_for_an_unknown_case_ends_at_once_without_writing_anything()
    {
        var @case = new InMemoryHasaCase("2026-03-02");

        var run = await @case.Runner().RunAsync(nameof(HasaHousingReferral), new HousingReferralInput("C-404"), "C-404");

        Assert.Equal(OrchestrationStatus.Completed, run.Status);
        Assert.Equal("case not found", run.ReadOutput<HasaWorkflowResult>()!.Step);
        Assert.Empty(@case.LastPlans);
    }

    [Fact]
    public async Task A_no_option_finding_is_retested_daily_and_a_vacancy_opening_later_resumes_the_clock()
    {
        var @case = Housed("2026-03-02").Record(EmergencyPlacement, "2026-03-02").Record(NoOptionAvailable, "2026-04-01");
        @case.Vacancies.Add(("SS-OLD", "2026-03-15"));
        @case.Vacancies.Add(("SS-NEW", "2026-04-11"));

        var run = await @case.Runner().RunAsync(nameof(HasaHousingReferral), new HousingReferralInput("C-1"), "C-1");

        var first = @case.Deadline("first-referral");
        Assert.Equal(D("2026-06-10"), first.Computed.LegalDueDate); // 05-31 + the 10 days from 04-01 to 04-11
        Assert.Equal(DeadlineStatus.Missed, first.Status);
        var resumed = @case.State(InMemoryHasaCase.At("2026-12-31")).Events.Single(e => e.Type == OptionAvailable);
        Assert.Equal((D("2026-04-11"), "SS-NEW", HasaCaseService.AvailabilityCheck), (resumed.OccurredOn, resumed.FacilityId, resumed.RecordedBy));
        Assert.Equal(OrchestrationStatus.Running, run.Status);
    }
}
