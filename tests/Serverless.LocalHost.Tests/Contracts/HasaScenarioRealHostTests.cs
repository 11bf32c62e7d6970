using System.Globalization;
using System.Net;
using Serverless.LocalHost.Tests.Durable;
using Serverless.LocalHost.Tests.Support;
using static Serverless.LocalHost.Tests.Support.HasaApiClient;

namespace Serverless.LocalHost.Tests.Contracts;

/// <summary>
/// The HASA scenarios of the in-memory suite (tests/Serverless.Workflows.Tests/Hasa) walked through the real system:
/// local host, real handler, Azurite and the durable backend on a virtual clock, driven only through the HTTP API.
/// Each test advances the clock to a day before posting what happened that day (later-dated forms are refused).
/// </summary>
[Collection(LocalHostCollection.Name)]
public sealed class HasaScenarioRealHostTests(LocalHostFixture fixture)
{
    private const string FirstReferralCitation = "NYC Admin. Code §21-128(c)(2)(c)";
    private static readonly TimeSpan TestBound = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan WorkflowBound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Placement_on_day_3_and_documentation_on_day_40_fix_the_first_referral_at_placement_plus_90_and_the_later_event_does_not_move_it()
    {
        using var timeout = new CancellationTokenSource(TestBound);
        var (clock, caseId) = (ScenarioClock.StartingOn("2026-03-02"), NewCaseId());
        await using var host = await RealApp.StartAsync(fixture, clock, RealApp.UniqueHostId("scen-first"));
        using var api = await SignInAsync(host);
        await OpenHousedAsync(api, caseId, "2026-03-02");

        await clock.AdvanceToAsync("2026-03-05", timeout.Token);
        await api.RecordAsync(caseId, Event("EmergencyPlacement", "2026-03-05"));
        var afterPlacement = await api.DeadlineAsync(caseId, "first-referral");
        using var tooEarly = await api.PostEventAsync(caseId, Event("DocumentationCompleted", "2026-04-11"));
        await clock.AdvanceToAsync("2026-04-11", timeout.Token);
        await api.RecordAsync(caseId, Event("DocumentationCompleted", "2026-04-11"));
        var afterDocumentation = await api.DeadlineAsync(caseId, "first-referral");
        await clock.AdvanceToAsync("2026-06-03", timeout.Token);
        var onTheDueDay = await api.DeadlineAsync(caseId, "first-referral");
        await clock.AdvanceToAsync("2026-06-04", timeout.Token);
        var missed = await api.ListAsync(caseId, "missed"); // written by the orchestration's timer: no case read since the due day

        Assert.Equal(("hasa.first-referral", FirstReferralCitation, "2026-06-03", "2026-06-03", "open"),
            (afterPlacement.Rule, afterPlacement.Citation, afterPlacement.Due, afterPlacement.Target, afterPlacement.Status));
        Assert.StartsWith("Due by 2026-06-03 23:59:59 EDT, Wednesday", afterPlacement.Explanation);
        Assert.Contains("from EmergencyPlacementStarted on 2026-03-05", afterPlacement.Explanation);
        Assert.Equal(HttpStatusCode.BadRequest, tooEarly.StatusCode);
        Assert.Equal(("2026-06-03", "2026-06-03", "EmergencyPlacementStarted", "open"),
            (afterDocumentation.Due, afterDocumentation.Target, afterDocumentation.AnchorEvent, afterDocumentation.Status));
        Assert.Contains("whichever is sooner of EmergencyPlacementStarted, PhysicalDocumentationCompleted; the later event never moves it", afterDocumentation.Explanation);
        Assert.Equal(("2026-06-03", "open"), (onTheDueDay.Due, onTheDueDay.Status));
        var miss = Assert.Single(missed, d => d.Rule == "hasa.first-referral");
        Assert.Equal(("2026-06-03", "2026-06-04T04:00:00Z"), (miss.Due, miss.MissedAt));
    }

