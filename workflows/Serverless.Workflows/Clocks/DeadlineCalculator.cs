using NodaTime;
using Serverless.Workflows.Calendars;

namespace Serverless.Workflows.Clocks;

/// <summary>Computes a rule's deadline from the events that happened: anchor, count, roll, warning, tolling.</summary>
public sealed class DeadlineCalculator(CalendarCatalog calendars)
{
    public CalendarCatalog Calendars { get; } = calendars;

    public ComputedDeadline Compute(ClockRule rule, IReadOnlyDictionary<string, Instant> events, CalendarScope? scope = null)
    {
        scope ??= CalendarScope.CityWide;
        var (anchor, offset) = PickAnchor(rule, events);
        var anchorAt = events[anchor] + Duration.FromDays(offset);
        var anchorDate = NewYorkTime.DateOf(events[anchor]).PlusDays(offset);
        if (!rule.InEffectOn(anchorDate))
        {
            throw new ClockInputException(
                $"rule '{rule.Id}' is in effect from {rule.EffectiveFrom:yyyy-MM-dd}{(rule.EffectiveTo is { } to ? $" to {to:yyyy-MM-dd}" : "")}, not on {anchorDate:yyyy-MM-dd}");
        }
        var versions = new SortedDictionary<string, string>(StringComparer.Ordinal);
        try
        {
            var counting = CountingCalendar(rule, scope, versions);
            var (endDate, endAt) = Count(rule, anchorAt, anchorDate, rule.Amount, counting);
            var skipped = counting?.ClosedDaysBetween(anchorDate, endDate) ?? [];
            var deadline = new ComputedDeadline
            {
                Rule = rule,
                AnchorEvent = anchor,
                AnchorAt = events[anchor],
                AnchorOffsetDays = offset,
                AnchorDate = anchorDate,
                Events = new SortedDictionary<string, Instant>(events.ToDictionary(), StringComparer.Ordinal),
                CountedEndDate = endDate,
                CountedEndAt = endAt,
                LegalDueDate = endDate,
                LegalDueAt = endAt,
                TargetDate = endDate,
                UntolledDueDate = endDate,
                UntolledDueAt = endAt,
                CalendarVersions = versions,
                SkippedDays = skipped,
            };
            deadline = Roll(deadline, scope, versions);
            deadline = WithWarning(deadline, counting);
            return deadline with { UntolledDueDate = deadline.LegalDueDate, UntolledDueAt = deadline.LegalDueAt };
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new ClockInputException($"rule '{rule.Id}': {e.Message.Split(Environment.NewLine)[0]}");
        }
    }

    /// <summary>Moves the due by the paused time in the clock's own unit, then rolls again; both dates are kept.</summary>
    public ComputedDeadline ApplyTolling(ComputedDeadline deadline, IEnumerable<TollingPeriod> periods, Instant asOf, CalendarScope? scope = null)
    {
        scope ??= CalendarScope.CityWide;
        var rule = deadline.Rule;
        var versions = new SortedDictionary<string, string>(deadline.CalendarVersions.ToDictionary(), StringComparer.Ordinal);
        var counting = CountingCalendar(rule, scope, versions);
        var endDate = deadline.CountedEndDate;
        var endAt = deadline.CountedEndAt;
        var warnDate = deadline.WarningDate;
        var warnAt = deadline.WarningAt;
        var ordered = periods.OrderBy(p => p.PausedAt).ToList();
        var stillTolled = false;
        foreach (var period in ordered)
        {
            var resumed = period.ResumedAt ?? asOf;
            if (resumed < period.PausedAt)
            {
                throw new ClockInputException($"tolling period resumes ({resumed}) before it pauses ({period.PausedAt})");
            }
            if (period.PausedAt > endAt)
            {
                continue; // a pause after the clock ran out does not revive it, nor leave it tolled
            }
            stillTolled |= period.ResumedAt is null;
            var from = NewYorkTime.DateOf(period.PausedAt);
            var to = NewYorkTime.DateOf(resumed);
            (endDate, endAt) = Shift(rule, endDate, endAt, period.PausedAt, resumed, from, to, counting);
            if (warnDate is { } wd && warnAt is { } wa && period.PausedAt <= wa)
            {
                var shifted = Shift(rule, wd, wa, period.PausedAt, resumed, from, to, counting);
                (warnDate, warnAt) = (shifted.Date, shifted.At);
            }
        }
        var tolled = deadline with
        {
            CountedEndDate = endDate,
            CountedEndAt = endAt,
            LegalDueDate = endDate,
            LegalDueAt = endAt,
            TargetDate = endDate,
            WarningDate = warnDate,
            WarningAt = warnAt,
            RolledOver = [],
            SkippedDays = counting?.ClosedDaysBetween(deadline.AnchorDate, endDate) ?? [],
            Tolling = ordered,
            StillTolled = stillTolled,
        };
        tolled = Roll(tolled, scope, versions);
        return tolled with { CalendarVersions = versions };
    }

    private static (LocalDate Date, Instant At) Shift(
        ClockRule rule, LocalDate date, Instant at, Instant pausedAt, Instant resumedAt, LocalDate from, LocalDate to, BusinessCalendar? counting)
    {
        switch (rule.Unit)
        {
            case ClockUnit.Hours:
                var moved = at + (resumedAt - pausedAt);
                return (NewYorkTime.DateOf(moved), moved);
            case ClockUnit.BusinessDays:
                var open = counting!.OpenDaysBetween(from, to);
                var day = counting.AddBusinessDays(date, open);
                return (day, NewYorkTime.EndOfDay(day));
            default:
                var shifted = date.PlusDays(Period.DaysBetween(from, to));
                return (shifted, NewYorkTime.EndOfDay(shifted));
        }
    }

