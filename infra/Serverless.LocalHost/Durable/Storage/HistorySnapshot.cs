using Azure;
using Serverless.Durable.Protocol;

namespace Serverless.LocalHost.Durable.Storage;

/// <summary>One committed history event of the current execution, with the message that brought it (if any).</summary>
public sealed record StoredEvent(long Sequence, HistoryEvent Event, string? MessageId);

/// <summary>
/// The committed history of an instance as read from <c>{hub}History</c>: the events of its current execution and the
/// sentinel row whose ETag guards the next checkpoint. Rows past the sentinel's sequence were never committed.
/// </summary>
public sealed record HistorySnapshot
{
    public required string InstanceId { get; init; }
    public ETag? SentinelETag { get; init; }
    public long LastSequence { get; init; }
    public long ExecutionStart { get; init; } = 1;
    public string? ExecutionId { get; init; }
    public string RuntimeStatus { get; init; } = RuntimeStatuses.Pending;
    public string? Output { get; init; }
    public string? CustomStatus { get; init; }
    public DateTimeOffset? UpdatedTime { get; init; }
    public IReadOnlyList<StoredEvent> Events { get; init; } = [];
    public IReadOnlySet<string> MessageIds { get; init; } = new HashSet<string>();

    public bool Exists => SentinelETag is not null;
}

/// <summary>What one checkpoint writes: the new events and the sentinel's new summary of the instance.</summary>
public sealed record HistoryCheckpoint(
    IReadOnlyList<(HistoryEvent Event, string? MessageId)> NewEvents,
    string ExecutionId,
    bool StartsNewExecution,
    string RuntimeStatus,
    string? Output,
    string? CustomStatus,
    DateTimeOffset UpdatedTime);
