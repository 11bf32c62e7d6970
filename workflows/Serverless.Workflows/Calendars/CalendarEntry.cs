using NodaTime;

namespace Serverless.Workflows.Calendars;

/// <summary>
/// Dated data laid over a computed calendar. <see cref="Agency"/> and <see cref="Site"/> narrow a closure to one
/// agency or one site of it; null means every agency/site.
/// </summary>
public sealed record CalendarEntry(
    string Calendar,
    LocalDate Date,
    CalendarEntryKind Kind,
    string Name,
    string Source,
    string? Agency = null,
    string? Site = null)
{
    public bool AppliesTo(CalendarScope scope) =>
        (Agency is null || string.Equals(Agency, scope.Agency, StringComparison.OrdinalIgnoreCase))
        && (Site is null || string.Equals(Site, scope.Site, StringComparison.OrdinalIgnoreCase));

    /// <summary>A stable one-line form used for the calendar version hash.</summary>
    public string Canonical() =>
        $"{Calendar}|{Date:yyyy-MM-dd}|{Kind}|{Agency}|{Site}|{Name}|{Source}";
}
