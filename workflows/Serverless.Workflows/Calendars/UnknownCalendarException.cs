namespace Serverless.Workflows.Calendars;

public sealed class UnknownCalendarException(string id)
    : ArgumentException($"unknown calendar '{id}' (known: {string.Join(", ", CalendarIds.All)})")
{
    public string CalendarId { get; } = id;
}
