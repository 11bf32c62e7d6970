using CsCheck;
using NodaTime;
using Serverless.Workflows.Calendars;
using Serverless.Workflows.Clocks;

namespace Serverless.Workflows.Tests.Calendars;

public sealed class BusinessCalendarPropertyTests
{
    private static readonly LocalDate Base = new(1991, 1, 1);
    private static readonly Gen<LocalDate> Start = Gen.Int[0, 39_000].Select(Base.PlusDays);
    private static readonly Gen<int> N = Gen.Int[0, 400];
    private static readonly Gen<BusinessCalendar> AnyCalendar =
        Gen.OneOf(CalendarIds.All.ToArray()).Select(id => CalendarCatalog.Default.Get(id));

    [Fact]
    public void Adding_business_days_lands_on_an_open_day() =>
        Gen.Select(AnyCalendar, Start, Gen.Int[1, 400]).Sample((calendar, start, n) =>
            calendar.IsOpen(calendar.AddBusinessDays(start, n)));

    [Fact]
    public void Adding_business_days_matches_stepping_one_day_at_a_time() =>
        Gen.Select(AnyCalendar, Start, Gen.Int[0, 40]).Sample((calendar, start, n) =>
        {
            var day = start;
            for (var counted = 0; counted < n;)
            {
                day = day.PlusDays(1);
                if (calendar.IsOpen(day))
                {
                    counted++;
                }
            }
            return calendar.AddBusinessDays(start, n) == day;
        });

    [Fact]
    public void Adding_business_days_is_strictly_monotonic_in_n() =>
        Gen.Select(AnyCalendar, Start, N, N).Sample((calendar, start, a, b) =>
            a == b || (a < b) == (calendar.AddBusinessDays(start, a) < calendar.AddBusinessDays(start, b)));

    [Fact]
    public void Adding_business_days_is_monotonic_in_the_start() =>
        Gen.Select(AnyCalendar, Start, Start, N).Sample((calendar, s1, s2, n) =>
        {
            var (early, late) = s1 <= s2 ? (s1, s2) : (s2, s1);
            return calendar.AddBusinessDays(early, n) <= calendar.AddBusinessDays(late, n);
        });

    [Fact]
    public void Forward_roll_is_idempotent_and_never_moves_an_open_day() =>
        Start.Sample(day =>
        {
            var statutory = CalendarCatalog.Default.Get(CalendarIds.NyStatutory);
            var once = ClockArithmetic.RollForward(day, statutory);
            return ClockArithmetic.RollForward(once, statutory) == once
                && statutory.IsOpen(once)
                && once >= day
                && (!statutory.IsOpen(day) || once == day);
        });

    [Fact]
    public void Target_backward_is_the_last_open_agency_day_on_or_before() =>
        Start.Sample(day =>
        {
            var agency = CalendarCatalog.Default.Get(CalendarIds.NycAgency);
            var target = ClockArithmetic.TargetBackward(day, agency);
            return agency.IsOpen(target) && target <= day
                && Enumerable.Range(1, Period.DaysBetween(target, day)).All(i => !agency.IsOpen(target.PlusDays(i)));
        });

    [Fact]
    public void Open_days_between_counts_what_adding_skips() =>
        Gen.Select(AnyCalendar, Start, N).Sample((calendar, start, n) =>
            calendar.OpenDaysBetween(start, calendar.AddBusinessDays(start, n)) == n);

    [Fact]
    public void The_gcl_section_20_example_ten_days_from_may_17_ends_may_27() =>
        Assert.Equal(new LocalDate(2026, 5, 27), ClockArithmetic.AddCalendarDays(new LocalDate(2026, 5, 17), 10));

    [Theory]
    [InlineData("2025-08-31", 6, "2026-02-28")]
    [InlineData("2023-08-31", 6, "2024-02-29")]
    [InlineData("2026-01-31", 1, "2026-02-28")]
    [InlineData("2026-04-28", 3, "2026-07-28")]
    public void Months_clamp_to_the_end_of_a_shorter_month(string start, int months, string expected) =>
        Assert.Equal(Dates.D(expected), ClockArithmetic.AddMonths(Dates.D(start), months));
}
