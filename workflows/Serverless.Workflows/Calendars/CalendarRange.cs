using NodaTime;

namespace Serverless.Workflows.Calendars;

/// <summary>The years the calendars are computed for; arithmetic outside them is refused rather than guessed.</summary>
public static class CalendarRange
{
    public const int FirstYear = 1990;
    public const int LastYear = 2100;

    public static LocalDate First { get; } = new(FirstYear, 1, 1);
    public static LocalDate Last { get; } = new(LastYear, 12, 31);

    public static bool Contains(LocalDate date) => date >= First && date <= Last;

    public static void EnsureYear(int year)
    {
        if (year < FirstYear || year > LastYear)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, $"calendars cover {FirstYear}–{LastYear}");
        }
    }
}
