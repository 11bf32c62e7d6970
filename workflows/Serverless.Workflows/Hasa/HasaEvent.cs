using NodaTime;

namespace Serverless.Workflows.Hasa;

/// <summary>
/// One entry of a case's append-only log: <see cref="OccurredOn"/> is business time (when it happened),
/// <see cref="RecordedAt"/> when the system learned it. Clocks run on business time; what was known when runs on recorded time.
/// </summary>
public sealed record HasaEvent
{
    public required string CaseId { get; init; }
    public long Sequence { get; init; }
    public required HasaEventType Type { get; init; }
    public required LocalDate OccurredOn { get; init; }
    public required Instant RecordedAt { get; init; }
    public required string RecordedBy { get; init; }
    public string? OptionId { get; init; }
    public IReadOnlyList<string> NeedsConsidered { get; init; } = [];
    public string? Ground { get; init; }
    public string? Reason { get; init; }
    public string? TrackingNumber { get; init; }
    public string? ApplicationId { get; init; }
    public string? FacilityId { get; init; }
}