    [Fact]
    public async Task Twenty_days_of_no_option_available_toll_the_first_referral_by_twenty_days()
    {
        using var timeout = new CancellationTokenSource(TestBound);
        var (clock, caseId) = (ScenarioClock.StartingOn("2026-03-02"), NewCaseId());
        await using var host = await RealApp.StartAsync(fixture, clock, RealApp.UniqueHostId("scen-toll"));
        using var api = await SignInAsync(host);
        await OpenHousedAsync(api, caseId, "2026-03-02");
        await api.RecordAsync(caseId, Event("EmergencyPlacement", "2026-03-02"));
        var running = await api.DeadlineAsync(caseId, "first-referral");

        await clock.AdvanceToAsync("2026-04-01", timeout.Token);
        await api.RecordAsync(caseId, Event("NoOptionAvailable", "2026-04-01"));
        var paused = await api.DeadlineAsync(caseId, "first-referral");
        await clock.AdvanceToAsync("2026-04-11", timeout.Token);
        var stillPaused = await api.DeadlineAsync(caseId, "first-referral");
        await clock.AdvanceToAsync("2026-04-21", timeout.Token);
        await api.RecordAsync(caseId, Event("OptionAvailable", "2026-04-21"));
        var resumed = await api.DeadlineAsync(caseId, "first-referral");
        await clock.AdvanceToAsync("2026-06-01", timeout.Token);
        var pastTheUntolledDue = await api.DeadlineAsync(caseId, "first-referral");
        await clock.AdvanceToAsync("2026-06-10", timeout.Token);
        await api.RecordAsync(caseId, Referral("2026-06-10", "scatter-site-17"));
        var met = await api.DeadlineAsync(caseId, "first-referral");

        Assert.Equal(("2026-05-31", "2026-05-29", "open"), (running.Due, running.Target, running.Status));
        Assert.Equal(("2026-05-31", "2026-05-31", "tolled"), (paused.Due, paused.UntolledDue, paused.Status));
        Assert.Equal(("2026-05-31", "tolled"), (stillPaused.Due, stillPaused.Status)); // held, not creeping day by day
        Assert.Contains("to now (still paused) for no-option-available", stillPaused.Explanation);
        // 2026-05-31 + 20 days = Saturday 2026-06-20; Friday 06-19 is Juneteenth, so staff target Thursday 06-18
        Assert.Equal(("hasa.first-referral", "2026-06-20", "2026-06-18", "2026-05-31", "open"),
            (resumed.Rule, resumed.Due, resumed.Target, resumed.UntolledDue, resumed.Status));
        Assert.Contains("moving the due from 2026-05-31", resumed.Explanation);
        Assert.Equal([("toll", "2026-04-01T15:00:00Z"), ("resume", "2026-04-21T15:00:00Z")], // recorded at the host's time, as the forms were
            resumed.History!.Where(h => h.Kind is "toll" or "resume").Select(h => (h.Kind, h.At)));
        Assert.Equal(("2026-06-20", "open"), (pastTheUntolledDue.Due, pastTheUntolledDue.Status));
        Assert.Equal(("2026-06-20", "met", "referral 1 made"), (met.Due, met.Status, met.CloseReason));
    }

