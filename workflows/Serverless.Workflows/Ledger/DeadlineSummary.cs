using NodaTime;

namespace Serverless.Workflows.Ledger;

/// <summary>A due-index row: enough to list and triage; load the record for the full explanation.</summary>
public sealed record DeadlineSummary(
    DeadlineKey Key,
    string? CaseId,
    string RuleId,
    DeadlineStatus Status,
    LocalDate AnchorDate,
    LocalDate LegalDueDate,
    Instant LegalDueAt,
    LocalDate TargetDate,
    IReadOnlyList<string> Calendars);
