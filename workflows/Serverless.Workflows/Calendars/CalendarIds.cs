namespace Serverless.Workflows.Calendars;

/// <summary>The calendars statutes.md §1 defines; a rule names one of these.</summary>
public static class CalendarIds
{
    /// <summary>NY General Construction Law §24 public holidays plus Saturdays and Sundays; used for GCL §25-a roll-forward.</summary>
    public const string NyStatutory = "ny-statutory";

    /// <summary>Days NYC agency offices are closed (DCAS PSB 440-2R observed holidays, weekends, emergency closures).</summary>
    public const string NycAgency = "nyc-agency";

    public static IReadOnlyList<string> All { get; } = [NyStatutory, NycAgency];

    public static bool IsKnown(string id) => All.Contains(id, StringComparer.Ordinal);
}
