using Serverless.Durable.Protocol;
using Serverless.Workflows.Hasa;
using Serverless.Workflows.Hasa.Workflows;
using Serverless.Workflows.Ledger;
using static Serverless.Workflows.Hasa.HasaEventType;
using static Serverless.Workflows.Tests.Dates;

namespace Serverless.Workflows.Tests.Hasa;

/// <summary>W-4: §21-128(f) refuses a cannot-be-located termination until the search, the notice window and the certification are all there.</summary>
public sealed class TerminationGuardScenarioTests
{
    private static readonly string Instance = HasaScopes.TerminationInstance("C-1");

    [Fact]
    public void Termination_is_refused_before_the_90_day_search_the_lapsed_contact_window_and_a_certification()
    {
        var @case = new InMemoryHasaCase("2025-10-01", homeless: false)
            .Record(ContactLost, "2026-01-05")
            .Record(CertifiedMailSent, "2026-03-20")
            .Record(ReturnReceipt, "2026-03-30");

        Assert.StartsWith("termination for cannot-be-located needs a commissioner certification, refused now: the search must run at least 90 days",
            @case.Refusal(TerminationRequested, "2026-02-01", ground: TerminationGround.CannotBeLocated));
        Assert.Equal("the search must run at least 90 days (§21-128(f)): certification is possible from 2026-04-06",
            @case.Refusal(CommissionerCertification, "2026-04-05"));
        Assert.Equal("the recipient's 10-day contact window runs to 2026-04-09 (§21-128(f))",
            @case.Refusal(CommissionerCertification, "2026-04-09"));
        Assert.Equal("termination for cannot-be-located needs a commissioner certification (§21-128(f))",
            @case.Refusal(TerminationRequested, "2026-04-10", ground: TerminationGround.CannotBeLocated));
        Assert.Null(@case.Refusal(CommissionerCertification, "2026-04-10"));

        @case.Record(CommissionerCertification, "2026-04-10");
        Assert.Null(@case.Refusal(TerminationRequested, "2026-04-11", ground: TerminationGround.CannotBeLocated));
        Assert.Equal("termination is allowed only for ineligible, deceased, cannot-be-located (§21-128(f))",
            @case.Refusal(TerminationRequested, "2026-04-11", ground: "non-compliance"));
    }

    [Fact]
    public void An_unclaimed_notice_opens_the_window_five_days_after_mailing_and_a_window_ending_on_a_holiday_runs_to_the_next_business_day()
    {
        var @case = new InMemoryHasaCase("2025-10-01", homeless: false)
            .Record(ContactLost, "2025-10-20")
            .Record(CertifiedMailSent, "2026-01-04");

        // 2026-01-04 + 5 = 01-09, + 10 = 01-19 (Martin Luther King Day) -> 01-20 under GCL §25-a
        Assert.Equal("the recipient's 10-day contact window runs to 2026-01-20 (§21-128(f))", @case.Refusal(CommissionerCertification, "2026-01-20"));
        Assert.Null(@case.Refusal(CommissionerCertification, "2026-01-21"));
    }

    [Fact]
    public void Death_is_a_ground_only_once_recorded_and_ineligibility_always_is()
    {
        var @case = new InMemoryHasaCase("2025-10-01", homeless: false);

        Assert.Equal("termination for death needs a recorded Deceased event", @case.Refusal(TerminationRequested, "2026-01-10", ground: TerminationGround.Deceased));
        Assert.Null(@case.Refusal(TerminationRequested, "2026-01-10", ground: TerminationGround.Ineligible));
    }

    [Fact]
    public async Task The_guard_orchestration_tracks_the_search_and_ends_when_the_certified_termination_is_recorded()
    {
        var @case = new InMemoryHasaCase("2025-10-01", homeless: false)
            .Record(ContactLost, "2026-01-05", instances: Instance)
            .Record(CertifiedMailSent, "2026-01-06", instances: Instance)
            .Record(CommissionerCertification, "2026-04-07", instances: Instance)
            .Record(TerminationRequested, "2026-04-08", ground: TerminationGround.CannotBeLocated, instances: Instance);

        var run = await @case.Runner().RunAsync(nameof(HasaTerminationGuard), new TerminationGuardInput("C-1"), Instance);

        Assert.Equal(OrchestrationStatus.Completed, run.Status);
        Assert.Equal("ended: case closed", run.ReadOutput<HasaWorkflowResult>()!.Step);
        var search = @case.Deadline("locate-search.20260105");
        Assert.Equal((DeadlineStatus.Met, D("2026-04-05"), "minimum period has run"), (search.Status, search.Computed.LegalDueDate, search.CloseReason));
        var window = @case.Deadline("locate-contact.20260105");
        Assert.Equal((DeadlineStatus.Met, D("2026-01-21")), (window.Status, window.Computed.LegalDueDate));
    }

    [Fact]
    public async Task Contact_made_closes_the_search_and_moots_its_clocks()
    {
        var @case = new InMemoryHasaCase("2025-10-01", homeless: false)
            .Record(ContactLost, "2026-01-05", instances: Instance)
            .Record(ContactMade, "2026-02-01", instances: Instance);

        var run = await @case.Runner().RunAsync(nameof(HasaTerminationGuard), new TerminationGuardInput("C-1"), Instance);

        Assert.Equal("ended: contact made, search closed", run.ReadOutput<HasaWorkflowResult>()!.Step);
        Assert.Equal(DeadlineStatus.Moot, @case.Deadline("locate-search.20260105").Status);
    }
}
