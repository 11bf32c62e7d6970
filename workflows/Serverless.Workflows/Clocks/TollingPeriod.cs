using NodaTime;

namespace Serverless.Workflows.Clocks;

/// <summary>A pause of a clock with its reason and legal basis; an open pause has no resume time yet.</summary>
public sealed record TollingPeriod(Instant PausedAt, Instant? ResumedAt, string ReasonCode, string LegalBasis);
