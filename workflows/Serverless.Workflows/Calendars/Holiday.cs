using NodaTime;

namespace Serverless.Workflows.Calendars;

/// <summary>A day on which a calendar is closed, with the name shown to staff.</summary>
public sealed record Holiday(LocalDate Date, string Name);
