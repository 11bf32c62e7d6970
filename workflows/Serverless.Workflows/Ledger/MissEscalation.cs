using NodaTime;

namespace Serverless.Workflows.Ledger;

/// <summary>
/// statutes.md §2 default policy: a miss is escalated to the supervisor. The first time a row becomes missed it is
/// addressed to the supervisors of its office (who see it in their office's list) and the row's history says so;
/// the duty itself stays open until met or mooted.
/// </summary>
public static class MissEscalation
{
    public const string Kind = "escalation";

    public static string SupervisorsOf(string? office) => office is null ? "supervisors" : $"supervisors:{office}";

    public static DeadlineRecord Apply(DeadlineRecord before, DeadlineRecord after, Instant fallbackNow)
    {
        if (after.MissedAt is null || before.MissedAt is not null || after.EscalatedTo is not null)
        {
            return after;
        }
        var at = after.History.LastOrDefault(h => h.ToStatus == DeadlineStatus.Missed)?.At ?? fallbackNow;
        var to = SupervisorsOf(after.Office);
        return after with
        {
            EscalatedTo = to,
            EscalatedAt = at,
            History = [.. after.History, new LedgerHistoryEntry(at, Kind, "policy:miss-escalation",
                $"missed: escalated to the {(after.Office is null ? "" : after.Office + " ")}supervisors (statutes.md §2 default policy); the duty remains until met or mooted")],
        };
    }
}
