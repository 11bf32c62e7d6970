using NodaTime;

namespace Serverless.Workflows.Calendars;

/// <summary>
/// NY General Construction Law §24 public holidays, computed by rule. "If any of such days except Flag day is
/// Sunday, the next day thereafter" is also a holiday; there is no Saturday shift. Juneteenth was added by
/// L.2020 ch. 249 (October 2020), so it is a holiday from 2021.
/// </summary>
public static class NyStatutoryHolidays
{
    public const int JuneteenthFirstYear = 2021;

    public static IReadOnlyList<Holiday> For(int year)
    {
        var days = new List<Holiday>
        {
            new(new LocalDate(year, 1, 1), "New Year's Day"),
            new(DateRules.Nth(year, 1, IsoDayOfWeek.Monday, 3), "Dr. Martin Luther King, Jr. Day"),
            new(new LocalDate(year, 2, 12), "Lincoln's Birthday"),
            new(DateRules.Nth(year, 2, IsoDayOfWeek.Monday, 3), "Washington's Birthday"),
            new(DateRules.Last(year, 5, IsoDayOfWeek.Monday), "Memorial Day"),
            new(DateRules.Nth(year, 6, IsoDayOfWeek.Sunday, 2), "Flag Day"),
        };
        if (year >= JuneteenthFirstYear)
        {
            days.Add(new(new LocalDate(year, 6, 19), "Juneteenth"));
        }
        days.AddRange(
        [
            new(new LocalDate(year, 7, 4), "Independence Day"),
            new(DateRules.Nth(year, 9, IsoDayOfWeek.Monday, 1), "Labor Day"),
            new(DateRules.Nth(year, 10, IsoDayOfWeek.Monday, 2), "Columbus Day"),
            new(DateRules.ElectionDay(year), "General Election Day"),
            new(new LocalDate(year, 11, 11), "Veterans' Day"),
            new(DateRules.Nth(year, 11, IsoDayOfWeek.Thursday, 4), "Thanksgiving Day"),
            new(new LocalDate(year, 12, 25), "Christmas Day"),
        ]);

        var sundayShifts = days
            .Where(h => h.Date.DayOfWeek == IsoDayOfWeek.Sunday && h.Name != "Flag Day")
            .Select(h => new Holiday(h.Date.PlusDays(1), $"{h.Name} (Sunday; GCL §24 next day)"))
            .ToList();
        return [.. days.Concat(sundayShifts).OrderBy(h => h.Date)];
    }
}
