namespace Serverless.Workflows.Calendars;

/// <summary>Whose closures count: the whole city (both null), one agency (e.g. a WEP sponsoring agency) or one site.</summary>
public sealed record CalendarScope(string? Agency = null, string? Site = null)
{
    public static CalendarScope CityWide { get; } = new();

    public override string ToString() =>
        Agency is null ? "citywide" : Site is null ? Agency : $"{Agency}/{Site}";
}
