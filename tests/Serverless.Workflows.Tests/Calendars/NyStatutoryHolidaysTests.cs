using Serverless.Workflows.Calendars;
using static Serverless.Workflows.Tests.Dates;

namespace Serverless.Workflows.Tests.Calendars;

/// <summary>GCL §24 public holidays: Sunday holidays (except Flag Day) also fall on the Monday after; no Saturday shift.</summary>
public sealed class NyStatutoryHolidaysTests
{
    [Theory]
    [InlineData(2023, "2023-01-01 2023-01-02 2023-01-16 2023-02-12 2023-02-13 2023-02-20 2023-05-29 2023-06-11 2023-06-19 2023-07-04 2023-09-04 2023-10-09 2023-11-07 2023-11-11 2023-11-23 2023-12-25")]
    [InlineData(2026, "2026-01-01 2026-01-19 2026-02-12 2026-02-16 2026-05-25 2026-06-14 2026-06-19 2026-07-04 2026-09-07 2026-10-12 2026-11-03 2026-11-11 2026-11-26 2026-12-25")]
    [InlineData(2022, "2022-01-01 2022-01-17 2022-02-12 2022-02-21 2022-05-30 2022-06-12 2022-06-19 2022-06-20 2022-07-04 2022-09-05 2022-10-10 2022-11-08 2022-11-11 2022-11-24 2022-12-25 2022-12-26")]
    [InlineData(2019, "2019-01-01 2019-01-21 2019-02-12 2019-02-18 2019-05-27 2019-06-09 2019-07-04 2019-09-02 2019-10-14 2019-11-05 2019-11-11 2019-11-28 2019-12-25")]
    public void Holidays_follow_general_construction_law_section_24(int year, string expected)
    {
        var calendar = CalendarCatalog.Default.Get(CalendarIds.NyStatutory);

        Assert.Equal(expected.Split(' '), calendar.HolidaysIn(year).Select(h => S(h.Date)));
    }

    [Fact]
    public void Saturday_holiday_is_not_shifted_so_the_friday_before_is_a_business_day()
    {
        var statutory = CalendarCatalog.Default.Get(CalendarIds.NyStatutory);
        var agency = CalendarCatalog.Default.Get(CalendarIds.NycAgency);

        Assert.True(statutory.IsOpen(D("2026-07-03")));
        Assert.False(agency.IsOpen(D("2026-07-03")));
    }

    [Fact]
    public void Flag_day_on_sunday_does_not_close_the_monday_after()
    {
        var statutory = CalendarCatalog.Default.Get(CalendarIds.NyStatutory);

        Assert.Equal("Flag Day", statutory.ClosedReason(D("2026-06-14")));
        Assert.True(statutory.IsOpen(D("2026-06-15")));
    }

    [Fact]
    public void Years_outside_the_computed_range_are_refused()
    {
        var statutory = CalendarCatalog.Default.Get(CalendarIds.NyStatutory);

        Assert.Throws<ArgumentOutOfRangeException>(() => statutory.HolidaysIn(2101));
        Assert.Throws<ArgumentOutOfRangeException>(() => statutory.IsOpen(D("1989-12-31")));
    }
}
