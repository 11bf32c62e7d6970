using NodaTime;
using NodaTime.Testing;
using Serverless.Testing;
using Serverless.Workflows.Cases;
using Serverless.Workflows.Hasa;
using static Serverless.Workflows.Tests.Dates;

namespace Serverless.Workflows.Tests.Hasa;

/// <summary>The §21-128(l) tracker on Azurite: matching vacancies to medical appropriateness, conditions that bar referral, referral outcomes.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class FacilityTrackerTests(AzuriteFixture azurite)
{
    private static readonly Caller Staff = new("ana", [Roles.HasaStaff], "Jerome");

    [Fact]
    public async Task Only_medically_appropriate_non_emergency_facilities_with_an_open_vacancy_and_no_bar_match()
    {
        var hasa = new HasaServices(azurite.Clients, new FakeClock(I("2026-04-20T10:00:00-04:00")), tablePrefix: UniqueNames.Table("f"));
        await hasa.EnsureCreatedAsync();
        var tracker = hasa.Facilities;
        await tracker.RegisterAsync(new Facility("SS-1", "Scatter site 1", FacilityKind.ScatterSiteI, true, true, Accessible: false));
        await tracker.RegisterAsync(new Facility("CG-2", "Congregate 2", FacilityKind.Congregate, true, true, Accessible: true));
        await tracker.RegisterAsync(new Facility("SS-3", "No fridge", FacilityKind.ScatterSiteII, false, true, Accessible: true));
        await tracker.RegisterAsync(new Facility("EH-4", "Emergency hotel", FacilityKind.Emergency, true, true, Accessible: true));
        foreach (var id in new[] { "SS-1", "CG-2", "SS-3", "EH-4" })
        {
            await tracker.OpenVacancyAsync(new Vacancy(id, "u1", D("2026-04-01"), null));
        }
        await tracker.RecordConditionAsync(new FacilityCondition("CG-2", "c1", FacilityCondition.NonReferral, D("2026-04-10"), "inspection: heat", D("2026-04-15")));

        var onTheTenth = await tracker.AvailableAsync(D("2026-04-12"), needsAccessible: false);
        var afterRemedy = await tracker.AvailableAsync(D("2026-04-15"), needsAccessible: true);

        Assert.Equal(["SS-1"], onTheTenth.Select(m => m.Facility.FacilityId));
        Assert.Equal(["CG-2"], afterRemedy.Select(m => m.Facility.FacilityId));
    }

    [Fact]
    public async Task Referrals_to_a_registered_facility_record_their_outcome_and_placements_their_length_of_stay()
    {
        var clock = new FakeClock(I("2026-04-20T10:00:00-04:00"));
        var hasa = new HasaServices(azurite.Clients, clock, tablePrefix: UniqueNames.Table("f"));
        await hasa.EnsureCreatedAsync();
        await hasa.Facilities.RegisterAsync(new Facility("SS-1", "Scatter site 1", FacilityKind.ScatterSiteI, true, true, false));
        await hasa.Service.CreateAsync(new NewHasaCase("C-9", "P-9", "Jerome", HouseholdKind.Individual, D("2026-03-02"), true, null), Staff, null, "intake", clock.GetCurrentInstant());
        await hasa.Service.RecordAsync("C-9", new HasaEventDraft(HasaEventType.EmergencyPlacement, D("2026-03-02"), FacilityId: "EH-4"), Staff, null, "cm", clock.GetCurrentInstant());
        await hasa.Service.RecordAsync("C-9", new HasaEventDraft(HasaEventType.ReferralMade, D("2026-04-01"), "SS-1", HasaNeed.All), Staff, null, "cm", clock.GetCurrentInstant());

        await hasa.Service.RecordAsync("C-9", new HasaEventDraft(HasaEventType.NonEmergencyOccupancy, D("2026-04-18"), "SS-1"), Staff, null, "cm", clock.GetCurrentInstant());

        var referral = Assert.Single(await hasa.Facilities.ReferralsAsync("SS-1"));
        Assert.Equal(("C-9", "occupied", D("2026-04-18")), (referral.CaseId, referral.Outcome, referral.OutcomeOn));
        var placement = Assert.Single(await hasa.Store.PlacementsAsync("C-9"));
        Assert.Equal((D("2026-04-18"), 47), (placement.EndedOn, FacilityTracker.LengthOfStay(placement, D("2026-04-20"))));
        Assert.Equal("occupied", Assert.Single(await hasa.Store.ReferralsAsync("C-9")).Outcome);
    }

    [Fact]
    public async Task Only_a_vacancy_opened_after_the_no_option_finding_ends_it_and_the_system_write_is_audited()
    {
        var clock = new FakeClock(I("2026-04-01T10:00:00-04:00"));
        var hasa = new HasaServices(azurite.Clients, clock, tablePrefix: UniqueNames.Table("f"));
        await hasa.EnsureCreatedAsync();
        await hasa.Facilities.RegisterAsync(new Facility("SS-1", "Scatter site 1", FacilityKind.ScatterSiteI, true, true, false));
        await hasa.Facilities.OpenVacancyAsync(new Vacancy("SS-1", "old", D("2026-03-20"), null));
        await hasa.Service.CreateAsync(new NewHasaCase("C-10", "P-10", "Jerome", HouseholdKind.Individual, D("2026-03-02"), true, null), Staff, null, "intake", clock.GetCurrentInstant());
        await hasa.Service.RecordAsync("C-10", new HasaEventDraft(HasaEventType.NoOptionAvailable, D("2026-04-01"), Reason: "old unit unsuitable"), Staff, null, "cm", clock.GetCurrentInstant());

        var withOldVacancy = await hasa.Service.RecheckAvailabilityAsync("C-10", I("2026-04-02T00:00:00-04:00"));
        await hasa.Facilities.OpenVacancyAsync(new Vacancy("SS-1", "new", D("2026-04-05"), null));
        var withNewVacancy = await hasa.Service.RecheckAvailabilityAsync("C-10", I("2026-04-06T00:00:00-04:00"));

        Assert.Equal((false, true), (withOldVacancy, withNewVacancy));
        var resumed = (await hasa.Store.ReadLogAsync("C-10")).Single(e => e.Type == HasaEventType.OptionAvailable);
        Assert.Equal((D("2026-04-06"), "SS-1", HasaCaseService.AvailabilityCheck), (resumed.OccurredOn, resumed.FacilityId, resumed.RecordedBy));
        Assert.Contains(await hasa.Audit.ForRecordAsync("C-10"), a => a.Who == HasaCaseService.AvailabilityCheck && a.Outcome == "recorded");
    }
}
