using NodaTime;

namespace Serverless.Workflows.Hasa;

/// <summary>
/// The §21-128(c)(1) receipt (N-1): date, what was received, and for every benefit of the case whether its
/// application is complete, and if not what is missing. The number is stable: a retried submission gets the same one.
/// </summary>
public sealed record HasaReceipt(
    string ReceiptNumber,
    string CaseId,
    LocalDate Date,
    Instant IssuedAt,
    string Channel,
    IReadOnlyList<string> ItemsReceived,
    IReadOnlyList<ReceiptBenefitLine> Benefits);

public sealed record ReceiptBenefitLine(string ApplicationId, string Benefit, bool Complete, IReadOnlyList<string> MissingItems);