    [Fact]
    public async Task Repeat_referrals_fall_due_every_45_days_in_emergency_housing_each_to_another_option_and_each_restarts_the_clock()
    {
        using var timeout = new CancellationTokenSource(TestBound);
        var (clock, caseId) = (ScenarioClock.StartingOn("2026-03-02"), NewCaseId());
        await using var host = await RealApp.StartAsync(fixture, clock, RealApp.UniqueHostId("scen-repeat"));
        using var api = await SignInAsync(host);
        using var admin = new HttpClient { BaseAddress = host.BaseAddress };
        var durable = new DurableApi(admin, LocalHostFixture.AdminKey);
        await OpenHousedAsync(api, caseId, "2026-03-02");
        await api.RecordAsync(caseId, Event("EmergencyPlacement", "2026-03-02"));

        await clock.AdvanceToAsync("2026-04-01", timeout.Token);
        await api.RecordAsync(caseId, Referral("2026-04-01", "congregate-3"));
        var first = await api.DeadlineAsync(caseId, "first-referral");
        var repeat1 = await api.DeadlineAsync(caseId, "repeat-referral.1");
        await clock.AdvanceToAsync("2026-05-10", timeout.Token);
        var sameOption = await api.RefusedAsync(caseId, Referral("2026-05-10", "CONGREGATE-3"));
        await api.RecordAsync(caseId, Referral("2026-05-10", "scatter-site-17"));
        var repeat1Met = await api.DeadlineAsync(caseId, "repeat-referral.1");
        var repeat2 = await api.DeadlineAsync(caseId, "repeat-referral.2");
        await clock.AdvanceToAsync("2026-06-25", timeout.Token);
        var missed = await api.ListAsync(caseId, "missed"); // written by the orchestration's timer
        var workflow = await durable.WaitUntilAsync(caseId, s => s["customStatus"]?["Step"]?.GetValue<string>() == "referral 3 due (another option)", "on referral 3", WorkflowBound);
        var referrals = (await api.GetCaseAsync(caseId))["referrals"]!.AsArray();

        Assert.Equal(("met", "referral 1 made"), (first.Status, first.CloseReason));
        Assert.Equal(("hasa.repeat-referral", "NYC Admin. Code §21-128(c)(2)(d)", "2026-05-16", "2026-05-15", "open"),
            (repeat1.Rule, repeat1.Citation, repeat1.Due, repeat1.Target, repeat1.Status));
        Assert.Equal("a referral to another option is required (§21-128(c)(2)(d)); this option was referred on 2026-04-01", sameOption);
        Assert.Equal(("2026-05-16", "met", "referral 2 made"), (repeat1Met.Due, repeat1Met.Status, repeat1Met.CloseReason));
        Assert.Equal(("2026-06-24", "2026-06-24", "open"), (repeat2.Due, repeat2.Target, repeat2.Status));
        Assert.StartsWith("Due by 2026-06-24 23:59:59 EDT, Wednesday, under hasa.repeat-referral", repeat2.Explanation);
        var overdue = Assert.Single(missed);
        Assert.Equal(($"{caseId}.repeat-referral.2", "2026-06-24"), (overdue.DeadlineId, overdue.Due));
        Assert.Equal(("Running", 2), (workflow["runtimeStatus"]!.GetValue<string>(), workflow["customStatus"]!["Cycle"]!.GetValue<int>()));
        Assert.Equal(2, referrals.Count); // the refused referral left no record
    }

    [Fact]
    public async Task Non_emergency_occupancy_ends_the_cycle_moots_the_open_repeat_referral_and_completes_the_workflow()
    {
        using var timeout = new CancellationTokenSource(TestBound);
        var (clock, caseId) = (ScenarioClock.StartingOn("2026-03-02"), NewCaseId());
        await using var host = await RealApp.StartAsync(fixture, clock, RealApp.UniqueHostId("scen-occupy"));
        using var api = await SignInAsync(host);
        using var admin = new HttpClient { BaseAddress = host.BaseAddress };
        var durable = new DurableApi(admin, LocalHostFixture.AdminKey);
        await OpenHousedAsync(api, caseId, "2026-03-02");
        await api.RecordAsync(caseId, Event("EmergencyPlacement", "2026-03-02"));
        await clock.AdvanceToAsync("2026-04-01", timeout.Token);
        await api.RecordAsync(caseId, Referral("2026-04-01", "congregate-3"));

        await clock.AdvanceToAsync("2026-04-20", timeout.Token);
        await api.RecordAsync(caseId, new { type = "NonEmergencyOccupancy", occurredOn = "2026-04-20", optionId = "congregate-3" });
        var completed = await durable.WaitForStatusAsync(caseId, "Completed", WorkflowBound);
        var (statusCode, _) = await durable.StatusAsync(caseId);
        var repeat = await api.DeadlineAsync(caseId, "repeat-referral.1");
        var first = await api.DeadlineAsync(caseId, "first-referral");
        await clock.AdvanceToAsync("2026-04-25", timeout.Token);
        var afterOccupancy = await api.RefusedAsync(caseId, Referral("2026-04-25", "scatter-site-9"));

        Assert.Equal(HttpStatusCode.OK, statusCode);
        Assert.Equal("ended: non-emergency occupancy", completed["output"]!["Step"]!.GetValue<string>());
        Assert.Equal(("hasa.repeat-referral", "2026-05-16", "moot"), (repeat.Rule, repeat.Due, repeat.Status));
        Assert.Equal(("met", "referral 1 made"), (first.Status, first.CloseReason));
        Assert.Equal("the client took occupancy of non-emergency housing on 2026-04-20; the referral cycle has ended", afterOccupancy);
    }

