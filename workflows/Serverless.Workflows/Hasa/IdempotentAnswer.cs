namespace Serverless.Workflows.Hasa;

/// <summary>What a request with an Idempotency-Key was answered; a retry with the same key and body gets it again.</summary>
public sealed record IdempotentAnswer(string RequestHash, int? StatusCode, string? Body, long? Sequence, string? ReceiptNumber);
