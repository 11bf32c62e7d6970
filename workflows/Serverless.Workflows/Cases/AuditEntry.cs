using NodaTime;

namespace Serverless.Workflows.Cases;

/// <summary>One read or write of a case record: who, when, which record, what for (C-1: every read is audited).</summary>
public sealed record AuditEntry(string Who, Instant When, string Record, string Action, string Purpose, string? Outcome = null);
