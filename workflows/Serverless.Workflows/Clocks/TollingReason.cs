namespace Serverless.Workflows.Clocks;

/// <summary>A reason a rule's clock may be paused, with the legal basis shown on the deadline.</summary>
public sealed record TollingReason(string Code, string LegalBasis);
