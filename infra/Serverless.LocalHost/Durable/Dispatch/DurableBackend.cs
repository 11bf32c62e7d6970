using Microsoft.Extensions.Logging;
using Serverless.Durable.Testing;
using Serverless.LocalHost.Durable.Storage;
using Serverless.LocalHost.FunctionsHost.Handler;

namespace Serverless.LocalHost.Durable.Dispatch;

/// <summary>
/// The durable backend of one host process: takes a share of the control partitions through leases, runs each owned
/// partition's loop (due timers, then control messages, one episode per instance at a time) and one activity loop on the
/// shared work-item queue. Loops sleep until local work is signalled, their next timer is due on the host's clock, or
/// an idle poll (backing off to <see cref="DurableBackendOptions.MaxIdlePoll"/>) looks for work other processes sent.
/// </summary>
public sealed class DurableBackend : IAsyncDisposable
{
    private const int ControlBatch = 32;
    private static readonly TimeSpan MinPoll = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LongestClockWait = TimeSpan.FromDays(30);
    private static readonly TimeSpan AloneAfter = TimeSpan.FromSeconds(2);
    private readonly DurableBackendOptions _options;
    private readonly TaskHubStore _store;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly WorkSignal[] _partitionSignals;
    private readonly TimerSchedule[] _timers;
    private readonly WorkSignal _activitySignal = new();
    private readonly Dictionary<int, (CancellationTokenSource Stop, Task Loop)> _partitions = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly OrchestrationWorker _orchestrations;
    private readonly ActivityWorker _activities;
    private readonly PartitionLeases _leases;
    private readonly List<Task> _loops = [];
    private int _activitiesInFlight;

    public DurableBackend(TaskHubStore store, DurableFunctions functions, FunctionInvoker invoker, TimeProvider clock, DurableBackendOptions options, ILoggerFactory loggers)
    {
        _store = store;
        _clock = clock;
        _options = options;
        _logger = loggers.CreateLogger("Host.Durable");
        _partitionSignals = Enumerable.Range(0, store.Names.PartitionCount).Select(_ => new WorkSignal()).ToArray();
        _timers = Enumerable.Range(0, store.Names.PartitionCount).Select(_ => new TimerSchedule()).ToArray();
        _orchestrations = new OrchestrationWorker(store, functions, invoker, clock, SignalInstance, () => _activitySignal.Set(), (p, delay) => _partitionSignals[p].WakeAfter(delay), _logger);
        _activities = new ActivityWorker(store, functions, invoker, clock, SignalInstance, _activitySignal.WakeAfter, _logger);
        _leases = new PartitionLeases(store.PartitionsTable, store.Names.PartitionCount, options.LeaseDuration, $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}"[..^24], _logger);
        _leases.Acquired += StartPartition;
        _leases.Lost += StopPartition;
        _leases.OthersAppeared += () =>
        {
            foreach (var signal in _partitionSignals.Append(_activitySignal))
            {
                signal.Set();
            }
        };
        store.TimerCreated += (partition, fireAt) =>
        {
            _timers[partition].Added(fireAt);
            _partitionSignals[partition].Set();
        };
    }

    public ActivityExecutionLog ActivityExecutions => _activities.Executions;

    public IReadOnlyCollection<int> OwnedPartitions
    {
        get
        {
            lock (_partitions)
            {
                return [.. _partitions.Keys];
            }
        }
    }

    public void Start()
    {
        // Work items another process had received when it stopped come back after the visibility timeout.
        _activitySignal.WakeAfter(_options.MessageVisibility);
        _loops.Add(Task.Run(() => _leases.RunAsync(_stopping.Token)));
        _loops.Add(Task.Run(() => RunActivitiesAsync(_stopping.Token)));
    }

    /// <summary>Wakes the partition that holds <paramref name="instanceId"/> (it has a new control message).</summary>
    public void SignalInstance(string instanceId) => _partitionSignals[_store.Names.PartitionOf(instanceId)].Set();

