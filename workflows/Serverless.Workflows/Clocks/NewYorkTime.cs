using NodaTime;

namespace Serverless.Workflows.Clocks;

/// <summary>All legal days are New York days (statutes.md §1); instants are stored in UTC and read here.</summary>
public static class NewYorkTime
{
    public static DateTimeZone Zone { get; } = DateTimeZoneProviders.Tzdb["America/New_York"];

    public static LocalDate DateOf(Instant instant) => instant.InZone(Zone).Date;

    public static Instant StartOfDay(LocalDate date) => Zone.AtStartOfDay(date).ToInstant();

    /// <summary>GCL §20: a period of N days from D ends at the end of day D+N, 23:59:59 New York time.</summary>
    public static Instant EndOfDay(LocalDate date) => StartOfDay(date.PlusDays(1)) - Duration.FromSeconds(1);

    public static ZonedDateTime InZone(Instant instant) => instant.InZone(Zone);
}
