using Serverless.Testing;
using Serverless.Workflows.Calendars;
using Serverless.Workflows.Ledger;
using static Serverless.Workflows.Tests.Dates;

namespace Serverless.Workflows.Tests.Ledger;

[Collection(AzuriteCollection.Name)]
public sealed class CalendarReflowTests(AzuriteFixture azurite)
{
    private static readonly CalendarEntry SnowDay = new(
        CalendarIds.NycAgency, D("2026-03-04"), CalendarEntryKind.Closure, "Snow emergency", "Mayor's emergency order (test)");

    [Fact]
    public async Task A_closure_inside_a_window_moves_the_due_and_records_why()
    {
        var context = await new LedgerTestContext(azurite).CreatedAsync();
        var crossing = await context.OpenAsync("hasa.application-assistance", "Jerome", ("EligibilityDetermined", "2026-03-02T10:00:00-05:00"));
        var targetOnly = await context.OpenAsync("hasa.repeat-referral", "Jerome", ("ReferralMade", "2026-02-01T10:00:00-05:00"));
        var calendarDays = await context.OpenAsync("hasa.locate-search-minimum", "Jerome", ("LocateSearchOpened", "2026-02-01T10:00:00-05:00"));
        var before = await context.OpenAsync("hasa.application-assistance", "Amsterdam", ("EligibilityDetermined", "2026-02-05T10:00:00-05:00"));
        var store = new CalendarEntryStore(azurite.Clients.Table(UniqueNames.Table("calendarentries")));
        await store.EnsureCreatedAsync();

        var (catalog, changes) = await new CalendarReflow(context.Ledger)
            .AddAndReflowAsync(store, CalendarCatalog.Default, SnowDay, "snow emergency closure 2026-03-04", "ops:hal");

        var moved = (await context.Ledger.GetAsync(crossing.Key))!;
        Assert.Equal(D("2026-03-16"), crossing.LegalDueDate);
        Assert.Equal(D("2026-03-17"), moved.LegalDueDate);
        var entry = Assert.Single(moved.History);
        Assert.Equal(("reflow", D("2026-03-16"), D("2026-03-17")), (entry.Kind, entry.OldDue, entry.NewDue));
        Assert.Equal("snow emergency closure 2026-03-04", entry.Reason);
        Assert.Equal(crossing.CalendarVersions["nyc-agency"], entry.OldCalendarVersions!["nyc-agency"]);
        Assert.Equal(catalog.Get(CalendarIds.NycAgency).Version, entry.NewCalendarVersions!["nyc-agency"]);
        Assert.Equal(catalog.Get(CalendarIds.NycAgency).Version, moved.CalendarVersions["nyc-agency"]);

        var recorded = (await context.Ledger.GetAsync(targetOnly.Key))!;
        Assert.Equal(D("2026-03-18"), recorded.LegalDueDate);
        Assert.Equal("reflow", Assert.Single(recorded.History).Kind);

        Assert.Empty((await context.Ledger.GetAsync(calendarDays.Key))!.History);
        Assert.Empty((await context.Ledger.GetAsync(before.Key))!.History);
        Assert.Equal(new[] { crossing.DeadlineId, targetOnly.DeadlineId }.Order(), changes.Select(c => c.Key.DeadlineId).Order());
        Assert.Contains(await store.ListAsync(), e => e.Date == SnowDay.Date && e.Name == "Snow emergency");
        Assert.Contains("2026-03-04 Snow emergency (closure)", DeadlineExplainer.Sentence(moved));
    }
}
