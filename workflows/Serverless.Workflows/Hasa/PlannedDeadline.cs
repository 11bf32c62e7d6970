using NodaTime;
using Serverless.Workflows.Clocks;
using Serverless.Workflows.Ledger;

namespace Serverless.Workflows.Hasa;

/// <summary>
/// A deadline as the case's log says it should stand at a moment: its trigger events, pauses and status.
/// <see cref="Scope"/> names the workflow that watches it: housing, termination or application:{id}.
/// </summary>
public sealed record PlannedDeadline(
    string DeadlineId,
    string Scope,
    ComputedDeadline Computed,
    DeadlineStatus Status,
    LocalDate? ClosedOn,
    string? CloseReason,
    bool MetLate,
    string? Note = null)
{
    public string RuleId => Computed.Rule.Id;
}

/// <summary>Where one workflow of a case stands: what it waits for, what is due next, when to look again.</summary>
public sealed record ScopeStatus(string Step, LocalDate? NextDue, string? NextRule, Instant? NextCheckAt, bool Ended, int Referrals);
