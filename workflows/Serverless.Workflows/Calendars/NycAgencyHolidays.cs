using NodaTime;

namespace Serverless.Workflows.Calendars;

/// <summary>
/// NYC agency closures under DCAS PSB 440-2R: a Saturday holiday is observed the Friday before, a Sunday holiday
/// the Monday after. Lincoln's Birthday is a floating holiday, not a closure. Juneteenth is a City holiday from 2022.
/// </summary>
public static class NycAgencyHolidays
{
    public const int JuneteenthFirstYear = 2022;

    /// <summary>Observed closure dates that fall in <paramref name="year"/> (Jan 1 of the next year can be observed on Dec 31).</summary>
    public static IReadOnlyList<Holiday> For(int year) =>
        [.. Observed(year).Concat(Observed(year + 1)).Where(h => h.Date.Year == year).OrderBy(h => h.Date)];

    private static IEnumerable<Holiday> Observed(int year) => Actual(year).Select(Observe);

    private static Holiday Observe(Holiday h) => h.Date.DayOfWeek switch
    {
        IsoDayOfWeek.Saturday => new(h.Date.PlusDays(-1), $"{h.Name} (observed)"),
        IsoDayOfWeek.Sunday => new(h.Date.PlusDays(1), $"{h.Name} (observed)"),
        _ => h,
    };

    private static IEnumerable<Holiday> Actual(int year)
    {
        yield return new(new LocalDate(year, 1, 1), "New Year's Day");
        yield return new(DateRules.Nth(year, 1, IsoDayOfWeek.Monday, 3), "Dr. Martin Luther King, Jr. Day");
        yield return new(DateRules.Nth(year, 2, IsoDayOfWeek.Monday, 3), "Washington's Birthday");
        yield return new(DateRules.Last(year, 5, IsoDayOfWeek.Monday), "Memorial Day");
        if (year >= JuneteenthFirstYear)
        {
            yield return new(new LocalDate(year, 6, 19), "Juneteenth");
        }
        yield return new(new LocalDate(year, 7, 4), "Independence Day");
        yield return new(DateRules.Nth(year, 9, IsoDayOfWeek.Monday, 1), "Labor Day");
        yield return new(DateRules.Nth(year, 10, IsoDayOfWeek.Monday, 2), "Columbus Day");
        yield return new(DateRules.ElectionDay(year), "Election Day");
        yield return new(new LocalDate(year, 11, 11), "Veterans Day");
        yield return new(DateRules.Nth(year, 11, IsoDayOfWeek.Thursday, 4), "Thanksgiving Day");
        yield return new(new LocalDate(year, 12, 25), "Christmas Day");
    }
}