    /// <summary>Completes when every loop has caught up with every wake-up and no activity is running (bounded).</summary>
    public async Task WaitIdleAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromMinutes(2);
        int quietRounds = 0;
        while (DateTimeOffset.UtcNow < deadline && quietRounds < 2)
        {
            bool idle = Volatile.Read(ref _activitiesInFlight) == 0 && _activitySignal.IsIdle && OwnedPartitions.All(p => _partitionSignals[p].IsIdle);
            quietRounds = idle ? quietRounds + 1 : 0;
            if (quietRounds < 2)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(idle ? 3 : 10), cancellationToken);
            }
        }
    }

    private void StartPartition(int partition)
    {
        lock (_partitions)
        {
            var stop = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            _timers[partition].Forget();
            _orchestrations.ForgetCachedHistories();
            // Messages a previous owner had received come back when their visibility runs out.
            _partitionSignals[partition].WakeAfter(_options.MessageVisibility);
            _partitions[partition] = (stop, Task.Run(() => RunPartitionAsync(partition, stop.Token)));
        }
        _logger.LogInformation("Partition {Partition} acquired", partition);
    }

    private void StopPartition(int partition)
    {
        lock (_partitions)
        {
            if (_partitions.Remove(partition, out var running))
            {
                _orchestrations.ForgetCachedHistories();
                running.Stop.Cancel();
                _loops.Add(running.Loop);
            }
        }
    }

    private async Task RunPartitionAsync(int partition, CancellationToken stop)
    {
        var signal = _partitionSignals[partition];
        var idle = MinPoll;
        int lastReceived = 0;
        while (!stop.IsCancellationRequested)
        {
            long version = signal.Version;
            bool worked = false;
            try
            {
                // Due timers become messages only while the control queue keeps up. Behind a backlog they would only wait,
                // and a long queue is what storage handles worst: 10,000 timers due at one instant turned into 10,000
                // queued messages at once, and Azurite's cost per queue operation grows with the queue's length.
                if (lastReceived < ControlBatch)
                {
                    worked |= await FireDueTimersAsync(partition, stop);
                }
                var messages = await _store.Queues.ReceiveControlAsync(partition, ControlBatch, _options.MessageVisibility, stop);
                lastReceived = messages.Count;
                if (messages.Count > 0)
                {
                    signal.MarkBusy();
                    worked = true;
                    using var slots = new SemaphoreSlim(_options.MaxConcurrentOrchestrations);
                    await Task.WhenAll(messages.GroupBy(m => m.Message.InstanceId).Select(async group =>
                    {
                        await slots.WaitAsync(stop);
                        try
                        {
                            await _orchestrations.ProcessAsync(partition, group.Key, [.. group], stop);
                        }
                        catch (Exception ex) when (ex is not OperationCanceledException)
                        {
                            _logger.LogError(ex, "Episode of {InstanceId} failed; its messages come back after the visibility timeout", group.Key);
                            signal.WakeAfter(_options.MessageVisibility);
                        }
                        finally
                        {
                            slots.Release();
                        }
                    }));
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Storage time-outs surface as cancellations or aggregates; a partition loop must outlive them all.
                _logger.LogWarning("Partition {Partition} could not reach storage: {Error}", partition, ex.Message);
                signal.WakeAfter(_options.MessageVisibility);
                await Sleep(TimeSpan.FromSeconds(1), stop);
                continue;
            }
            if (worked)
            {
                idle = MinPoll;
                continue;
            }
            await WaitForWorkAsync(partition, signal, version, idle, stop);
            idle = NextIdle(idle);
        }
    }

    private async Task WaitForWorkAsync(int partition, WorkSignal signal, long version, TimeSpan idle, CancellationToken stop)
    {
        ITimer? wake = null;
        if (_timers[partition].Next is { } due)
        {
            var wait = due - _clock.GetUtcNow();
            wake = _clock.CreateTimer(_ => signal.Set(), null, wait < TimeSpan.Zero ? TimeSpan.Zero : wait > LongestClockWait ? LongestClockWait : wait, Timeout.InfiniteTimeSpan);
        }
        try
        {
            await signal.WaitAsync(version, idle, stop);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            wake?.Dispose();
        }
    }

    /// <summary>Turns due timer rows into TimerFired messages; the row goes only after the message is sent.</summary>
    private async Task<bool> FireDueTimersAsync(int partition, CancellationToken stop)
    {
        var schedule = _timers[partition];
        var now = _clock.GetUtcNow();
        if (!schedule.MustRead(now))
        {
            return false;
        }
        schedule.BeginRead();
        var (due, next) = await _store.Timers.ReadDueAsync(partition, now, ControlBatch, stop);
        foreach (var timer in due)
        {
            var fired = HistoryEvents.TimerFired(now.UtcDateTime, timer.TimerId, timer.FireAt.UtcDateTime);
            await _store.Queues.SendControlAsync(new ControlMessage($"{timer.InstanceId}:{timer.ExecutionId}:{timer.TimerId}:fired", timer.InstanceId, timer.ExecutionId, [EventCodec.Encode(fired)]), stop);
            await _store.Timers.DeleteAsync(timer, stop);
        }
        schedule.EndRead(due.Count == ControlBatch ? now : next);
        return due.Count > 0;
    }

    private async Task RunActivitiesAsync(CancellationToken stop)
    {
        var idle = MinPoll;
        using var slots = new SemaphoreSlim(_options.MaxConcurrentActivities);
        while (!stop.IsCancellationRequested)
        {
            long version = _activitySignal.Version;
            try
            {
                await slots.WaitAsync(stop);
                int free = slots.CurrentCount + 1;
                var items = await _store.Queues.ReceiveWorkItemsAsync(Math.Min(32, free), _options.MessageVisibility, stop);
                if (items.Count == 0)
                {
                    slots.Release();
                    await _activitySignal.WaitAsync(version, idle, stop);
                    idle = NextIdle(idle);
                    continue;
                }
                _activitySignal.MarkBusy();
                idle = MinPoll;
                for (int i = 1; i < items.Count; i++)
                {
                    await slots.WaitAsync(stop);
                }
                foreach (var item in items)
                {
                    Interlocked.Increment(ref _activitiesInFlight);
                    _ = Task.Run(async () =>
                    {
                        try
                        {
                            await _activities.ProcessAsync(item, stop);
                        }
                        catch (Exception ex) when (ex is not OperationCanceledException)
                        {
                            _logger.LogError(ex, "Activity {Name} of {InstanceId} failed in the backend; it comes back after the visibility timeout", item.Message.Name, item.Message.InstanceId);
                            _activitySignal.WakeAfter(_options.MessageVisibility);
                        }
                        finally
                        {
                            Interlocked.Decrement(ref _activitiesInFlight);
                            slots.Release();
                        }
                    }, CancellationToken.None);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                slots.Release();
                _logger.LogWarning("Activity dispatch could not reach storage: {Error}", ex.Message);
                _activitySignal.WakeAfter(_options.MessageVisibility);
                await Sleep(TimeSpan.FromSeconds(1), stop);
            }
        }
    }

    // Back off while idle; alone on the hub, every new piece of work is signalled locally, so polling can wait long.
    private TimeSpan NextIdle(TimeSpan idle)
    {
        var doubled = TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, _options.MaxIdlePoll.Ticks));
        return _leases.Alone && doubled >= AloneAfter ? _options.MaxIdlePollAlone : doubled;
    }

    private static async Task Sleep(TimeSpan delay, CancellationToken stop)
    {
        try
        {
            await Task.Delay(delay, stop);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        List<Task> all;
        lock (_partitions)
        {
            all = [.. _loops, .. _partitions.Values.Select(p => p.Loop)];
        }
        try
        {
            await Task.WhenAll(all).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
        {
        }
        // Activities still running are abandoned; their messages come back after the visibility timeout.
        _stopping.Dispose();
    }
}
