using Microsoft.Extensions.Logging;

namespace Serverless.Durable.Orchestration;

/// <summary>
/// What orchestrator code may use. Everything here is replay-safe: the same history always yields the same answers,
/// so orchestrators must take time, ids and outside data only from this context.
/// </summary>
public abstract class TaskOrchestrationContext
{
    public abstract TaskName Name { get; }

    public abstract string InstanceId { get; }

    /// <summary>The parent when this instance runs as a sub-orchestration, otherwise null.</summary>
    public abstract ParentOrchestrationInstance? Parent { get; }

    /// <summary>True while the code re-executes steps already recorded in the history.</summary>
    public abstract bool IsReplaying { get; }

    /// <summary>The timestamp of the current episode (the latest OrchestratorStarted event), in UTC.</summary>
    public abstract DateTime CurrentUtcDateTime { get; }

    public abstract T? GetInput<T>();

    /// <summary>A name-based (version 5) UUID from the instance id, the current time and a counter.</summary>
    public abstract Guid NewGuid();

    public abstract Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null);

    public Task CallActivityAsync(TaskName name, object? input = null, TaskOptions? options = null) =>
        CallActivityAsync<object>(name, input, options);

    public abstract Task<TResult> CallSubOrchestratorAsync<TResult>(
        TaskName orchestratorName, object? input = null, TaskOptions? options = null);

    public Task CallSubOrchestratorAsync(TaskName orchestratorName, object? input = null, TaskOptions? options = null) =>
        CallSubOrchestratorAsync<object>(orchestratorName, input, options);

    public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    public Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken) =>
        CreateTimer(CurrentUtcDateTime.Add(delay), cancellationToken);

    /// <summary>Waits for an event raised to this instance; names compare case-insensitively, early events are buffered.</summary>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);

    /// <summary>Like <see cref="WaitForExternalEvent{T}(string, CancellationToken)"/> but throws
    /// <see cref="TaskCanceledException"/> when the durable timeout timer fires first.</summary>
    public Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout) =>
        WaitForExternalEvent<T>(eventName, timeout, CancellationToken.None);

    public async Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timerCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var eventCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timeoutTask = CreateTimer(timeout, timerCancellation.Token);
        var eventTask = WaitForExternalEvent<T>(eventName, eventCancellation.Token);
        var winner = await Task.WhenAny(timeoutTask, eventTask);
        if (winner == eventTask)
        {
            timerCancellation.Cancel();
        }
        else
        {
            eventCancellation.Cancel();
        }

        return await eventTask;
    }

    /// <summary>Raises an event on another instance (fire and forget).</summary>
    public abstract void SendEvent(string instanceId, string eventName, object? payload);

    /// <summary>Sets the status readable through the management API; its JSON may not exceed 16 KB.</summary>
    public abstract void SetCustomStatus(object? customStatus);

    /// <summary>Restarts the instance with new input once the orchestrator returns; unconsumed events carry over when
    /// <paramref name="preserveUnprocessedEvents"/> is true.</summary>
    public abstract void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true);

    public ILogger CreateReplaySafeLogger(string categoryName) =>
        new ReplaySafeLogger(this, LoggerFactory.CreateLogger(categoryName));

    public ILogger CreateReplaySafeLogger<T>() => CreateReplaySafeLogger(typeof(T).FullName ?? typeof(T).Name);

    public ILogger CreateReplaySafeLogger(ILogger logger) => new ReplaySafeLogger(this, logger);

    protected abstract ILoggerFactory LoggerFactory { get; }
}

/// <summary>The parent orchestration of a sub-orchestration.</summary>
public sealed record ParentOrchestrationInstance(TaskName Name, string InstanceId, int TaskScheduledId);