    [Theory]
    [InlineData("2026-11-20", "2026-12-07", "2026-11-26 Thanksgiving Day")]
    [InlineData("2026-12-18", "2027-01-05", "2026-12-25 Christmas Day, 2026-12-26 Saturday, 2026-12-27 Sunday, 2027-01-01 New Year's Day")]
    public async Task Application_assistance_is_due_ten_nyc_business_days_after_eligibility(string eligibleOn, string due, string notCounted)
    {
        using var timeout = new CancellationTokenSource(TestBound);
        var (clock, caseId) = (ScenarioClock.StartingOn(eligibleOn), NewCaseId());
        await using var host = await RealApp.StartAsync(fixture, clock, RealApp.UniqueHostId("scen-assist"));
        using var api = await SignInAsync(host);
        await api.OpenAsync(caseId, eligibleOn);
        await api.RecordAsync(caseId, Event("HousingPacketProvided", eligibleOn));

        var assistance = await api.DeadlineAsync(caseId, "application-assistance");
        await clock.AdvanceToAsync(due, timeout.Token);
        var onTheDueDay = await api.DeadlineAsync(caseId, "application-assistance");
        await clock.AdvanceToAsync(NextDay(due), timeout.Token);
        var missed = await api.ListAsync(caseId, "missed"); // written by the orchestration's timer

        Assert.Equal(("hasa.application-assistance", "NYC Admin. Code §21-128(c)(2)(b)", due, due, "open"),
            (assistance.Rule, assistance.Citation, assistance.Due, assistance.Target, assistance.Status));
        Assert.Contains($"10 business days on nyc-agency from EligibilityDetermined on {eligibleOn}", assistance.Explanation);
        Assert.Contains(notCounted, assistance.Explanation);
        Assert.Equal((due, "open"), (onTheDueDay.Due, onTheDueDay.Status));
        Assert.Equal(due, Assert.Single(missed, d => d.Rule == "hasa.application-assistance").Due);
    }

