namespace Serverless.LocalHost.Clock;

/// <summary>
/// A <see cref="TimeProvider"/> that stands still until <see cref="AdvanceAsync"/> moves it. Advancing fires every
/// timer due on the way one due time at a time, in time order, and waits for the host to go quiet after each step
/// so work a timer causes runs at that virtual instant. Coalesced waits (timer triggers) never make a step of their
/// own: they fire when a step or the end of the advance passes their due, once, like a host that slept through the
/// occurrences — so a 5-minute schedule does not turn a 90-day jump into 26,000 steps.
/// </summary>
public sealed class VirtualClock : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<VirtualTimer> _timers = [];
    private readonly SemaphoreSlim _advancing = new(1, 1);
    private readonly List<Func<CancellationToken, Task>> _quiescenceProbes = [];
    private DateTimeOffset _now;
    private long _sequence;

    public VirtualClock(DateTimeOffset start) => _now = start.ToUniversalTime();

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>The earliest pending timer, if any.</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count == 0 ? null : _timers.Min(t => t.Due);
            }
        }
    }

    /// <summary>Registers a wait that completes when a component has finished the work the last step released.</summary>
    public void AddQuiescenceProbe(Func<CancellationToken, Task> probe)
    {
        lock (_gate)
        {
            _quiescenceProbes.Add(probe);
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new VirtualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Waits until the clock reaches <c>now + delay</c>, without making that instant a step of an advance.</summary>
    public async Task DelayCoalescedAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var timer = new VirtualTimer(this, _ => reached.TrySetResult(), null) { Coalesced = true };
        await using var cancel = cancellationToken.Register(() =>
        {
            timer.Dispose();
            reached.TrySetCanceled(cancellationToken);
        });
        timer.Change(delay, Timeout.InfiniteTimeSpan);
        await reached.Task;
    }

    /// <summary>Moves the clock to <c>now + by</c>, firing due timers in order; returns the number of steps taken.</summary>
    public async Task<int> AdvanceAsync(TimeSpan by, CancellationToken cancellationToken)
    {
        if (by < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(by), "A clock only moves forward.");
        }
        await _advancing.WaitAsync(cancellationToken);
        try
        {
            var target = GetUtcNow() + by;
            int steps = 0;
            await WaitQuietAsync(cancellationToken);
            while (true)
            {
                List<VirtualTimer> due;
                lock (_gate)
                {
                    var next = _timers.Where(t => t.Due <= target && !t.Coalesced).OrderBy(t => t.Due).ThenBy(t => t.Sequence).FirstOrDefault();
                    _now = next is null ? target : next.Due > _now ? next.Due : _now;
                    due = _timers.Where(t => t.Due <= _now).OrderBy(t => t.Due).ThenBy(t => t.Sequence).ToList();
                    if (due.Count == 0)
                    {
                        break;
                    }
                    foreach (var timer in due)
                    {
                        timer.Disarm(_now);
                    }
                }
                foreach (var timer in due)
                {
                    timer.Fire();
                }
                steps++;
                await WaitQuietAsync(cancellationToken);
            }
            await WaitQuietAsync(cancellationToken);
            return steps;
        }
        finally
        {
            _advancing.Release();
        }
    }

    private async Task WaitQuietAsync(CancellationToken cancellationToken)
    {
        List<Func<CancellationToken, Task>> probes;
        lock (_gate)
        {
            probes = [.. _quiescenceProbes];
        }
        // Timer callbacks resume their awaiters on the thread pool; give them a moment to register follow-up work.
        for (int round = 0; round < 2; round++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(5), cancellationToken);
            foreach (var probe in probes)
            {
                await probe(cancellationToken);
            }
        }
    }

    private void Schedule(VirtualTimer timer, DateTimeOffset? due)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
            if (due is { } at)
            {
                timer.Due = at;
                timer.Sequence = ++_sequence;
                _timers.Add(timer);
            }
        }
    }

    private sealed class VirtualTimer(VirtualClock clock, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset Due { get; set; }

        public long Sequence { get; set; }

        public bool Coalesced { get; init; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            _period = period;
            clock.Schedule(this, dueTime == Timeout.InfiniteTimeSpan ? null : clock.GetUtcNow() + (dueTime < TimeSpan.Zero ? TimeSpan.Zero : dueTime));
            return true;
        }

        /// <summary>Called under the clock's lock: removes the timer, re-arming a periodic one.</summary>
        public void Disarm(DateTimeOffset now)
        {
            clock._timers.Remove(this);
            if (_period > TimeSpan.Zero && _period != Timeout.InfiniteTimeSpan)
            {
                Due = now + _period;
                Sequence = ++clock._sequence;
                clock._timers.Add(this);
            }
        }

        public void Fire() => callback(state);

        public void Dispose() => clock.Schedule(this, null);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
