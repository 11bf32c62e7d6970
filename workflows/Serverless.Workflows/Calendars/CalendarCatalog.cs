using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using NodaTime;

namespace Serverless.Workflows.Calendars;

/// <summary>
/// Builds the calendars from the holiday rules, the shipped defaults and run-time additions, and caches them per
/// calendar and scope. A catalog is immutable: adding data yields a new catalog whose calendars carry new versions.
/// </summary>
public sealed class CalendarCatalog
{
    /// <summary>Bump when the holiday rules in code change, so every calendar version changes with them.</summary>
    public const string RulesVersion = "rules-1";

    private readonly ConcurrentDictionary<(string, CalendarScope), BusinessCalendar> _cache = new();

    public CalendarCatalog(CalendarDefaults defaults, IEnumerable<CalendarEntry>? additions = null)
    {
        Defaults = defaults;
        Additions = [.. additions ?? []];
    }

    /// <summary>The catalog with the embedded defaults only.</summary>
    public static CalendarCatalog Default { get; } = new(CalendarDefaults.Embedded);

    public CalendarDefaults Defaults { get; }

    public IReadOnlyList<CalendarEntry> Additions { get; }

    public CalendarCatalog With(IEnumerable<CalendarEntry> more) => new(Defaults, Additions.Concat(more));

    public BusinessCalendar Get(string id, CalendarScope? scope = null)
    {
        if (!CalendarIds.IsKnown(id))
        {
            throw new UnknownCalendarException(id);
        }
        return _cache.GetOrAdd((id, scope ?? CalendarScope.CityWide), key => Build(key.Item1, key.Item2));
    }

    private BusinessCalendar Build(string id, CalendarScope scope)
    {
        var entries = Defaults.Entries.Concat(Additions)
            .Where(e => e.Calendar == id && e.AppliesTo(scope))
            .OrderBy(e => e.Date).ThenBy(e => e.Canonical(), StringComparer.Ordinal)
            .ToList();

        var closures = new Dictionary<LocalDate, string>();
        for (var year = CalendarRange.FirstYear; year <= CalendarRange.LastYear; year++)
        {
            foreach (var holiday in Computed(id, year))
            {
                closures[holiday.Date] = closures.TryGetValue(holiday.Date, out var other)
                    ? $"{other}; {holiday.Name}"
                    : holiday.Name;
            }
        }
        foreach (var entry in entries)
        {
            if (entry.Kind == CalendarEntryKind.OpenCorrection)
            {
                closures.Remove(entry.Date);
            }
            else
            {
                closures[entry.Date] = entry.Kind == CalendarEntryKind.Closure ? $"{entry.Name} (closure)" : entry.Name;
            }
        }
        return new BusinessCalendar(id, scope, Version(id, scope, entries), closures);
    }

    private static IReadOnlyList<Holiday> Computed(string id, int year) =>
        id == CalendarIds.NyStatutory ? NyStatutoryHolidays.For(year) : NycAgencyHolidays.For(year);

    private string Version(string id, CalendarScope scope, IReadOnlyList<CalendarEntry> entries)
    {
        var text = string.Join("\n", entries.Select(e => e.Canonical()));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..8];
        var scopePart = scope == CalendarScope.CityWide ? "" : $"@{scope}";
        return $"{id}{scopePart}/{RulesVersion}/defaults-{Defaults.Version}/data-{entries.Count}-{hash}";
    }
}
