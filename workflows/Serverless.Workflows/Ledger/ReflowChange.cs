using NodaTime;

namespace Serverless.Workflows.Ledger;

/// <summary>One deadline re-computed after a calendar change.</summary>
public sealed record ReflowChange(DeadlineKey Key, string RuleId, LocalDate OldDue, LocalDate NewDue, LocalDate OldTarget, LocalDate NewTarget);