    [Fact]
    public async Task Termination_for_cannot_be_located_is_refused_until_the_90_day_search_the_lapsed_contact_window_and_a_certification()
    {
        using var timeout = new CancellationTokenSource(TestBound);
        var (clock, caseId) = (ScenarioClock.StartingOn("2026-01-05"), NewCaseId());
        await using var host = await RealApp.StartAsync(fixture, clock, RealApp.UniqueHostId("scen-terminate"));
        using var api = await SignInAsync(host);
        using var admin = new HttpClient { BaseAddress = host.BaseAddress };
        var durable = new DurableApi(admin, LocalHostFixture.AdminKey);
        await api.OpenAsync(caseId, "2025-10-01", homeless: false);
        await api.RecordAsync(caseId, Event("ContactLost", "2026-01-05"));

        await clock.AdvanceToAsync("2026-02-01", timeout.Token);
        var beforeTheSearch = await api.RefusedAsync(caseId, Termination("2026-02-01", "cannot-be-located"));
        await clock.AdvanceToAsync("2026-03-20", timeout.Token);
        await api.RecordAsync(caseId, Event("CertifiedMailSent", "2026-03-20"));
        await clock.AdvanceToAsync("2026-03-30", timeout.Token);
        await api.RecordAsync(caseId, Event("ReturnReceipt", "2026-03-30"));
        await clock.AdvanceToAsync("2026-04-05", timeout.Token);
        var onDay90 = await api.RefusedAsync(caseId, Event("CommissionerCertification", "2026-04-05"));
        await clock.AdvanceToAsync("2026-04-09", timeout.Token);
        var searchDone = await api.ListAsync(caseId, "met"); // the guard's timer recorded it: no case read since day 90
        var inTheWindow = await api.RefusedAsync(caseId, Event("CommissionerCertification", "2026-04-09"));
        var terminationInTheWindow = await api.RefusedAsync(caseId, Termination("2026-04-09", "cannot-be-located"));
        await clock.AdvanceToAsync("2026-04-10", timeout.Token);
        var uncertified = await api.RefusedAsync(caseId, Termination("2026-04-10", "cannot-be-located"));
        await api.RecordAsync(caseId, Event("CommissionerCertification", "2026-04-10"));
        var search = await api.DeadlineAsync(caseId, "locate-search.20260105");
        var window = await api.DeadlineAsync(caseId, "locate-contact.20260105");
        await clock.AdvanceToAsync("2026-04-11", timeout.Token);
        using var noGround = await api.PostEventAsync(caseId, Termination("2026-04-11", "non-compliance"));
        await api.RecordAsync(caseId, Termination("2026-04-11", "cannot-be-located"));
        var guard = await durable.WaitForStatusAsync(caseId + ".termination", "Completed", WorkflowBound);
        var housing = await durable.WaitForStatusAsync(caseId, "Completed", WorkflowBound);

        Assert.StartsWith("termination for cannot-be-located needs a commissioner certification, refused now: the search must run at least 90 days", beforeTheSearch);
        Assert.Equal("the search must run at least 90 days (§21-128(f)): certification is possible from 2026-04-06", onDay90);
        Assert.Equal(($"{caseId}.locate-search.20260105", "2026-04-05"), (Assert.Single(searchDone).DeadlineId, searchDone[0].Due));
        Assert.Equal("the recipient's 10-day contact window runs to 2026-04-09 (§21-128(f))", inTheWindow);
        Assert.Equal("termination for cannot-be-located needs a commissioner certification, refused now: the recipient's 10-day contact window runs to 2026-04-09 (§21-128(f))",
            terminationInTheWindow);
        Assert.Equal("termination for cannot-be-located needs a commissioner certification (§21-128(f))", uncertified);
        Assert.Equal(("hasa.locate-search-minimum", "NYC Admin. Code §21-128(f)", "2026-04-05", "met", "minimum period has run"),
            (search.Rule, search.Citation, search.Due, search.Status, search.CloseReason));
        Assert.Equal(("hasa.locate-contact-window", "2026-04-09", "met"), (window.Rule, window.Due, window.Status));
        Assert.StartsWith("Not before the end of 2026-04-09", window.Explanation);
        Assert.Equal(HttpStatusCode.BadRequest, noGround.StatusCode); // not a §21-128(f) ground: the form itself rejects it
        Assert.Equal("ended: case closed", guard["output"]!["Step"]!.GetValue<string>());
        Assert.Equal("ended: case closed", housing["output"]!["Step"]!.GetValue<string>());
    }

