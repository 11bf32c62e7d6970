namespace Serverless.Workflows.Calendars;

/// <summary>What a dated calendar entry does to the computed calendar.</summary>
public enum CalendarEntryKind
{
    /// <summary>A day appointed by the President or the Governor (GCL §24); closes the day.</summary>
    ProclaimedHoliday,

    /// <summary>An emergency or weather closure (whole agency, or one agency/site); closes the day.</summary>
    Closure,

    /// <summary>A correction: a computed holiday on which the calendar is in fact open.</summary>
    OpenCorrection,
}