    private BusinessCalendar? CountingCalendar(ClockRule rule, CalendarScope scope, IDictionary<string, string> versions)
    {
        if (rule.Unit != ClockUnit.BusinessDays)
        {
            return null;
        }
        var calendar = Calendars.Get(rule.Calendar!, scope);
        versions[calendar.Id] = calendar.Version;
        return calendar;
    }

    private static (string Event, int Offset) PickAnchor(ClockRule rule, IReadOnlyDictionary<string, Instant> events)
    {
        var present = rule.Triggers.Where(t => events.ContainsKey(t.Event)).ToList();
        var names = string.Join(", ", rule.Triggers.Select(t => t.Event));
        if (present.Count == 0)
        {
            throw new ClockInputException($"rule '{rule.Id}' needs {(rule.Triggers.Count == 1 ? $"event {names}" : $"one of the events {names}")}");
        }
        Instant Effective(TriggerSpec t) => events[t.Event] + Duration.FromDays(t.PlusCalendarDays);
        var chosen = rule.Combine switch
        {
            TriggerCombination.Earliest => present.MinBy(Effective)!,
            TriggerCombination.Latest when present.Count < rule.Triggers.Count =>
                throw new ClockInputException($"rule '{rule.Id}' runs from the later of {names}; missing {string.Join(", ", rule.Triggers.Except(present).Select(t => t.Event))}"),
            TriggerCombination.Latest => present.MaxBy(Effective)!,
            _ => present[0],
        };
        return (chosen.Event, chosen.PlusCalendarDays);
    }

    private static (LocalDate Date, Instant At) Count(ClockRule rule, Instant anchorAt, LocalDate anchorDate, int amount, BusinessCalendar? counting)
    {
        switch (rule.Unit)
        {
            case ClockUnit.Hours:
                var at = ClockArithmetic.AddHours(anchorAt, amount);
                return (NewYorkTime.DateOf(at), at);
            case ClockUnit.BusinessDays:
                var business = ClockArithmetic.AddBusinessDays(anchorDate, amount, counting!);
                return (business, NewYorkTime.EndOfDay(business));
            case ClockUnit.Months:
                var months = ClockArithmetic.AddMonths(anchorDate, amount, rule.MonthEnd);
                return (months, NewYorkTime.EndOfDay(months));
            default:
                var days = ClockArithmetic.AddCalendarDays(anchorDate, amount);
                return (days, NewYorkTime.EndOfDay(days));
        }
    }

    private ComputedDeadline Roll(ComputedDeadline d, CalendarScope scope, IDictionary<string, string> versions)
    {
        switch (d.Rule.Roll)
        {
            case RollPolicy.Forward:
                var statutory = Calendars.Get(CalendarIds.NyStatutory);
                versions[statutory.Id] = statutory.Version;
                var rolled = ClockArithmetic.RollForward(d.CountedEndDate, statutory);
                if (rolled == d.CountedEndDate)
                {
                    return d;
                }
                // §25-a: "if the period ends at a specified hour, such act may be done at or before the same hour"
                var rolledAt = d.Rule.Unit == ClockUnit.Hours
                    ? NewYorkTime.Zone.AtLeniently(rolled.At(NewYorkTime.InZone(d.CountedEndAt).TimeOfDay)).ToInstant()
                    : NewYorkTime.EndOfDay(rolled);
                return d with
                {
                    LegalDueDate = rolled,
                    LegalDueAt = rolledAt,
                    TargetDate = rolled,
                    RolledOver = statutory.ClosedDaysBetween(d.CountedEndDate.PlusDays(-1), rolled.PlusDays(-1)),
                };
            case RollPolicy.TargetBackward:
                var agency = Calendars.Get(CalendarIds.NycAgency, scope);
                versions[agency.Id] = agency.Version;
                var target = ClockArithmetic.TargetBackward(d.LegalDueDate, agency);
                return d with { TargetDate = target, RolledOver = agency.ClosedDaysBetween(target, d.LegalDueDate) };
            default:
                return d;
        }
    }

    private static ComputedDeadline WithWarning(ComputedDeadline d, BusinessCalendar? counting)
    {
        if (d.Rule.WarningFraction is not { } fraction || d.Rule.Amount == 0)
        {
            return d;
        }
        int Part(int whole) => (int)Math.Round(whole * (decimal)fraction, MidpointRounding.AwayFromZero); // decimal: 45 x 0.7 must round to 32
        switch (d.Rule.Unit)
        {
            case ClockUnit.Hours:
                var at = ClockArithmetic.AddHours(d.AnchorAt + Duration.FromDays(d.AnchorOffsetDays), Part(d.Rule.Amount));
                return d with { WarningAt = at, WarningDate = NewYorkTime.DateOf(at) };
            case ClockUnit.BusinessDays:
                var business = counting!.AddBusinessDays(d.AnchorDate, Part(d.Rule.Amount));
                return d with { WarningDate = business, WarningAt = NewYorkTime.EndOfDay(business) };
            default:
                // months are warned in days: 70% of a month rounded to whole months would be the due itself
                var span = Period.DaysBetween(d.AnchorDate, d.CountedEndDate);
                var day = d.AnchorDate.PlusDays(Part(span));
                return d with { WarningDate = day, WarningAt = NewYorkTime.EndOfDay(day) };
        }
    }
}
