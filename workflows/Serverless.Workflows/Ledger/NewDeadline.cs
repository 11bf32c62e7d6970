using NodaTime;
using Serverless.Workflows.Calendars;

namespace Serverless.Workflows.Ledger;

/// <summary>A request to open a deadline for a case under a rule, from the events that happened; <c>CreatedAt</c> defaults to the ledger's clock.</summary>
public sealed record NewDeadline(
    string CaseId,
    string Office,
    string RuleId,
    IReadOnlyDictionary<string, Instant> Events,
    string CreatedBy,
    CalendarScope? Scope = null,
    string? DeadlineId = null,
    Instant? CreatedAt = null);
