using NodaTime;

namespace Serverless.Workflows.Ledger;

/// <summary>One change to a deadline row: a status change, a pause/resume, or a re-flow after a calendar change.</summary>
public sealed record LedgerHistoryEntry(
    Instant At,
    string Kind,
    string By,
    string Reason,
    DeadlineStatus? FromStatus = null,
    DeadlineStatus? ToStatus = null,
    LocalDate? OldDue = null,
    LocalDate? NewDue = null,
    LocalDate? OldTarget = null,
    LocalDate? NewTarget = null,
    IReadOnlyDictionary<string, string>? OldCalendarVersions = null,
    IReadOnlyDictionary<string, string>? NewCalendarVersions = null);
