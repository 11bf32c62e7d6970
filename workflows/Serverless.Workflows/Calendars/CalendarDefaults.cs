using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;

namespace Serverless.Workflows.Calendars;

/// <summary>The versioned dated data shipped in the assembly (<c>Calendars/calendar-defaults.json</c>).</summary>
public sealed record CalendarDefaults(string Version, IReadOnlyList<CalendarEntry> Entries)
{
    private const string ResourceName = "Serverless.Workflows.Calendars.calendar-defaults.json";

    private static readonly Lazy<CalendarDefaults> EmbeddedDefaults = new(LoadEmbedded);

    public static CalendarDefaults Embedded => EmbeddedDefaults.Value;

    public static CalendarDefaults Parse(string json)
    {
        var file = JsonSerializer.Deserialize<FileShape>(json, Options)
            ?? throw new InvalidDataException("calendar defaults: empty file");
        if (string.IsNullOrWhiteSpace(file.Version))
        {
            throw new InvalidDataException("calendar defaults: field 'version' is required");
        }
        var entries = (file.Entries ?? []).Select((e, i) => ToEntry(e, i)).ToList();
        return new CalendarDefaults(file.Version, entries);
    }

    internal static CalendarEntry ToEntry(EntryShape e, int index)
    {
        string Where(string field) => $"calendar defaults: entries[{index}] field '{field}'";
        if (e.Calendar is null || !CalendarIds.IsKnown(e.Calendar))
        {
            throw new InvalidDataException($"{Where("calendar")}: unknown calendar '{e.Calendar}'");
        }
        var date = LocalDatePattern.Iso.Parse(e.Date ?? "");
        if (!date.Success || !CalendarRange.Contains(date.Value))
        {
            throw new InvalidDataException($"{Where("date")}: '{e.Date}' is not a yyyy-MM-dd date in {CalendarRange.FirstYear}–{CalendarRange.LastYear}");
        }
        var kind = e.Kind switch
        {
            "proclaimed-holiday" => CalendarEntryKind.ProclaimedHoliday,
            "closure" => CalendarEntryKind.Closure,
            "open-correction" => CalendarEntryKind.OpenCorrection,
            _ => throw new InvalidDataException($"{Where("kind")}: '{e.Kind}' is not proclaimed-holiday, closure or open-correction"),
        };
        if (string.IsNullOrWhiteSpace(e.Name) || string.IsNullOrWhiteSpace(e.Source))
        {
            throw new InvalidDataException($"{Where(string.IsNullOrWhiteSpace(e.Name) ? "name" : "source")}: required");
        }
        return new CalendarEntry(e.Calendar, date.Value, kind, e.Name, e.Source, e.Agency, e.Site);
    }

    public static string KindText(CalendarEntryKind kind) => kind switch
    {
        CalendarEntryKind.ProclaimedHoliday => "proclaimed-holiday",
        CalendarEntryKind.Closure => "closure",
        _ => "open-correction",
    };

    private static CalendarDefaults LoadEmbedded()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    private sealed record FileShape(string? Version, string? Notes, List<EntryShape>? Entries);

    internal sealed record EntryShape(
        string? Calendar, string? Date, string? Kind, string? Name, string? Source, string? Agency, string? Site);

}
