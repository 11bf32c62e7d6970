namespace Serverless.Workflows.Clocks;

public enum ClockUnit
{
    /// <summary>Elapsed hours, 24x7.</summary>
    Hours,
    CalendarDays,
    /// <summary>Open days of the rule's calendar.</summary>
    BusinessDays,
    /// <summary>Calendar months, clamped to the end of a shorter month.</summary>
    Months,
}
