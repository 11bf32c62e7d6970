using Serverless.Durable.Protocol;
using Serverless.Workflows.Hasa;
using Serverless.Workflows.Hasa.Workflows;
using Serverless.Workflows.Ledger;
using static Serverless.Workflows.Hasa.HasaEventType;
using static Serverless.Workflows.Tests.Dates;

namespace Serverless.Workflows.Tests.Hasa;

/// <summary>W-3: receipts fix the completed-application date; the 20-business-day clock runs from it; provision ends it.</summary>
public sealed class BenefitApplicationScenarioTests
{
    private static readonly HasaCase Case = new InMemoryHasaCase("2026-03-02").Case;

    [Fact]
    public void An_incomplete_application_gets_a_receipt_listing_what_is_missing_and_the_document_that_completes_it_fixes_the_date()
    {
        var applied = ReceiptDesk.Take(Case, [], new HasaSubmission(D("2026-03-03"), "oral", ["identity"], [new BenefitRequest("home-care", null)]), isApplication: true);
        var receipt = ReceiptDesk.Receipt("R-C-1-0001", Case, new HasaSubmission(D("2026-03-03"), "oral", ["identity"], []), applied.All, InMemoryHasaCase.At("2026-03-03"));
        var line = Assert.Single(receipt.Benefits);
        Assert.Equal(("home-care", false), (line.Benefit, line.Complete));
        Assert.Equal(["medical-documentation"], line.MissingItems);

        var documents = ReceiptDesk.Take(Case, applied.All, new HasaSubmission(D("2026-03-09"), "written", ["medical-documentation"], []), isApplication: false);

        Assert.Equal(D("2026-03-09"), Assert.Single(documents.Changed).CompletedOn);
        var again = ReceiptDesk.Take(Case, documents.All, new HasaSubmission(D("2026-03-20"), "written", ["identity"], []), isApplication: false);
        Assert.Equal(D("2026-03-09"), Assert.Single(again.Changed).CompletedOn);
    }

    [Fact]
    public void A_second_application_for_the_same_benefit_is_a_conflict()
    {
        var applied = ReceiptDesk.Take(Case, [], new HasaSubmission(D("2026-03-03"), "written", [], [new BenefitRequest("homemaker", null)]), isApplication: true);

        var again = ReceiptDesk.Take(Case, applied.All, new HasaSubmission(D("2026-03-04"), "written", [], [new BenefitRequest("homemaker", null)]), isApplication: true);

        Assert.Equal("an application for 'homemaker' is already on this case; send documents to it instead", again.Conflict);
    }

    [Fact]
    public async Task Provision_is_due_twenty_business_days_after_the_complete_receipt_and_approval_alone_does_not_meet_it()
    {
        var @case = new InMemoryHasaCase("2026-03-02");
        @case.Applications.Add(new BenefitApplication
        {
            CaseId = "C-1", ApplicationId = "home-care", Benefit = "home-care", RequestedOn = D("2026-03-03"), Channel = "written",
            RequiredItems = ["identity"], ItemsReceived = ["identity"], CompletedOn = D("2026-03-09"),
        });
        var instance = HasaScopes.ApplicationInstance("C-1", "home-care");
        @case.Record(BenefitApproved, "2026-03-20", applicationId: "home-care", instances: instance)
            .Record(BenefitProvided, "2026-04-10", applicationId: "home-care", instances: instance);

        var run = await @case.Runner().RunAsync(nameof(HasaBenefitApplication), new BenefitApplicationInput("C-1", "home-care"), instance);

        var provision = @case.Deadline("benefit.home-care");
        // 20 nyc-agency business days from Monday 2026-03-09: no closures in between, so Monday 2026-04-06
        Assert.Equal(D("2026-04-06"), provision.Computed.LegalDueDate);
        Assert.Equal((DeadlineStatus.Met, true, "benefit provided"), (provision.Status, provision.MetLate, provision.CloseReason));
        Assert.Equal(OrchestrationStatus.Completed, run.Status);
    }

    [Fact]
    public void Benefits_with_a_legally_mandated_time_frame_get_no_default_clock()
    {
        var @case = new InMemoryHasaCase("2026-03-02");
        @case.Applications.Add(new BenefitApplication
        {
            CaseId = "C-1", ApplicationId = "medicaid", Benefit = "medicaid", RequestedOn = D("2026-03-03"), Channel = "written",
            CompletedOn = D("2026-03-03"), HasLegallyMandatedTimeFrame = true,
        });

        Assert.DoesNotContain(@case.PlanAt("2026-03-04T12:00:00-05:00"), p => p.RuleId == HasaRuleIds.BenefitProvision);
    }
}
