using Serverless.Workflows.Calendars;
using static Serverless.Workflows.Tests.Dates;

namespace Serverless.Workflows.Tests.Calendars;

/// <summary>NYC observed closure dates as published on the City's holiday schedules (DCAS PSB 440-2R shifting).</summary>
public sealed class NycAgencyHolidaysTests
{
    [Theory]
    [InlineData(2021, "2021-01-01 2021-01-18 2021-02-15 2021-05-31 2021-07-05 2021-09-06 2021-10-11 2021-11-02 2021-11-11 2021-11-25 2021-12-24 2021-12-31")]
    [InlineData(2022, "2022-01-17 2022-02-21 2022-05-30 2022-06-20 2022-07-04 2022-09-05 2022-10-10 2022-11-08 2022-11-11 2022-11-24 2022-12-26")]
    [InlineData(2023, "2023-01-02 2023-01-16 2023-02-20 2023-05-29 2023-06-19 2023-07-04 2023-09-04 2023-10-09 2023-11-07 2023-11-10 2023-11-23 2023-12-25")]
    [InlineData(2024, "2024-01-01 2024-01-15 2024-02-19 2024-05-27 2024-06-19 2024-07-04 2024-09-02 2024-10-14 2024-11-05 2024-11-11 2024-11-28 2024-12-25")]
    [InlineData(2026, "2026-01-01 2026-01-19 2026-02-16 2026-05-25 2026-06-19 2026-07-03 2026-09-07 2026-10-12 2026-11-03 2026-11-11 2026-11-26 2026-12-25")]
    [InlineData(2027, "2027-01-01 2027-01-18 2027-02-15 2027-05-31 2027-06-18 2027-07-05 2027-09-06 2027-10-11 2027-11-02 2027-11-11 2027-11-25 2027-12-24 2027-12-31")]
    public void Observed_closures_match_the_published_city_schedule(int year, string expected)
    {
        var calendar = CalendarCatalog.Default.Get(CalendarIds.NycAgency);

        Assert.Equal(expected.Split(' '), calendar.HolidaysIn(year).Select(h => S(h.Date)));
    }

    [Fact]
    public void Lincolns_birthday_is_an_open_day_for_city_offices()
    {
        var calendar = CalendarCatalog.Default.Get(CalendarIds.NycAgency);

        Assert.True(calendar.IsOpen(D("2026-02-12")));
        Assert.False(CalendarCatalog.Default.Get(CalendarIds.NyStatutory).IsOpen(D("2026-02-12")));
    }

    [Fact]
    public void Saturday_new_year_is_observed_on_the_last_day_of_the_previous_year()
    {
        var calendar = CalendarCatalog.Default.Get(CalendarIds.NycAgency);

        Assert.False(calendar.IsOpen(D("2027-12-31")));
        Assert.Equal("New Year's Day (observed)", calendar.ClosedReason(D("2027-12-31")));
        Assert.DoesNotContain(calendar.HolidaysIn(2028), h => h.Date == D("2028-01-01") && h.Name.Contains("observed"));
    }

    [Fact]
    public void Juneteenth_is_a_city_closure_from_2022_only()
    {
        var calendar = CalendarCatalog.Default.Get(CalendarIds.NycAgency);

        Assert.True(calendar.IsOpen(D("2021-06-18")));
        Assert.False(calendar.IsOpen(D("2022-06-20")));
    }
}
