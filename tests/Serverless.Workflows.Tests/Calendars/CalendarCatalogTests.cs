using Serverless.Workflows.Calendars;
using static Serverless.Workflows.Tests.Dates;

namespace Serverless.Workflows.Tests.Calendars;

public sealed class CalendarCatalogTests
{
    private static readonly CalendarEntry Snow = new(
        CalendarIds.NycAgency, D("2026-03-04"), CalendarEntryKind.Closure, "Snow emergency", "test");

    [Fact]
    public void A_closure_closes_the_day_and_changes_the_version()
    {
        var before = CalendarCatalog.Default.Get(CalendarIds.NycAgency);
        var after = CalendarCatalog.Default.With([Snow]).Get(CalendarIds.NycAgency);

        Assert.True(before.IsOpen(D("2026-03-04")));
        Assert.False(after.IsOpen(D("2026-03-04")));
        Assert.Equal("Snow emergency (closure)", after.ClosedReason(D("2026-03-04")));
        Assert.NotEqual(before.Version, after.Version);
    }

    [Fact]
    public void A_closure_for_one_calendar_leaves_the_other_and_its_version_alone()
    {
        var catalog = CalendarCatalog.Default.With([Snow]);

        Assert.True(catalog.Get(CalendarIds.NyStatutory).IsOpen(D("2026-03-04")));
        Assert.Equal(CalendarCatalog.Default.Get(CalendarIds.NyStatutory).Version, catalog.Get(CalendarIds.NyStatutory).Version);
    }

    [Fact]
    public void A_site_closure_applies_only_to_that_site()
    {
        var flood = Snow with { Agency = "HRA", Site = "Jerome", Name = "Flooding" };
        var catalog = CalendarCatalog.Default.With([flood]);

        Assert.True(catalog.Get(CalendarIds.NycAgency).IsOpen(D("2026-03-04")));
        Assert.True(catalog.Get(CalendarIds.NycAgency, new CalendarScope("HRA", "Amsterdam")).IsOpen(D("2026-03-04")));
        Assert.False(catalog.Get(CalendarIds.NycAgency, new CalendarScope("HRA", "Jerome")).IsOpen(D("2026-03-04")));
    }

    [Fact]
    public void A_proclaimed_holiday_closes_the_statutory_calendar()
    {
        var proclaimed = new CalendarEntry(CalendarIds.NyStatutory, D("2026-12-24"), CalendarEntryKind.ProclaimedHoliday, "Day proclaimed by the Governor", "test");

        var statutory = CalendarCatalog.Default.With([proclaimed]).Get(CalendarIds.NyStatutory);

        Assert.False(statutory.IsOpen(D("2026-12-24")));
        Assert.Contains(statutory.HolidaysIn(2026), h => h.Date == D("2026-12-24"));
    }

    [Fact]
    public void An_open_correction_reopens_a_computed_holiday()
    {
        var correction = new CalendarEntry(CalendarIds.NycAgency, D("2026-11-11"), CalendarEntryKind.OpenCorrection, "Offices open", "test");

        Assert.True(CalendarCatalog.Default.With([correction]).Get(CalendarIds.NycAgency).IsOpen(D("2026-11-11")));
    }

    [Fact]
    public void The_version_is_stable_for_the_same_data()
    {
        var a = CalendarCatalog.Default.With([Snow]).Get(CalendarIds.NycAgency).Version;
        var b = new CalendarCatalog(CalendarDefaults.Embedded, [Snow]).Get(CalendarIds.NycAgency).Version;

        Assert.Equal(a, b);
        Assert.StartsWith("nyc-agency/", a);
    }

    [Fact]
    public void Unknown_calendar_is_refused_with_the_known_ids()
    {
        var error = Assert.Throws<UnknownCalendarException>(() => CalendarCatalog.Default.Get("nys-court"));

        Assert.Contains("ny-statutory", error.Message);
    }

    [Fact]
    public void Defaults_file_entries_are_validated_with_the_field_named()
    {
        var error = Assert.Throws<InvalidDataException>(() => CalendarDefaults.Parse(
            """{"version":"t","entries":[{"calendar":"nyc-agency","date":"2026-02-30","kind":"closure","name":"x","source":"y"}]}"""));

        Assert.Contains("entries[0] field 'date'", error.Message);
    }

    [Fact]
    public void Defaults_file_entries_are_laid_over_the_rules()
    {
        var defaults = CalendarDefaults.Parse(
            """{"version":"t1","entries":[{"calendar":"nyc-agency","date":"2012-10-30","kind":"closure","name":"Storm","source":"test"}]}""");

        var calendar = new CalendarCatalog(defaults).Get(CalendarIds.NycAgency);

        Assert.False(calendar.IsOpen(D("2012-10-30")));
        Assert.Contains("defaults-t1", calendar.Version);
    }
}
