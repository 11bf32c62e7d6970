using System.Text;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Serverless.Workflows.Calendars;
using Serverless.Workflows.Clocks;

namespace Serverless.Workflows.Ledger;

/// <summary>Answers "why is this due on that day" from a ledger row alone: one plain sentence, or JSON.</summary>
public static class DeadlineExplainer
{
    private static readonly ZonedDateTimePattern When =
        ZonedDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd HH':'mm':'ss x", DateTimeZoneProviders.Tzdb);

    public static string Sentence(DeadlineRecord r)
    {
        var text = new StringBuilder();
        var verb = r.Kind == DeadlineKind.NotBefore ? "Not before the end of" : "Due by";
        text.Append(r.Kind == DeadlineKind.NotBefore
            ? $"{verb} {Day(r.LegalDueDate)} ({Time(r.LegalDueAt)})"
            : $"{verb} {Time(r.LegalDueAt)}, {r.LegalDueDate.DayOfWeek}");
        text.Append($", under {r.RuleId} ({r.Citation}): ");
        text.Append($"{ClockText.Describe(r.Unit, r.Amount, r.Calendar)}{(r.MonthEnd ? " to the end of that month" : "")}");
        text.Append($" from {r.AnchorEvent} on {Day(NewYorkTime.DateOf(r.AnchorAt))}");
        if (r.AnchorOffsetDays > 0)
        {
            text.Append($" + {r.AnchorOffsetDays} days = {Day(r.AnchorDate)}");
        }
        text.Append(Combination(r));
        text.Append(r.Unit == ClockUnit.Hours ? " (elapsed time, DST-correct)" : "; the trigger day is not counted (GCL §20)");
        if (r.SkippedDays.Count > 0)
        {
            text.Append($"; not counted: {Days(r.SkippedDays)}");
        }
        text.Append($"; the count ends {Day(r.CountedEndDate)}");
        text.Append(r.Roll switch
        {
            RollPolicy.Forward when r.RolledOver.Count > 0 =>
                $", which is not a business day ({Days(r.RolledOver)}), so GCL §25-a extends it to {Day(r.LegalDueDate)}",
            RollPolicy.Forward => ", a business day, so GCL §25-a does not extend it",
            RollPolicy.TargetBackward when r.TargetDate != r.LegalDueDate =>
                $"; the legal due stays, and staff target {Day(r.TargetDate)}, the last nyc-agency open day on or before it ({Days(r.RolledOver)} closed)",
            RollPolicy.TargetBackward => "; it is a nyc-agency open day, so the staff target is the same day",
            _ => "",
        });
        if (r.Tolling.Count > 0)
        {
            text.Append($"; clock paused {string.Join(", ", r.Tolling.Select(Pause))}, moving the due from {Day(r.UntolledDueDate)}");
        }
        text.Append('.');
        if (r.WarningAt is { } warning && r.WarningFraction is { } fraction)
        {
            text.Append($" Warning at {Time(warning)} ({(int)Math.Round(fraction * 100)}% of the clock).");
        }
        text.Append($" Status: {r.Status.ToString().ToLowerInvariant()}");
        if (r.ClosedBy is not null)
        {
            text.Append($" (by {r.ClosedBy}: {r.CloseReason})");
        }
        text.Append($". Calendars: {(r.CalendarVersions.Count == 0 ? "none (calendar days)" : string.Join(", ", r.CalendarVersions.Values))}.");
        return text.ToString();
    }

    public static string Json(DeadlineRecord r, bool indented = true)
    {
        var node = JsonSerializer.SerializeToNode(r with { ETag = null }, LedgerJson.Options)!.AsObject();
        node["explanation"] = Sentence(r);
        return node.ToJsonString(indented ? LedgerJson.Indented : LedgerJson.Options);
    }

    private static string Combination(DeadlineRecord r) => r.Combine switch
    {
        TriggerCombination.Earliest => $" (whichever is sooner of {string.Join(", ", r.TriggerEvents)}; the later event never moves it)",
        TriggerCombination.Latest => $" (whichever is later of {string.Join(", ", r.TriggerEvents)})",
        TriggerCombination.FirstAvailable => $" (first that happened of {string.Join(", ", r.TriggerEvents)})",
        _ => "",
    };

    private static string Pause(TollingPeriod p) =>
        $"{Time(p.PausedAt)} to {(p.ResumedAt is { } r ? Time(r) : "now (still paused)")} for {p.ReasonCode} ({p.LegalBasis})";

    private static string Days(IEnumerable<Holiday> days) => string.Join(", ", days.Select(d => $"{Day(d.Date)} {d.Name}"));

    private static string Day(LocalDate date) => LocalDatePattern.Iso.Format(date);

    private static string Time(Instant instant) => When.Format(NewYorkTime.InZone(instant));
}
