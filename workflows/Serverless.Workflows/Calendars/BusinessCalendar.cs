using NodaTime;

namespace Serverless.Workflows.Calendars;

/// <summary>
/// One calendar materialised for 1990–2100: which days are open, why the others are closed, and a version
/// that changes whenever its data changes. Business-day arithmetic is O(1) through a prefix count of open days.
/// </summary>
public sealed class BusinessCalendar
{
    private static readonly int FirstDayNumber = CalendarRange.First.ToDateOnly().DayNumber;

    private readonly bool[] _closed;
    private readonly int[] _openThrough;   // open days in [First, day], inclusive
    private readonly int[] _openDays;      // day offsets of the open days, ascending
    private readonly Dictionary<LocalDate, string> _reasons;

    internal BusinessCalendar(string id, CalendarScope scope, string version, IReadOnlyDictionary<LocalDate, string> closures)
    {
        Id = id;
        Scope = scope;
        Version = version;
        _reasons = new Dictionary<LocalDate, string>(closures);
        var length = CalendarRange.Last.ToDateOnly().DayNumber - FirstDayNumber + 1;
        _closed = new bool[length];
        _openThrough = new int[length];
        var open = new List<int>(length);
        var count = 0;
        for (var i = 0; i < length; i++)
        {
            var date = ToDate(i);
            _closed[i] = DateRules.IsWeekend(date) || _reasons.ContainsKey(date);
            if (!_closed[i])
            {
                open.Add(i);
                count++;
            }
            _openThrough[i] = count;
        }
        _openDays = [.. open];
    }

    public string Id { get; }

    public CalendarScope Scope { get; }

    /// <summary>Changes whenever the rules or any dated entry applying to this calendar change.</summary>
    public string Version { get; }

    public bool IsOpen(LocalDate date) => !_closed[Offset(date)];

    /// <summary>Why the day is closed ("Saturday", "Sunday", a holiday or closure name), or null when open.</summary>
    public string? ClosedReason(LocalDate date)
    {
        if (IsOpen(date))
        {
            return null;
        }
        return _reasons.TryGetValue(date, out var name) ? name : date.DayOfWeek.ToString();
    }

    /// <summary>The holidays and closures (not weekends, unless a holiday) that fall in a year.</summary>
    public IReadOnlyList<Holiday> HolidaysIn(int year)
    {
        CalendarRange.EnsureYear(year);
        return [.. _reasons.Where(r => r.Key.Year == year).Select(r => new Holiday(r.Key, r.Value)).OrderBy(h => h.Date)];
    }

    /// <summary>The day on which N open days after <paramref name="start"/> have elapsed; the start day is never counted.</summary>
    public LocalDate AddBusinessDays(LocalDate start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        if (days == 0)
        {
            return start;
        }
        var index = _openThrough[Offset(start)] + days - 1;
        if (index >= _openDays.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(days), days, $"result falls after {CalendarRange.Last:yyyy-MM-dd}");
        }
        return ToDate(_openDays[index]);
    }

    /// <summary>Open days in (<paramref name="after"/>, <paramref name="through"/>].</summary>
    public int OpenDaysBetween(LocalDate after, LocalDate through) =>
        through <= after ? 0 : _openThrough[Offset(through)] - _openThrough[Offset(after)];

    public LocalDate NextOpenOnOrAfter(LocalDate date)
    {
        var offset = Offset(date);
        if (!_closed[offset])
        {
            return date;
        }
        var index = _openThrough[offset];
        if (index >= _openDays.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(date), date, $"no open day on or after it before {CalendarRange.Last:yyyy-MM-dd}");
        }
        return ToDate(_openDays[index]);
    }

    public LocalDate LastOpenOnOrBefore(LocalDate date)
    {
        var count = _openThrough[Offset(date)];
        if (count == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(date), date, $"no open day on or before it after {CalendarRange.First:yyyy-MM-dd}");
        }
        return ToDate(_openDays[count - 1]);
    }

    /// <summary>The closed days in (<paramref name="after"/>, <paramref name="through"/>] with their reasons, for explanations.</summary>
    public IReadOnlyList<Holiday> ClosedDaysBetween(LocalDate after, LocalDate through)
    {
        var days = new List<Holiday>();
        for (var d = after.PlusDays(1); d <= through; d = d.PlusDays(1))
        {
            if (ClosedReason(d) is { } reason)
            {
                days.Add(new Holiday(d, reason));
            }
        }
        return days;
    }

    private static int Offset(LocalDate date)
    {
        if (!CalendarRange.Contains(date))
        {
            throw new ArgumentOutOfRangeException(nameof(date), date,
                $"calendars cover {CalendarRange.First:yyyy-MM-dd} to {CalendarRange.Last:yyyy-MM-dd}");
        }
        return date.ToDateOnly().DayNumber - FirstDayNumber;
    }

    private static LocalDate ToDate(int offset) => LocalDate.FromDateOnly(DateOnly.FromDayNumber(FirstDayNumber + offset));
}
