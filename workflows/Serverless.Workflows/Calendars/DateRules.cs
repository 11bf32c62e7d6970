using NodaTime;

namespace Serverless.Workflows.Calendars;

/// <summary>"3rd Monday of January"-style date rules used by the holiday generators.</summary>
internal static class DateRules
{
    public static LocalDate Nth(int year, int month, IsoDayOfWeek day, int n)
    {
        var first = new LocalDate(year, month, 1);
        var offset = ((int)day - (int)first.DayOfWeek + 7) % 7;
        return first.PlusDays(offset + 7 * (n - 1));
    }

    public static LocalDate Last(int year, int month, IsoDayOfWeek day)
    {
        var last = new LocalDate(year, month, 1).PlusMonths(1).PlusDays(-1);
        var back = ((int)last.DayOfWeek - (int)day + 7) % 7;
        return last.PlusDays(-back);
    }

    /// <summary>General Election Day: the Tuesday after the first Monday in November.</summary>
    public static LocalDate ElectionDay(int year) => Nth(year, 11, IsoDayOfWeek.Monday, 1).PlusDays(1);

    public static bool IsWeekend(LocalDate date) =>
        date.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday;
}
