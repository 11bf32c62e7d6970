using Serverless.Durable.Orchestration;

namespace Serverless.Durable.Activities;

/// <summary>What an activity knows about the call that started it.</summary>
public class TaskActivityContext(TaskName name, string instanceId, int? taskId, CancellationToken cancellationToken = default)
{
    public TaskName Name { get; } = name;

    public string InstanceId { get; } = instanceId;

    /// <summary>The scheduling orchestration's taskScheduledId, when the host passes it.</summary>
    public int? TaskId { get; } = taskId;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>
    /// Stable across redeliveries of the same call: instance id + task id. Side effects (notices, SMS) must be
    /// deduplicated on it, since delivery is at least once.
    /// </summary>
    public string IdempotencyKey => TaskId is { } id
        ? $"{InstanceId}:{id}"
        : throw new InvalidOperationException(
            $"Activity '{Name}' of instance '{InstanceId}' was invoked without a taskScheduledId, so it has no idempotency key.");
}
