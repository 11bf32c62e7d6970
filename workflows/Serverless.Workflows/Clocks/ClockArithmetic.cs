using NodaTime;
using Serverless.Workflows.Calendars;

namespace Serverless.Workflows.Clocks;

/// <summary>Counting N units from a start, the start day excluded (GCL §20). No rolling here.</summary>
public static class ClockArithmetic
{
    public static LocalDate AddCalendarDays(LocalDate start, int days) => start.PlusDays(days);

    public static LocalDate AddBusinessDays(LocalDate start, int days, BusinessCalendar calendar) =>
        calendar.AddBusinessDays(start, days);

    /// <summary>Calendar months; NodaTime clamps to the end of a shorter month (Aug 31 + 6 months = Feb 28/29).</summary>
    public static LocalDate AddMonths(LocalDate start, int months, bool toMonthEnd = false)
    {
        var date = start.PlusMonths(months);
        return toMonthEnd ? date.With(DateAdjusters.EndOfMonth) : date;
    }

    /// <summary>Elapsed hours: physical time, so 24 hours across a DST change read 23:00 or 01:00 on the wall clock.</summary>
    public static Instant AddHours(Instant start, int hours) => start + Duration.FromHours(hours);

    /// <summary>GCL §25-a: a period that ends on a day the ny-statutory calendar is closed runs to its next open day.</summary>
    public static LocalDate RollForward(LocalDate end, BusinessCalendar nyStatutory) => nyStatutory.NextOpenOnOrAfter(end);

    /// <summary>The operational target for an agency duty: the last nyc-agency open day on or before the legal due.</summary>
    public static LocalDate TargetBackward(LocalDate legalDue, BusinessCalendar nycAgency) => nycAgency.LastOpenOnOrBefore(legalDue);
}