    [Fact]
    public async Task Benefit_provision_is_due_twenty_business_days_after_the_complete_receipt_and_approval_alone_does_not_meet_it()
    {
        using var timeout = new CancellationTokenSource(TestBound);
        var (clock, caseId) = (ScenarioClock.StartingOn("2026-03-02"), NewCaseId());
        await using var host = await RealApp.StartAsync(fixture, clock, RealApp.UniqueHostId("scen-benefit"));
        using var api = await SignInAsync(host);
        using var admin = new HttpClient { BaseAddress = host.BaseAddress };
        var durable = new DurableApi(admin, LocalHostFixture.AdminKey);
        await api.OpenAsync(caseId, "2026-03-02", homeless: false);

        await clock.AdvanceToAsync("2026-03-03", timeout.Token);
        var applied = await api.SubmitAsync(caseId, "applications",
            new { receivedOn = "2026-03-03", channel = "oral", itemsReceived = new[] { "identity" }, benefits = new[] { new { benefit = "home-care" } } });
        var whileIncomplete = (await api.GetCaseAsync(caseId))["deadlines"]!.AsArray();
        await clock.AdvanceToAsync("2026-03-09", timeout.Token);
        var completed = await api.SubmitAsync(caseId, "documents", new { receivedOn = "2026-03-09", channel = "written", itemsReceived = new[] { "medical-documentation" } });
        var provision = await api.DeadlineAsync(caseId, "benefit.home-care");
        await clock.AdvanceToAsync("2026-03-20", timeout.Token);
        await api.RecordAsync(caseId, new { type = "BenefitApproved", occurredOn = "2026-03-20", applicationId = "home-care" });
        var approved = await api.DeadlineAsync(caseId, "benefit.home-care");
        await clock.AdvanceToAsync("2026-04-07", timeout.Token);
        var missed = await api.ListAsync(caseId, "missed"); // written by the application workflow's timer
        await clock.AdvanceToAsync("2026-04-10", timeout.Token);
        await api.RecordAsync(caseId, new { type = "BenefitProvided", occurredOn = "2026-04-10", applicationId = "home-care" });
        var provided = await api.DeadlineAsync(caseId, "benefit.home-care");
        var workflow = await durable.WaitForStatusAsync(caseId + ".application.home-care", "Completed", WorkflowBound);

        var line = Assert.Single(applied["benefits"]!.AsArray())!;
        Assert.Equal(("home-care", false, "medical-documentation"),
            (line["benefit"]!.GetValue<string>(), line["complete"]!.GetValue<bool>(), Assert.Single(line["missingItems"]!.AsArray())!.GetValue<string>()));
        Assert.DoesNotContain(whileIncomplete, d => d!["rule"]!.GetValue<string>() == "hasa.benefit-provision");
        Assert.True(Assert.Single(completed["benefits"]!.AsArray())!["complete"]!.GetValue<bool>());
        // 20 nyc-agency business days from Monday 2026-03-09, no closures in between: Monday 2026-04-06
        Assert.Equal(("hasa.benefit-provision", "NYC Admin. Code §21-128(c)(3)", "2026-04-06", "2026-04-06", "open"),
            (provision.Rule, provision.Citation, provision.Due, provision.Target, provision.Status));
        Assert.Contains("20 business days on nyc-agency from ApplicationCompleted on 2026-03-09", provision.Explanation);
        Assert.Equal(("2026-04-06", "open"), (approved.Due, approved.Status));
        Assert.Equal("2026-04-06", Assert.Single(missed, d => d.Rule == "hasa.benefit-provision").Due);
        Assert.Equal(("2026-04-06", "met", "benefit provided", "2026-04-07T04:00:00Z"), (provided.Due, provided.Status, provided.CloseReason, provided.MissedAt));
        Assert.Equal("ended", workflow["output"]!["Step"]!.GetValue<string>());
    }

    private static object Termination(string occurredOn, string ground) => new { type = "TerminationRequested", occurredOn, ground };

    private static string NextDay(string isoDate) => DateOnly.ParseExact(isoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture).AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A homeless client whose packet and application assistance were given on the eligibility day, as the in-memory suite's Housed().</summary>
    private static async Task OpenHousedAsync(HasaApiClient api, string caseId, string eligibleOn)
    {
        await api.OpenAsync(caseId, eligibleOn);
        await api.RecordAsync(caseId, Event("HousingPacketProvided", eligibleOn));
        await api.RecordAsync(caseId, Event("HousingApplicationCompleted", eligibleOn));
    }
}
