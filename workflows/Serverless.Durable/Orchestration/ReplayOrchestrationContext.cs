using System.Globalization;
using System.Text;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging;
using Serverless.Durable.Protocol;

namespace Serverless.Durable.Orchestration;

/// <summary>
/// The context handed to orchestrator code during one episode. Each call that schedules work gets the next sequence
/// number as its action id; the executor then checks those ids against the history and resolves the awaited tasks.
/// </summary>
internal sealed class ReplayOrchestrationContext(string instanceId, DataConverter converter, ILoggerFactory loggerFactory)
    : TaskOrchestrationContext
{
    public const int MaxCustomStatusBytes = 16 * 1024;

    private readonly SortedDictionary<int, OrchestratorAction> _pendingActions = [];
    private readonly Dictionary<int, OpenTask> _openTasks = [];
    private readonly Dictionary<int, TaskCompletionSource> _openTimers = [];
    private readonly ExternalEventBuffer _events = new();
    private TaskName _name;
    private ParentOrchestrationInstance? _parent;
    private string? _rawInput;
    private int _nextSequenceNumber;
    private int _guidCounter;

    public override TaskName Name => _name;

    public override string InstanceId { get; } = instanceId;

    public override ParentOrchestrationInstance? Parent => _parent;

    public override bool IsReplaying => Replaying;

    public override DateTime CurrentUtcDateTime => CurrentTime;

    internal bool Replaying { get; set; }

    internal DateTime CurrentTime { get; set; }

    internal string? RawInput => _rawInput;

    internal string? CustomStatusJson { get; private set; }

    internal (string? InputJson, bool PreserveEvents)? ContinuedAsNew { get; private set; }

    internal int NextSequenceNumber => _nextSequenceNumber;

    internal IEnumerable<OrchestratorAction> PendingActions => _pendingActions.Values;

    internal IReadOnlyList<HistoryEvent> UnconsumedEvents => _events.Unconsumed;

    protected override ILoggerFactory LoggerFactory => loggerFactory;

    internal void Start(ExecutionStartedEvent started)
    {
        _name = new TaskName(started.Name, started.Version);
        _rawInput = started.Input;
        if (started.ParentInstance is { } parent)
        {
            _parent = new ParentOrchestrationInstance(
                new TaskName(parent.Name ?? string.Empty, parent.Version),
                parent.OrchestrationInstance?.InstanceId ?? string.Empty,
                parent.TaskScheduledId);
        }
    }

    /// <summary>Checks that the code produced the action a history event records, and marks it as already sent.</summary>
    internal void ConfirmAction(HistoryEvent recorded)
    {
        if (!_pendingActions.Remove(recorded.EventId, out var action))
        {
            throw new NonDeterministicOrchestrationException(
                recorded.EventId, ActionDescriptions.DescribeExpected(recorded), $"no action with id {recorded.EventId}");
        }

        if (!ActionDescriptions.Matches(action, recorded))
        {
            throw new NonDeterministicOrchestrationException(
                recorded.EventId, ActionDescriptions.DescribeExpected(recorded), ActionDescriptions.Describe(action));
        }
    }

    internal void CompleteTask(int taskScheduledId, string? resultJson)
    {
        if (_openTasks.Remove(taskScheduledId, out var open))
        {
            open.Completion.TrySetResult(resultJson);
        }
    }

    internal void FailTask(int taskScheduledId, TaskFailureDetails failure)
    {
        if (_openTasks.Remove(taskScheduledId, out var open))
        {
            open.Completion.TrySetException(new TaskFailedException(open.Name, taskScheduledId, failure));
        }
    }

    internal void FireTimer(int timerId)
    {
        if (_openTimers.Remove(timerId, out var timer))
        {
            timer.TrySetResult();
        }
    }

    internal void RaiseEvent(HistoryEvent raised) => _events.Deliver(raised);

    public override T? GetInput<T>() where T : default => converter.Deserialize<T>(_rawInput);

    public override Guid NewGuid()
    {
        string name = string.Concat(
            InstanceId, "_", CurrentUtcDateTime.ToString("o", CultureInfo.InvariantCulture), "_",
            _guidCounter++.ToString(CultureInfo.InvariantCulture));
        return NameBasedGuid.Create(NameBasedGuid.DurableTaskNamespace, name);
    }

    public override async Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null)
    {
        string? inputJson = converter.Serialize(input);
        string? resultJson = await WithRetry(() => ScheduleTask(name, inputJson), options?.Retry?.Policy);
        return converter.Deserialize<TResult>(resultJson)!;
    }

    public override async Task<TResult> CallSubOrchestratorAsync<TResult>(
        TaskName orchestratorName, object? input = null, TaskOptions? options = null)
    {
        string? inputJson = converter.Serialize(input);
        string instanceId = (options as SubOrchestrationOptions)?.InstanceId ?? NewGuid().ToString("N");
        string? resultJson = await WithRetry(
            () => CreateSubOrchestration(orchestratorName, instanceId, inputJson), options?.Retry?.Policy);
        return converter.Deserialize<TResult>(resultJson)!;
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        int id = _nextSequenceNumber++;
        _pendingActions.Add(id, new OrchestratorAction
        {
            Id = id,
            CreateTimer = new CreateTimerAction { FireAt = Timestamp.FromDateTime(AsUtc(fireAt)) },
        });
        var timer = new TaskCompletionSource();
        _openTimers.Add(id, timer);
        if (cancellationToken.CanBeCanceled)
        {
            // The timer action stays scheduled (it may already be in the history); only the awaiting task ends.
            cancellationToken.Register(() =>
            {
                if (_openTimers.Remove(id))
                {
                    timer.TrySetCanceled(cancellationToken);
                }
            });
        }

        return timer.Task;
    }

    public override async Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        string? payload = await _events.Wait(eventName, cancellationToken);
        return converter.Deserialize<T>(payload)!;
    }

    public override void SendEvent(string instanceId, string eventName, object? payload)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        int id = _nextSequenceNumber++;
        _pendingActions.Add(id, new OrchestratorAction
        {
            Id = id,
            SendEvent = new SendEventAction
            {
                Instance = new OrchestrationInstance { InstanceId = instanceId },
                Name = eventName,
                Data = converter.Serialize(payload),
            },
        });
    }

    public override void SetCustomStatus(object? customStatus)
    {
        string? json = converter.Serialize(customStatus);
        if (json is not null && Encoding.UTF8.GetByteCount(json) > MaxCustomStatusBytes)
        {
            throw new ArgumentException(
                $"The custom status is {Encoding.UTF8.GetByteCount(json)} bytes of JSON; the limit is {MaxCustomStatusBytes} bytes.",
                nameof(customStatus));
        }

        CustomStatusJson = json;
    }

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) =>
        ContinuedAsNew = (converter.Serialize(newInput), preserveUnprocessedEvents);

    private Task<string?> ScheduleTask(TaskName name, string? inputJson)
    {
        int id = _nextSequenceNumber++;
        _pendingActions.Add(id, new OrchestratorAction
        {
            Id = id,
            ScheduleTask = new ScheduleTaskAction { Name = name.Name, Version = name.Version, Input = inputJson },
        });
        return Open(id, name.Name);
    }

    private Task<string?> CreateSubOrchestration(TaskName name, string instanceId, string? inputJson)
    {
        int id = _nextSequenceNumber++;
        _pendingActions.Add(id, new OrchestratorAction
        {
            Id = id,
            CreateSubOrchestration = new CreateSubOrchestrationAction
            {
                InstanceId = instanceId,
                Name = name.Name,
                Version = name.Version,
                Input = inputJson,
            },
        });
        return Open(id, name.Name);
    }

    private Task<string?> Open(int id, string name)
    {
        var completion = new TaskCompletionSource<string?>();
        _openTasks.Add(id, new OpenTask(name, completion));
        return completion.Task;
    }

    private async Task<string?> WithRetry(Func<Task<string?>> attempt, RetryPolicy? policy)
    {
        if (policy is null)
        {
            return await attempt();
        }

        DateTime firstAttemptAt = CurrentUtcDateTime;
        for (int attemptNumber = 1; ; attemptNumber++)
        {
            try
            {
                return await attempt();
            }
            catch (TaskFailedException failed)
            {
                var delay = policy.NextDelay(attemptNumber, firstAttemptAt, CurrentUtcDateTime, failed.FailureDetails);
                if (delay is null)
                {
                    throw;
                }

                await CreateTimer(delay.Value, CancellationToken.None);
            }
        }
    }

    private static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };

    private sealed record OpenTask(string Name, TaskCompletionSource<string?> Completion);
}
