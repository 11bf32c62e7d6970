namespace Serverless.LocalHost.Durable.Dispatch;

/// <summary>
/// Wakes a dispatch loop when new work is known to be waiting, and tells whether the loop has caught up with every
/// wake-up (the virtual clock waits for that before moving on).
/// </summary>
public sealed class WorkSignal
{
    private readonly object _gate = new();
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _version;
    private long _idleAt = -1;
    private readonly SortedSet<DateTimeOffset> _wakeTimes = [];

    /// <summary>Asks for a look at the queue after <paramref name="delay"/> (real time): a message released or left
    /// invisible becomes visible then, and no local signal will announce it.</summary>
    public void WakeAfter(TimeSpan delay)
    {
        lock (_gate)
        {
            _wakeTimes.Add(DateTimeOffset.UtcNow + delay);
        }
    }

    public void Set()
    {
        lock (_gate)
        {
            _version++;
            _next.TrySetResult();
        }
    }

    /// <summary>The version a loop iteration starts from; pass it to <see cref="WaitAsync"/> when that iteration found nothing.</summary>
    public long Version
    {
        get
        {
            lock (_gate)
            {
                return _version;
            }
        }
    }

    public bool IsIdle
    {
        get
        {
            lock (_gate)
            {
                return _idleAt == _version;
            }
        }
    }

    /// <summary>Waits for a signal after <paramref name="seenVersion"/>, or the timeout.</summary>
    public async Task WaitAsync(long seenVersion, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task signalled;
        lock (_gate)
        {
            if (_version != seenVersion)
            {
                return;
            }
            var now = DateTimeOffset.UtcNow;
            if (_wakeTimes.Count > 0 && _wakeTimes.Min <= now)
            {
                _wakeTimes.RemoveWhere(t => t <= now);
                return;
            }
            if (_wakeTimes.Count > 0 && _wakeTimes.Min - now < timeout)
            {
                timeout = _wakeTimes.Min - now;
            }
            _idleAt = seenVersion;
            if (_next.Task.IsCompleted)
            {
                _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            signalled = _next.Task;
        }
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAny(signalled, Task.Delay(timeout, cancel.Token));
        await cancel.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Marks the loop busy (it was woken by something other than <see cref="Set"/>, such as a poll).</summary>
    public void MarkBusy()
    {
        lock (_gate)
        {
            _idleAt = -1;
        }
    }
}
