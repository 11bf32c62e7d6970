using NodaTime;

namespace Serverless.Workflows.Cases;

/// <summary>Who a client is. Stored only in the protected identity table, never on cases, events, logs or statuses.</summary>
public sealed record ClientIdentity(string Name, LocalDate? DateOfBirth, string? Address);
